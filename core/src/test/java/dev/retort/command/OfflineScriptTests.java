package dev.retort.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class OfflineScriptTests {

	private static final String COLUMNS = "SELECT table_name || '.' || column_name || ' ' || data_type"
			+ " FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1";

	private static final String INDEXES = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1";

	/** base → b → (c1 | d1, non-transactional) → merge m1, and a Java revision on top. */
	private static RevisionFiles graphWithBranchAndMerge(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "CREATE TABLE logs (id int, user_id int, note text);",
				"DROP TABLE logs;");
		files.write("c10000000003", "b00000000002", "-- Branch Labels: left\n", true,
				"ALTER TABLE logs ADD COLUMN kind text DEFAULT 'espresso';\nINSERT INTO users VALUES (1, 'it''s me');",
				"DELETE FROM users;\nALTER TABLE logs DROP COLUMN kind;");
		files.write("d10000000004", "b00000000002", "-- Branch Labels: right\n", false,
				"CREATE INDEX CONCURRENTLY ix_logs_user_id ON logs (user_id);",
				"DROP INDEX CONCURRENTLY ix_logs_user_id;");
		files.write("e00000000005", "c10000000003, d10000000004", "CREATE FUNCTION add_one(i int) RETURNS int AS $$\n"
				+ "BEGIN\n  RETURN i + 1; -- ; inside\nEND;\n$$ LANGUAGE plpgsql;", "DROP FUNCTION add_one(int);");
		return files;
	}

	@Revision(id = "f00000000006", revises = "e00000000005", message = "Java on top")
	static final class JavaOnTop implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE java_made (id int)");
		}

		@Override
		public void downgrade(Operations op) {
			op.execute("DROP TABLE java_made");
		}

	}

	@Revision(id = "f00000000006", revises = "e00000000005", message = "Reads data")
	static final class ReadsData implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.connection();
		}

	}

	@Revision(id = "f00000000006", revises = "e00000000005", message = "note\rCREATE TABLE injected (id int); --")
	static final class CarriageReturnInItsMessage implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE notes (id int)");
		}

	}

	@Test
	void theOfflineScriptOfAWholeGraphBuildsTheSameSchemaAndVersionAsOnline(TestDatabase online,
			TestDatabase offline, @TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		Retort onlineRetort = retort(online, files).javaMigrations(List.of(new JavaOnTop())).load();
		onlineRetort.upgrade("heads");

		// No database configured: the script starts at base and never connects.
		String script = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new JavaOnTop()))
			.load()
			.upgradeSql("heads")
			.sql();
		assertThat(script).contains("CREATE TABLE IF NOT EXISTS retort_version")
			.contains("CREATE INDEX CONCURRENTLY ix_logs_user_id ON logs (user_id);")
			.contains("CREATE TABLE java_made (id int);")
			.contains("DELETE FROM retort_version WHERE version_num = ");
		runLikePsql(offline, script);

		assertThat(offline.queryStrings(COLUMNS)).isEqualTo(online.queryStrings(COLUMNS)).contains("logs.kind text");
		assertThat(offline.queryStrings(INDEXES)).isEqualTo(online.queryStrings(INDEXES));
		assertThat(offline.queryStrings("SELECT version_num FROM retort_version"))
			.isEqualTo(online.queryStrings("SELECT version_num FROM retort_version"))
			.containsExactly("f00000000006");
		assertThat(offline.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id"))
			.isEqualTo(online.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id"));
		assertThat(offline.queryStrings("SELECT add_one(1)")).containsExactly("2");

		// And back down, FROM:TO, the same way.
		String down = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new JavaOnTop()))
			.load()
			.downgradeSql("f00000000006:base")
			.sql();
		runLikePsql(offline, down);
		onlineRetort.downgrade("base");
		assertThat(offline.queryStrings(COLUMNS)).isEqualTo(online.queryStrings(COLUMNS));
		assertThat(offline.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
	}

	@Test
	void aScriptKeepsItsRevisionsTextWhateverTheClientEncodingPsqlRunsItWith(TestDatabase online,
			TestDatabase offline, @TempDir Path dir) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = new RevisionFiles(dir);
		java.nio.file.Files.writeString(dir.resolve("a00000000001_cups.sql"), """
				-- Cups of caf\u00e9
				--
				-- Revision ID: a00000000001
				-- Revises:

				-- +upgrade
				CREATE TABLE cups (id int, note text DEFAULT 'caf\u00e9 \u2615');
				CREATE FUNCTION greet() RETURNS text AS $$
				BEGIN
				    RETURN 'gr\u00fc\u00df \u2615'; -- ;
				END;
				$$ LANGUAGE plpgsql;
				""");
		retort(online, files).load().upgrade("heads");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		// A DBA whose locale is Latin-1 (or who set PGCLIENTENCODING, or whose database is LATIN1):
		// psql reads the file in that encoding unless the script says what it is.
		Psql run = psql(offline, script, java.util.Map.of("PGCLIENTENCODING", "LATIN1"));

		assertThat(run.exitCode()).as(run.output()).isZero();
		String text = "SELECT column_default FROM information_schema.columns WHERE table_name = 'cups'"
				+ " AND column_name = 'note' UNION ALL SELECT greet() UNION ALL SELECT message FROM retort_history";
		assertThat(offline.queryStrings(text)).isEqualTo(online.queryStrings(text))
			.containsExactly("'caf\u00e9 \u2615'::text", "gr\u00fc\u00df \u2615", "Cups of caf\u00e9");
		// The session's own encoding is given back, for a session that goes on (psql's \i).
		assertThat(script).endsWith("RESET client_encoding;\n\n");
	}

	@Test
	void aScriptRecordsWhenAStepOutsideATransactionStartedAndHowLongItRanAsOnline(TestDatabase online,
			TestDatabase offline, @TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE logs (id int, user_id int);", "DROP TABLE logs;");
		// A concurrent build of a big table: its wait stands in for the build's time.
		files.write("b00000000002", "a00000000001", "", false,
				"SELECT pg_sleep(0.5);\nCREATE INDEX CONCURRENTLY ix_logs_user_id ON logs (user_id);",
				"DROP INDEX CONCURRENTLY ix_logs_user_id;");
		files.write("c00000000003", "b00000000002", "ALTER TABLE logs ADD COLUMN note text;",
				"ALTER TABLE logs DROP COLUMN note;");
		retort(online, files).load().upgrade("heads");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		runLikePsql(offline, script);

		// Before, its row was written with the now() of the transaction that records it, after the build:
		// the step took 0 ms and started when it had ended.
		String timing = "SELECT 'ran ' || (duration_ms >= 500) || ', started well before the next step '"
				+ " || (started_at < (SELECT started_at FROM retort_history WHERE revision = 'c00000000003')"
				+ " - interval '400 ms') FROM retort_history WHERE revision = 'b00000000002'";
		assertThat(offline.queryStrings(timing)).isEqualTo(online.queryStrings(timing))
			.containsExactly("ran true, started well before the next step true");
	}

	@Test
	void aRangeNeverConnectsAndStartsWithAnUpdate(@TempDir Path dir) {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		String script = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere")
			.locations(files.location())
			.load()
			.upgradeSql("a00000000001:b00000000002")
			.sql();
		assertThat(script).contains("-- Running upgrade a00000000001 -> b00000000002")
			.contains("UPDATE retort_version SET version_num = 'b00000000002' WHERE version_num = 'a00000000001';")
			.doesNotContain("-- Running upgrade b00000000002 -> c10000000003");
	}

	@Test
	void aScriptStopsBeforeAnythingWhenTheDatabaseIsNotWhereItStarts(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("b00000000002");
		Retort withoutDatabase = Retort.configure().locations(files.location()).load();
		// Nothing in a stamp fails on its own: run twice, or on a database elsewhere, its UPDATE
		// would match no row and the history would record a move the version table never made.
		String script = withoutDatabase.stampSql(List.of("b00000000002:c10000000003")).sql();
		runLikePsql(db, script);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("c10000000003");
		List<String> history = db.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id");

		Exception again = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));
		assertThat(again).as("the second run").isNotNull();
		assertThat(again.getMessage()).contains("Retort: this script starts where retort_version holds b00000000002,"
				+ " but it holds c10000000003. Nothing of it was run:");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("c10000000003");
		assertThat(db.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id"))
			.isEqualTo(history);

		// Started from base, there is no row to expect: the script of a new branch runs beside the others.
		assertThat(withoutDatabase.upgradeSql("a00000000001").sql()).doesNotContain("Retort: this script starts where");
	}

	@Test
	void theScriptHeaderTellsItsReviewerEveryStepItsFileTheTimeoutsAndHowToGoOnAfterAFailure(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		Retort retort = Retort.configure().locations(files.location()).ddlLockTimeout(java.time.Duration.ofSeconds(3))
			.ddlStatementTimeout(java.time.Duration.ofMinutes(2)).load();

		String script = retort.upgradeSql("b00000000002:heads").sql();

		assertThat(script).startsWith("""
				-- Retort upgrade b00000000002:heads (offline): b00000000002 -> e00000000005

				-- 3 steps, in this order:
				--   1. upgrade b00000000002 -> d10000000004, revision d10000000004 (d10000000004_test.sql) [Transactional: false: outside a transaction]
				--   2. upgrade b00000000002 -> c10000000003, revision c10000000003 (c10000000003_test.sql)
				--   3. upgrade c10000000003, d10000000004 -> e00000000005, revision e00000000005 (e00000000005_test.sql)
				-- Each step runs in a transaction of its own, with its version-table change. A failing statement
				-- stops psql there; its step is rolled back (one outside a transaction keeps what ran before that
				-- statement) and the version table stays at the step before. Fix the cause, then write the script
				-- again from where the database stands (retort upgrade current:e00000000005 --sql): once a step of
				-- this one committed, it stops at its first check and changes nothing.
				-- Timeouts: lock_timeout = '3s' (retort.ddl.lock-timeout); statement_timeout = '2min'
				-- (retort.ddl.statement-timeout). Set in each transaction (SET LOCAL) and around each step outside
				-- one (SET, RESET). A statement that waits longer for a lock fails as any other: a script does not
				-- retry (retort.ddl.retries). Except a concurrent index build (CREATE INDEX CONCURRENTLY, REINDEX
				-- CONCURRENTLY) outside a transaction: it runs with lock_timeout = 0, and waits for every older
				-- transaction to end, blocking no reads or writes meanwhile; given up, it would leave an INVALID
				-- index behind.

				-- For psql""");
		// The author's directories stay on the author's machine.
		assertThat(script).doesNotContain(dir.toString());
		// What the header says is what the script sets.
		assertThat(script).contains("SET LOCAL lock_timeout = '3s';\n\nSET LOCAL statement_timeout = '2min';")
			.contains("SET statement_timeout = '2min';\n\nSET lock_timeout = 0;\n\nCREATE INDEX CONCURRENTLY");
		// A message is one comment line: a carriage return in it, which ends a comment for PostgreSQL
		// too, does not make the rest of it SQL.
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		String withMessage = Retort.configure().locations(files.location())
			.javaMigrations(List.of(new CarriageReturnInItsMessage())).load().upgradeSql("heads").sql();
		assertThat(psql(db, withMessage).exitCode()).isZero();
		assertThat(db.queryStrings("SELECT relname::text FROM pg_class WHERE relname IN ('injected', 'notes')"))
			.containsExactly("notes");
	}

	@Test
	void aScriptThatAddsABranchBesideItsStartStopsBeforeRunningItAgain(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);"
				+ " CREATE TABLE events (kind text);", "DROP TABLE events; DROP TABLE users;");
		files.write("c00000000002", "a00000000001", "ALTER TABLE users ADD COLUMN email text;",
				"ALTER TABLE users DROP COLUMN email;");
		files.write("b00000000003", "a00000000001", "-- Branch Labels: billing\n", true,
				"INSERT INTO events VALUES ('billing started');", "DELETE FROM events;");
		files.write("b00000000004", "b00000000003", "CREATE TABLE IF NOT EXISTS invoices (id int);",
				"DROP TABLE invoices;");
		files.write("c00000000005", "c00000000002", "ALTER TABLE users ADD COLUMN phone text;",
				"ALTER TABLE users DROP COLUMN phone;");
		files.write("f00000000006", null, "-- Branch Labels: audit\n", true, "CREATE TABLE audit (id int);",
				"DROP TABLE audit;");
		retort(db, files).load().upgrade("c00000000002");
		retort(db, files).load().upgrade("audit@head");
		String script = Retort.configure().locations(files.location()).load()
			.upgradeSql("c00000000002:billing@head").sql();
		runLikePsql(db, script);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("b00000000004", "c00000000002", "f00000000006");

		// The DBA runs the billing script a second time (or one written before it ran).
		Exception again = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));

		// Before, its start check found c00000000002 and passed: b00000000003 ran a second time,
		// its row inserted beside its own descendant's, before the next step failed on the key.
		assertThat(again).as("the second run").isNotNull();
		assertThat(again.getMessage()).contains("Retort: this script starts where retort_version holds c00000000002,"
				+ " but it holds b00000000004, c00000000002, f00000000006. Nothing of it was run: it ran already, or the"
				+ " database moved since the script was written.");
		assertThat(db.queryStrings("SELECT count(*) FROM events")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("b00000000004", "c00000000002", "f00000000006");
		// Rows of other branches, which the script does not write, may stand beside its start, as online.
		runLikePsql(db, Retort.configure().locations(files.location()).load()
			.upgradeSql("c00000000002:c00000000005").sql());
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("b00000000004", "c00000000005", "f00000000006");
	}

	@Test
	void aScriptThatStartsAboveBaseCreatesNothingInADatabaseWithoutTheVersionTable(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		String script = Retort.configure().locations(files.location()).schema("app").load()
			.upgradeSql("b00000000002:heads").sql();

		// The DBA connected to the wrong database: one that Retort never migrated.
		Exception refused = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));

		assertThat(refused.getMessage()).contains("Retort: this script starts where app.retort_version holds"
				+ " b00000000002, but database " + db.name() + " has no table app.retort_version: not the database it"
				+ " was written for, or one never migrated. Nothing of it was run, and nothing was created.");
		// Before, the schema and both version tables were created there first.
		assertThat(db.queryStrings("SELECT nspname::text FROM pg_namespace WHERE nspname = 'app'")).isEmpty();
		assertThat(db.queryStrings("SELECT relname::text FROM pg_class WHERE relname LIKE 'retort%'")).isEmpty();
	}

	@Test
	void theScriptNamesWherePsqlWouldReplaceAVariableInARevisionsSql(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		Path file = files.write("a00000000001", null, "CREATE TABLE t (tags int[], n int);\n"
				+ "CREATE VIEW v AS SELECT tags[1:n] AS firsts, 'a:b' AS s FROM t; -- :n", "DROP VIEW v;\nDROP TABLE t;");
		OfflineScript script = Retort.configure().locations(files.location()).load().upgradeSql("heads");

		assertThat(script.psqlVariables()).containsExactly(file + ":10: ':n' stands outside quotes and comments, where"
				+ " psql reads a variable: run with a variable n set (-v, ~/.psqlrc), psql puts its value there, silently."
				+ " Write it with a space after the colon (retort lint: LINT004).");
		// What it warns of, with the real psql.
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		Path withVariable = java.nio.file.Files.createTempFile("retort-script", ".sql");
		java.nio.file.Files.writeString(withVariable, "\\set n 99\n" + script.sql());
		try {
			assertThat(psqlFile(db, withVariable).exitCode()).isZero();
		}
		finally {
			java.nio.file.Files.delete(withVariable);
		}
		assertThat(db.queryStrings("SELECT pg_get_viewdef('v')")).singleElement()
			.satisfies((definition) -> assertThat(definition).contains("tags[199]"));
	}

	@Test
	void aScriptPutsBackARevisionsSearchPathBeforeItsBookkeepingAndTheNextRevision(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE SCHEMA beans;\nSET search_path TO beans;\nCREATE TABLE roast (id int);",
				"DROP SCHEMA beans CASCADE;");
		files.write("b00000000002", "a00000000001", "CREATE TABLE logs (id int);", "DROP TABLE logs;");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		assertThat(script).contains("CREATE TABLE roast (id int);\n\nRESET search_path;\n\nINSERT INTO retort_version");
		// Retort's bookkeeping names retort_version without a schema: in beans, it would stop the script.
		runLikePsql(db, script);

		assertThat(db.queryStrings("SELECT table_schema || '.' || table_name FROM information_schema.tables"
				+ " WHERE table_name IN ('roast', 'logs') ORDER BY 1")).containsExactly("beans.roast", "public.logs");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
	}

	@Test
	void aScriptMigratesATenantSchemaNamedWithAHyphenOrAReservedWord(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE roast (id int);", "DROP TABLE roast;");
		for (String tenant : List.of("acme-corp", "order")) {
			String script = Retort.configure().locations(files.location()).schema(tenant).load().upgradeSql("heads").sql();

			// Before, 'order' was written unquoted (SET search_path TO order): a syntax error.
			runLikePsql(db, script);

			assertThat(db.queryStrings("SELECT table_schema FROM information_schema.tables WHERE table_name = 'roast'"
					+ " AND table_schema = ?", tenant)).containsExactly(tenant);
			assertThat(db.queryStrings("SELECT version_num FROM \"" + tenant + "\".retort_version"))
				.containsExactly("a00000000001");
		}
	}

	@Test
	void aScriptsConcurrentIndexBuildWaitsForAnOlderTransactionInsteadOfGivingUpOnLockTimeout(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE logs (id int, user_id int);", "DROP TABLE logs;");
		files.write("b00000000002", "a00000000001", "", false,
				"CREATE INDEX CONCURRENTLY ix_logs_user_id ON logs (user_id);", "DROP INDEX CONCURRENTLY ix_logs_user_id;");
		String script = Retort.configure()
			.locations(files.location())
			.ddlLockTimeout(java.time.Duration.ofMillis(1))
			.load()
			.upgradeSql("heads")
			.sql();

		assertThat(script).contains("SET lock_timeout = 0;\n\nCREATE INDEX CONCURRENTLY ix_logs_user_id ON logs (user_id);"
				+ "\n\nRESET lock_timeout;")
			.contains("it runs with lock_timeout = 0,");
		// An older transaction with a snapshot: the build waits for it at its end, where online it would retry.
		try (Connection older = db.connect(); Statement statement = older.createStatement()) {
			older.setAutoCommit(false);
			statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			statement.execute("SELECT 1");
			java.util.concurrent.CompletableFuture<Void> run = java.util.concurrent.CompletableFuture.runAsync(() -> {
				try {
					runLikePsql(db, script);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			while (!run.isDone() && db.queryStrings("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
					+ " AND query LIKE 'CREATE INDEX CONCURRENTLY%'").isEmpty()) {
				Thread.onSpinWait();
			}
			older.commit();
			run.get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_logs_user_id'::regclass"))
			.containsExactly("true");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
	}

	@Test
	void aScriptThatGoesOnAfterAFailedRevisionRunsAndRecordsNothingAfterIt(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "ALTER TABLE users ADD COLUMN name nosuchtype;",
				"ALTER TABLE users DROP COLUMN name;");
		files.write("c00000000003", "b00000000002", "CREATE TABLE logs (id int);", "DROP TABLE logs;");
		files.write("d00000000004", "c00000000003", "", false, "CREATE INDEX CONCURRENTLY ix_logs_id ON logs (id);",
				"DROP INDEX CONCURRENTLY ix_logs_id;");
		files.write("e00000000005", "d00000000004", "CREATE TABLE audit (id int);", "DROP TABLE audit;");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		assertThat(script).startsWith("-- Retort upgrade heads (offline): <base> -> e00000000005\n\n-- 5 steps");
		assertThat(script).contains(" at its first check and changes nothing.\n-- Timeouts: lock_timeout = '5s'")
			.contains(" would leave an INVALID index behind.\n\n-- For psql (psql -X"
				+ " -f FILE): the next line makes psql stop at the first error, with or without -v ON_ERROR_STOP=1;"
				+ " other tools do not read it, and must stop at the first error too\n\n\\set ON_ERROR_STOP on\n\n");
		// A tool that goes on after an error (psql told otherwise after the script's own line): the
		// checks of each step still hold back every transaction after the failed one.
		List<String> errors = runLikePsqlGoingOn(db, script);

		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("a00000000001 true");
		assertThat(db.queryStrings("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'"
				+ " AND table_name IN ('logs', 'audit')")).isEmpty();
		assertThat(errors.get(0)).contains("type \"nosuchtype\" does not exist");
		assertThat(errors).anySatisfy((error) -> assertThat(error).contains("Retort: step b00000000002 -> c00000000003"
				+ " starts where retort_version holds b00000000002, but it holds a00000000001. The script went on"
				+ " after an error (run it with psql -v ON_ERROR_STOP=1), or ran already: this step is not recorded."));
		assertThat(Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).load().current().current()).containsExactly("a00000000001");
	}

	@Test
	void psqlWithoutOnErrorStopStopsAtARevisionOutsideATransactionWhoseStatementFailedAndRecordsNothing(TestDatabase db,
			@TempDir Path dir) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, kind text);"
				+ " INSERT INTO users VALUES (1, 'x'), (2, 'x');", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "", false,
				"CREATE UNIQUE INDEX CONCURRENTLY ux_users_kind ON users (kind);\n"
						+ "CREATE INDEX CONCURRENTLY ix_users_id_kind ON users (id, kind);",
				"DROP INDEX CONCURRENTLY ix_users_id_kind;\nDROP INDEX CONCURRENTLY ux_users_kind;");
		files.write("c00000000003", "b00000000002", "CREATE TABLE audit (id int);", "DROP TABLE audit;");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		// As a DBA who forgot -v ON_ERROR_STOP=1: psql's default goes on after a failed statement.
		Psql run = psql(db, script);

		// Before, the second index was built and the step recorded as applied, psql exiting 0.
		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(run.output()).contains("could not create unique index \"ux_users_kind\"");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("a00000000001 true");
		assertThat(db.queryStrings("SELECT relname::text FROM pg_class WHERE relname IN ('ix_users_id_kind', 'audit')"))
			.isEmpty();
	}

	@Test
	void psqlInOneTransactionIsRefusedBeforeAnythingRunsSinceEachStepCommitsOnItsOwn(TestDatabase db,
			@TempDir Path dir) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = graphWithBranchAndMerge(dir);
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();
		// Not in the revisions' folder, where it would be read as one.
		Path file = java.nio.file.Files.createTempFile("retort-script", ".sql");
		file.toFile().deleteOnExit();
		java.nio.file.Files.writeString(file, script);
		// A DBA's habit: -1 reads as all or nothing. Before, psql ran the script with two warnings and
		// exit 0, each step committing on its own: a failure at the fourth left three applied.
		for (List<String> oneTransaction : List.of(List.of("-1"), List.of("-v", "AUTOCOMMIT=off"))) {
			Psql run = psqlFile(db, file, java.util.Map.of(), oneTransaction);
			assertThat(run.exitCode()).as("psql %s", oneTransaction).isEqualTo(3);
			assertThat(run.output()).contains("ERROR:  Retort: this script runs inside a transaction block (psql -1 or"
					+ " --single-transaction, or AUTOCOMMIT off), but its 5 steps commit each on its own: its first"
					+ " COMMIT would end that transaction, and a failure would not undo the steps before it. Nothing of"
					+ " it was run. Run it with psql -X -f FILE, without -1;");
			assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname IN ('retort_version', 'users')"))
				.containsExactly("0");
		}
		assertThat(script).contains("-- Stops here when run in one transaction (psql -1, --single-transaction)");
		assertThat(psqlFile(db, file).exitCode()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("e00000000005");

		// A script of one transaction is what -1 promises: it runs.
		db.execute("DROP TABLE retort_version, retort_history, logs, users", "DROP FUNCTION add_one(int)");
		String oneStep = Retort.configure().locations(files.location()).load().upgradeSql("a00000000001").sql();
		String allInOne = Retort.configure()
			.locations(files.location())
			.transactionMode(dev.retort.config.TransactionMode.ALL)
			.load()
			.upgradeSql("c10000000003")
			.sql();
		assertThat(oneStep).doesNotContain("transaction block");
		assertThat(allInOne).doesNotContain("transaction block");
		java.nio.file.Files.writeString(file, allInOne);
		assertThat(psqlFile(db, file, java.util.Map.of(), List.of("-1")).exitCode()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("c10000000003");
	}

	@Test
	void aScriptOfTransactionModeAllIsAllOrNothingRunAsAnyOtherWithoutPsqlOne(TestDatabase db, @TempDir Path dir)
			throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "CREATE TABLE logs (id int);", "DROP TABLE logs;");
		files.write("c00000000003", "b00000000002", "ALTER TABLE logs ADD COLUMN kind nosuchtype;", null);
		String script = Retort.configure()
			.locations(files.location())
			.transactionMode(dev.retort.config.TransactionMode.ALL)
			.load()
			.upgradeSql("heads")
			.sql();
		// What the docs tell the DBA: 'psql -X -f', as any script; its steps share one transaction by
		// themselves, so a failure at the third undoes the first two. '-1' adds nothing to it.
		Psql run = psql(db, script);
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.output()).contains("ERROR:  type \"nosuchtype\" does not exist").doesNotContain("WARNING");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname IN ('users', 'logs')"))
			.containsExactly("0");
	}

	@Test
	void psqlWithoutOnErrorStopRunsNoRevisionOutsideATransactionAfterAFailedOne(TestDatabase db, @TempDir Path dir)
			throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "ALTER TABLE users ADD COLUMN name nosuchtype;",
				"ALTER TABLE users DROP COLUMN name;");
		files.write("c00000000003", "b00000000002", "", false, "CREATE INDEX CONCURRENTLY ix_users_id ON users (id);",
				"DROP INDEX CONCURRENTLY ix_users_id;");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("heads").sql();

		Psql run = psql(db, script);

		// Before, the index of c00000000003 was built, unrecorded, after b00000000002 failed.
		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");
		assertThat(db.queryStrings("SELECT relname::text FROM pg_class WHERE relname = 'ix_users_id'")).isEmpty();
		// The lock of the script died with psql's session: an online run goes on at once.
		assertThat(Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).load().current().current()).containsExactly("a00000000001");
	}

	@Test
	void aConcurrentBuildThatIfNotExistsSkipsOverAnInvalidLeftoverStopsTheScriptAsOnline(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "", false,
				"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_users_name ON users (name);",
				"DROP INDEX CONCURRENTLY IF EXISTS ux_users_name;");
		retort(db, files).load().upgrade("a00000000001");
		db.execute("INSERT INTO users VALUES (1, 'same'), (2, 'same')");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("a00000000001:heads").sql();
		// The first run fails on the duplicate and leaves the index behind, INVALID.
		assertThat(catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script)).getSQLState())
			.isEqualTo("23505");
		db.execute("DELETE FROM users WHERE id = 2");

		java.sql.SQLException again = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));

		assertThat(again.getSQLState()).as("the run after the data was fixed").isEqualTo("RT002");
		assertThat(again.getMessage()).contains("Retort: index ux_users_name exists but is INVALID, left by an"
				+ " interrupted CREATE INDEX CONCURRENTLY ('IF NOT EXISTS' kept it): no query can use it. Drop it (DROP"
				+ " INDEX CONCURRENTLY ux_users_name) and run the script again: this step is not recorded.");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");
		assertThat(db.queryStrings("SELECT revision FROM retort_history ORDER BY id")).containsExactly("a00000000001");
		db.execute("DROP INDEX CONCURRENTLY ux_users_name");
		runLikePsql(db, script);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ux_users_name'::regclass"))
			.containsExactly("true");
	}

	@Test
	void aScriptRunAgainAfterAConcurrentBuildFailedHalfWaySaysWhatIndexItMeetsAndWhatToDo(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "", false,
				"CREATE UNIQUE INDEX CONCURRENTLY ux_users_name ON users (name);\n"
						+ "CREATE INDEX CONCURRENTLY ix_users_name_id ON users (name, id);",
				"DROP INDEX CONCURRENTLY IF EXISTS ix_users_name_id;\nDROP INDEX CONCURRENTLY IF EXISTS ux_users_name;");
		retort(db, files).load().upgrade("a00000000001");
		db.execute("INSERT INTO users VALUES (1, 'same'), (2, 'same')");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("a00000000001:heads").sql();
		// The first run fails on the duplicate and leaves the unique index behind, INVALID.
		assertThat(catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script)).getSQLState())
			.isEqualTo("23505");
		db.execute("DELETE FROM users WHERE id = 2");

		// Before, only PostgreSQL's 'relation "ux_users_name" already exists'; online drops it and builds it anew.
		java.sql.SQLException invalid = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));
		assertThat(invalid.getSQLState()).isEqualTo("RT002");
		assertThat(invalid.getMessage()).contains("Retort: index ux_users_name exists but is INVALID, left by a CREATE"
				+ " INDEX CONCURRENTLY that was interrupted or failed (an earlier run of this revision, as a rule): no"
				+ " query can use it, and this build would stop on it (already exists). An online run drops such a"
				+ " leftover and builds it anew; a script runs only what was reviewed. Drop it (DROP INDEX CONCURRENTLY"
				+ " ux_users_name), then write the script again from where the database stands ('current' as FROM):"
				+ " this step is not recorded.");
		db.execute("DROP INDEX CONCURRENTLY ux_users_name", "CREATE INDEX ix_users_name_id ON users (name, id)");

		// The second index, there already (built by hand here; by the first build of a run that failed later, as a rule).
		java.sql.SQLException valid = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script));
		assertThat(valid.getSQLState()).isEqualTo("42P07");
		assertThat(valid.getMessage()).contains("Retort: index ix_users_name_id exists and is valid: an earlier run of"
				+ " this revision built it before a later statement failed (its statements outside a transaction stay"
				+ " committed), or it was built by hand, and this build would stop on it (already exists). Keep it by"
				+ " writing 'CREATE INDEX CONCURRENTLY IF NOT EXISTS' in the revision, or drop it (DROP INDEX CONCURRENTLY"
				+ " ix_users_name_id);");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");

		// Following the message, the script written again from where the database stands runs.
		db.execute("DROP INDEX CONCURRENTLY ix_users_name_id", "DROP INDEX CONCURRENTLY ux_users_name");
		runLikePsql(db, retort(db, files).load().upgradeSql("current:heads").sql());
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT string_agg(indexrelid::regclass::text || ' ' || indisvalid, ', '"
				+ " ORDER BY indexrelid::regclass::text)"
				+ " FROM pg_index WHERE indrelid = 'users'::regclass AND NOT indisprimary"))
			.containsExactly("ix_users_name_id true, ux_users_name true");
	}

	@Test
	void aScriptFromBaseStopsBeforeAnythingWhenTheDatabaseHoldsARevisionOfItsBranches(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		files.write("f00000000006", null, "-- Branch Labels: audit\n", true, "CREATE TABLE audit (id int);",
				"DROP TABLE audit;");
		retort(db, files).load().upgrade("b00000000002");
		Retort withoutDatabase = Retort.configure().locations(files.location()).load();
		// Nothing in a stamp fails on its own: from base, it would insert the head beside b00000000002.
		String stamp = withoutDatabase.stampSql(List.of("e00000000005")).sql();

		Exception refused = catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, stamp));

		assertThat(refused).as("the stamp from base").isNotNull();
		assertThat(refused.getMessage()).contains("Retort: this script starts at base, but retort_version holds"
				+ " b00000000002, on the branches it writes. Nothing of it was run:");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id"))
			.containsExactly("a00000000001 upgrade", "b00000000002 upgrade");
		// psql without ON_ERROR_STOP goes on after the check: the first transaction checks again.
		assertThat(runLikePsqlGoingOn(db, stamp)).filteredOn((error) -> error.contains("this script starts at base"))
			.hasSize(2);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history")).containsExactly("2");

		// Had it run (a script of before this check), validate names the rows every other command refuses.
		db.execute("INSERT INTO retort_version VALUES ('e00000000005')");
		assertThat(retort(db, files).load().validate().problems()).containsExactly("The version table holds both"
				+ " b00000000002 and e00000000005, but b00000000002 is an ancestor of e00000000005; its row should not"
				+ " be there. Replace the rows with 'retort stamp --purge REV...' (plain 'stamp' refuses them), naming"
				+ " the revisions the database is at: 'retort stamp --purge e00000000005' if it is at e00000000005.");
		db.execute("DELETE FROM retort_version WHERE version_num = 'e00000000005'");

		// A branch with nothing in common is added beside the rows the database holds, as online.
		runLikePsql(db, withoutDatabase.upgradeSql("audit@head").sql());
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("b00000000002", "f00000000006");
	}

	@Test
	void aScriptForAnotherSchemaAndTablesLeavesWhatAnOnlineRunReadsAndGivesTheSearchPathBack(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		String script = Retort.configure()
			.locations(files.location())
			.schema("bank_ops")
			.versionTable("mig_version")
			.historyTable("mig_history")
			.ddlLockTimeout(java.time.Duration.ofSeconds(3))
			.ddlStatementTimeout(java.time.Duration.ofMinutes(1))
			.load()
			.upgradeSql("b00000000002")
			.sql();
		assertThat(script).contains("DO $retort$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE "
				+ "nspname = 'bank_ops') THEN\n        CREATE SCHEMA bank_ops;\n    END IF;\nEND\n$retort$;\n\n"
				+ "SET search_path TO bank_ops;")
			.contains("SET LOCAL lock_timeout = '3s';\n\nSET LOCAL statement_timeout = '1min';")
			.contains("UPDATE bank_ops.mig_version SET version_num = 'b00000000002' WHERE version_num = 'a00000000001';")
			.endsWith("$retort$;\n\nRESET search_path;\n\nRESET client_encoding;\n\n");

		runLikePsql(db, script);

		assertThat(db.queryStrings("SELECT table_schema || '.' || table_name FROM information_schema.tables"
				+ " WHERE table_schema IN ('public', 'bank_ops') ORDER BY 1"))
			.containsExactly("bank_ops.logs", "bank_ops.mig_history", "bank_ops.mig_version", "bank_ops.users");
		Retort online = retort(db, files).schema("bank_ops").versionTable("mig_version").historyTable("mig_history")
			.load();
		assertThat(online.current().current()).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT revision || ' ' || operation || ' ' || from_heads::text || ' '"
				+ " || to_heads::text || ' ' || success FROM bank_ops.mig_history ORDER BY id"))
			.containsExactly("a00000000001 upgrade {} {a00000000001} true",
					"b00000000002 upgrade {a00000000001} {b00000000002} true");
		assertThat(online.validate().problems()).isEmpty();
	}

	@Revision(id = "g00000000008", revises = "f00000000007", message = "Empty outside a transaction",
			transactional = false)
	static final class EmptyOutsideATransaction implements Migration {

		@Override
		public void upgrade(Operations op) {
		}

	}

	@Test
	void aRevisionOutsideATransactionWithNothingToRunGetsNoSettingsAroundNothing(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		files.write("f00000000007", "e00000000005", "", false, "-- nothing to run here", "");
		String script = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new EmptyOutsideATransaction()))
			.ddlLockTimeout(java.time.Duration.ofSeconds(3))
			.load()
			.upgradeSql("heads")
			.sql();
		// The one revision outside a transaction that runs a statement still gets its settings (a
		// concurrent build, none of lock_timeout).
		assertThat(script).contains("SET lock_timeout = 0;\n\nCREATE INDEX CONCURRENTLY ix_logs_user_id ON logs"
				+ " (user_id);\n\nRESET lock_timeout;")
			.doesNotContain("SET lock_timeout = '3s';\n\nRESET lock_timeout;");
		assertThat(script.split("RESET lock_timeout;", -1)).hasSize(2);

		runLikePsql(db, script);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("g00000000008");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history WHERE success")).containsExactly("7");
	}

	@Test
	void aScriptRunWhileAnOnlineRunMigratesStopsBeforeAnythingAndReleasesTheLockWhenItEnds(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		String script = Retort.configure().locations(files.location()).load().upgradeSql("a00000000001").sql();
		List<String> refused = new java.util.ArrayList<>();
		retort(db, files).load().withListener(new MigrationListener() {
			@Override
			public void lockAcquired(java.time.Duration waited) {
				refused.add(catchThrowableOfType(java.sql.SQLException.class, () -> runLikePsql(db, script))
					.getMessage());
			}
		}).upgrade("a00000000001");
		assertThat(refused).singleElement()
			.satisfies((message) -> assertThat(message).contains("Retort: the migration lock of public.retort_version is"
					+ " held by pid ").contains(", another run migrating it now. Nothing of this script was run:"));
		assertThat(db.queryStrings("SELECT revision || ' ' || operation FROM retort_history ORDER BY id"))
			.containsExactly("a00000000001 upgrade");

		String next = Retort.configure().locations(files.location()).load().upgradeSql("a00000000001:b00000000002")
			.sql();
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (SqlStatement each : StatementSplitter.split(withoutPsqlCommands(next), 1)) {
				statement.execute(each.sql());
			}
			// A session that goes on (psql's \i) must not keep online runs waiting.
			assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
	}

	@Test
	void anOnlineRunWaitingForAScriptThatStoppedInAnOpenSessionSaysItWillNotFinishAndHowToFreeIt(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		db.execute("CREATE TABLE logs (id int)");
		String script = Retort.configure().locations(files.location()).load().upgradeSql("b00000000002").sql();
		// As psql's \i in an interactive session: the script stops at the failed step (logs exists), and
		// the session stays, in the failed transaction, holding the migration lock.
		try (Connection session = db.connect(); Statement statement = session.createStatement()) {
			catchThrowableOfType(java.sql.SQLException.class, () -> {
				for (SqlStatement each : StatementSplitter.split(withoutPsqlCommands(script), 1)) {
					statement.execute(each.sql());
				}
			});
			int pid = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE state = 'idle in transaction (aborted)'")
				.stream().mapToInt(Integer::parseInt).findFirst().orElseThrow();
			RetortException timeout = catchThrowableOfType(RetortException.class, () -> retort(db, files)
				.lockWaitTimeout(java.time.Duration.ofMillis(300)).load().upgrade("heads"));
			// Before: "Wait for that migration to finish", which it never does.
			assertThat(timeout.getMessage()).contains("which migrates on pid " + pid + " (idle in transaction (aborted)")
				.contains(". That session runs nothing now: an --sql script read with \\i in an interactive psql stops"
						+ " so at a failed statement, and its session keeps the lock until that psql quits. Quit that psql"
						+ " (or run ROLLBACK; SELECT pg_advisory_unlock_all(); in it), or end the session (SELECT"
						+ " pg_terminate_backend(" + pid + ")): a failed step's transaction is rolled back. Then run again;")
				.doesNotContain("Wait for that migration");
			// Following the message.
			statement.execute("ROLLBACK");
			statement.execute("SELECT pg_advisory_unlock_all()");
		}
		db.execute("DROP TABLE logs");
		retort(db, files).load().upgrade("b00000000002");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
	}

	@Test
	void aScriptReadFromTheDatabaseRefusesAnAppliedRevisionThatChangedAsOnline(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("b00000000002");
		java.nio.file.Path applied = files.write("a00000000001", null,
				"CREATE TABLE users (id int PRIMARY KEY, name text, edited text);", "DROP TABLE users;");
		Retort edited = retort(db, files).load();
		RetortException online = catchThrowableOfType(RetortException.class, () -> edited.upgrade("heads"));
		assertThat(online.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		// The script from 'current' is what the online run would do: it refuses alike.
		RetortException offline = catchThrowableOfType(RetortException.class, () -> edited.upgradeSql("current:heads"));
		assertThat(offline).isNotNull();
		assertThat(offline.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		assertThat(offline.getMessage()).isEqualTo(online.getMessage()).contains(applied.toString());
		// Any other start reads no database, so there is nothing to compare with, as in Alembic.
		assertThat(edited.upgradeSql("b00000000002:heads").sql()).contains("-- Running upgrade b00000000002 ->");
		assertThat(edited.upgradeSql("heads").sql()).contains("-- Running upgrade <base> -> a00000000001");
		assertThat(Retort.configure().locations(files.location()).validateChecksums(false).url(db.jdbcUrl())
			.user(db.user()).password(db.password()).load().upgradeSql("current:heads").sql())
			.contains("-- Running upgrade b00000000002 ->");
	}

	@Test
	void aSchemaBuiltBeforeRetortIsStampedAtTheBaselineFirstAsOnline(TestDatabase online, TestDatabase offline,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		for (TestDatabase db : List.of(online, offline)) {
			db.execute("CREATE TABLE users (id int PRIMARY KEY, name text)");
		}
		retort(online, files).baseline("a00000000001").load().upgrade("b00000000002");
		Retort withBaseline = retort(offline, files).baseline("a00000000001").load();
		// Without a start the script is written from base without reading the schema: its note says how.
		assertThat(withBaseline.upgradeSql("b00000000002").startsAtBase()).endsWith("To start where the database"
				+ " stands, write 'retort upgrade current:b00000000002 --sql' (it only reads the database). It is also"
				+ " the script that stamps retort.baseline (a00000000001) first on a schema Retort never migrated, as a"
				+ " first start does.");
		String script = withBaseline.upgradeSql("current:b00000000002").sql();
		// Not 'CREATE TABLE users' again, which psql would stop at: the table is what the baseline describes.
		assertThat(script).contains("-- Running stamp <base> -> a00000000001")
			.doesNotContain("CREATE TABLE users");
		runLikePsql(offline, script);
		String history = "SELECT revision || ' ' || operation || ' ' || from_heads::text || ' ' || to_heads::text"
				+ " FROM retort_history ORDER BY id";
		assertThat(offline.queryStrings(history)).isEqualTo(online.queryStrings(history)).hasSize(2);
		assertThat(offline.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(offline.queryStrings(COLUMNS)).isEqualTo(online.queryStrings(COLUMNS));
	}

	@Test
	void aScriptWithoutAStartNeverConnectsEvenWhereADatabaseIsConfigured(@TempDir Path dir) {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere")
			.locations(files.location())
			.load();
		// SPEC §5, as Alembic: from base, and the note says how to start where the database stands.
		OfflineScript upgrade = retort.upgradeSql("heads");
		assertThat(upgrade.sql()).startsWith("-- Retort upgrade heads (offline): <base> -> ");
		assertThat(upgrade.startsAtBase()).isEqualTo("This script starts at base: --sql does not read the database,"
				+ " though one is configured, and on a database that holds a revision of the branches it writes it"
				+ " stops before anything runs. To start where the database stands, write 'retort upgrade"
				+ " current:heads --sql' (it only reads the database).");
		OfflineScript stamp = retort.stampSql(List.of("c10000000003", "d10000000004"));
		assertThat(stamp.sql()).contains("-- Running stamp <base> -> ");
		assertThat(stamp.startsAtBase()).contains("write 'retort stamp current:c10000000003 d10000000004 --sql'");
		// Only 'current' connects; an explicit start or no database at all needs no note.
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("current:heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(retort.upgradeSql("base:heads").startsAtBase()).isNull();
		assertThat(Retort.configure().locations(files.location()).load().upgradeSql("heads").startsAtBase()).isNull();
	}

	@Test
	void anUpgradeRangeThatLeadsDownSaysItHasNothingToUpgradeAndChangesNothing(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("b00000000002");
		Retort retort = Retort.configure().locations(files.location()).load();

		// As Alembic, an empty script and no error: but one that says why it is empty.
		OfflineScript down = retort.upgradeSql("b00000000002:base");
		assertThat(down.nothingToDo()).isEqualTo("Nothing to upgrade: base is below b00000000002, where this script"
				+ " starts, and an upgrade never moves down (to write that, use 'retort downgrade b00000000002:base"
				+ " --sql'). This script only creates the version tables when they are missing.");
		assertThat(down.sql()).contains("-- " + down.nothingToDo() + "\n").doesNotContain("Running");
		OfflineScript there = retort.upgradeSql("b00000000002:b00000000002");
		assertThat(there.nothingToDo()).isEqualTo("Nothing to upgrade: the script starts at b00000000002, where"
				+ " 'b00000000002:b00000000002' leads already. This script only creates the version tables when they"
				+ " are missing.");
		assertThat(retort.upgradeSql("a00000000001:b00000000002").nothingToDo()).isNull();

		runLikePsql(db, down.sql());
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings(COLUMNS)).contains("logs.note text");
	}

	@Test
	void aTargetNoFileDeclaresIsATypoEvenWhenTheDatabaseIsAheadAsOnline(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("b00000000002");
		db.execute("INSERT INTO retort_version VALUES ('9fb100000000')");
		Retort retort = retort(db, files).load();
		RetortException online = catchThrowableOfType(RetortException.class, () -> retort.upgrade("b0000000002x"));
		assertThat(online.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		// The typo is wrong whatever the database holds: said as such, not as a database ahead of the files.
		RetortException upgrade = catchThrowableOfType(RetortException.class,
				() -> retort.upgradeSql("current:b0000000002x"));
		assertThat(upgrade.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		assertThat(upgrade.getMessage()).isEqualTo(online.getMessage()).contains("b00000000002");
		RetortException downgrade = catchThrowableOfType(RetortException.class,
				() -> retort.downgradeSql("current:b0000000002x"));
		assertThat(downgrade.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		RetortException stamp = catchThrowableOfType(RetortException.class,
				() -> retort.stampSql(List.of("current:b0000000002x")));
		assertThat(stamp.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		// A target the files declare still cannot start where the database is.
		RetortException ahead = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("current:heads"));
		assertThat(ahead.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(ahead.getMessage()).startsWith("The database is at 9fb100000000, which no revision file declares");
	}

	@Test
	void aScriptFromCurrentOnADatabaseAheadSendsToTheNewerVersionNotToAnExplicitStart(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("b00000000002");
		// A newer version's row, and the step that wrote it in the history, as every version records it.
		db.execute("UPDATE retort_version SET version_num = '9fb100000000'", "INSERT INTO retort_history (revision,"
				+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('9fb100000000', 'upgrade',"
				+ " '{b00000000002}', '{9fb100000000}', 1, true)");
		Retort retort = retort(db, files).load();
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> retort.downgradeSql("current:a00000000001"));
		assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(error.getMessage()).isEqualTo("The database is at 9fb100000000, which no revision file declares (a"
				+ " newer version of the application migrated it): a script cannot start there. Write it with the newer"
				+ " version, or add the missing revision files (a script from a revision these files declare checks"
				+ " only the rows it moves, not what the newer version applied).");
		// The start an older message asked for: here, where the newer row replaced it, its script stops at
		// its first statement (beside it, it would not: aScriptFromCurrentBesideANewerVersionsBranch…).
		String script = retort.downgradeSql("b00000000002:a00000000001").sql();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> runLikePsql(db, script)).hasMessageContaining("b00000000002");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("9fb100000000");
	}

	@Test
	void aScriptFromCurrentBesideANewerVersionsBranchUpgradesAsTheOnlineRunDoes(TestDatabase online,
			TestDatabase offline, @TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		for (TestDatabase db : List.of(online, offline)) {
			retort(db, files).load().upgrade("b00000000002");
			// A newer version added a branch of its own beside b00000000002, and recorded it.
			db.execute("INSERT INTO retort_version VALUES ('9fb100000000')", "INSERT INTO retort_history (revision,"
					+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('9fb100000000', 'upgrade',"
					+ " '{b00000000002}', '{9fb100000000,b00000000002}', 1, true)");
		}
		// Online, this older version upgrades its own branches and keeps the newer one's row.
		retort(online, files).load().upgrade("heads");
		// Before, the script was refused, saying that a script from b00000000002 would stop on this
		// database: it does not (the newer row stands beside it), and it was the online run's to write.
		String script = retort(offline, files).load().upgradeSql("current:heads").sql();
		assertThat(psql(offline, script).exitCode()).isZero();
		String rows = "SELECT version_num FROM retort_version ORDER BY 1";
		assertThat(offline.queryStrings(rows)).isEqualTo(online.queryStrings(rows))
			.containsExactly("9fb100000000", "e00000000005");
		assertThat(offline.queryStrings(COLUMNS)).isEqualTo(online.queryStrings(COLUMNS));
		String history = "SELECT revision || ' ' || from_heads::text || ' ' || to_heads::text FROM retort_history ORDER BY id";
		assertThat(offline.queryStrings(history)).isEqualTo(online.queryStrings(history));
	}

	@Test
	void aScriptStopsBeforeAnythingOnAVersionRowNeitherTheFilesNorTheHistoryKnowAsOnline(TestDatabase db,
			@TempDir Path dir) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = graphWithBranchAndMerge(dir);
		files.write("f00000000006", null, "-- Branch Labels: audit\n", true, "CREATE TABLE audit (id int);",
				"DROP TABLE audit;");
		retort(db, files).load().upgrade("audit@head");
		// Alembic's row, or one written by hand: no file declares it, no history row records it.
		db.execute("INSERT INTO retort_version VALUES ('zzzzzzzzzzzz')");
		String rows = "SELECT version_num FROM retort_version ORDER BY 1";
		String history = "SELECT count(*) FROM retort_history";
		Retort retort = retort(db, files).load();
		RetortException fromBaseOnline = catchThrowableOfType(RetortException.class, () -> retort.upgrade("c10000000003"));
		assertThat(fromBaseOnline.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);

		// From base, beside a branch it does not write: before, it ran everything beside the row.
		Psql fromBase = psql(db, retort.upgradeSql("c10000000003").sql());

		assertThat(fromBase.exitCode()).isNotZero();
		assertThat(fromBase.output()).contains("Retort: " + fromBaseOnline.getMessage());
		assertThat(db.queryStrings(rows)).containsExactly("f00000000006", "zzzzzzzzzzzz");
		assertThat(db.queryStrings(history)).containsExactly("1");

		// Recorded in the history, the row is a newer version's branch: the script runs beside it, as online.
		db.execute("INSERT INTO retort_history (revision, operation, from_heads, to_heads, duration_ms, success)"
				+ " VALUES ('zzzzzzzzzzzz', 'upgrade', '{f00000000006}', '{f00000000006,zzzzzzzzzzzz}', 1, true)");
		assertThat(psql(db, retort.upgradeSql("c10000000003").sql()).exitCode()).isZero();
		assertThat(db.queryStrings(rows)).containsExactly("c10000000003", "f00000000006", "zzzzzzzzzzzz");

		// From an explicit start, beside both: before, its guard found c10000000003 and everything ran.
		db.execute("INSERT INTO retort_version VALUES ('yyyyyyyyyyyy')");
		RetortException online = catchThrowableOfType(RetortException.class, () -> retort.upgrade("e00000000005"));
		assertThat(online.getMessage()).startsWith("The database is at yyyyyyyyyyyy, which no revision file declares"
				+ " and the history does not record");
		Psql fromStart = psql(db, retort.upgradeSql("c10000000003:e00000000005").sql());

		assertThat(fromStart.exitCode()).isNotZero();
		assertThat(fromStart.output()).contains("Retort: " + online.getMessage());
		assertThat(db.queryStrings(rows)).containsExactly("c10000000003", "f00000000006", "yyyyyyyyyyyy",
				"zzzzzzzzzzzz");
		assertThat(db.queryStrings(history)).containsExactly("5");
	}

	@Test
	void aScriptFromCurrentOnADatabasePastTheseHeadsHasNothingToUpgradeAsOnline(TestDatabase db, @TempDir Path dir)
			throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("heads");
		// A newer version upgraded past this version's head, and recorded it, as every version does.
		db.execute("UPDATE retort_version SET version_num = '9fb100000000'", "INSERT INTO retort_history (revision,"
				+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('9fb100000000', 'upgrade',"
				+ " '{e00000000005}', '{9fb100000000}', 1, true)");
		Retort retort = retort(db, files).load();
		assertThat(retort.upgrade("heads").steps()).as("online").isEmpty();
		String history = "SELECT count(*) FROM retort_history";
		List<String> before = db.queryStrings(history);

		// Before, refused (exit 2) as a database a script cannot start from.
		OfflineScript script = retort.upgradeSql("current:heads");

		assertThat(script.nothingToDo()).isEqualTo("Nothing to upgrade: the database is at 9fb100000000, ahead of this"
				+ " version: no revision file here declares 9fb100000000 (a newer version of the application migrated"
				+ " it). This script only creates the version tables when they are missing.");
		assertThat(script.sql()).contains("-- " + script.nothingToDo()).doesNotContain("INSERT INTO retort_history");
		assertThat(psql(db, script.sql()).exitCode()).isZero();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("9fb100000000");
		assertThat(db.queryStrings(history)).isEqualTo(before);
	}

	@Test
	void aScriptOnAMigratedDatabaseRunsUnderPsqlWithoutNoticesOfItsVersionTables(TestDatabase db, @TempDir Path dir)
			throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(onPath("psql"), "psql is not on the PATH");
		RevisionFiles files = graphWithBranchAndMerge(dir);
		retort(db, files).load().upgrade("a00000000001");
		String script = retort(db, files).load().upgradeSql("current:b00000000002").sql();
		// Before, psql printed 'NOTICE:  relation "retort_version" already exists, skipping' (and the
		// history's) at every script but the first: Retort's own idempotence, read as a problem.
		Psql run = psql(db, script);
		assertThat(run.exitCode()).isZero();
		assertThat(run.output()).doesNotContain("NOTICE");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		// Only for the tables' own transaction: the session's level stays for the revisions.
		db.execute("DROP TABLE logs", "DELETE FROM retort_version", "INSERT INTO retort_version VALUES ('a00000000001')");
		files.write("b00000000002", "a00000000001", "DO $$ BEGIN RAISE NOTICE 'from the revision'; END $$;\n"
				+ "CREATE TABLE logs (id int);", "DROP TABLE logs;");
		Psql revisionNotice = psql(db, retort(db, files).load().upgradeSql("current:b00000000002").sql());
		assertThat(revisionNotice.output()).contains("NOTICE:  from the revision").doesNotContain("already exists");
	}

	@Test
	void anOfflineDowngradeWithItsEndsSwappedNamesBothWaysToReadIt(@TempDir Path dir) {
		Retort retort = Retort.configure().locations(graphWithBranchAndMerge(dir).location()).load();
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> retort.downgradeSql("a000:c10000000003"));
		assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TARGET);
		assertThat(error.getMessage()).isEqualTo("downgrade --sql a000:c10000000003 runs down from a000 to"
				+ " c10000000003, but c10000000003 lies above a00000000001: the ends are swapped. The downgrade from"
				+ " c10000000003 to a000 is 'retort downgrade c10000000003:a000 --sql'; the upgrade from a000 to"
				+ " c10000000003 is 'retort upgrade a000:c10000000003 --sql'.");
		// The swapped range writes the downgrade.
		assertThat(retort.downgradeSql("c10000000003:a000").sql())
			.contains("-- Running downgrade c10000000003 -> b00000000002");
	}

	@Test
	void offlineDowngradeNeedsFromAndTo(@TempDir Path dir) {
		Retort retort = Retort.configure().locations(graphWithBranchAndMerge(dir).location()).load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.downgradeSql("base"));
		assertThat(error.code()).isEqualTo(ErrorCode.OFFLINE_UNSUPPORTED);
		assertThat(error.getMessage()).startsWith("downgrade with --sql needs FROM:TO (got 'base')");
	}

	@Test
	void currentAsTheStartOfARangeReadsWhereTheDatabaseStands(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = graphWithBranchAndMerge(dir);
		Retort retort = retort(db, files).load();
		retort.upgrade("c10000000003");
		String down = retort.downgradeSql("current:-1").sql();
		assertThat(down).contains("-- Running downgrade c10000000003 -> b00000000002")
			.contains("UPDATE retort_version SET version_num = 'b00000000002' WHERE version_num = 'c10000000003';")
			.doesNotContain("a00000000001 ->");
		// A downgrade applies no revision: its first check is of the start alone, as its comment says.
		assertThat(down).contains("-- Stops here, before anything runs, unless retort_version holds c10000000003"
				+ " (as the online run checks each row it moves)\n");
		String up = retort.upgradeSql("current:d10000000004").sql();
		// As Alembic's comment: the revision's parent, not the other branch's head the table still holds.
		assertThat(up).contains("-- Running upgrade b00000000002 -> d10000000004\n")
			.doesNotContain("-- Running upgrade c10000000003")
			.doesNotContain("CREATE TABLE logs");
		runLikePsql(db, down);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings(COLUMNS)).doesNotContain("logs.kind text");

		Retort withoutDatabase = Retort.configure().locations(files.location()).load();
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> withoutDatabase.downgradeSql("current:base"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(error.getMessage()).isEqualTo("'current' as the start of FROM:TO reads the database's revision(s),"
				+ " but no database is configured. Give one (--url), or name the start revision.");
	}

	@Revision(id = "f00000000006", revises = "e00000000005", message = "Broken downgrade")
	static final class BrokenDowngrade implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE java_made (id int)");
		}

		@Override
		public void downgrade(Operations op) {
			throw new IllegalStateException("forgot what to drop");
		}

	}

	@Test
	void anExceptionOfAJavaRevisionOfflineNamesTheRevisionAndItsLine(@TempDir Path dir) {
		Retort retort = Retort.configure()
			.locations(graphWithBranchAndMerge(dir).location())
			.javaMigrations(List.of(new BrokenDowngrade()))
			.load();
		// Online such a failure names the revision; a script of dozens of revisions needs it as much.
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> retort.downgradeSql("f00000000006:e00000000005"));
		assertThat(error.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(error.getMessage()).matches(java.util.regex.Pattern.quote("Revision f00000000006 ("
				+ BrokenDowngrade.class.getName() + ":") + "\\d+" + java.util.regex.Pattern.quote(") failed while the offline (--sql)"
						+ " script was written: java.lang.IllegalStateException: forgot what to drop"));
		assertThat(error.getCause()).isInstanceOf(IllegalStateException.class);
		// 'show' renders the SQL of a Java revision the same way, and says so instead of failing.
		assertThat(retort.show("f00000000006").downgradeSql()).contains("forgot what to drop");
	}

	@Test
	void aJavaRevisionAskingForTheConnectionIsRefusedOffline(@TempDir Path dir) {
		Retort retort = Retort.configure()
			.locations(graphWithBranchAndMerge(dir).location())
			.javaMigrations(List.of(new ReadsData()))
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.OFFLINE_UNSUPPORTED);
		assertThat(error.getMessage()).contains("asked for the JDBC connection while writing an offline (--sql) script");
		assertThat(error.getMessage()).as("names the revision and the line that asked")
			.startsWith("Revision f00000000006 (" + ReadsData.class.getName() + ":71) asked for the JDBC connection");
	}

	@Test
	void stampScriptInsertsTheHeadWithoutRunningAnything(@TempDir Path dir) {
		Retort retort = Retort.configure().locations(graphWithBranchAndMerge(dir).location()).load();
		String script = retort.stampSql(List.of("heads")).sql();
		assertThat(script).contains("INSERT INTO retort_version (version_num) VALUES ('e00000000005');")
			.doesNotContain("CREATE TABLE users");
	}

	@Test
	void stampScriptOfOneRowPerBranchTakesTheStartOnEachTarget(@TempDir Path dir) {
		Retort retort = Retort.configure().locations(graphWithBranchAndMerge(dir).location()).load();
		// Alembic's form: every target may carry the start, as long as it is the same one.
		String script = retort.stampSql(List.of("b00000000002:c10000000003", "b00000000002:d10000000004")).sql();
		assertThat(script).contains("-- Retort stamp b00000000002:c10000000003 b00000000002:d10000000004 (offline):"
				+ " b00000000002 -> c10000000003, d10000000004")
			.contains("UPDATE retort_version SET version_num = 'c10000000003' WHERE version_num = 'b00000000002';")
			.contains("INSERT INTO retort_version (version_num) VALUES ('d10000000004');");
		assertThat(retort.stampSql(List.of("b00000000002:c10000000003", "d10000000004")).sql())
			.isEqualTo(script.replace("b00000000002:d10000000004", "d10000000004"));
		RetortException twoStarts = catchThrowableOfType(RetortException.class,
				() -> retort.stampSql(List.of("a00000000001:c10000000003", "b00000000002:d10000000004")));
		assertThat(twoStarts.getMessage()).isEqualTo("'stamp --sql' starts from one place, but 'a00000000001:c10000000003"
				+ " b00000000002:d10000000004' names two starts ('a00000000001' and 'b00000000002'). Give the start"
				+ " once, e.g. 'retort stamp a00000000001:REV REV --sql'.");
	}

	@Test
	void aPsqlCommandInARevisionIsRefusedOnlineAndOfflineBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		// Printed into the script as it stood, psql ran the shell command; online PostgreSQL refused it.
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001",
				"CREATE TABLE m (t text);\n\\! touch /tmp/retort-pwned\nINSERT INTO m VALUES ('x');", "DROP TABLE m;");
		Retort retort = retort(db, files).load();
		RetortException offline = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("heads"));
		assertThat(offline.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(offline.exitCode()).isEqualTo(2);
		assertThat(offline.getMessage()).contains("b00000000002_test.sql:10: '\\!' is a psql command, not SQL");
		RetortException online = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(online.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(online.getMessage()).contains("b00000000002_test.sql:10: '\\!' is a psql command");
		assertThat(db.queryStrings("SELECT to_regclass('users')::text")).as("nothing ran").containsOnlyNulls();
	}

	@Test
	void aCopyFromTheClientInARevisionIsRefusedOnlineAndOfflineBeforeAnythingRuns(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "CREATE TABLE notes (body text);\n"
				+ "COPY notes (body) FROM STDIN;", "DROP TABLE notes;");
		Retort retort = retort(db, files).load();
		// Before, the script ran it: psql read the script's next lines (the version-table change, the
		// history row, COMMIT…) into notes until its end, rolled that back, and exited 0.
		RetortException offline = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("heads"));
		assertThat(offline.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(offline.exitCode()).isEqualTo(2);
		assertThat(offline.getMessage()).contains("Revision b00000000002 (")
			.contains("b00000000002_test.sql:10) runs 'COPY ... FROM STDIN', whose rows travel between the server and the"
					+ " client")
			.contains("Nothing was run.");
		// Online it failed after users was created, as a lost connection ("unexpected message type 0x50").
		RetortException online = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(online.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(online.getMessage()).contains("b00000000002_test.sql:10) runs 'COPY ... FROM STDIN'");
		assertThat(db.queryStrings("SELECT to_regclass('users')::text")).as("nothing ran").containsOnlyNulls();
	}

	@Test
	void aCopyThatOnlyMentionsTheClientInAStringOrCommentRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE notes (body text);\n"
				+ "COPY notes (body) FROM '/nonexistent/from stdin' /* not TO STDOUT */;", "DROP TABLE notes;");
		RetortException failed = catchThrowableOfType(RetortException.class,
				() -> retort(db, files).load().upgrade("heads"));
		// The server's own refusal: the statement was sent, not refused as a copy from the client.
		assertThat(failed.getMessage()).contains("/nonexistent/from stdin").doesNotContain("travel between");
		assertThat(dev.retort.dialect.postgres.ClientCopy.of("copy (SELECT 1) to stdout with (format csv)"))
			.isEqualTo("COPY ... TO STDOUT");
		assertThat(dev.retort.dialect.postgres.ClientCopy.of("INSERT INTO t SELECT 'from stdin'")).isNull();
	}

	@Test
	void backslashesInStringsBodiesAndCommentsAreNoPsqlCommands(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (note text DEFAULT 'C:\\temp');\n"
				+ "-- \\! a line comment\n/* \\! a block comment */\n"
				+ "INSERT INTO users VALUES (E'\\\\'), ($$\\x$$);\nCOMMENT ON TABLE users IS 'x\\';",
				"DROP TABLE users;");
		Retort retort = retort(db, files).load();
		assertThat(retort.upgradeSql("heads").sql()).contains("COMMENT ON TABLE users IS 'x\\';");
		retort.upgrade("heads");
		assertThat(db.queryStrings("SELECT note FROM users")).containsExactlyInAnyOrder("\\", "\\x");
	}

	private static RetortConfig.Builder<Retort> retort(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	record Psql(int exitCode, String output) {
	}

	/** Runs a script with the real psql, as a DBA does: {@code psql -X -f FILE}, no other option. */
	static Psql psql(TestDatabase db, String script) throws Exception {
		return psql(db, script, java.util.Map.of());
	}

	/** {@link #psql(TestDatabase, String)} with variables of psql's environment ({@code PGCLIENTENCODING}). */
	static Psql psql(TestDatabase db, String script, java.util.Map<String, String> environment) throws Exception {
		Path file = java.nio.file.Files.createTempFile("retort-script", ".sql");
		try {
			java.nio.file.Files.writeString(file, script);
			return psqlFile(db, file, environment);
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	static Psql psqlFile(TestDatabase db, Path file) throws Exception {
		return psqlFile(db, file, java.util.Map.of());
	}

	static Psql psqlFile(TestDatabase db, Path file, java.util.Map<String, String> environment) throws Exception {
		return psqlFile(db, file, environment, List.of());
	}

	/** {@link #psqlFile(TestDatabase, Path, java.util.Map)} with more of psql's options ({@code -1}). */
	static Psql psqlFile(TestDatabase db, Path file, java.util.Map<String, String> environment, List<String> options)
			throws Exception {
		{
			List<String> command = new java.util.ArrayList<>(List.of("psql", "-X", "-h", db.server().host(), "-p",
					String.valueOf(db.server().port()), "-U", db.user(), "-d", db.name()));
			command.addAll(options);
			command.addAll(List.of("-f", file.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("PGPASSWORD", db.password());
			builder.environment().putAll(environment);
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			return new Psql(process.exitValue(), output);
		}
	}

	static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch((directory) -> java.nio.file.Files.isExecutable(Path.of(directory, program)));
	}

	/** The script as a tool other than psql reads it: without psql's meta-commands. */
	static String withoutPsqlCommands(String script) {
		return script.lines().filter((line) -> !line.startsWith("\\")).collect(java.util.stream.Collectors.joining("\n"));
	}

	/** Runs every statement of a script, as psql without ON_ERROR_STOP does; returns the errors. */
	static List<String> runLikePsqlGoingOn(TestDatabase db, String script) throws Exception {
		List<String> errors = new java.util.ArrayList<>();
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (SqlStatement each : StatementSplitter.split(withoutPsqlCommands(script), 1)) {
				try {
					statement.execute(each.sql());
				}
				catch (java.sql.SQLException ex) {
					errors.add(ex.getMessage());
				}
			}
		}
		return errors;
	}

	/** Runs a script statement by statement in autocommit, as psql does. */
	@Test
	void aScriptForASchemaMadeForItsRoleRunsAsThatRoleWithoutCreateOnTheDatabase(TestDatabase db,
			@TempDir Path dir) throws Exception {
		// A DBA made the schema for the migration role, which may not create schemas: a plain
		// 'CREATE SCHEMA IF NOT EXISTS' is refused ("permission denied for database") though it exists.
		String owner = "script_owner_" + db.name();
		db.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'pw'",
				"REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC", "CREATE SCHEMA ledger AUTHORIZATION " + owner);
		String script = Retort.configure()
			.locations(graphWithBranchAndMerge(dir).location())
			.schema("ledger")
			.load()
			.upgradeSql("b00000000002")
			.sql();
		try (Connection connection = java.sql.DriverManager.getConnection(db.jdbcUrl(), owner, "pw");
				Statement statement = connection.createStatement()) {
			for (SqlStatement each : StatementSplitter.split(withoutPsqlCommands(script), 1)) {
				statement.execute(each.sql());
			}
		}
		assertThat(db.queryStrings("SELECT version_num FROM ledger.retort_version")).containsExactly("b00000000002");
		assertThat(db.queryStrings("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class"
				+ " WHERE relnamespace = 'ledger'::regnamespace AND relkind = 'r'")).containsExactly(owner);
	}

	static void runLikePsql(TestDatabase db, String script) throws Exception {
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (SqlStatement each : StatementSplitter.split(withoutPsqlCommands(script), 1)) {
				statement.execute(each.sql());
			}
		}
	}

}
