package dev.retort.runtime;

/**
 * Where Retort keeps its bookkeeping: the schema and the names of the version and history
 * tables.
 *
 * @param schema the schema of both tables; {@code null} only in an offline script that leaves
 * it to the {@code search_path}
 * @param versionTable the version table
 * @param historyTable the history table
 */
public record TableNames(String schema, String versionTable, String historyTable) {

	/** The version table, schema-qualified and quoted as needed. */
	public String qualifiedVersionTable() {
		return qualify(this.versionTable);
	}

	/** The history table, schema-qualified and quoted as needed. */
	public String qualifiedHistoryTable() {
		return qualify(this.historyTable);
	}

	private String qualify(String table) {
		return (this.schema != null) ? Sql.identifier(this.schema) + "." + Sql.identifier(table) : Sql.identifier(table);
	}

}
