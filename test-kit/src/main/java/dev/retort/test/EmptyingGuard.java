package dev.retort.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.retort.config.RetortConfig;
import dev.retort.dialect.postgres.PostgresIdentifiers;

/**
 * Whether the kit may empty a database: one pointed by mistake at a developer's own database (a
 * test's {@code spring.datasource.url} left at the local one) would lose it whole. The kit may
 * empty a database that holds nothing of its own yet, and one whose Retort history was written
 * only by the kit or since this JVM started (a {@code @SpringBootTest}'s context migrated it just
 * before); anything else needs the test to say so ({@link MigrationTestKit#mayEmptyAnyDatabase()}).
 */
final class EmptyingGuard {

	/**
	 * Objects of the database's own: relations, routines and types, not an extension's, and not
	 * Retort's version and history tables (the parameters): those say who migrated the database,
	 * the history read below tells, and counted as objects they tripled a user's one table.
	 */
	private static final String OBJECTS = """
			SELECT current_database(),
			  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND %1$s
			     AND c.oid NOT IN (SELECT coalesce(to_regclass(name)::oid, 0) FROM (VALUES (?), (?), (?)) AS retort(name))
			     AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')),
			  (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			   WHERE %1$s AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')),
			  (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
			   WHERE %1$s AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c'
			     AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) AND NOT EXISTS (SELECT 1 FROM pg_depend d
			     WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'))
			""".formatted("n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
			+ " AND n.nspname NOT LIKE 'pg\\_temp%'");

	private EmptyingGuard() {
	}

	/**
	 * Null when the kit may empty the database; else why not, and what to do.
	 * @param since when this JVM started: history written after it is this test run's
	 */
	static String refusal(Connection connection, RetortConfig config, Instant since) throws SQLException {
		String history = qualified(config, config.historyTable());
		String database;
		List<String> objects = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(OBJECTS)) {
			statement.setString(1, qualified(config, config.versionTable()));
			statement.setString(2, history);
			statement.setString(3, qualified(config, config.historyTable() + "_id_seq"));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				database = row.getString(1);
				count(objects, row.getLong(2), "table, view or sequence", "tables, views or sequences");
				count(objects, row.getLong(3), "function or procedure", "functions or procedures");
				count(objects, row.getLong(4), "type", "types");
			}
		}
		boolean hasHistory;
		try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			exists.setString(1, history);
			try (ResultSet row = exists.executeQuery()) {
				row.next();
				hasHistory = row.getBoolean(1);
			}
		}
		String holds;
		if (hasHistory) {
			String written = foreignHistory(connection, history, since);
			if (written == null) {
				return null;
			}
			// Migrated by something else: its history says by whom, whatever else the database holds.
			holds = (objects.isEmpty() ? "nothing but Retort's own tables"
					: String.join(", ", objects) + " besides Retort's own tables") + ", and " + written;
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

	private static String qualified(RetortConfig config, String table) {
		return (config.schema() != null) ? PostgresIdentifiers.quote(config.schema()) + "." + PostgresIdentifiers.quote(table)
				: PostgresIdentifiers.quote(table);
	}

	/** Null when every row of the history is the kit's or this test run's; else who wrote the others, and since when. */
	private static String foreignHistory(Connection connection, String history, Instant since) throws SQLException {
		String sql = "SELECT count(*), string_agg(DISTINCT client, ', ' ORDER BY client), min(started_at) FROM " + history
				+ " WHERE client IS NULL OR (client <> ? AND client NOT LIKE ? AND started_at < ?)";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, MigrationTestKit.APPLICATION_NAME);
			statement.setString(2, "% " + MigrationTestKit.APPLICATION_NAME);
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
