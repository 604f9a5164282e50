package dev.retort.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the revisions linted so far declared, for the rules that depend on what came before:
 * column types (from {@code CREATE TABLE}, {@code ADD COLUMN}, {@code ALTER COLUMN ... TYPE}) and
 * {@code CHECK (c IS NOT NULL)} constraints with whether they were validated.
 */
final class Catalog {

	/** Column types by {@code table.column}. */
	private final Map<String, String> columnTypes = new HashMap<>();

	/** The column of each {@code CHECK (c IS NOT NULL)} constraint, by {@code table.constraint}. */
	private final Map<String, String> notNullChecks = new HashMap<>();

	/** {@code table.column} holding a validated {@code CHECK (c IS NOT NULL)}. */
	private final Set<String> provenNotNull = new HashSet<>();

	/** Records a column's type; the type it had before, or {@code null} when it was not declared. */
	String declareColumn(String table, String column, String type) {
		return this.columnTypes.put(table + "." + column, type);
	}

	/** Records a {@code CHECK (column IS NOT NULL)} constraint named {@code constraint}. */
	void notNullCheck(String table, String constraint, String column) {
		this.notNullChecks.put(table + "." + constraint, column);
	}

	/** Records that a validated check proves {@code column} holds no null. */
	void provenNotNull(String table, String column) {
		this.provenNotNull.add(table + "." + column);
	}

	/** Records that {@code constraint} was validated. */
	void validated(String table, String constraint) {
		String column = this.notNullChecks.get(table + "." + constraint);
		if (column != null) {
			provenNotNull(table, column);
		}
	}

	boolean isProvenNotNull(String table, String column) {
		return this.provenNotNull.contains(table + "." + column);
	}

}
