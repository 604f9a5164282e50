package dev.retort.autogenerate;

import java.util.ArrayList;
import java.util.List;

/**
 * Every difference between the database and the model, in the order the upgrade makes them.
 *
 * @param changes the differences
 */
public record SchemaDiff(List<SchemaChange> changes) {

	public SchemaDiff {
		changes = List.copyOf(changes);
	}

	public boolean isEmpty() {
		return this.changes.isEmpty();
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
