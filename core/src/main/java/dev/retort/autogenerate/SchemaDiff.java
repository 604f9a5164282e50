package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;

/**
 * Every difference between the database and the model, in the order the upgrade makes them.
 *
 * @param changes the differences
 * @param notCompared what the model declares that autogenerate does not compare ({@code trigger
 * audit on orders}), so that a user learns it is left to a revision written by hand
 */
public record SchemaDiff(List<SchemaChange> changes, List<String> notCompared) {

	public SchemaDiff {
		changes = List.copyOf(changes);
		notCompared = List.copyOf(notCompared);
	}

	/** Differences of a model that declares nothing left out of the comparison. */
	public SchemaDiff(List<SchemaChange> changes) {
		this(changes, List.of());
	}

	/** The same differences, with what the model declares and was not compared. */
	public SchemaDiff withNotCompared(List<String> objects) {
		return new SchemaDiff(this.changes, objects);
	}

	public boolean isEmpty() {
		return this.changes.isEmpty();
	}

	/**
	 * The revisions autogenerate writes these differences as, in the order they apply: one, or
	 * two when enum labels must be committed before the other changes use them (PostgreSQL
	 * refuses a label in the transaction that adds it). The first then holds the labels alone.
	 */
	public List<SchemaDiff> revisions() {
		List<SchemaChange> first = this.changes.stream().filter(SchemaChange::committedFirst).toList();
		if (first.isEmpty()) {
			return List.of(this);
		}
		List<SchemaChange> rest = this.changes.stream().filter((change) -> !change.committedFirst()).toList();
		return List.of(new SchemaDiff(first, this.notCompared), new SchemaDiff(rest, this.notCompared));
	}

	/** The changes autogenerate reports with no statement, for the author to write. */
	public List<SchemaChange> writtenByHand() {
		return this.changes.stream().filter(SchemaChange::writtenByHand).toList();
	}

	/**
	 * The upgrade section of the revision autogenerate writes: the changes it cannot write listed
	 * first, as comments, where the author is to write them (an Alembic user finds them so in
	 * the file, not only in what was logged), then every change's statements.
	 */
	public String upgradeSection() {
		List<SchemaChange> byHand = writtenByHand();
		if (byHand.isEmpty()) {
			return upgradeSql();
		}
		StringBuilder section = new StringBuilder("-- Autogenerate cannot write these changes; write them here by hand:\n");
		byHand.forEach((change) -> section.append("-- - ").append(change.description().replace('\n', ' ')).append('\n'));
		return (section + upgradeSql()).stripTrailing();
	}

	/** The downgrade section of the revision autogenerate writes: a reminder to undo what the upgrade writes by hand. */
	public String downgradeSection() {
		if (writtenByHand().isEmpty()) {
			return downgradeSql();
		}
		return ("-- Undo here the changes the upgrade lists to write by hand.\n" + downgradeSql()).stripTrailing();
	}

	/** The upgrade section of a revision: every change's statements, in order. */
	public String upgradeSql() {
		List<String> statements = new ArrayList<>();
		this.changes.forEach((change) -> statements.addAll(change.upgrade()));
		return join(statements);
	}

	/** The downgrade section: every change undone, the last one first. */
	public String downgradeSql() {
		List<String> statements = new ArrayList<>();
		for (int i = this.changes.size() - 1; i >= 0; i--) {
			statements.addAll(this.changes.get(i).downgrade());
		}
		return join(statements);
	}

	private static String join(List<String> statements) {
		StringBuilder sql = new StringBuilder();
		for (String statement : statements) {
			sql.append(statement).append(";\n");
		}
		return sql.toString().stripTrailing();
	}

}
