package dev.retort.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema of a database as lines of text, one per object, sorted: schemas, extensions,
 * relations, columns (type, NOT NULL, default, identity, generated), constraints (with whether
 * they are validated), indexes (with whether they are valid), enum types with their labels in
 * order, views' definitions, functions' bodies (as a hash), triggers and comments. Retort's own
 * version and history tables are left out. Two snapshots are equal when the schemas are.
 *
 * @param lines the objects, sorted
 */
record SchemaSnapshot(List<String> lines) {

	private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
			+ "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

	private static final String QUERY = "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS
			+ " UNION ALL SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'"
			+ " UNION ALL SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind ' || c.relkind::text"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
			+ " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
			+ " || COALESCE(' default ' || pg_get_expr(d.adbin, d.adrelid), '')"
			+ " || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END"
			+ " || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END"
			+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
			+ " WHERE " + USER_SCHEMAS + " AND a.attnum > 0 AND NOT a.attisdropped"
			+ " AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || con.conname || ' '"
			+ " || pg_get_constraintdef(con.oid) || CASE WHEN con.convalidated THEN '' ELSE ' (not valid)' END"
			+ " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE " + USER_SCHEMAS + " AND NOT c.relname = ANY (?)"
			+ " UNION ALL SELECT 'index ' || n.nspname || '.' || ic.relname || ' ' || pg_get_indexdef(i.indexrelid)"
			+ " || CASE WHEN i.indisvalid THEN '' ELSE ' (invalid)' END"
			+ " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid"
			+ " JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE " + USER_SCHEMAS + " AND NOT tc.relname = ANY (?)"
			+ " UNION ALL SELECT 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ', '"
			+ " ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_SCHEMAS + " GROUP BY n.nspname, t.typname"
			+ " UNION ALL SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
			+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS
			+ " AND c.relkind IN ('v', 'm')"
			+ " UNION ALL SELECT 'function ' || n.nspname || '.' || p.proname || '('"
			+ " || pg_get_function_identity_arguments(p.oid) || ') body ' || md5(p.prosrc)"
			+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = p.oid AND dep.deptype = 'e')"
			+ " UNION ALL SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || tg.tgname || ' '"
			+ " || pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMAS + " AND NOT tg.tgisinternal"
			+ " UNION ALL SELECT 'comment ' || n.nspname || '.' || c.relname || COALESCE('.' || a.attname, '') || ' '"
			+ " || d.description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid"
			+ " AND d.classoid = 'pg_class'::regclass JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0"
			+ " WHERE " + USER_SCHEMAS;

	SchemaSnapshot {
		lines = List.copyOf(lines);
	}

	/**
	 * Reads the schema.
	 * @param connection a connection to the database
	 * @param leftOut tables not part of the schema (Retort's version and history tables)
	 */
	static SchemaSnapshot read(Connection connection, Set<String> leftOut) throws SQLException {
		Set<String> lines = new TreeSet<>();
		try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
			String[] tables = leftOut.toArray(String[]::new);
			for (int i = 1; i <= 4; i++) {
				statement.setArray(i, connection.createArrayOf("text", tables));
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
		}
		return new SchemaSnapshot(new ArrayList<>(lines));
	}

	/** What {@code other} has that this has not ({@code +}), and the reverse ({@code -}), or "" when equal. */
	String difference(SchemaSnapshot other) {
		StringBuilder text = new StringBuilder();
		Set<String> mine = new TreeSet<>(this.lines);
		Set<String> theirs = new TreeSet<>(other.lines);
		for (String line : theirs) {
			if (!mine.contains(line)) {
				text.append("\n    + ").append(line);
			}
		}
		for (String line : mine) {
			if (!theirs.contains(line)) {
				text.append("\n    - ").append(line);
			}
		}
		return text.toString();
	}

	/** The objects left invalid: indexes a failed concurrent build left, constraints never validated. */
	List<String> invalidObjects() {
		return this.lines.stream().filter((line) -> line.endsWith(" (invalid)") || line.endsWith(" (not valid)")).toList();
	}

}
