package dev.retort.runtime;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.command.LockInfo;
import dev.retort.command.MigrationListener;
import dev.retort.command.RevisionFiles;
import dev.retort.command.StepResult;
import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;
import dev.retort.revision.Step;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Connections, settings and modes as a user configures them. */
@ExtendWith(PostgresExtension.class)
class RuntimeSettingsTests {

	private static RevisionFiles twoRevisions(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write("aaaa00000002", "aaaa00000001", "INSERT INTO coffee VALUES (1);", "DELETE FROM coffee;");
		return files;
	}

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location());
	}

	@Test
	void anUnreachableDatabaseIsRetriedThenReported(@TempDir Path dir) {
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere")
			.locations(twoRevisions(dir).location())
			.connectRetries(2)
			.connectRetriesInterval(Duration.ofMillis(10))
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.exitCode()).isEqualTo(1);
		assertThat(error.getMessage()).startsWith("Could not connect to 'jdbc:postgresql://127.0.0.1:1/nowhere': ")
			.contains("(after 2 retries)")
			.endsWith("Check that the database is running and the URL, user and password are right.");
	}

	@Test
	void aServerThatAnswersSaysWhatToFixInsteadOfWhetherItIsRunning(TestDatabase db, @TempDir Path dir) {
		// A newcomer's first 'retort upgrade' usually meets a database not created yet.
		Retort missing = Retort.configure()
			.url(db.server().jdbcUrl(db.name() + "_not_created"))
			.user(db.user())
			.password(db.password())
			.locations(twoRevisions(dir).location())
			.load();
		RetortException noDatabase = catchThrowableOfType(RetortException.class, () -> missing.upgrade("heads"));
		assertThat(noDatabase.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(noDatabase.getMessage()).contains("database \"" + db.name() + "_not_created\" does not exist")
			.contains(". The server is running but has no database of that name. First check that the URL points at the right")
			.endsWith("which creating an empty one would hide. Only in a new environment, create it (CREATE DATABASE, or createdb).")
			.doesNotContain("Check that the database is running");

		Retort stranger = Retort.configure()
			.url(db.jdbcUrl())
			.user("no_such_role")
			.password(db.password())
			.locations(twoRevisions(dir.resolve("other")).location())
			.load();
		RetortException noRole = catchThrowableOfType(RetortException.class, () -> stranger.upgrade("heads"));
		assertThat(noRole.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(noRole.getMessage()).endsWith(". The server is running but refused the user: check the user name, "
				+ "and that the server's pg_hba.conf lets it connect from here.");
	}

	@Test
	void aDataSourceThatFailsToConnectIsNamedByTheUrlItSaysAndTheRefusalIsKnown(TestDatabase db, @TempDir Path dir) {
		// A pool's getters say where it connects: the failure names that, never its password.
		PGSimpleDataSource missing = new PGSimpleDataSource();
		missing.setUrl(db.server().jdbcUrl(db.name() + "_not_created"));
		missing.setUser(db.user());
		missing.setPassword("N0t-in-the-message");
		Retort retort = Retort.configure().dataSource(missing).locations(twoRevisions(dir).location()).load();
		ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
				() -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.getMessage())
			.startsWith("Could not connect to '" + db.server().jdbcUrl(db.name() + "_not_created"))
			.contains("' as user '" + db.user() + "' (the configured DataSource): ")
			.endsWith(ConnectionRefusal.NO_SUCH_DATABASE.advice())
			.doesNotContain("N0t-in-the-message");
		assertThat(error.refusal()).contains(ConnectionRefusal.NO_SUCH_DATABASE);

		// A server that could not be reached refused nothing: waiting for it may help.
		Retort unreachable = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere")
			.locations(twoRevisions(dir.resolve("other")).location())
			.load();
		ConnectionFailedException down = catchThrowableOfType(ConnectionFailedException.class,
				() -> unreachable.upgrade("heads"));
		assertThat(down.refusal()).isEmpty();
	}

	@Test
	void aDataSourceWhoseUrlTheDriverCannotParseIsReportedWithoutItsPassword(TestDatabase db, @TempDir Path dir) {
		// An application's DataSource with the password written raw in its URL: pgjdbc says
		// "Unable to parse URL <the whole URL>", and Retort quotes the driver.
		String url = db.jdbcUrl() + "?user=" + db.user() + "&password=Wr0ng@pw:%&q'x";
		DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					if (method.getName().equals("getConnection")) {
						return new org.postgresql.Driver().connect(url, new Properties());
					}
					throw new UnsupportedOperationException(method.getName());
				});
		Retort retort = Retort.configure().dataSource(dataSource).locations(twoRevisions(dir).location()).load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.getMessage()).contains("Unable to parse URL " + db.jdbcUrl() + "?user=" + db.user() + "&password=***")
			.doesNotContain("Wr0ng")
			.doesNotContain("pw:%");
	}

	@Test
	void statusNamesTheHolderOfTheLock(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, twoRevisions(dir)).load();
		TableNames names = new TableNames("public", "retort_version", "retort_history");
		try (MigrationLock lock = MigrationLock.acquire(LockingTests.factory(db, "other-deploy").open(), names,
				Duration.ZERO)) {
			LockInfo info = retort.status().lock();
			assertThat(info.held()).isTrue();
			assertThat(info.holderApplication()).isEqualTo("other-deploy");
			assertThat(info.since()).isNotNull();
		}
		assertThat(retort.status().lock()).isEqualTo(LockInfo.FREE);
	}

	@Test
	void everySessionCarriesTheApplicationNameOnTheDataSourcePathToo(TestDatabase db, @TempDir Path dir) {
		Retort retort = Retort.configure()
			.dataSource(db.dataSource())
			.locations(twoRevisions(dir).location())
			.applicationName("retort-ds")
			.load();
		// The lock session and the migration session, at each step.
		assertThat(sessionsNamedAtEachStep(retort, db, "retort-ds")).containsExactly("2", "2");
	}

	@Test
	void everySessionCarriesTheApplicationNameOnTheUrlPath(TestDatabase db, @TempDir Path dir) {
		// Sent in the startup packet (assumeMinServerVersion), not by a SET after connecting.
		Retort retort = configure(db, twoRevisions(dir)).applicationName("retort-url").load();
		assertThat(sessionsNamedAtEachStep(retort, db, "retort-url")).containsExactly("2", "2");
	}

	@Test
	void aStartWithNothingToDoBorrowsThePooledConnectionAsItIs(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = twoRevisions(dir);
		try (java.sql.Connection pooled = db.connect()) {
			javax.sql.DataSource poolOfOne = poolOf(db, pooled);
			configure(db, files).load().upgrade("heads");
			Retort retort = Retort.configure().dataSource(poolOfOne).locations(files.location()).load();
			long before = retort.statementCount();
			assertThat(retort.upgrade("heads").to()).containsExactly("aaaa00000002");
			// The schema, which tables exist, the version rows with the history; no SET
			// application_name before them and no RESET after: the last statement is Retort's read.
			assertThat(retort.statementCount() - before).isEqualTo(3);
			int pid = pooled.unwrap(org.postgresql.PGConnection.class).getBackendPID();
			assertThat(db.queryStrings("SELECT query FROM pg_stat_activity WHERE pid = " + pid))
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.contains("FROM public.retort_")
				.doesNotContain("application_name");
			try (Statement statement = pooled.createStatement();
					ResultSet name = statement.executeQuery("SHOW application_name")) {
				name.next();
				assertThat(name.getString(1)).isEqualTo("PostgreSQL JDBC Driver");
			}
		}
	}

	@Test
	void aBorrowedConnectionGoesBackToThePoolWithTheRoleAndSettingsItCameWith(TestDatabase db, @TempDir Path dir)
			throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		// A role that may write Retort's tables (a member of their owner), as a migration role would.
		String owner = "coffee_owner_" + db.name();
		db.execute("CREATE ROLE " + owner, "GRANT " + db.user() + " TO " + owner);
		try (java.sql.Connection pooled = db.connect()) {
			// What the pool's init SQL set, and what the application's queries rely on.
			try (Statement statement = pooled.createStatement()) {
				statement.execute(
						"SET work_mem = '8MB'; SET TIME ZONE 'Europe/Paris'; SET idle_session_timeout = '10min'");
			}
			RevisionFiles files = new RevisionFiles(dir);
			files.write("aaaa00000001", null, "CREATE SCHEMA beans;\nCREATE TABLE coffee (id int);\n"
					+ "SET search_path TO beans;\nSET statement_timeout = '1s';\nSET work_mem = '1MB';\n"
					+ "RESET TimeZone;\nSET ROLE " + owner + ";", "DROP TABLE coffee;\nDROP SCHEMA beans;");
			files.write("aaaa00000002", "aaaa00000001", "CREATE TABLE beans.roast (id int);", "DROP TABLE beans.roast;");
			Retort retort = Retort.configure().dataSource(poolOf(db, pooled)).locations(files.location()).load();

			assertThat(retort.upgrade("heads").to()).containsExactly("aaaa00000002");

			// The revision's own statements ran with its settings...
			assertThat(db.queryStrings("SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'roast'"))
				.containsExactly("beans");
			// ...and the application gets its connection back as it lent it.
			try (Statement statement = pooled.createStatement();
					ResultSet row = statement.executeQuery("SELECT current_user, current_setting('search_path'),"
							+ " current_setting('statement_timeout'), current_setting('work_mem'),"
							+ " current_setting('TimeZone'), current_setting('application_name'),"
							+ " current_setting('idle_session_timeout')")) {
				row.next();
				// The migration's session turned idle_session_timeout off while it waited for the lock.
				assertThat(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
						row.getString(5), row.getString(6), row.getString(7)))
					.containsExactly(db.user(), "\"$user\", public", "0", "8MB", "Europe/Paris", "PostgreSQL JDBC Driver",
							"10min");
			}
		}
		finally {
			db.execute("DROP OWNED BY " + owner, "DROP ROLE " + owner);
		}
	}

	/**
	 * A pool that lends {@code connection} whenever it is not lent already, and closing it
	 * returns it; a borrower while it is lent (the lock's session, beside the migration's) gets a
	 * session of its own, as from a real pool, where two borrowers never share a session.
	 */
	private static javax.sql.DataSource poolOf(TestDatabase db, java.sql.Connection connection) {
		java.util.concurrent.atomic.AtomicBoolean lent = new java.util.concurrent.atomic.AtomicBoolean();
		java.sql.Connection borrowed = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
				RuntimeSettingsTests.class.getClassLoader(), new Class<?>[] { java.sql.Connection.class },
				(proxy, method, args) -> switch (method.getName()) {
					case "close" -> {
						lent.set(false);
						yield null;
					}
					case "isClosed" -> false;
					default -> method.invoke(connection, args);
				});
		return new org.postgresql.ds.PGSimpleDataSource() {
			@Override
			public java.sql.Connection getConnection() throws java.sql.SQLException {
				return lent.compareAndSet(false, true) ? borrowed : db.connect();
			}
		};
	}

	/** Upgrades to the heads, counting the sessions named {@code applicationName} as each step starts. */
	private static List<String> sessionsNamedAtEachStep(Retort retort, TestDatabase db, String applicationName) {
		List<String> seen = new ArrayList<>();
		retort.withListener(new MigrationListener() {
			@Override
			public void stepStarting(Step step) {
				seen.addAll(db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?",
						applicationName));
			}
		}).upgrade("heads");
		return seen;
	}

	@Test
	void transactionModeAllAppliesEverythingInOneTransaction(TestDatabase db, @TempDir Path dir) {
		List<StepResult> steps = configure(db, twoRevisions(dir)).transactionMode(TransactionMode.ALL)
			.load()
			.upgrade("heads")
			.steps();
		assertThat(steps).extracting(StepResult::revision).containsExactly("aaaa00000001", "aaaa00000002");
		assertThat(db.queryStrings("SELECT count(DISTINCT xmin::text) FROM retort_history")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Test
	void transactionModeAllRefusesANonTransactionalRevisionBeforeCreatingAnything(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = twoRevisions(dir);
		files.write("aaaa00000003", "aaaa00000002", "", false, "CREATE INDEX CONCURRENTLY ix_coffee ON coffee (id);",
				"DROP INDEX CONCURRENTLY ix_coffee;");
		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).schema("app").transactionMode(TransactionMode.ALL).load().upgrade("heads"));
		// The message says "Nothing was run": the database must look as if Retort never came.
		assertThat(refusal.getMessage()).contains("must run outside a transaction").contains("Nothing was run");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_namespace WHERE nspname = 'app'")).containsExactly("0");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname IN ('retort_version', 'retort_history')"))
			.containsExactly("0");
	}

	@Test
	void aReadOnlyDatabaseIsNamedAsTheCauseNotTheRevision(TestDatabase db, @TempDir Path dir) {
		// A replica's URL given by mistake, as default_transaction_read_only makes it (a hot standby says the same).
		RevisionFiles files = twoRevisions(dir);
		configure(db, files).load().upgrade("aaaa00000001");
		db.server().adminExecute("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");
		try {
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> configure(db, files).load().upgrade("heads"));
			assertThat(failure.readOnly()).isTrue();
			assertThat(failure.getMessage()).contains("cannot execute INSERT in a read-only transaction [SQLSTATE 25006]")
				// Not a standby: where it is set, and how to be rid of it, not 'point at the primary'.
				.contains("The database refused to write: the server is writable, but default_transaction_read_only is"
						+ " on for this session, set for the database " + db.name() + ". The revisions are not at fault:"
						+ " turn it off (ALTER ROLE " + db.user() + " SET default_transaction_read_only = off), or migrate"
						+ " as a role without it ('retort.user', --user).")
				// Its history row is refused the same way: nobody should look for it.
				.contains("No failure row could be written to the history.")
				.contains("Nothing of it was applied; the database stays at aaaa00000001: a run with"
						+ " default_transaction_read_only off continues from there.")
				.doesNotContain("Fix the revision")
				.doesNotContain("primary");
		}
		finally {
			db.server().adminExecute("ALTER DATABASE " + db.name() + " RESET default_transaction_read_only");
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
	}

	@Test
	void aReadOnlyDatabaseMigratedForTheFirstTimeIsNamedAsTheCause(TestDatabase db, @TempDir Path dir) {
		db.server().adminExecute("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");
		try {
			RetortException failure = catchThrowableOfType(RetortException.class,
					() -> configure(db, twoRevisions(dir)).load().upgrade("heads"));
			assertThat(failure.getMessage()).startsWith("Could not create public.retort_version and"
					+ " public.retort_history: ERROR: cannot execute CREATE TABLE in a read-only transaction")
				.contains("The revisions are not at fault: turn it off (ALTER ROLE " + db.user()
						+ " SET default_transaction_read_only = off)");
		}
		finally {
			db.server().adminExecute("ALTER DATABASE " + db.name() + " RESET default_transaction_read_only");
		}
	}

	@Test
	void aRoleMadeReadOnlyInThisDatabaseIsToldTheStatementThatUndoesIt(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = twoRevisions(dir);
		configure(db, files).load().upgrade("aaaa00000001");
		String undo = "ALTER ROLE " + db.user() + " IN DATABASE " + db.name() + " RESET default_transaction_read_only";
		db.server().adminExecute("ALTER ROLE " + db.user() + " IN DATABASE " + db.name()
				+ " SET default_transaction_read_only = on");
		try {
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> configure(db, files).load().upgrade("heads"));
			assertThat(failure.getMessage()).contains("default_transaction_read_only is on for this session, set for the"
					+ " role " + db.user() + " in database " + db.name() + ". The revisions are not at fault: turn it off ("
					+ undo + ")");
			// As it says.
			db.server().adminExecute(undo);
			configure(db, files).load().upgrade("heads");
		}
		finally {
			db.server().adminExecute(undo);
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Test
	void statementTimeoutStopsALongStatement(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = twoRevisions(dir);
		files.write("aaaa00000003", "aaaa00000002", "SELECT pg_sleep(5);", "SELECT 1;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).ddlStatementTimeout(Duration.ofMillis(100)).load().upgrade("heads"));
		assertThat(failure.sqlState()).isEqualTo("57014");
		assertThat(failure.getMessage()).contains("canceling statement due to statement timeout")
			// The operator learns which setting stopped it, not to 'fix the revision'.
			.contains("It ran longer than statement_timeout (100ms, 'retort.ddl.statement-timeout'): raise it for this run,"
					+ " or split the work")
			.doesNotContain("Fix the revision");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Test
	void aStatementTimeoutTheRevisionSetsItselfIsNamedWithItsLine(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = twoRevisions(dir);
		files.write("aaaa00000003", "aaaa00000002", "SET LOCAL statement_timeout = '100ms';\nSELECT pg_sleep(5);",
				"SELECT 1;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).ddlStatementTimeout(Duration.ofMinutes(10)).load().upgrade("heads"));
		assertThat(failure.sqlState()).isEqualTo("57014");
		// Not 'raise retort.ddl.statement-timeout', which the revision's own setting replaced: its line.
		assertThat(failure.getMessage()).contains("It ran longer than the statement_timeout the revision sets itself (at "
				+ dir.resolve("aaaa00000003_test.sql") + ":9), which replaces 'retort.ddl.statement-timeout' for it: raise"
				+ " it there, or remove it.")
			.contains("Fix the revision and run again")
			.doesNotContain("raise it for this run");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Test
	void aLockTimeoutTheRevisionSetsItselfIsNamedWithItsLine(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = twoRevisions(dir);
		configure(db, files).load().upgrade("heads");
		files.write("aaaa00000003", "aaaa00000002", "SET LOCAL lock_timeout = '50ms';\nLOCK TABLE coffee;", "SELECT 1;");
		try (java.sql.Connection holder = db.connect()) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.execute("LOCK TABLE coffee IN ACCESS SHARE MODE");
			}
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> configure(db, files).ddlRetries(0).load().upgrade("heads"));
			assertThat(failure.sqlState()).isEqualTo("55P03");
			assertThat(failure.getMessage()).contains("after the lock_timeout the revision sets itself (at "
					+ dir.resolve("aaaa00000003_test.sql") + ":9), which replaces 'retort.ddl.lock-timeout' for it")
				.doesNotContain("or raise 'retort.ddl.lock-timeout'");
			holder.rollback();
		}
	}

	@Test
	void aStatementTimeoutRetortDidNotSetIsNotAttributedToItsProperty(TestDatabase db, @TempDir Path dir) {
		// The role's statement_timeout, as a DBA sets it for application roles: Retort sets none.
		RevisionFiles files = twoRevisions(dir);
		files.write("aaaa00000003", "aaaa00000002", "SELECT pg_sleep(0.5);", "SELECT 1;");
		String role = "ALTER ROLE " + db.user() + " IN DATABASE " + db.name();
		db.server().adminExecute(role + " SET statement_timeout = '100ms'");
		try {
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> configure(db, files).load().upgrade("heads"));
			assertThat(failure.getMessage()).contains("canceling statement due to statement timeout")
				.contains("It ran longer than statement_timeout, set for the role, the database or the server"
						+ " ('retort.ddl.statement-timeout' is not set, so Retort left it as it was): set"
						+ " 'retort.ddl.statement-timeout' higher (Retort then sets it for its revisions) for this run, or"
						+ " split the work")
				.doesNotContain("'retort.ddl.statement-timeout')")
				.doesNotContain("Fix the revision");
			// Followed literally, the advice works: Retort's own setting wins over the role's.
			configure(db, files).ddlStatementTimeout(Duration.ofSeconds(30)).load().upgrade("heads");
		}
		finally {
			db.server().adminExecute(role + " RESET statement_timeout");
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000003");
	}

	@Test
	void statementTimeoutOfAnIndexBuildAdvisesBuildingItConcurrently(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = twoRevisions(dir);
		// An index build slower than the timeout, whatever the machine: each row's key takes a second.
		files.write("aaaa00000003", "aaaa00000002",
				"CREATE FUNCTION slow_key(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 FROM pg_sleep(1)';\n"
						+ "INSERT INTO coffee VALUES (7);\nCREATE INDEX ix_slow ON coffee (slow_key(id));",
				"SELECT 1;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).ddlStatementTimeout(Duration.ofMillis(100)).load().upgrade("heads"));
		assertThat(failure.sqlState()).isEqualTo("57014");
		assertThat(failure.buildsIndex()).isTrue();
		// A timeout is not run again to find its statement: the revision's index build is named all the same.
		assertThat(failure.getMessage()).contains("in one of its 3 statements")
			.contains("It ran longer than statement_timeout (100ms, 'retort.ddl.statement-timeout'); one of them is an index"
					+ " build, which takes as long as the table is large, and CREATE INDEX blocks the table's writes all that time. Build it"
					+ " with CREATE INDEX CONCURRENTLY in a 'Transactional: false' revision, or raise"
					+ " 'retort.ddl.statement-timeout' for the run that applies this revision.")
			.doesNotContain("batched backfill");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Data migration in Java")
	static final class DoubleIds implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("INSERT INTO coffee VALUES (2)");
			try (Statement statement = op.connection().createStatement();
					ResultSet rows = statement.executeQuery("SELECT max(id) FROM coffee")) {
				rows.next();
				op.execute("INSERT INTO coffee VALUES (" + (rows.getInt(1) * 10) + ")");
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Test
	void aJavaRevisionRunsWithOperationsAndTheConnectionInItsTransaction(TestDatabase db, @TempDir Path dir) {
		configure(db, twoRevisions(dir)).javaMigrations(List.of(new DoubleIds())).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT id FROM coffee ORDER BY id")).containsExactly("1", "2", "20");
		assertThat(db.queryStrings("SELECT count(DISTINCT xmin::text) FROM coffee WHERE id >= 2")).containsExactly("1");
		// The checksum of what it renders offline, up to its use of the connection (JavaRevisionChecksumTests).
		assertThat(db.queryStrings("SELECT length(checksum) FROM retort_history WHERE revision = 'aaaa00000003'"))
			.containsExactly("64");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Backfill", transactional = false)
	static final class Backfill implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE coffee ADD COLUMN IF NOT EXISTS strength int");
			op.bulkInsert("coffee", List.of(java.util.Map.of("id", 2), java.util.Map.of("id", 3)));
			op.backfill("coffee", "strength = 3", "strength IS NULL", 2);
		}

	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Backfill in a transaction")
	static final class BackfillInTransaction implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.backfill("coffee", "id = id", null, 2);
		}

	}

	@Test
	void aNonTransactionalJavaRevisionBackfillsInBatches(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int PRIMARY KEY)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		files.write("aaaa00000002", "aaaa00000001", "INSERT INTO coffee VALUES (1);", "DELETE FROM coffee;");
		configure(db, files).javaMigrations(List.of(new Backfill())).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT id || ':' || strength FROM coffee ORDER BY id")).containsExactly("1:3",
				"2:3", "3:3");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000003");
	}

	@Test
	void aBackfillInsideATransactionalRevisionIsRefusedBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int PRIMARY KEY)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		files.write("aaaa00000002", "aaaa00000001", "INSERT INTO coffee VALUES (1);", "DELETE FROM coffee;");
		InvalidRevisionFileException refusal = catchThrowableOfType(InvalidRevisionFileException.class,
				() -> configure(db, files).javaMigrations(List.of(new BackfillInTransaction())).load().upgrade("heads"));
		assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(refusal.problems()).containsExactly("Revision aaaa00000003 (" + BackfillInTransaction.class.getName()
				+ ":528) is transactional, but its upgrade runs 'backfill of coffee in batches of 2', which cannot run"
				+ " inside a transaction. Nothing was run. Move it into a revision of its own declared"
				+ " @Revision(transactional = false), which runs each operation on its own.");
		// Not even the revisions before it: a run that cannot finish stops having changed nothing.
		assertThat(db.queryStrings("SELECT count(*) FROM coffee")).containsExactly("0");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Backfill after reading")
	static final class BackfillAfterTheConnection implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.connection();
			op.backfill("coffee", "id = id", null, 2);
		}

	}

	@Test
	void aBackfillInsideATransactionalRevisionAfterTheConnectionIsRefusedWhenReached(TestDatabase db,
			@TempDir Path dir) {
		// Its offline rendering stops where it asks for the connection: the backfill is refused when met.
		db.execute("CREATE TABLE coffee (id int PRIMARY KEY)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SELECT 1;", "SELECT 1;");
		files.write("aaaa00000002", "aaaa00000001", "INSERT INTO coffee VALUES (1);", "DELETE FROM coffee;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).javaMigrations(List.of(new BackfillAfterTheConnection()))
					.load()
					.upgrade("heads"));
		assertThat(failure.revision()).isEqualTo("aaaa00000003");
		assertThat(failure.rolledBack()).isTrue();
		assertThat(failure.getMessage()).startsWith("Revision aaaa00000003 ("
				+ BackfillAfterTheConnection.class.getName() + ":").doesNotContain("Exception:");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Checks after adding", transactional = false)
	static final class ThrowsOutsideATransaction implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE coffee ADD COLUMN strength int");
			throw new IllegalStateException("3 rows have no strength");
		}

	}

	@Test
	void aNonTransactionalJavaRevisionThatThrowsIsToldInJavaWhatStaysCommitted(TestDatabase db, @TempDir Path dir) {
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, twoRevisions(dir)).javaMigrations(List.of(new ThrowsOutsideATransaction()))
					.load()
					.upgrade("heads"));
		assertThat(failure.getMessage()).startsWith("Revision aaaa00000003 (" + ThrowsOutsideATransaction.class.getName()
				+ ":").contains("java.lang.IllegalStateException: 3 rows have no strength")
			.contains("\n  It ran outside a transaction (@Revision(transactional = false)): the statements it ran before"
					+ " that stay committed, the version table stays at aaaa00000002.")
			.doesNotContain("Transactional: false");
		assertThat(db.queryStrings("SELECT count(*) FROM information_schema.columns WHERE column_name = 'strength'"))
			.containsExactly("1");
	}

	@Test
	void transactionModeAllNamesAJavaRevisionsOwnDeclaration(TestDatabase db, @TempDir Path dir) {
		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, twoRevisions(dir)).javaMigrations(List.of(new Backfill()))
					.transactionMode(TransactionMode.ALL)
					.load()
					.upgrade("heads"));
		assertThat(refusal.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(refusal.getMessage()).startsWith("Revision(s) aaaa00000003 (" + Backfill.class.getName()
				+ ") must run outside a transaction (@Revision(transactional = false)), but 'retort.transaction-mode' is 'all'");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Closes what it is lent")
	static final class ClosesTheConnection implements Migration {

		@Override
		public void upgrade(Operations op) {
			// The JDBC idiom: the connection closed at the end of the block gives it back to Retort.
			try (java.sql.Connection connection = op.connection(); Statement statement = connection.createStatement()) {
				statement.execute("UPDATE coffee SET id = id * 10");
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
			op.execute("INSERT INTO coffee VALUES (2)");
		}

	}

	@Test
	void aJavaRevisionClosingItsConnectionGivesItBackAndIsRecorded(TestDatabase db, @TempDir Path dir) {
		configure(db, twoRevisions(dir)).javaMigrations(List.of(new ClosesTheConnection())).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT id FROM coffee ORDER BY id")).containsExactly("2", "10");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000003");
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Commits on its own")
	static final class CommitsOnItsOwn implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE beans (id int)");
			try {
				op.connection().commit();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Turns auto-commit on")
	static final class TurnsAutoCommitOn implements Migration {

		@Override
		public void upgrade(Operations op) {
			try {
				op.connection().setAutoCommit(true);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
			op.execute("CREATE TABLE beans (id int)");
		}

	}

	@Test
	void aTransactionalJavaRevisionEndingItsTransactionIsRefusedAndRolledBack(TestDatabase db, @TempDir Path dir) {
		for (Migration migration : List.of(new CommitsOnItsOwn(), new TurnsAutoCommitOn())) {
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> configure(db, twoRevisions(dir)).javaMigrations(List.of(migration)).load().upgrade("heads"));
			String call = (migration instanceof CommitsOnItsOwn) ? "commit()" : "setAutoCommit(true)";
			assertThat(failure.rolledBack()).isTrue();
			assertThat(failure.getMessage()).startsWith("Revision aaaa00000003 (" + migration.getClass().getName() + ":")
				.contains(" failed and was rolled back: op.connection()." + call + " was called inside the revision's"
						+ " transaction. Retort commits the revision together with its version row, or rolls both back")
				.contains("declared @Revision(transactional = false)")
				.contains("Nothing of it was applied; the database stays at aaaa00000002.");
			assertThat(db.tableExists("beans")).isFalse();
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
			assertThat(db.queryStrings("SELECT success::text FROM retort_history WHERE revision = 'aaaa00000003'"))
				.containsExactly("false");
			db.execute("DELETE FROM retort_history WHERE revision = 'aaaa00000003'");
		}
	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Commits in parts", transactional = false)
	static final class CommitsInParts implements Migration {

		@Override
		public void upgrade(Operations op) {
			try (Statement statement = op.connection().createStatement()) {
				op.connection().setAutoCommit(false);
				statement.execute("INSERT INTO coffee VALUES (2)");
				op.connection().commit();
				op.connection().setAutoCommit(true);
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Test
	void aNonTransactionalJavaRevisionMayRunTransactionsOfItsOwn(TestDatabase db, @TempDir Path dir) {
		configure(db, twoRevisions(dir)).javaMigrations(List.of(new CommitsInParts())).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT id FROM coffee ORDER BY id")).containsExactly("1", "2");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000003");
	}

	@Test
	void failOnMultipleHeadsRefusesUnmergedBranchesButNotARevisionOnlyDependedOn(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write("bbbb00000001", null, "CREATE TABLE beans (id int);", "DROP TABLE beans;");
		// 'retort heads' lists one head: bbbb00000001 is only a dependency of aaaa00000002.
		files.write("aaaa00000002", "aaaa00000001", "-- Depends On: bbbb00000001\n", true,
				"INSERT INTO beans VALUES (1);", "DELETE FROM beans;");
		configure(db, files).failOnMultipleHeads(true).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");

		files.write("cccc00000001", "aaaa00000001", "CREATE TABLE cups (id int);", "DROP TABLE cups;");
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).failOnMultipleHeads(true).load().upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.MULTIPLE_HEADS);
		assertThat(error.getMessage()).contains("aaaa00000002", "cccc00000001").doesNotContain("bbbb00000001");
		assertThat(db.queryStrings("SELECT to_regclass('cups')::text")).containsExactly((String) null);
	}


	@Test
	void validateReportsTheHeadsThatFailOnMultipleHeadsMakesUpgradeRefuse(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write("bbbb00000001", "aaaa00000001", "ALTER TABLE coffee ADD COLUMN price int;",
				"ALTER TABLE coffee DROP COLUMN price;");
		configure(db, files).failOnMultipleHeads(true).load().upgrade("heads");
		assertThat(configure(db, files).failOnMultipleHeads(true).load().validate().problems()).isEmpty();

		// A teammate's branch off the same parent, merged in git: two heads, which the deploy refuses.
		files.write("cccc00000001", "aaaa00000001", "ALTER TABLE coffee ADD COLUMN origin text;",
				"ALTER TABLE coffee DROP COLUMN origin;");
		assertThat(configure(db, files).failOnMultipleHeads(true).load().validate().problems()).containsExactly(
				"The revisions have 2 heads, bbbb00000001 (" + dir.resolve("bbbb00000001_test.sql") + "), cccc00000001 ("
						+ dir.resolve("cccc00000001_test.sql") + "), and 'retort.fail-on-multiple-heads' is set, so"
						+ " 'retort upgrade' (and an upgrade at startup) refuses them: branches that each added a"
						+ " revision on the same parent were merged. Join them with: retort merge -m \"merge\""
						+ " bbbb00000001 cccc00000001");
		// Without the setting several heads are a project's choice (branches), as in Alembic.
		assertThat(configure(db, files).load().validate().problems()).isEmpty();
		// A CI job without a database sees it too.
		assertThat(Retort.configure().locations(files.location()).failOnMultipleHeads(true).load().validate()
			.valid()).isFalse();
	}

	@Test
	void aUrlParameterWithoutAValidValueIsBadInputNeitherRetriedNorBlamedOnTheServer(TestDatabase db,
			@TempDir Path dir) {
		// pgjdbc files an sslmode it does not know under "unable to connect" (08001): it was waited
		// for with connect-retries and exited 1 with "Check that the database is running".
		String[][] cases = { { "sslmode=bogus", "Invalid sslmode value: bogus", "INVALID_DRIVER_SETTING" },
				{ "connectTimeout=abc", "connectTimeout parameter value must be an integer but was: abc",
						"INVALID_PARAMETER_VALUE" },
				{ "options=-c%20statement_timeout%3Dabc", "invalid value for parameter \"statement_timeout\": \"abc\"",
						"INVALID_PARAMETER_VALUE" } };
		for (String[] each : cases) {
			Retort retort = Retort.configure()
				.url(db.jdbcUrl() + "?" + each[0])
				.user(db.user())
				.password(db.password())
				.locations(twoRevisions(dir.resolve(each[2] + each[0].length())).location())
				.connectRetries(2)
				.connectRetriesInterval(Duration.ofMillis(10))
				.load();
			ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
					() -> retort.upgrade("heads"));
			assertThat(error.code()).as(each[0]).isEqualTo(ErrorCode.CONFIGURATION);
			assertThat(error.exitCode()).isEqualTo(2);
			assertThat(error.refusal()).map(Enum::name).contains(each[2]);
			assertThat(error.getMessage()).startsWith("Could not connect to '" + db.jdbcUrl() + "?" + each[0] + "': ")
				.contains(each[1])
				.endsWith("A parameter of the connection's URL has a value that is not valid: fix the value the message "
						+ "names (pgjdbc's parameters and their values: "
						+ "https://jdbc.postgresql.org/documentation/use/#connection-parameters).")
				.doesNotContain("(after", "Check that the database is running");
		}
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(db.tableExists("coffee")).isFalse();
	}

	@Test
	void anUnknownHostIsNamedInsteadOfBlamingADatabaseThatIsDown(TestDatabase db, @TempDir Path dir) {
		// pgjdbc says only "The connection attempt failed." and keeps the UnknownHostException to itself.
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://no-such-host.invalid:" + db.server().port() + "/" + db.name())
			.user(db.user())
			.password(db.password())
			.locations(twoRevisions(dir).location())
			.load();
		ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
				() -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.refusal()).isEmpty();
		assertThat(error.getMessage()).startsWith("Could not connect to 'jdbc:postgresql://no-such-host.invalid:")
			.contains(": The connection attempt failed: unknown host 'no-such-host.invalid")
			.endsWith("Check the host name of the URL: it has no address here (a typo, or a name known only inside "
					+ "another network, such as a container's service name).");
	}

	@Test
	void aConnectThatNeverCompletesIsSaidToHaveTimedOutWithWhatToCheck(TestDatabase db, @TempDir Path dir)
			throws Exception {
		// A host that drops the packets: pgjdbc's connectTimeout ends the TCP connect and says only
		// "The connection attempt failed.", as for any other failure. A listening socket whose
		// accept queue is full (backlog 1, never accepting) drops the SYN as such a firewall does.
		try (dev.retort.testing.SilentPort silent = dev.retort.testing.SilentPort.dropping()) {
			Retort retort = Retort.configure()
				.url("jdbc:postgresql://127.0.0.1:" + silent.port() + "/" + db.name() + "?connectTimeout=1")
				.user(db.user())
				.password("N0t-in-the-message")
				.locations(twoRevisions(dir).location())
				.load();
			ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
					() -> retort.upgrade("heads"));
			assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
			assertThat(error.refusal()).isEmpty();
			assertThat(error.getMessage())
				.startsWith("Could not connect to 'jdbc:postgresql://127.0.0.1:" + silent.port() + "/")
				.contains(": The connection attempt failed: the TCP connection to 127.0.0.1:" + silent.port()
						+ " did not open within the connect timeout (1 s, connectTimeout of the URL). ")
				.endsWith("Nothing answered at that address: check the host and the port of the URL, and that no "
						+ "firewall or security group drops the traffic from here to it (a server that is down on a "
						+ "host that is up refuses at once instead); to wait longer for a slow network, set "
						+ "connectTimeout (seconds) in the URL.")
				.doesNotContain("N0t-in-the-message", "Check that the database is running");
		}
	}

	@Test
	void aPortWhereSomethingElseThanPostgresqlAnswersIsSaidSoRatherThanAnSslProblem(TestDatabase db, @TempDir Path dir)
			throws Exception {
		// A web server on the URL's port answers pgjdbc's first message (its request for SSL) with
		// HTTP; pgjdbc says "An error occurred while setting up the SSL connection" (with
		// sslmode=disable, "Protocol error. Session setup failed"): both 08P01, and no SSL setting helps.
		try (java.net.ServerSocket web = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> {
				while (!web.isClosed()) {
					try (java.net.Socket client = web.accept()) {
						client.getInputStream().read(new byte[64]);
						client.getOutputStream()
							.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(
									java.nio.charset.StandardCharsets.US_ASCII));
					}
					catch (java.io.IOException closed) {
						// the test is done with it
					}
				}
			});
			server.setDaemon(true);
			server.start();
			RevisionFiles revisions = twoRevisions(dir);
			for (String parameters : new String[] { "", "?sslmode=disable" }) {
				Retort retort = Retort.configure()
					.url("jdbc:postgresql://127.0.0.1:" + web.getLocalPort() + "/" + db.name() + parameters)
					.user(db.user())
					.password(db.password())
					.locations(revisions.location())
					.load();
				ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
						() -> retort.upgrade("heads"));
				assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
				assertThat(error.getMessage()).as(parameters)
					.startsWith("Could not connect to 'jdbc:postgresql://127.0.0.1:" + web.getLocalPort() + "/")
					.endsWith("Something answers at that host and port, but not as a PostgreSQL server does: its"
							+ " reply to the driver's first message is none PostgreSQL sends (so the driver's words"
							+ " before this are no SSL or protocol problem to fix). Check the port and the host of the"
							+ " URL (PostgreSQL listens on 5432 unless set otherwise): another service, such as a web"
							+ " server or a proxy, listens there.");
			}
		}
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void aDataSourceWhoseUrlHoldsItsPasswordIsNamedWithTheUrlMaskedAndQuoted(TestDatabase db, @TempDir Path dir) {
		// An application's spring.datasource.url with ?password=: the mask ran on to the next space,
		// taking the closing quote of the URL with it.
		String url = db.server().jdbcUrl(db.name() + "_not_created") + "?user=" + db.user() + "&password=N0t-in-it";
		UrlDataSource dataSource = new UrlDataSource(url);
		Retort retort = Retort.configure().dataSource(dataSource).locations(twoRevisions(dir).location()).load();
		ConnectionFailedException error = catchThrowableOfType(ConnectionFailedException.class,
				() -> retort.upgrade("heads"));
		assertThat(error.getMessage())
			.startsWith("Could not connect to '" + db.server().jdbcUrl(db.name() + "_not_created") + "?user=" + db.user()
					+ "&password=***' (the configured DataSource): ")
			.endsWith(ConnectionRefusal.NO_SUCH_DATABASE.advice())
			.doesNotContain("N0t-in-it");
	}

	/** A pool whose URL getter says the URL as the application wrote it, password and all. */
	static final class UrlDataSource extends PGSimpleDataSource {

		private final String url;

		UrlDataSource(String url) {
			this.url = url;
		}

		@Override
		public String getUrl() {
			return this.url;
		}

		@Override
		public java.sql.Connection getConnection() throws java.sql.SQLException {
			return new org.postgresql.Driver().connect(this.url, new Properties());
		}

	}

}
