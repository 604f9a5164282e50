package dev.retort.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What PG108, PG119, PG122, PG123, PG124 and PG126 say of PostgreSQL, and what PG105 advises, held
 * against a real server: the lock a statement holds until its transaction ends, as another session
 * sees it, and whether that session's SELECT gets through, or whether it reads a table's rows; and
 * what PG115 and PG118 read as PostgreSQL does (a set_config of lock_timeout, a new enum label and
 * the same text elsewhere).
 */
@ExtendWith(PostgresExtension.class)
class LockClaimsTests {

	@Test
	void refreshWithoutConcurrentlyStopsTheReadsOfTheViewAndConcurrentlyDoesNot(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint)",
				"CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) AS n FROM orders GROUP BY 1",
				"CREATE UNIQUE INDEX order_counts_user ON order_counts (user_id)");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("REFRESH MATERIALIZED VIEW order_counts");
			assertThat(modes(db, "order_counts")).contains("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "order_counts"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			// PG122's fix runs inside a transactional revision, and lets the reads go on.
			statement.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY order_counts");
			assertThat(modes(db, "order_counts")).contains("ExclusiveLock").doesNotContain("AccessExclusiveLock");
			read(db, "order_counts");
			migration.rollback();
		}
	}

	@Test
	void setUnloggedAndSetLoggedRewriteTheTableUnderAccessExclusive(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE events (id bigint PRIMARY KEY)", "INSERT INTO events SELECT generate_series(1, 100)");
		for (String persistence : new String[] { "UNLOGGED", "LOGGED" }) {
			String before = db.queryStrings("SELECT relfilenode FROM pg_class WHERE relname = 'events'").get(0);
			try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
				migration.setAutoCommit(false);
				statement.execute("ALTER TABLE events SET " + persistence);
				assertThat(modes(db, "events")).as(persistence).contains("AccessExclusiveLock");
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events"));
				migration.commit();
			}
			// A new file: the table was copied, not marked.
			assertThat(db.queryStrings("SELECT relfilenode FROM pg_class WHERE relname = 'events'")).as(persistence)
				.doesNotContain(before);
		}
	}

	@Test
	void lockTableWithoutAModeStopsEveryReadUntilTheCommit(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("LOCK TABLE orders");
			assertThat(modes(db, "orders")).containsExactly("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "orders"));
			migration.rollback();
			// PG124's advice: SHARE blocks writes and lets reads go on.
			statement.execute("LOCK TABLE orders IN SHARE MODE");
			read(db, "orders");
			migration.rollback();
		}
	}

	@Test
	void aLockTableInShareModeKeepsOtherWritesOutWhileTheRevisionsOwnUpdateRuns(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text)", "INSERT INTO orders VALUES (1, 'a'), (2, 'b')");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			// PG117 says it is the LOCK TABLE's lock that the UPDATE runs under, until the commit.
			statement.execute("LOCK TABLE orders IN SHARE MODE");
			statement.execute("UPDATE orders SET note = 'x' WHERE id = 1");
			assertThat(modes(db, "orders")).contains("ShareLock", "RowExclusiveLock");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> select(db, "SET lock_timeout = '50ms'; UPDATE orders SET note = 'y' WHERE id = 2"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			read(db, "orders");
			migration.commit();
		}
		select(db, "SET lock_timeout = '50ms'; UPDATE orders SET note = 'y' WHERE id = 2");
	}

	@Test
	void lockTableOutsideATransactionBlockTakesNoLockAndInADoBlockHoldsItUntilTheBlockEnds(TestDatabase db)
			throws SQLException {
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			// A Transactional: false revision runs each statement on its own: PG124 has no lock to speak of.
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("LOCK TABLE orders"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("25P01"));
			assertThat(modes(db, "orders")).isEmpty();
			// A DO block is a transaction of its own: the lock is gone when it ends.
			statement.execute("DO $$ BEGIN LOCK TABLE orders; END $$");
			assertThat(modes(db, "orders")).isEmpty();
			read(db, "orders");
		}
	}

	@Test
	void dropTableIfExistsOfATableThatIsNotThereLocksNothing(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("DROP TABLE IF EXISTS no_such_table CASCADE");
			// No table lock held by the migration's transaction: PG116 counts only orders.
			assertThat(db.queryStrings("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
					+ " WHERE l.locktype = 'relation' AND a.pid <> pg_backend_pid() AND a.datname = current_database()"
					+ " AND l.mode = 'AccessExclusiveLock'")).containsExactly("0");
			statement.execute("ALTER TABLE orders ADD COLUMN note text");
			assertThat(modes(db, "orders")).contains("AccessExclusiveLock");
			migration.rollback();
		}
	}

	@Test
	void pg105sGuardForAddConstraintRunsASecondTimeAsItRanTheFirst(TestDatabase db) {
		db.execute("CREATE TABLE users (id bigint PRIMARY KEY)", "CREATE TABLE orders (id bigint, user_id bigint)");
		String guarded = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'orders'::regclass AND"
				+ " conname = 'orders_user_fk') THEN ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY"
				+ " (user_id) REFERENCES users (id) NOT VALID; END IF; END $$";
		db.execute(guarded, guarded);
		assertThat(db.queryStrings("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_user_fk'"))
			.containsExactly("1");
	}

	@Test
	void aRenamedViewBreaksThePreviousReleasesQueriesAsATablesRenameDoes(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)",
				"CREATE VIEW user_emails AS SELECT id, email FROM users");
		// The revision PG113 now flags: before, lint passed it.
		String rename = "ALTER VIEW user_emails RENAME TO member_emails;";
		assertThat(Linter.lint(java.util.List.of(LintedRevision.of("r2", "r2.sql", true,
				dev.retort.dialect.postgres.StatementSplitter.split(rename, 1), rename, 1))))
			.extracting(LintFinding::rule)
			.containsExactly("PG113");
		db.execute("ALTER VIEW user_emails RENAME TO member_emails");
		// The previous release's query.
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "user_emails"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42P01"));
		db.execute("ALTER VIEW member_emails RENAME COLUMN email TO address");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> select(db, "SELECT email FROM member_emails"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42703"));
	}

	@Test
	void aTableRenamedWithAViewOfItsOldNameKeepsThePreviousReleasesReadsAndWritesWorking(TestDatabase db)
			throws SQLException {
		String base = "CREATE TABLE accounts (id bigserial PRIMARY KEY, balance numeric(12,2) NOT NULL DEFAULT 0, owner text)";
		db.execute(base, "INSERT INTO accounts (owner) VALUES ('ann')");
		String revision = "ALTER TABLE accounts RENAME TO ledgers;\nCREATE VIEW accounts AS SELECT * FROM ledgers;";
		assertThat(Linter.lint(List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1), base, 1),
				LintedRevision.of("r2", "r2.sql", true,
						dev.retort.dialect.postgres.StatementSplitter.split(revision, 1), revision, 1))))
			.isEmpty();
		String table = db.queryStrings("SELECT oid FROM pg_class WHERE relname = 'accounts'").get(0);
		String file = db.queryStrings("SELECT relfilenode FROM pg_class WHERE relname = 'accounts'").get(0);
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			for (String sql : revision.split(";\n")) {
				statement.execute(sql);
			}
			// The rename's lock is the one ALTER TABLE takes, held until the commit, with nothing to scan
			// (the new name is not visible to another session yet: the table by its oid).
			assertThat(db.queryStrings("SELECT mode FROM pg_locks WHERE relation = " + table + " AND granted"
					+ " AND pid <> pg_backend_pid()")).contains("AccessExclusiveLock");
			migration.commit();
		}
		assertThat(db.queryStrings("SELECT relfilenode FROM pg_class WHERE relname = 'ledgers'")).containsExactly(file);
		// The previous release's queries, on the old name: the view is updatable, and the table's defaults apply.
		assertThat(db.queryStrings("INSERT INTO accounts (owner) VALUES ('bob') RETURNING id || ' ' || balance"))
			.containsExactly("2 0.00");
		select(db, "INSERT INTO accounts (id, owner) VALUES (1, 'ann b') ON CONFLICT (id) DO UPDATE SET owner = excluded.owner");
		select(db, "UPDATE accounts SET balance = balance + 5 WHERE id = 2");
		select(db, "DELETE FROM accounts WHERE id = 1");
		assertThat(db.queryStrings("SELECT id || ' ' || balance || ' ' || owner FROM ledgers")).containsExactly("2 5.00 bob");
	}

	@Test
	void aForeignKeyAddedWithItsColumnReadsTheRowsOnlyWhenTheColumnHasADefault(TestDatabase db) throws SQLException {
		String base = "CREATE TABLE accounts (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY);";
		db.execute(base.split(";\n"));
		db.execute("INSERT INTO accounts SELECT generate_series(1, 100)", "INSERT INTO orders SELECT generate_series(1, 100)");
		// Each ADD COLUMN, and whether PostgreSQL reads the rows of orders to check the key (PG106).
		Map<String, Boolean> cases = new LinkedHashMap<>();
		cases.put("ALTER TABLE orders ADD COLUMN account_id bigint REFERENCES accounts (id)", false);
		cases.put("ALTER TABLE orders ADD COLUMN account_id bigint CONSTRAINT orders_account_fk REFERENCES accounts (id)"
				+ " ON DELETE SET NULL, ADD COLUMN n int DEFAULT 0", false);
		cases.put("ALTER TABLE orders ADD COLUMN account_id bigint DEFAULT 1 REFERENCES accounts (id)", true);
		cases.put("ALTER TABLE orders ADD COLUMN account_id bigint REFERENCES accounts (id) DEFAULT NULL", true);
		for (Map.Entry<String, Boolean> entry : cases.entrySet()) {
			String revision = entry.getKey() + ";";
			assertThat(Linter.lint(List.of(
					LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
							base, 1),
					LintedRevision.of("r2", "r2.sql", true,
							dev.retort.dialect.postgres.StatementSplitter.split(revision, 1), revision, 1))))
				.as(entry.getKey())
				.extracting(LintFinding::rule)
				.containsExactlyElementsOf(entry.getValue() ? List.of("PG106") : List.of());
			try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
				migration.setAutoCommit(false);
				long before = sequentialScansOfOrders(statement);
				statement.execute(entry.getKey());
				assertThat(sequentialScansOfOrders(statement) > before).as(entry.getKey()).isEqualTo(entry.getValue());
				// Valid either way: without a default there was nothing to check.
				try (ResultSet valid = statement.executeQuery("SELECT bool_and(convalidated) FROM pg_constraint"
						+ " WHERE conrelid = 'orders'::regclass AND contype = 'f'")) {
					valid.next();
					assertThat(valid.getBoolean(1)).isTrue();
				}
				migration.rollback();
			}
		}
	}

	/** The sequential scans of orders so far in this session's transaction (and not yet reported). */
	private static long sequentialScansOfOrders(Statement statement) throws SQLException {
		try (ResultSet scans = statement.executeQuery("SELECT pg_stat_get_xact_numscans('orders'::regclass)")) {
			scans.next();
			return scans.getLong(1);
		}
	}

	@Test
	void timestampToTimestamptzKeepsTheTableFileOnlyInASessionOfUtc(TestDatabase db) throws SQLException {
		String base = "CREATE TABLE visits (id bigint PRIMARY KEY, at timestamp)";
		db.execute(base, "INSERT INTO visits SELECT i, now() FROM generate_series(1, 100) i");
		// A runner whose JVM is in Berlin; the revision PG112 passes sets UTC, the one it flags does not.
		Map<String, Boolean> cases = new LinkedHashMap<>();
		cases.put("SET LOCAL TimeZone = 'UTC';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz;", false);
		cases.put("ALTER TABLE visits ALTER COLUMN at TYPE timestamptz;", true);
		cases.put("SET LOCAL TimeZone = 'UTC';\nALTER TABLE visits ALTER COLUMN at TYPE timestamptz USING at AT TIME ZONE"
				+ " 'UTC';", true);
		for (Map.Entry<String, Boolean> entry : cases.entrySet()) {
			String revision = entry.getKey();
			assertThat(Linter.lint(List.of(
					LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
							base, 1),
					LintedRevision.of("r2", "r2.sql", true,
							dev.retort.dialect.postgres.StatementSplitter.split(revision, 1), revision, 1))))
				.as(revision)
				.extracting(LintFinding::rule)
				.containsExactlyElementsOf(entry.getValue() ? List.of("PG112") : List.of());
			String file = db.queryStrings("SELECT relfilenode FROM pg_class WHERE relname = 'visits'").get(0);
			try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
				migration.setAutoCommit(false);
				statement.execute("SET TimeZone = 'Europe/Berlin'");
				for (String sql : revision.split(";\n")) {
					statement.execute(sql);
				}
				assertThat(modes(db, "visits")).as(revision).contains("AccessExclusiveLock");
				try (ResultSet now = statement.executeQuery("SELECT relfilenode FROM pg_class WHERE relname = 'visits'")) {
					now.next();
					assertThat(!now.getString(1).equals(file)).as(revision).isEqualTo(entry.getValue());
				}
				migration.rollback();
			}
		}
	}

	@Test
	void setConfigOfLockTimeoutReplacesTheRunnersAsSetDoes(TestDatabase db) throws SQLException {
		String revision = "SELECT set_config('lock_timeout', '10min', false);\nALTER TABLE orders ADD COLUMN note text;";
		// The revision PG115 now flags: before, lint passed it.
		assertThat(Linter.lint(java.util.List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(
						"CREATE TABLE orders (id bigint PRIMARY KEY);", 1), "CREATE TABLE orders (id bigint PRIMARY KEY);", 1),
				LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(revision, 1),
						revision, 1))))
			.extracting(LintFinding::rule)
			.containsExactly("PG115");
		db.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			// The runner's retort.ddl.lock-timeout, then the revision's first statement.
			statement.execute("SET lock_timeout = '5s'");
			statement.execute("SELECT set_config('lock_timeout', '10min', false)");
			try (java.sql.ResultSet shown = statement.executeQuery("SHOW lock_timeout")) {
				shown.next();
				assertThat(shown.getString(1)).isEqualTo("10min");
			}
			migration.rollback();
		}
	}

	@Test
	void performSetConfigOfLockTimeoutInADoBlockReplacesTheRunnersForTheRestOfTheRevision(TestDatabase db)
			throws SQLException {
		String base = "CREATE TABLE orders (id bigint PRIMARY KEY);";
		for (String call : List.of("set_config('lock_timeout', '10min', false)", "pg_catalog.set_config('lock_timeout',"
				+ " '10min', true)")) {
			String revision = "DO $$ BEGIN PERFORM " + call + "; END $$;\nALTER TABLE orders ADD COLUMN note text;";
			// Before, nothing: the block's PERFORM was not read.
			assertThat(Linter.lint(List.of(
					LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
							base, 1),
					LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(revision, 1),
							revision, 1))))
				.singleElement()
				.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG115"))
				.satisfies((finding) -> assertThat(finding.message()).startsWith("PERFORM set_config('lock_timeout',"
						+ " '10min', "));
		}
		db.execute(base);
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			// The runner's retort.ddl.lock-timeout, then the block; local or not, it lasts past the block.
			for (String local : List.of("false", "true")) {
				statement.execute("SET lock_timeout = '5s'");
				statement.execute("DO $$ BEGIN PERFORM set_config('lock_timeout', '10min', " + local + "); END $$");
				try (java.sql.ResultSet shown = statement.executeQuery("SHOW lock_timeout")) {
					shown.next();
					assertThat(shown.getString(1)).as(local).isEqualTo("10min");
				}
			}
			migration.rollback();
		}
		// A block's PERFORM of search_path, not local, lasts past the block and its transaction, as SET does (PG121).
		String searchPath = "DO $$ BEGIN PERFORM set_config('search_path', 'app, public', false); END $$;";
		assertThat(lintWithoutTransaction(base, searchPath)).extracting(LintFinding::rule).containsExactly("PG121");
		try (Connection session = db.connect(); Statement statement = session.createStatement()) {
			statement.execute(searchPath);
			try (java.sql.ResultSet shown = statement.executeQuery("SHOW search_path")) {
				shown.next();
				assertThat(shown.getString(1)).isEqualTo("app, public");
			}
		}
	}

	@Test
	void aLocalLockTimeoutInADoBlockOfARevisionWithoutATransactionEndsWithTheBlock(TestDatabase db)
			throws SQLException {
		String base = "CREATE TABLE orders (id bigint PRIMARY KEY);";
		for (String setting : List.of("PERFORM set_config('lock_timeout', '0', true)", "SET LOCAL lock_timeout = 0")) {
			String after = "DO $$ BEGIN " + setting + "; END $$;\nALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;";
			String inside = "DO $$ BEGIN " + setting + "; ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text; END $$;";
			// Before, PG115 for both: the statement after the block was taken to wait without end.
			assertThat(lintWithoutTransaction(base, after)).as(setting).isEmpty();
			assertThat(lintWithoutTransaction(base, inside)).as(setting).singleElement()
				.satisfies((finding) -> assertThat(finding.rule()).isEqualTo("PG115"));
		}
		db.execute(base);
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			// The runner's retort.ddl.lock-timeout; each statement then commits on its own.
			statement.execute("SET lock_timeout = '5s'");
			statement.execute("DO $$ BEGIN PERFORM set_config('lock_timeout', '0', true); END $$");
			statement.execute("DO $$ BEGIN SET LOCAL lock_timeout = 0; END $$");
			try (java.sql.ResultSet shown = statement.executeQuery("SHOW lock_timeout")) {
				shown.next();
				assertThat(shown.getString(1)).isEqualTo("5s");
			}
		}
	}

	private static List<LintFinding> lintWithoutTransaction(String base, String revision) {
		return Linter.lint(List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1), base, 1),
				LintedRevision.of("r2", "r2.sql", false, dev.retort.dialect.postgres.StatementSplitter.split(revision, 1),
						revision, 1)));
	}

	@Test
	void aNewEnumLabelIsRefusedAsTheEnumAndRunsAsTheSameTextElsewhere(TestDatabase db) throws SQLException {
		db.execute("CREATE TYPE order_status AS ENUM ('new', 'paid')",
				"CREATE TABLE orders (id bigint PRIMARY KEY, status order_status, note text)",
				"CREATE TABLE plans (id bigint, name text)", "INSERT INTO orders VALUES (1, 'new', NULL)");
		String base = "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
				+ "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status, note text);\n"
				+ "CREATE TABLE plans (id bigint, name text);";
		String text = "ALTER TYPE order_status ADD VALUE 'shipped';\nUPDATE plans SET name = 'shipped' WHERE id = 3;\n"
				+ "COMMENT ON TABLE orders IS 'shipped';\nUPDATE orders SET note = 'shipped' WHERE status = 'new';";
		// Before, PG118 twice, at lines 2 and 3; now nothing.
		assertThat(Linter.lint(java.util.List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1), base, 1),
				LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(text, 1), text,
						1))))
			.isEmpty();
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			for (String sql : text.split(";\n")) {
				statement.execute(sql);
			}
			migration.rollback();
			statement.execute("ALTER TYPE order_status ADD VALUE 'shipped'");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("UPDATE orders SET status = 'shipped' WHERE id = 1"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P04"));
			migration.rollback();
		}
	}

	@Test
	void aNewEnumLabelInASqlFunctionsBodyFailsTheCreateWherePostgresqlReadsTheBodyThenAndIsFlaggedThereAlone(
			TestDatabase db) throws SQLException {
		String base = "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
				+ "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status);";
		db.execute(base.split(";\n"));
		String add = "ALTER TYPE order_status ADD VALUE 'shipped';\n";
		// Each case: the statements after the ADD VALUE, and whether PostgreSQL refuses them (55P04).
		Map<String, Boolean> cases = new LinkedHashMap<>();
		// A SQL body, quoted either way, is parsed and analysed at the CREATE (check_function_bodies).
		cases.put("CREATE FUNCTION shipped_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders"
				+ " WHERE status = 'shipped' $$;", true);
		cases.put("CREATE OR REPLACE FUNCTION shipped() RETURNS order_status AS $$ SELECT 'shipped'::order_status $$"
				+ " LANGUAGE sql;", true);
		cases.put("CREATE PROCEDURE ship(n bigint) LANGUAGE sql AS 'UPDATE orders SET status = ''shipped'' WHERE id = n';",
				true);
		cases.put("SET LOCAL check_function_bodies = off;\nRESET check_function_bodies;\nCREATE FUNCTION shipped()"
				+ " RETURNS order_status LANGUAGE sql AS $$ SELECT 'shipped'::order_status $$;", true);
		// The same text, not read as the enum.
		cases.put("CREATE FUNCTION shipped_text() RETURNS text LANGUAGE sql AS $$ SELECT 'shipped' $$;", false);
		// A polymorphic argument leaves the body unread until a call; so does PL/pgSQL, and
		// check_function_bodies off (pg_dump's output sets it so).
		cases.put("CREATE FUNCTION shipped_count(a anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM"
				+ " orders WHERE status = 'shipped' $$;", false);
		cases.put("CREATE FUNCTION shipped_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*)"
				+ " FROM orders WHERE status = 'shipped'); END $$;", false);
		cases.put("SET LOCAL check_function_bodies = off;\nCREATE FUNCTION shipped_count() RETURNS bigint LANGUAGE sql"
				+ " AS $$ SELECT count(*) FROM orders WHERE status = 'shipped' $$;", false);
		for (Map.Entry<String, Boolean> entry : cases.entrySet()) {
			String text = add + entry.getKey();
			List<LintFinding> findings = Linter.lint(List.of(
					LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
							base, 1),
					LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(text, 1),
							text, 1)));
			String refused = null;
			try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
				migration.setAutoCommit(false);
				try {
					for (String sql : text.split(";\n")) {
						statement.execute(sql);
					}
				}
				catch (SQLException ex) {
					refused = ex.getSQLState();
				}
				migration.rollback();
			}
			assertThat(refused).as(entry.getKey()).isEqualTo(entry.getValue() ? "55P04" : null);
			assertThat(findings).as(entry.getKey())
				.extracting(LintFinding::rule)
				.containsExactlyElementsOf(entry.getValue() ? List.of("PG118") : List.of());
		}
		// Where the body is read at the first call, a call in the same transaction fails there, and is flagged
		// there when the revision creates the routine it calls: PL/pgSQL, a procedure CALLed, a call from a DO
		// block, a SQL body with a polymorphic argument or after check_function_bodies off.
		String plpgsql = "CREATE FUNCTION shipped_count() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN"
				+ " (SELECT count(*) FROM orders WHERE status = 'shipped'); END $$;\n";
		for (String calls : List.of(add + plpgsql + "SELECT shipped_count();",
				plpgsql + add + "SELECT 1 WHERE shipped_count() > 0;", plpgsql + add + "DO $$ BEGIN PERFORM shipped_count(); END $$;",
				add + "CREATE PROCEDURE ship() LANGUAGE plpgsql AS $$ BEGIN INSERT INTO orders VALUES (9, 'shipped'); END $$;\n"
						+ "CALL ship();",
				add + "CREATE FUNCTION shipped_count(a anyelement) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM"
						+ " orders WHERE status = 'shipped' $$;\nSELECT shipped_count(1);",
				add + "SET LOCAL check_function_bodies = off;\nCREATE FUNCTION shipped_count() RETURNS bigint LANGUAGE sql"
						+ " AS $$ SELECT count(*) FROM orders WHERE status = 'shipped' $$;\nSELECT shipped_count();")) {
			String[] statements = calls.split(";\n");
			assertThat(Linter.lint(List.of(
					LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
							base, 1),
					LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(calls, 1),
							calls, 1))))
				.as(calls)
				.extracting(LintFinding::rule, LintFinding::source)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("PG118", "r2.sql:" + statements.length));
			try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
				migration.setAutoCommit(false);
				for (int i = 0; i < statements.length - 1; i++) {
					statement.execute(statements[i]);
				}
				assertThatExceptionOfType(SQLException.class).as(calls)
					.isThrownBy(() -> statement.execute(statements[statements.length - 1]))
					.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P04"));
				migration.rollback();
			}
		}
	}

	@Test
	void aRoutineAnEarlierRevisionCreatedIsReadAtTheCallAndItsUseOfANewEnumLabelIsFlaggedThere(TestDatabase db)
			throws SQLException {
		String base = "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
				+ "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status);";
		// The routine in a revision of its own, before the one that adds the value: its body is not read there.
		String routine = "CREATE FUNCTION ship_order(oid bigint) RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE orders"
				+ " SET status = 'shipped' WHERE id = oid; END $$;";
		String calls = "ALTER TYPE order_status ADD VALUE 'shipped';\nSELECT ship_order(1);";
		assertThat(lint(base, routine, calls)).extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG118", "r3.sql:2"));
		// Once the value is committed, a later revision's call is fine.
		assertThat(lint(base, routine, "ALTER TYPE order_status ADD VALUE 'shipped';", "SELECT ship_order(1);"))
			.isEmpty();
		db.execute(base.split(";\n"));
		db.execute(routine);
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("ALTER TYPE order_status ADD VALUE 'shipped'");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("SELECT ship_order(1)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P04"));
			migration.rollback();
		}
	}

	@Test
	void anExclusionConstraintOnATableStopsItsReadsForTheBuildAndOnOnlyAPartitionedTableBuildsNothing(TestDatabase db)
			throws SQLException {
		String base = "CREATE EXTENSION IF NOT EXISTS btree_gist;\n"
				+ "CREATE TABLE bookings (id bigint, room int, during tstzrange);\n"
				+ "CREATE TABLE events (id bigint, room int, during tstzrange) PARTITION BY LIST (room);\n"
				+ "CREATE TABLE events_1 PARTITION OF events FOR VALUES IN (1);";
		String text = "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);\n"
				+ "ALTER TABLE ONLY events ADD CONSTRAINT events_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);\n"
				+ "ALTER TABLE ONLY events ADD CONSTRAINT events_id_key UNIQUE (room, id);";
		// Before, PG108 at each of the three lines; now at the first alone.
		assertThat(Linter.lint(java.util.List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1), base, 1),
				LintedRevision.of("r2", "r2.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(text, 1), text,
						1))))
			.filteredOn((finding) -> finding.rule().equals("PG108"))
			.extracting(LintFinding::source)
			.containsExactly("r2.sql:1");
		db.execute(base.split(";\n"));
		db.execute("INSERT INTO bookings SELECT i, i % 10, tstzrange(now() + i * interval '1 day', now() + (i + 1)"
				+ " * interval '1 day') FROM generate_series(1, 1000) i");
		String[] statements = text.split(";\n");
		// Exclusion constraints on a partitioned table exist from PostgreSQL 17 on.
		boolean exclusion = db.serverMajor() >= 17;
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute(statements[0]);
			assertThat(modes(db, "bookings")).contains("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "bookings"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			// ONLY the partitioned table: an index of the parent alone, invalid until each partition's is attached.
			if (exclusion) {
				statement.execute(statements[1]);
			}
			statement.execute(statements[2]);
			migration.commit();
		}
		assertThat(db.queryStrings("SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c"
				+ " ON c.oid = i.indexrelid WHERE i.indrelid IN ('events'::regclass, 'events_1'::regclass) ORDER BY 1"))
			.containsExactlyElementsOf(exclusion ? List.of("events_id_key false", "events_no_overlap false")
					: List.of("events_id_key false"));
	}

	@Test
	void attachingAPartitionReadsItsRowsUnderAnAccessExclusiveLockUnlessAValidCheckImpliesTheBound(TestDatabase db)
			throws SQLException {
		String base = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
				+ "CREATE TABLE events_2023 (id bigint, at date);";
		String attach = "ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')";
		String check = "CHECK (at IS NOT NULL AND at >= '2023-01-01' AND at < '2024-01-01')";
		// PG126's fix: the check NOT VALID in one revision; validated, then the ATTACH, in the next.
		String add = "ALTER TABLE events_2023 ADD CONSTRAINT events_2023_partition_bound " + check + " NOT VALID";
		String validate = "ALTER TABLE events_2023 VALIDATE CONSTRAINT events_2023_partition_bound";
		assertThat(lint(base, attach + ";")).extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("PG126", "r2.sql:1"));
		assertThat(lint(base, add + ";", validate + ";\n" + attach + ";")).isEmpty();
		db.execute(base.split(";\n"));
		db.execute("INSERT INTO events_2023 SELECT i, date '2023-01-01' + i % 365 FROM generate_series(1, 1000) i");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			long before = sequentialScans(statement, "events_2023");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_2023")).isGreaterThan(before);
			assertThat(modes(db, "events_2023")).containsExactly("AccessExclusiveLock");
			assertThat(modes(db, "events")).containsExactly("ShareUpdateExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events_2023"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			// A valid check of the bound without "at IS NOT NULL": at may be NULL, so the bound is not implied.
			statement.execute("ALTER TABLE events_2023 ADD CONSTRAINT events_2023_range CHECK (at >= '2023-01-01'"
					+ " AND at < '2024-01-01')");
			before = sequentialScans(statement, "events_2023");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_2023")).isGreaterThan(before);
			migration.rollback();
			statement.execute(add);
			migration.commit();
			statement.execute(validate);
			migration.commit();
			before = sequentialScans(statement, "events_2023");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_2023")).isEqualTo(before);
			migration.commit();
		}
		assertThat(db.queryStrings("SELECT count(*) FROM events")).containsExactly("1000");
	}

	@Test
	void addingAPartitionBesideADefaultOneReadsTheDefaultUnderAnAccessExclusiveLockUnlessAValidCheckExcludesTheBound(
			TestDatabase db) throws SQLException {
		String base = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_default PARTITION OF events DEFAULT;\n"
				+ "CREATE TABLE events_2023 (id bigint, at date NOT NULL CHECK (at >= '2023-01-01' AND at < '2024-01-01'));";
		String attach = "ALTER TABLE events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')";
		String create = "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')";
		// PG126's fix, with the names it gives: the default's check NOT VALID in one revision; validated, then
		// the partition added, in the next.
		String add = "ALTER TABLE events_default ADD CONSTRAINT events_default_excludes_events_2023 CHECK (NOT (at IS"
				+ " NOT NULL AND at >= '2023-01-01' AND at < '2024-01-01')) NOT VALID";
		String validate = "ALTER TABLE events_default VALIDATE CONSTRAINT events_default_excludes_events_2023";
		assertThat(lint(base, attach + ";")).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG126");
			assertThat(finding.message()).contains("\"events_default\"");
			assertThat(finding.fix()).contains(add, validate);
		});
		String createFrom = base.substring(0, base.lastIndexOf("CREATE TABLE events_2023"));
		assertThat(lint(createFrom, create + ";")).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG126");
			assertThat(finding.fix()).contains(add, validate);
		});
		assertThat(lint(base, add + ";", validate + ";\n" + attach + ";")).isEmpty();
		assertThat(lint(createFrom, add + ";", validate + ";\n" + create + ";")).isEmpty();
		db.execute(base.split(";\n"));
		db.execute("INSERT INTO events SELECT i, date '2010-01-01' + i % 365 FROM generate_series(1, 1000) i");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			// The table attached is not read (its check implies the bound); the default partition is.
			long before = sequentialScans(statement, "events_default");
			long beforeChild = sequentialScans(statement, "events_2023");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_default")).isGreaterThan(before);
			assertThat(sequentialScans(statement, "events_2023")).isEqualTo(beforeChild);
			assertThat(modes(db, "events_default")).containsExactly("AccessExclusiveLock");
			assertThat(modes(db, "events")).containsExactly("ShareUpdateExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events_default"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			// CREATE TABLE … PARTITION OF reads it too, and holds the parent ACCESS EXCLUSIVE meanwhile.
			statement.execute("DROP TABLE events_2023");
			before = sequentialScans(statement, "events_default");
			statement.execute(create);
			assertThat(sequentialScans(statement, "events_default")).isGreaterThan(before);
			assertThat(modes(db, "events_default")).containsExactly("AccessExclusiveLock");
			assertThat(modes(db, "events")).containsExactly("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			statement.execute(add);
			migration.commit();
			statement.execute(validate);
			migration.commit();
			before = sequentialScans(statement, "events_default");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_default")).isEqualTo(before);
			migration.rollback();
			statement.execute("DROP TABLE events_2023");
			before = sequentialScans(statement, "events_default");
			statement.execute(create);
			assertThat(sequentialScans(statement, "events_default")).isEqualTo(before);
			migration.commit();
		}
		assertThat(db.queryStrings("SELECT count(*) FROM events_default")).containsExactly("1000");
	}

	@Test
	void attachingAPartitionReadsItsRowsUnlessItsChecksImplyTheBoundAsTheLintReadsThem(TestDatabase db)
			throws SQLException {
		// Each valid check of the table attached, and whether PostgreSQL reads its rows (PG126 flags it).
		Map<String, Boolean> range = new LinkedHashMap<>();
		range.put("at IS NOT NULL AND at >= '2023-01-01' AND at < '2024-01-01'", false);
		range.put("id IS NOT NULL AND id > 0", true);
		range.put("at IS NOT NULL AND at >= '2022-01-01' AND at < '2024-01-01'", true);
		range.put("at IS NOT NULL AND at >= '2023-02-01' AND at < '2023-12-01'", false);
		range.put("at IS NOT NULL AND at >= '2023-01-01'", true);
		range.put("at IS NOT NULL AND at < '2024-01-01'", true);
		range.put("at IS NOT NULL AND at > '2022-12-31' AND at <= '2023-12-31'", true);
		range.put("at IS NOT NULL AND at > '2023-01-01' AND at <= '2023-12-31'", false);
		range.put("at IS NOT NULL AND at BETWEEN '2023-01-01' AND '2023-12-31'", false);
		range.put("(at IS NOT NULL) AND ('2023-01-01'::date <= at) AND (at < '2024-01-01')", false);
		range.put("at IS NOT NULL AND at IN ('2023-05-01', '2023-06-01')", false);
		range.put("at >= '2023-01-01' AND at < '2024-01-01'", true);
		for (Map.Entry<String, Boolean> entry : range.entrySet()) {
			attachesWithCheck(db, "RANGE (at)", "at date", entry.getKey(), "FROM ('2023-01-01') TO ('2024-01-01')",
					entry.getValue());
		}
		Map<String, Boolean> list = new LinkedHashMap<>();
		list.put("region IS NOT NULL AND region IN ('eu', 'us')", false);
		list.put("region IS NOT NULL AND region = 'eu'", false);
		list.put("region IS NOT NULL AND region IN ('eu', 'us', 'ap')", true);
		list.put("region IN ('eu', 'us')", true);
		for (Map.Entry<String, Boolean> entry : list.entrySet()) {
			attachesWithCheck(db, "LIST (region)", "region text", entry.getKey(), "IN ('eu', 'us')", entry.getValue());
		}
	}

	/**
	 * Lints and runs the ATTACH of a table of rows whose one valid check is {@code check}: it is
	 * flagged exactly when PostgreSQL reads the table.
	 */
	private static void attachesWithCheck(TestDatabase db, String partitionBy, String key, String check, String bound,
			boolean scans) throws SQLException {
		String base = "CREATE TABLE events (id bigint, " + key + ") PARTITION BY " + partitionBy + ";\n"
				+ "CREATE TABLE events_part (id bigint, " + key + ", CONSTRAINT events_part_bound CHECK (" + check + "));";
		String attach = "ALTER TABLE events ATTACH PARTITION events_part FOR VALUES " + bound;
		List<LintFinding> findings = lint(base, attach + ";");
		assertThat(findings).as(check).extracting(LintFinding::rule).containsExactlyElementsOf(scans ? List.of("PG126")
				: List.of());
		if (scans && check.contains(key.split(" ")[0] + " ")) {
			// The check names the key: the finding says that it does not imply the bound.
			assertThat(findings.get(0).message()).as(check).contains("its valid CHECKs do not imply the bound");
		}
		db.execute("DROP TABLE IF EXISTS events, events_part");
		db.execute(base.split(";\n"));
		String value = key.startsWith("at") ? "'2023-05-01'" : "'eu'";
		db.execute("INSERT INTO events_part SELECT i, " + value + " FROM generate_series(1, 100) i");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			long before = sequentialScans(statement, "events_part");
			statement.execute(attach);
			assertThat(sequentialScans(statement, "events_part") > before).as(check).isEqualTo(scans);
			migration.rollback();
		}
	}

	@Test
	void aPartitionAddedBesideADefaultOneReadsItsRowsUnlessItsChecksExcludeTheBoundAsTheLintReadsThem(TestDatabase db)
			throws SQLException {
		// Each valid check of the default partition, and whether PostgreSQL reads its rows (PG126 flags it).
		Map<String, Boolean> range = new LinkedHashMap<>();
		range.put("NOT (at IS NOT NULL AND at >= '2023-01-01' AND at < '2024-01-01')", false);
		range.put("NOT (at >= '2022-01-01' AND at < '2025-01-01')", false);
		range.put("NOT (at >= '2023-02-01' AND at < '2024-01-01')", true);
		range.put("NOT (id > 0)", true);
		range.put("at < '2023-01-01' OR at >= '2024-01-01'", false);
		range.put("at < '2023-01-01'", false);
		range.put("at < '2023-06-01'", true);
		range.put("NOT (at BETWEEN '2023-01-01' AND '2023-12-31')", true);
		range.put("at IS NOT NULL", true);
		for (Map.Entry<String, Boolean> entry : range.entrySet()) {
			addsBesideDefaultWithCheck(db, "RANGE (at)", "at date", entry.getKey(),
					"FROM ('2023-01-01') TO ('2024-01-01')", "'2010-01-01'", entry.getValue());
		}
		Map<String, Boolean> list = new LinkedHashMap<>();
		list.put("NOT (region IN ('eu', 'us'))", false);
		list.put("region NOT IN ('eu', 'us', 'ap')", false);
		list.put("region NOT IN ('eu')", true);
		list.put("region <> 'eu' AND region <> 'us'", false);
		for (Map.Entry<String, Boolean> entry : list.entrySet()) {
			addsBesideDefaultWithCheck(db, "LIST (region)", "region text", entry.getKey(), "IN ('eu', 'us')", "'sa'",
					entry.getValue());
		}
	}

	/**
	 * Lints and runs a CREATE TABLE … PARTITION OF beside a default partition of rows whose one
	 * valid check is {@code check}: it is flagged exactly when PostgreSQL reads the default partition.
	 */
	private static void addsBesideDefaultWithCheck(TestDatabase db, String partitionBy, String key, String check,
			String bound, String value, boolean scans) throws SQLException {
		String base = "CREATE TABLE events (id bigint, " + key + ") PARTITION BY " + partitionBy + ";\n"
				+ "CREATE TABLE events_default PARTITION OF events DEFAULT;\n"
				+ "ALTER TABLE events_default ADD CONSTRAINT events_default_bound CHECK (" + check + ");";
		String create = "CREATE TABLE events_part PARTITION OF events FOR VALUES " + bound;
		List<LintFinding> findings = lint(base, create + ";");
		assertThat(findings).as(check).extracting(LintFinding::rule).containsExactlyElementsOf(scans ? List.of("PG126")
				: List.of());
		if (scans && check.contains(key.split(" ")[0] + " ")) {
			assertThat(findings.get(0).message()).as(check).contains("its valid CHECKs do not exclude the bound");
		}
		db.execute("DROP TABLE IF EXISTS events");
		db.execute(base.split(";\n"));
		// Negative ids, which the check NOT (id > 0) lets in.
		db.execute("INSERT INTO events SELECT -i, " + value + " FROM generate_series(1, 100) i");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			long before = sequentialScans(statement, "events_default");
			statement.execute(create);
			assertThat(sequentialScans(statement, "events_default") > before).as(check).isEqualTo(scans);
			migration.rollback();
		}
	}

	/** PG119: a DETACH PARTITION without CONCURRENTLY holds ACCESS EXCLUSIVE on the parent: no read of it gets through. */
	@Test
	void detachingAPartitionStopsTheReadsOfTheParentUntilTheCommit(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at)",
				"CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("ALTER TABLE events DETACH PARTITION events_2024");
			assertThat(modes(db, "events")).containsExactly("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
		}
	}

	/**
	 * PG119 beside a default partition: PostgreSQL refuses DETACH PARTITION … CONCURRENTLY there, so
	 * the advice is the plain DETACH in a revision of its own, which reads no row and holds ACCESS
	 * EXCLUSIVE on the parent, the default partition and the partition detached until the commit.
	 */
	@Test
	void besideADefaultPartitionDetachConcurrentlyIsRefusedAndThePlainDetachReadsNoRow(TestDatabase db)
			throws SQLException {
		String base = "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_default PARTITION OF events DEFAULT;\n"
				+ "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');";
		String detach = "ALTER TABLE events DETACH PARTITION events_2023";
		assertThat(lint(base, detach + ";")).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG119");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.message()).contains("\"events_default\"", "\"events_2023\"");
			assertThat(finding.fix()).contains("revision of its own").doesNotContain("CONCURRENTLY in");
		});
		assertThat(lintWithoutTransaction(base, detach + " CONCURRENTLY;")).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG119");
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.message()).contains("cannot detach partitions concurrently when a default partition exists");
		});
		// Without a default partition, CONCURRENTLY is the advice, and it passes.
		String withoutDefault = base.replace("CREATE TABLE events_default PARTITION OF events DEFAULT;\n", "");
		assertThat(lint(withoutDefault, detach + ";")).singleElement()
			.satisfies((finding) -> assertThat(finding.fix()).contains("CONCURRENTLY"));
		assertThat(lintWithoutTransaction(withoutDefault, detach + " CONCURRENTLY;")).isEmpty();
		db.execute(base.split(";\n"));
		db.execute("INSERT INTO events SELECT i, date '2023-01-01' + i % 730 FROM generate_series(1, 1000) i");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> select(db, detach + " CONCURRENTLY"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55000"))
			.withMessageContaining("cannot detach partitions concurrently when a default partition exists");
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			long defaultScans = sequentialScans(statement, "events_default");
			long childScans = sequentialScans(statement, "events_2023");
			statement.execute(detach);
			assertThat(sequentialScans(statement, "events_default")).isEqualTo(defaultScans);
			assertThat(sequentialScans(statement, "events_2023")).isEqualTo(childScans);
			for (String table : List.of("events", "events_default", "events_2023")) {
				assertThat(modes(db, table)).as(table).containsExactly("AccessExclusiveLock");
			}
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.commit();
		}
		assertThat(db.queryStrings("SELECT count(*) FROM events")).containsExactly("365");
	}

	/**
	 * PG116 counts what PostgreSQL locks: an ATTACH PARTITION … FOR VALUES locks the default
	 * partition ACCESS EXCLUSIVE beside the table it attaches, and a CREATE TABLE … PARTITION OF
	 * locks the parent ACCESS EXCLUSIVE (and the default partition, where there is one), held with
	 * the lock of the revision's next statement until the commit.
	 */
	@Test
	void addingAPartitionLocksTheDefaultPartitionAndTheParentAsPg116CountsThem(TestDatabase db) throws SQLException {
		String base = "CREATE TABLE users (id bigint);\n"
				+ "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_default PARTITION OF events DEFAULT;";
		String attach = "CREATE TABLE events_2025 (id bigint, at date);\n"
				+ "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
				+ "ALTER TABLE users ADD COLUMN note text;";
		String create = "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
				+ "ALTER TABLE users ADD COLUMN note text;";
		assertThat(lint(base, attach)).filteredOn((finding) -> finding.rule().equals("PG116")).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("\"events_default\" and \"users\""));
		assertThat(lint(base, create)).filteredOn((finding) -> finding.rule().equals("PG116")).singleElement()
			.satisfies((finding) -> assertThat(finding.message())
				.contains("\"events\" and \"events_default\" and \"users\""));
		// Without a default partition the CREATE still locks the parent.
		String withoutDefault = base.substring(0, base.lastIndexOf("\n"));
		assertThat(lint(withoutDefault, create)).filteredOn((finding) -> finding.rule().equals("PG116")).singleElement()
			.satisfies((finding) -> assertThat(finding.message()).contains("\"events\" and \"users\""));
		// One statement locking the parent and its default partition, or partitions of one parent added
		// together, lock no table that the first statement did not.
		assertThat(lint(base, create.substring(0, create.indexOf('\n')) + "\nCREATE TABLE events_2026 PARTITION OF events"
				+ " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');"))
			.extracting(LintFinding::rule).containsOnly("PG126");
		db.execute(base.split(";\n"));
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			for (String sql : attach.split(";\n")) {
				statement.execute(sql);
			}
			assertThat(modes(db, "events_default")).containsExactly("AccessExclusiveLock");
			assertThat(modes(db, "users")).containsExactly("AccessExclusiveLock");
			migration.rollback();
			for (String sql : create.split(";\n")) {
				statement.execute(sql);
			}
			for (String table : List.of("events", "events_default", "users")) {
				assertThat(modes(db, table)).as(table).containsExactly("AccessExclusiveLock");
			}
			migration.rollback();
			statement.execute("CREATE TABLE logs (id bigint, at date) PARTITION BY RANGE (at)");
			migration.commit();
			statement.execute("CREATE TABLE logs_2025 PARTITION OF logs FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
			assertThat(modes(db, "logs")).containsExactly("AccessExclusiveLock");
			migration.rollback();
		}
	}

	/**
	 * PG119 of a partition dropped while attached: DROP TABLE detaches it as a DETACH PARTITION
	 * without CONCURRENTLY does, under ACCESS EXCLUSIVE on the parent (and on its default
	 * partition), held until the commit, which PG116 counts too; after a DETACH … CONCURRENTLY
	 * the DROP locks only the table it drops.
	 */
	@Test
	void droppingAnAttachedPartitionStopsTheReadsOfTheParentUntilTheCommit(TestDatabase db) throws SQLException {
		String base = "CREATE TABLE users (id bigint);\n"
				+ "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_default PARTITION OF events DEFAULT;\n"
				+ "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');";
		String drop = "-- lint:ack PG114 archived\nDROP TABLE events_2023;";
		assertThat(lint(base, drop)).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG119");
			assertThat(finding.message()).contains("\"events\"", "\"events_default\"");
		});
		assertThat(lint(base, drop + "\nALTER TABLE users ADD COLUMN note text;")).extracting(LintFinding::rule)
			.containsExactlyInAnyOrder("PG119", "PG116");
		String withoutDefault = base.replace("CREATE TABLE events_default PARTITION OF events DEFAULT;\n", "");
		String detach = "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;";
		assertThat(Linter.lint(List.of(
				LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(withoutDefault, 1),
						withoutDefault, 1),
				LintedRevision.of("r2", "r2.sql", false, dev.retort.dialect.postgres.StatementSplitter.split(detach, 1),
						detach, 1),
				LintedRevision.of("r3", "r3.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(drop, 1), drop,
						1))))
			.isEmpty();
		assertThat(lint(withoutDefault, drop)).singleElement()
			.satisfies((finding) -> assertThat(finding.fix()).contains("CONCURRENTLY"));
		db.execute(base.split(";\n"));
		try (Connection migration = db.connect(); Statement statement = migration.createStatement()) {
			migration.setAutoCommit(false);
			statement.execute("DROP TABLE events_2023");
			assertThat(modes(db, "events")).containsExactly("AccessExclusiveLock");
			assertThat(modes(db, "events_default")).containsExactly("AccessExclusiveLock");
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> read(db, "events"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("55P03"));
			migration.rollback();
			statement.execute("ALTER TABLE events DETACH PARTITION events_default");
			migration.setAutoCommit(true);
			statement.execute("ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY");
			migration.setAutoCommit(false);
			statement.execute("DROP TABLE events_2023");
			assertThat(modes(db, "events")).isEmpty();
			migration.rollback();
		}
	}

	/** The findings of the revisions after {@code base}, each a transactional revision r2, r3, … */
	private static List<LintFinding> lint(String base, String... revisions) {
		List<LintedRevision> linted = new java.util.ArrayList<>();
		linted.add(LintedRevision.of("r1", "r1.sql", true, dev.retort.dialect.postgres.StatementSplitter.split(base, 1),
				base, 1));
		for (int i = 0; i < revisions.length; i++) {
			linted.add(LintedRevision.of("r" + (i + 2), "r" + (i + 2) + ".sql", true,
					dev.retort.dialect.postgres.StatementSplitter.split(revisions[i], 1), revisions[i], 1));
		}
		return Linter.lint(linted);
	}

	/** The scans of {@code table} so far in this session (pending: not yet reported to the statistics). */
	private static long sequentialScans(Statement statement, String table) throws SQLException {
		try (ResultSet scans = statement.executeQuery("SELECT pg_stat_get_xact_numscans('" + table + "'::regclass)")) {
			scans.next();
			return scans.getLong(1);
		}
	}

	private static void select(TestDatabase db, String sql) throws SQLException {
		try (Connection reader = db.connect(); Statement statement = reader.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The modes of the locks granted on {@code relation}, as another session sees them. */
	private static java.util.List<String> modes(TestDatabase db, String relation) {
		return db.queryStrings("SELECT mode FROM pg_locks WHERE relation = '" + relation + "'::regclass AND granted"
				+ " AND pid <> pg_backend_pid() ORDER BY mode");
	}

	/** A SELECT from another session, which gives up at once on a lock rather than waiting for it. */
	private static void read(TestDatabase db, String relation) throws SQLException {
		try (Connection reader = db.connect(); Statement statement = reader.createStatement()) {
			statement.execute("SET lock_timeout = '50ms'");
			statement.execute("SELECT count(*) FROM " + relation);
		}
	}

}
