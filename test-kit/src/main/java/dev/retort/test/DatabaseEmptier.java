package dev.retort.test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.retort.config.RetortConfig;
import dev.retort.dialect.postgres.PostgresIdentifiers;

/**
 * Empties the kit's database, as every check starts and as a failed round trip leaves it, once
 * {@link EmptyingGuard} found that it may: drops every schema and publication of the database
 * (and gives default privileges for the whole database back their built-in values), and creates
 * {@code public} again as a new database has it, and the configured {@code schema}.
 */
final class DatabaseEmptier {

	/**
	 * The statements that drop every publication and give every role's default privileges for the
	 * whole database (ALTER DEFAULT PRIVILEGES without IN SCHEMA) back their built-in values, at
	 * which PostgreSQL forgets them: all revoked, then the owner's and PUBLIC's defaults granted.
	 */
	private static final String DATABASE_WIDE_RESETS = "SELECT 'DROP PUBLICATION ' || quote_ident(pubname)"
			+ " FROM pg_publication WHERE pg_has_role(pubowner, 'MEMBER')"
			+ " UNION ALL SELECT * FROM (SELECT 'ALTER DEFAULT PRIVILEGES FOR ROLE '"
			+ " || quote_ident(pg_get_userbyid(d.defaclrole))"
			+ " || a.verb || CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'"
			+ " WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' WHEN 'L' THEN 'LARGE OBJECTS' END || a.whom"
			+ " FROM pg_default_acl d, LATERAL (SELECT 1 AS step, ' REVOKE ALL ON ' AS verb, ' FROM '"
			+ " || CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(e.grantee)) END AS whom"
			+ " FROM (SELECT DISTINCT grantee FROM aclexplode(d.defaclacl)) e"
			+ " UNION ALL SELECT 2, ' GRANT ALL ON ', ' TO ' || quote_ident(pg_get_userbyid(d.defaclrole))"
			+ " UNION ALL SELECT 3, ' GRANT ALL ON ', ' TO PUBLIC' WHERE d.defaclobjtype IN ('f', 'T')) a"
			+ " WHERE d.defaclnamespace = 0 AND pg_has_role(d.defaclrole, 'MEMBER') ORDER BY d.oid, a.step) resets";

	private final RetortConfig config;

	private final KitSessions sessions;

	/** Whether the database may be emptied: told so, or found so before the first time. */
	private boolean mayEmpty;

	DatabaseEmptier(RetortConfig config, KitSessions sessions, boolean mayEmpty) {
		this.config = config;
		this.sessions = sessions;
		this.mayEmpty = mayEmpty;
	}

	/**
	 * Drops every schema and publication of the database (and gives default privileges for the
	 * whole database back their built-in values) and creates {@code public} again as a new database
	 * has it, and the configured {@code schema}: Retort creates that one for its own tables, and no
	 * downgrade removes it, so a database emptied without it would never look the same again after
	 * a revision's round trip.
	 */
	void empty() {
		try (Connection connection = this.sessions.open(); Statement statement = connection.createStatement()) {
			if (!this.mayEmpty) {
				Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
				String refusal = EmptyingGuard.refusal(connection, jvmStart);
				if (refusal != null) {
					throw new IllegalStateException(refusal);
				}
				this.mayEmpty = true;
			}
			List<String> schemas = new ArrayList<>();
			try (var rows = statement.executeQuery("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname "
					+ "NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_toast%' "
					+ "AND nspname NOT LIKE 'pg_temp%'")) {
				while (rows.next()) {
					schemas.add(rows.getString(1));
				}
			}
			for (String schema : schemas) {
				statement.execute("DROP SCHEMA " + schema + " CASCADE");
			}
			// What the round trip compares that no schema holds (an event trigger goes with its function):
			// left by a downgrade that failed the check, it would fail the same revision's upgrade once its
			// downgrade is fixed ("already exists"), or its comparison (a default privilege not restored).
			for (String reset : statements(statement, DATABASE_WIDE_RESETS)) {
				statement.execute(reset);
			}
			createPublicAsANewDatabaseHasIt(connection, statement);
			if (this.config.schema() != null) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + PostgresIdentifiers.quote(this.config.schema()));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not empty the test database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * After a downgrade that left something behind, the version table says the parent while the
	 * schema still holds what the revision made: an application context starting on this database
	 * in the next test run would fail upgrading it again ("already exists"), before the kit could
	 * empty it, and go on failing after the downgrade is fixed. The database is the kit's to empty.
	 */
	void emptyAfterFailure() {
		try {
			empty();
		}
		catch (RuntimeException ex) {
			// The revision's failure is what the test reports; the next run empties it anyway.
		}
	}

	/**
	 * The revisions were written for a database made by {@code CREATE DATABASE}, whose {@code public}
	 * the round trip compares like any schema: its owner ({@code pg_database_owner} from PostgreSQL
	 * 15 on), its privileges ({@code USAGE} for PUBLIC; before 15, {@code CREATE} too) and its
	 * comment. A downgrade giving back what the upgrade revoked from it would otherwise leave
	 * "more" than the kit's bare {@code CREATE SCHEMA public} had.
	 */
	private static void createPublicAsANewDatabaseHasIt(Connection connection, Statement statement) throws SQLException {
		statement.execute("CREATE SCHEMA public");
		boolean pg15 = connection.getMetaData().getDatabaseMajorVersion() >= 15;
		if (pg15) {
			// The database's owner, or a superuser: another user of the kit keeps the schema its own.
			try (var rows = statement.executeQuery("SELECT pg_has_role('pg_database_owner', 'MEMBER')")) {
				if (rows.next() && rows.getBoolean(1)) {
					statement.execute("ALTER SCHEMA public OWNER TO pg_database_owner");
				}
			}
		}
		statement.execute(pg15 ? "GRANT USAGE ON SCHEMA public TO PUBLIC"
				: "GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC");
		statement.execute("COMMENT ON SCHEMA public IS 'standard public schema'");
	}

	private static List<String> statements(Statement statement, String query) throws SQLException {
		List<String> statements = new ArrayList<>();
		try (var rows = statement.executeQuery(query)) {
			while (rows.next()) {
				statements.add(rows.getString(1));
			}
		}
		return statements;
	}

}
