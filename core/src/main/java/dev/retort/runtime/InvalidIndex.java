package dev.retort.runtime;

/**
 * An index of the migrated schema that PostgreSQL marks INVALID ({@code pg_index.indisvalid =
 * false}) and that no session is building now: what a {@code CREATE INDEX CONCURRENTLY} (or
 * {@code REINDEX … CONCURRENTLY}) killed or failed half-way leaves behind. No query uses it, every
 * write still updates it, and the build that made it fails on it next time (or, with
 * {@code IF NOT EXISTS}, keeps it).
 *
 * @param name the index as the server prints it (schema-qualified outside the search path)
 * @param relname its bare name, as a revision's SQL would write it
 * @param table its table, as the server prints it
 */
public record InvalidIndex(String name, String relname, String table) {

	/**
	 * The INVALID indexes of {@code schema}, by name. A concurrent build marks its index INVALID
	 * until it is done, so those of a table another session is building an index on now
	 * ({@code pg_stat_progress_create_index}) are left out: they are not left over, not yet. That
	 * view shows another role's builds only to a role allowed to read them ({@code pg_read_all_stats}).
	 */
	static String query(String schema) {
		return "SELECT i.indexrelid::regclass::text, c.relname, i.indrelid::regclass::text"
				+ " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
				+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
				+ " WHERE NOT i.indisvalid AND n.nspname = " + Sql.literal(schema)
				+ " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p"
				+ " WHERE p.relid = i.indrelid OR p.index_relid = i.indexrelid)"
				+ " ORDER BY c.relname";
	}

}
