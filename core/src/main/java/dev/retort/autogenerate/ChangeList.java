package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes one comparison has found so far, in the order the upgrade makes them: the
 * comparisons of types, sequences, partitions, columns and views each add theirs here, in the
 * turn {@link SchemaComparator} gives them, so that the order stays in one place.
 */
final class ChangeList {

	private final List<SchemaChange> changes = new ArrayList<>();

	void add(SchemaChange change) {
		this.changes.add(change);
	}

	/** A change made by one statement and undone by another. */
	void add(String description, String upgrade, String downgrade) {
		this.changes.add(new SchemaChange(description, List.of(upgrade), List.of(downgrade)));
	}

	/** The changes themselves, for a last pass that rewords some of them in place. */
	List<SchemaChange> asList() {
		return this.changes;
	}

}
