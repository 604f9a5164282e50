package dev.retort.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

import dev.retort.testing.TestDatabase;

/**
 * What a database's user schemas hold, read from the catalog as sorted lines (one per schema,
 * relation, column, constraint, index, sequence, enum type, function, trigger and comment), so that two snapshots
 * compare equal exactly when the schema is the same.
 */
public final class CatalogSnapshot {

	private static final String USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

	private static final List<String> QUERIES = List.of(
			"SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA,
			"SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text"
					+ " || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')"
					+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA,
			"SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
					+ " || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull"
					+ " || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' identity=' || a.attidentity::text"
					+ " || ' comment=' || coalesce(col_description(c.oid, a.attnum), '')"
					+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
					+ " WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_SCHEMA,
			"SELECT 'constraint ' || n.nspname || '.' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
					+ " || ' valid=' || k.convalidated || ' deferrable=' || k.condeferrable"
					+ " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE k.contype <> 'n' AND " + USER_SCHEMA,
			"SELECT 'index ' || indexdef FROM pg_indexes n WHERE schemaname NOT LIKE 'pg\\_%'"
					+ " AND schemaname <> 'information_schema'",
			"SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' start=' || start_value"
					+ " || ' increment=' || increment_by || ' min=' || min_value || ' max=' || max_value"
					+ " || ' cache=' || cache_size || ' cycle=' || cycle FROM pg_sequences",
			"SELECT 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
					+ " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid"
					+ " GROUP BY n.nspname, t.typname",
			"SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '"
					+ " || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMA
					+ " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid"
					+ " AND e.deptype = 'e')",
			"SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND " + USER_SCHEMA);

	private CatalogSnapshot() {
	}

	/** The sorted lines describing {@code db}'s user schemas. */
	public static List<String> of(TestDatabase db) {
		List<String> lines = new ArrayList<>();
		for (String query : QUERIES) {
			lines.addAll(db.queryStrings(query));
		}
		lines.sort(null);
		return lines;
	}

}
