package dev.retort.runtime;

import java.time.Duration;
import java.util.List;

import dev.retort.config.TransactionMode;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class MigrationRunnerTests {

	private static final DdlSettings DDL = new DdlSettings(Duration.ofMillis(200), null, 2);

	@Test
	void linearRevisionsRunEachInItsOwnTransactionAndMoveTheVersionRow(TestDatabase db) {
		Plans plans = new Plans().sql("a1", "CREATE TABLE t1 (id int)").sql("b2", "CREATE TABLE t2 (id int)");
		List<AppliedStep> steps = run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION);
		assertThat(steps).extracting(AppliedStep::revision).containsExactly("a1", "b2");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("b2");
		assertThat(db.queryStrings("SELECT revision || ' ' || operation || ' ' || success || ' ' || checksum"
				+ " FROM retort_history ORDER BY id")).containsExactly("a1 upgrade true checksum-a1",
						"b2 upgrade true checksum-b2");
		assertThat(db.tableExists("t2")).isTrue();
	}

	@Test
	void failureInTheThirdOfFiveRevisionsRollsItBackWholeAndRecordsIt(TestDatabase db) {
		Plans plans = new Plans().sql("r1", "CREATE TABLE t1 (id int)")
			.sql("r2", "CREATE TABLE t2 (id int)")
			.sql("r3", "CREATE TABLE t3 (id int)", "INSERT INTO t3 VALUES (1)", "INSERT INTO missing VALUES (1)")
			.sql("r4", "CREATE TABLE t4 (id int)")
			.sql("r5", "CREATE TABLE t5 (id int)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("Revision r3 (runtime/r3_test.sql:15) failed and was rolled back")
			.contains("relation \"missing\" does not exist")
			.contains("SQLSTATE 42P01")
			.contains("in statement: INSERT INTO missing VALUES (1)")
			.contains("the database stays at r2");
		assertThat(failure.rolledBack()).isTrue();
		assertThat(failure.sqlState()).isEqualTo("42P01");
		assertThat(db.tableExists("t3")).isFalse();
		assertThat(db.tableExists("t2")).isTrue();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("r2");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("r1 true", "r2 true", "r3 false");
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success").get(0))
			.contains("relation \"missing\" does not exist");

		Plans fixed = new Plans().sql("r1", "CREATE TABLE t1 (id int)")
			.sql("r2", "CREATE TABLE t2 (id int)")
			.sql("r3", "CREATE TABLE t3 (id int)", "INSERT INTO t3 VALUES (1)")
			.sql("r4", "CREATE TABLE t4 (id int)")
			.sql("r5", "CREATE TABLE t5 (id int)");
		List<AppliedStep> steps = run(db, fixed, fixed.upgradeFrom("r2"), TransactionMode.PER_REVISION);
		assertThat(steps).extracting(AppliedStep::revision).containsExactly("r3", "r4", "r5");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("r5");
	}

	@Test
	void aPasswordTheFailedStatementSetsIsMaskedInTheMessageAndTheHistory(TestDatabase db) {
		Plans plans = new Plans().sql("pw1", "ALTER ROLE no_such_role_pw1 PASSWORD 'T0pS3cret'");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("role \"no_such_role_pw1\" does not exist")
			.contains("in statement: ALTER ROLE no_such_role_pw1 PASSWORD '***'")
			.doesNotContain("T0pS3cret");
		assertThat(failure.statement()).doesNotContain("T0pS3cret");
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success").get(0))
			.contains("PASSWORD '***'")
			.doesNotContain("T0pS3cret");
	}

	@Test
	void aPasswordInsideAStringLiteralOfTheFailedStatementIsMasked(TestDatabase db) {
		// Dynamic SQL doubles the quotes of the literal it holds; a connection string quotes a value
		// that has a space, or is a URL with the password in its user information.
		Plans plans = new Plans().sql("pw3",
				"DO $$ BEGIN EXECUTE 'ALTER ROLE no_such_role_pw3 PASSWORD ''T0pS3cret-1'''; END $$");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("role \"no_such_role_pw3\" does not exist")
			.contains("EXECUTE 'ALTER ROLE no_such_role_pw3 PASSWORD ''***'''; END $$")
			.doesNotContain("T0pS3cret");
		Plans connections = new Plans().sql("pw4",
				"SELECT no_such_connect('host=db password=''T0pS3cret 2'' dbname=app', 'postgresql://app:T0pS3cret-3@db/app')");
		MigrationFailedException connectionFailure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, connections, connections.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(connectionFailure.getMessage()).contains("function no_such_connect(unknown, unknown) does not exist")
			.contains("password=***")
			.contains("postgresql://app:***@db/app")
			.doesNotContain("T0pS3cret");
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success")).hasSize(2)
			.noneMatch((error) -> error.contains("T0pS3cret"));
	}

	@Test
	void aPasswordLiteralPostgresQuotesInASyntaxErrorIsMasked(TestDatabase db) {
		// The role name left out: PASSWORD is read as the name, and the literal is what is out of place.
		Plans plans = new Plans().sql("pw2", "ALTER ROLE PASSWORD 'T0pS3cret'");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("syntax error at or near \"'***'\"").doesNotContain("T0pS3cret");
		assertThat(failure.databaseMessage()).doesNotContain("T0pS3cret");
		assertThat(failure.getCause().getMessage()).as("the cause a stack trace prints").doesNotContain("T0pS3cret");
		assertThat(((java.sql.SQLException) failure.getCause()).getSQLState()).isEqualTo("42601");
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success").get(0))
			.doesNotContain("T0pS3cret");
	}

	@Test
	void aFailureShowsPostgresDetailNamingTheRowAtFault(TestDatabase db) {
		db.execute("CREATE TABLE users (id int PRIMARY KEY)", "CREATE TABLE coffee (user_id int)",
				"INSERT INTO coffee VALUES (7)");
		Plans plans = new Plans().sql("fk1", "ALTER TABLE coffee ADD FOREIGN KEY (user_id) REFERENCES users (id)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("[SQLSTATE 23503]\n"
				+ "  Detail: Key (user_id)=(7) is not present in table \"users\".\n  in statement: ALTER TABLE coffee");
		assertThat(failure.databaseMessage()).doesNotContain("Detail");
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success").get(0))
			.contains("Detail: Key (user_id)=(7) is not present in table \"users\".");
	}

	@Test
	void aLongFailedTryIsNotRunAgainToFindItsStatement(TestDatabase db) {
		Plans plans = new Plans().sql("r1", "CREATE TABLE t1 (id int)", "INSERT INTO missing VALUES (1)");
		StepStarts starts = new StepStarts();
		ConnectionFactory factory = new ConnectionFactory(null, db.jdbcUrl(), db.user(), db.password(), "retort-test",
				0, Duration.ZERO);
		MigrationFailedException failure;
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			// Every try counts as long here: a real one of over ten seconds would take as long again.
			MigrationRunner runner = new MigrationRunner(database.sink(), database.names(), plans::script, DDL,
					TransactionMode.PER_REVISION, starts, () -> "test-host retort-test")
				.locateWithin(Duration.ZERO);
			failure = catchThrowableOfType(MigrationFailedException.class, () -> runner.run(plans.upgradeFrom(null)));
		}
		assertThat(starts.count()).isEqualTo(1);
		assertThat(failure.getMessage()).contains("Revision r1 (runtime/r1_test.sql) failed and was rolled back")
			.contains("relation \"missing\" does not exist")
			.contains("in one of its 2 statements, which went to the server together");
		assertThat(failure.location()).isEqualTo("runtime/r1_test.sql");
		assertThat(db.tableExists("t1")).isFalse();
	}

	@Test
	void aRevisionCostsAsManyRoundTripsWhateverTheNumberOfItsStatements(TestDatabase db) {
		Plans single = new Plans().sql("s1", "CREATE TABLE t1 (id int)").sql("s2", "CREATE TABLE t2 (id int)");
		long singleTrips = roundTrips(db, single);
		db.execute("DROP TABLE retort_version, retort_history, t1, t2");
		Plans many = new Plans().sql("m1", "CREATE TABLE t1 (id int)", "INSERT INTO t1 VALUES (1)", "SELECT count(*) FROM t1")
			.sql("m2", "CREATE TABLE t2 (id int)", "INSERT INTO t2 SELECT id FROM t1", "UPDATE t2 SET id = 2");
		assertThat(roundTrips(db, many)).isEqualTo(singleTrips);
		assertThat(db.queryStrings("SELECT id FROM t2")).containsExactly("2");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("m2");
	}

	@Test
	void statementsSentTogetherKeepTheirSemicolonsQuotesAndComments(TestDatabase db) {
		Plans plans = new Plans().sql("j1", "CREATE TABLE \"odd;name\" (note text) -- a comment; with a semicolon",
				"CREATE FUNCTION j1_f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$",
				"INSERT INTO \"odd;name\" VALUES (E'it\\'s; fine'), ('/* not a comment; */'), (j1_f()::text)",
				"/* a block comment; */ SELECT count(*) FROM \"odd;name\"");
		StepStarts starts = new StepStarts();
		run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION, starts);
		// One try: a string the driver split wrongly would fail and be run again one statement at a time.
		assertThat(starts.count()).isEqualTo(1);
		assertThat(db.queryStrings("SELECT note FROM \"odd;name\" ORDER BY note"))
			.containsExactly("/* not a comment; */", "1", "it's; fine");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("j1");
	}

	@Test
	void aRevisionEndingInAQueryOrACommentStillMovesTheVersionInTheSameRoundTrip(TestDatabase db) {
		Plans plans = new Plans().sql("q1", "CREATE TABLE t1 (id int)", "SELECT count(*) FROM t1 -- trailing ; comment")
			.sql("q2", "SELECT set_config('application_name', 'x', true)");
		run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("q2");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history WHERE success AND duration_ms >= 0"
				+ " AND started_at <= now()")).containsExactly("2");
	}

	@Test
	void anotherProcessMovingTheVersionIsCaughtByTheRowCountGuard(TestDatabase db) {
		Plans plans = new Plans().sql("g1", "CREATE TABLE t1 (id int)").sql("g2", "CREATE TABLE t2 (id int)");
		run(db, plans, plans.upgradeFrom(null), TransactionMode.PER_REVISION);
		db.execute("UPDATE retort_version SET version_num = 'moved'");
		Plans next = new Plans().sql("g1", "CREATE TABLE t1 (id int)").sql("g2", "CREATE TABLE t2 (id int)")
			.sql("g3", "CREATE TABLE t3 (id int)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, next, next.upgradeFrom("g2"), TransactionMode.PER_REVISION));
		assertThat(failure.getMessage()).contains("Expected to change 1 row of 'retort_version', changed 0: another"
				+ " process moved the version while this one ran");
		assertThat(db.tableExists("t3")).isFalse();
	}

	@Test
	void allModeRollsBackTheWholeRun(TestDatabase db) {
		Plans plans = new Plans().sql("r1", "CREATE TABLE t1 (id int)").sql("r2", "SELECT 1/0");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom(null), TransactionMode.ALL));
		assertThat(failure.getMessage()).contains("whole run was rolled back");
		assertThat(db.tableExists("t1")).isFalse();
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
		// The audit row says where the database stays: at base, not at r1, which was rolled back too.
		assertThat(db.queryStrings("SELECT revision || ' ' || success || ' ' || from_heads::text || ' '"
				+ " || to_heads::text FROM retort_history")).containsExactly("r2 false {} {}");
	}

	@Test
	void allModeNamesTheRevisionTheDatabaseStaysAt(TestDatabase db) {
		Plans first = new Plans().sql("r0", "CREATE TABLE t0 (id int)");
		run(db, first, first.upgradeFrom(null), TransactionMode.PER_REVISION);
		Plans plans = new Plans().sql("r0", "CREATE TABLE t0 (id int)")
			.sql("r1", "CREATE TABLE t1 (id int)")
			.sql("r2", "SELECT 1/0");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> run(db, plans, plans.upgradeFrom("r0"), TransactionMode.ALL));
		// Not r1 (rolled back with the run), and not a bare "where it was".
		assertThat(failure.getMessage()).contains("The whole run was rolled back (transaction-mode all): the database"
				+ " stays at r0. Fix the revision and run again: the next run continues from there.");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("r0");
	}

	@Test
	void offlineScriptShowsTheSameStatementsAsOnline(TestDatabase db) {
		Plans plans = new Plans().sql("a1", "CREATE TABLE t1 (id int)").sql("b2", "CREATE TABLE t2 (id int)");
		ScriptSqlSink sink = new ScriptSqlSink();
		new MigrationRunner(sink, names(), plans::script, DDL, TransactionMode.PER_REVISION, RunListener.NONE,
				() -> null)
			.run(plans.upgradeFrom(null));
		assertThat(sink.script()).contains("-- Running upgrade <base> -> a1\n\nBEGIN;\n\nSET LOCAL lock_timeout = '200ms';\n\nCREATE TABLE t1")
			.contains("CREATE TABLE t1 (id int);")
			.contains("INSERT INTO public.retort_version (version_num) VALUES ('a1');")
			.contains("UPDATE public.retort_version SET version_num = 'b2' WHERE version_num = 'a1';")
			.contains("COMMIT;");
	}

	private static TableNames names() {
		return new TableNames("public", "retort_version", "retort_history");
	}

	/** Statements sent (one round trip each) to apply {@code plans} from base. */
	private static long roundTrips(TestDatabase db, Plans plans) {
		ConnectionFactory factory = new ConnectionFactory(null, db.jdbcUrl(), db.user(), db.password(), "retort-test",
				0, Duration.ZERO);
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			long before = factory.statementCount();
			new MigrationRunner(database.sink(), database.names(), plans::script, DDL, TransactionMode.PER_REVISION,
					RunListener.NONE, () -> "test-host retort-test")
				.run(plans.upgradeFrom(null));
			return factory.statementCount() - before;
		}
	}

	private static List<AppliedStep> run(TestDatabase db, Plans plans, dev.retort.revision.Plan plan,
			TransactionMode mode) {
		return run(db, plans, plan, mode, RunListener.NONE);
	}

	private static List<AppliedStep> run(TestDatabase db, Plans plans, dev.retort.revision.Plan plan,
			TransactionMode mode, RunListener listener) {
		ConnectionFactory factory = new ConnectionFactory(null, db.jdbcUrl(), db.user(), db.password(), "retort-test",
				0, Duration.ZERO);
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			return new MigrationRunner(database.sink(), database.names(), plans::script, DDL, mode, listener,
					() -> "test-host retort-test")
				.run(plan);
		}
	}

}
