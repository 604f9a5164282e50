package dev.retort.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The rows of the version table while a plan is built: each change is applied here as it is
 * recorded, so a step's {@code headsAfter} is the next step's {@code headsBefore}. An update
 * keeps the row's position, so the order of rows is stable.
 */
final class VersionRows {

	private final List<String> rows;

	VersionRows(Collection<String> rows) {
		this.rows = new ArrayList<>(new LinkedHashSet<>(rows));
	}

	List<String> snapshot() {
		return List.copyOf(this.rows);
	}

	boolean contains(String revision) {
		return this.rows.contains(revision);
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	VersionChange insert(String revision) {
		check(!this.rows.contains(revision), "insert", revision);
		this.rows.add(revision);
		return new VersionChange.Insert(revision);
	}

	VersionChange delete(String revision) {
		check(this.rows.remove(revision), "delete", revision);
		return new VersionChange.Delete(revision);
	}

	VersionChange update(String from, String to) {
		int at = this.rows.indexOf(from);
		check(at >= 0 && !this.rows.contains(to), "update " + from + " to", to);
		this.rows.set(at, to);
		return new VersionChange.Update(from, to);
	}

	VersionChange deleteAll() {
		this.rows.clear();
		return new VersionChange.DeleteAll();
	}

	/** Applies changes to rows, as the runtime does; used to check plans. */
	static List<String> apply(Collection<String> rows, List<VersionChange> changes) {
		VersionRows result = new VersionRows(rows);
		for (VersionChange change : changes) {
			if (change instanceof VersionChange.Insert insert) {
				result.insert(insert.revision());
			}
			else if (change instanceof VersionChange.Delete delete) {
				result.delete(delete.revision());
			}
			else if (change instanceof VersionChange.Update update) {
				result.update(update.from(), update.to());
			}
			else {
				result.deleteAll();
			}
		}
		return result.snapshot();
	}

	private void check(boolean condition, String action, String revision) {
		if (!condition) {
			// A plan that breaks the row algebra is a bug in the planner, never bad input.
			throw new IllegalStateException("Cannot " + action + " version row " + revision + " in " + this.rows);
		}
	}

}
