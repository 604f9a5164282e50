package dev.retort.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the kit may empty a database: one pointed by mistake at a developer's own database (a
 * test's {@code spring.datasource.url} left at the local one) would lose it whole. The kit may
 * empty a database that holds nothing of its own yet, and one whose Retort history was written
 * only by the kit or since this JVM started (a {@code @SpringBootTest}'s context migrated it just
 * before); anything else needs the test to say so ({@link MigrationTestKit#mayEmptyAnyDatabase()}).
 */
final class EmptyingGuard {

	/**
	 * Retort's history tables, found by their columns in any schema and under any name: a kit
	 * database last used with another {@code retort.schema} or {@code retort.history-table} (a team
	 * renames it in one commit) holds the kit's history under the old name, where the configured
	 * name finds nothing. Named as {@code regclass} prints them: qualified only off the search path.
	 */
	private static final String HISTORIES = """
			SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p') AND %s AND (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid
			  AND a.attnum > 0 AND NOT a.attisdropped AND a.attname IN ('revision', 'operation', 'from_heads',
			  'to_heads', 'checksum', 'applied_by', 'client', 'started_at', 'duration_ms', 'success')) = 10
			""".formatted(SchemaSnapshot.USER_SCHEMAS);

	/**
	 * Objects of the database's own: relations, routines and types, not an extension's, and not
	 * Retort's version and history tables (and the history's sequence), under whatever name and in
	 * whatever schema: those say who migrated the database, the history read below tells, and
	 * counted as objects they tripled a user's one table. Then the histories' names.
	 */
	private static final String OBJECTS = """
			WITH history AS (%2$s),
			retort AS (SELECT oid FROM history
			  UNION ALL SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			  WHERE c.relkind = 'r' AND %1$s AND ARRAY(SELECT a.attname::text FROM pg_attribute a
			    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) = ARRAY['version_num']
			  UNION ALL SELECT d.objid FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
			    AND d.refclassid = 'pg_class'::regclass AND d.refobjid IN (SELECT oid FROM history))
			SELECT current_database(),
			  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND %1$s AND c.oid NOT IN (SELECT oid FROM retort)
			     AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')),
			  (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			   WHERE %1$s AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')),
			  (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
			   WHERE %1$s AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c'
			     AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')),
			  ARRAY(SELECT oid::regclass::text FROM history ORDER BY 1)
			""".formatted(SchemaSnapshot.USER_SCHEMAS, HISTORIES);

	private EmptyingGuard() {
	}

	/**
	 * Null when the kit may empty the database; else why not, and what to do.
	 * @param since when this JVM started: history written after it is this test run's
	 */
	static String refusal(Connection connection, Instant since) throws SQLException {
		String database;
		List<String> objects = new ArrayList<>();
		List<String> histories = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(OBJECTS);
				ResultSet row = statement.executeQuery()) {
			row.next();
			database = row.getString(1);
			count(objects, row.getLong(2), "table, view or sequence", "tables, views or sequences");
			count(objects, row.getLong(3), "function or procedure", "functions or procedures");
			count(objects, row.getLong(4), "type", "types");
			histories.addAll(List.of((String[]) row.getArray(5).getArray()));
		}
		String holds;
		if (!histories.isEmpty()) {
			List<String> written = new ArrayList<>();
			for (String history : histories) {
				String foreign = foreignHistory(connection, history, since);
				if (foreign != null) {
					written.add(foreign);
				}
			}
			if (written.isEmpty()) {
				return null;
			}
			// Migrated by something else: its history says by whom, whatever else the database holds.
			holds = (objects.isEmpty() ? "nothing but Retort's own tables"
					: String.join(", ", objects) + " besides Retort's own tables") + ", and " + String.join(", and ", written);
		}
		else if (objects.isEmpty()) {
			return null;
		}
		else {
			holds = String.join(", ", objects) + " that no run of the kit made: no Retort history is there";
		}
		return "The kit empties the database it is given (it drops every schema in it), and database '" + database
				+ "' holds " + holds + ". Give the kit a database of its own (Testcontainers' PostgreSQLContainer,"
				+ " an embedded PostgreSQL),"
				+ " or, if this one may be emptied, say so: MigrationTestKit.of(…).mayEmptyAnyDatabase()."
				+ " Nothing was changed.";
	}

	/** Null when every row of the history is the kit's or this test run's; else who wrote the others, and since when. */
	private static String foreignHistory(Connection connection, String history, Instant since) throws SQLException {
		String sql = "SELECT count(*), string_agg(DISTINCT client, ', ' ORDER BY client), min(started_at) FROM " + history
				+ " WHERE client IS NULL OR (client <> ? AND client NOT LIKE ? AND started_at < ?)";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, KitSessions.APPLICATION_NAME);
			statement.setString(2, "% " + KitSessions.APPLICATION_NAME);
			statement.setTimestamp(3, Timestamp.from(since));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				if (row.getLong(1) == 0) {
					return null;
				}
				return "its Retort history (" + history + ") holds " + row.getLong(1) + " row(s) written before this test"
						+ " run, by " + row.getString(2) + ", the first at " + row.getTimestamp(3).toInstant();
			}
		}
	}

	private static void count(List<String> objects, long count, String one, String many) {
		if (count > 0) {
			objects.add(count + " " + ((count == 1) ? one : many));
		}
	}

}
