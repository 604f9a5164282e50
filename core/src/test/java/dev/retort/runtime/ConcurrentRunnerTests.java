package dev.retort.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.retort.Retort;
import dev.retort.command.MigrationResult;
import dev.retort.command.RevisionFiles;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Runners in separate JVMs: killed mid-revision, and six at once. */
@ExtendWith(PostgresExtension.class)
class ConcurrentRunnerTests {

	@Test
	void aRunnerKilledMidRevisionLeavesThePreviousRevisionAndNoLock(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		files.write("aaaa00000001", null, "CREATE TABLE first_table (id int);", "DROP TABLE first_table;");
		// Ten minutes: the server would let a statement of a dead client run that long.
		files.write("aaaa00000002", "aaaa00000001", "CREATE TABLE slow_table (id int);\nSELECT pg_sleep(600);",
				"DROP TABLE slow_table;");
		Process child = start(db, files, "retort-doomed");
		try {
			// Wait (polling the database, not the clock) until the slow statement runs.
			while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-doomed'"
					+ " AND state = 'active' AND query LIKE 'SELECT pg_sleep(600)%'").isEmpty()) {
				assertThat(child.isAlive()).as("child runner still running").isTrue();
				Thread.onSpinWait();
			}
			child.destroyForcibly();
			child.waitFor(60, TimeUnit.SECONDS);
		}
		finally {
			child.destroyForcibly();
		}
		// The lock session died with the process: the server drops it as soon as it sees the socket
		// close. The migration session's statement is cancelled too (the server checks its client
		// every second), rather than running on and holding its locks for ten minutes.
		long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-doomed'")
			.isEmpty()) {
			assertThat(System.nanoTime() - guard).as("the killed runner's sessions are still there").isNegative();
			Thread.onSpinWait();
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
		assertThat(db.tableExists("slow_table")).isFalse();
		files.write("aaaa00000002", "aaaa00000001", "CREATE TABLE fast_table (id int);", "DROP TABLE fast_table;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.lockWaitTimeout(Duration.ZERO)
			.load();
		MigrationResult result = retort.upgrade("heads");
		assertThat(result.from()).containsExactly("aaaa00000001");
		assertThat(result.to()).containsExactly("aaaa00000002");
		assertThat(db.tableExists("fast_table")).isTrue();
	}

	@Test
	void aRunnerKilledMidWayThroughANonTransactionalRevisionLeavesItsCommittedStatementsAndTheNextRunSaysSo(
			TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		files.write("dddd00000001", null, "CREATE TABLE first_table (id int);", "DROP TABLE first_table;");
		files.write("dddd00000002", "dddd00000001", "", false,
				"CREATE TABLE half_table (id int);\nSELECT pg_sleep(600);\nCREATE TABLE other_half (id int);",
				"DROP TABLE other_half;\nDROP TABLE half_table;");
		Process child = start(db, files, "retort-killed");
		try {
			while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-killed'"
					+ " AND state = 'active' AND query LIKE 'SELECT pg_sleep(600)%'").isEmpty()) {
				assertThat(child.isAlive()).as("child runner still running").isTrue();
				Thread.onSpinWait();
			}
			child.destroyForcibly();
			child.waitFor(60, TimeUnit.SECONDS);
		}
		finally {
			child.destroyForcibly();
		}
		long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-killed'")
			.isEmpty()) {
			assertThat(System.nanoTime() - guard).as("the killed runner's sessions are still there").isNegative();
			Thread.onSpinWait();
		}
		// Its first statement committed; nothing recorded it.
		assertThat(db.tableExists("half_table")).isTrue();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("dddd00000001");
		assertThat(db.queryStrings("SELECT revision FROM retort_history")).containsExactly("dddd00000001");

		MigrationFailedException next = org.assertj.core.api.Assertions.catchThrowableOfType(
				MigrationFailedException.class, () -> retort(db, files, "retort-next").upgrade("heads"));
		assertThat(next.getMessage()).contains("ERROR: relation \"half_table\" already exists [SQLSTATE 42P07]")
			.endsWith("\n  If an earlier run of this revision stopped half-way (its process killed, or its connection"
					+ " lost, which leaves no history row), the statements it ran stay committed and created this: drop"
					+ " what that run created, or make the revision's statements re-runnable (IF NOT EXISTS), then run"
					+ " again.");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
			.containsExactly("0");
	}

	@Test
	void sixRunnersInSeparateJvmsApplyEachRevisionExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		String parent = null;
		for (int i = 1; i <= 5; i++) {
			String id = "bbbb0000000" + i;
			files.write(id, parent, "CREATE TABLE t" + i + " (id int);\nSELECT pg_sleep(0.2);", "DROP TABLE t" + i + ";");
			parent = id;
		}
		List<Process> children = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			children.add(start(db, files, "retort-runner-" + i));
		}
		int totalSteps = 0;
		for (Process child : children) {
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = java.nio.file.Files.readString(dir.resolve("retort-runner-" + (children.indexOf(child) + 1) + ".log"));
			assertThat(child.exitValue()).as(output).isZero();
			totalSteps += Integer.parseInt(output.lines()
				.filter((line) -> line.startsWith("STEPS "))
				.findFirst()
				.orElseThrow()
				.substring(6)
				.trim());
		}
		assertThat(totalSteps).isEqualTo(5);
		assertThat(db.queryStrings("SELECT revision FROM retort_history WHERE success ORDER BY id"))
			.containsExactly("bbbb00000001", "bbbb00000002", "bbbb00000003", "bbbb00000004", "bbbb00000005");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history WHERE NOT success")).containsExactly("0");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("bbbb00000005");
	}

	@Test
	void aRunnerWhoseLockSessionWasEndedIsNotJoinedByTheNextOne(TestDatabase db, @TempDir Path dir) throws Exception {
		db.execute("CREATE TABLE gate (opened boolean)");
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		// Runs until the test opens the gate: no sleeping for timing.
		files.write("cccc00000001", null, "CREATE TABLE once_table (id int);\n"
				+ "DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM gate) LOOP PERFORM pg_sleep(0.05); END LOOP; END $$;",
				"DROP TABLE once_table;");
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<MigrationResult> first = executor.submit(() -> retort(db, files, "retort-first").upgrade("heads"));
			while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-first'"
					+ " AND state = 'active' AND query LIKE 'DO $$%'").isEmpty()) {
				assertThat(first.isDone()).as("first runner still running").isFalse();
				Thread.onSpinWait();
			}
			// An operator ends the lock holder (the idle session the lock's message names).
			db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
					+ " WHERE application_name = 'retort-first' AND state = 'idle'");
			Future<MigrationResult> second = executor.submit(() -> retort(db, files, "retort-second").upgrade("heads"));
			// The second runner holds the migration lock now, while the first still runs its revision.
			while (db.queryStrings("SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
					+ " WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'retort-second'")
				.isEmpty()) {
				assertThat(second.isDone()).as("second runner still running").isFalse();
				Thread.onSpinWait();
			}
			db.execute("INSERT INTO gate VALUES (true)");
			assertThat(first.get(120, TimeUnit.SECONDS).steps()).hasSize(1);
			// It waited for the first runner's migration session, then found nothing to do.
			assertThat(second.get(120, TimeUnit.SECONDS).steps()).isEmpty();
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("cccc00000001 true");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cccc00000001");
	}

	@Test
	void twoRunnersWithoutTheLockApplyARevisionOnceAndTheLoserSaysAnotherRunnerMovedTheDatabase(TestDatabase db,
			@TempDir Path dir) throws Exception {
		// Two replicas with 'retort.lock.enabled: false' start together on a database at ffff00000001.
		db.execute("CREATE TABLE busy (id int)");
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		files.write("ffff00000001", null, "CREATE TABLE first_table (id int);", "DROP TABLE first_table;");
		files.write("ffff00000002", "ffff00000001", "INSERT INTO busy VALUES (2);", "DELETE FROM busy;");
		retort(db, files, "retort-setup").upgrade("ffff00000001");
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try (java.sql.Connection gate = db.connect(); java.sql.Statement statement = gate.createStatement()) {
			// Both runners' revision waits on the test's table lock: no sleeping for timing.
			gate.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			List<Future<MigrationResult>> runs = new ArrayList<>();
			for (String name : List.of("retort-one", "retort-two")) {
				runs.add(executor.submit(() -> unlocked(db, files, name).upgrade("heads")));
			}
			while (db.queryStrings("SELECT pid FROM pg_locks WHERE relation = 'busy'::regclass AND NOT granted")
				.size() < 2) {
				assertThat(runs).as("both runners still running").noneMatch(Future::isDone);
				Thread.onSpinWait();
			}
			gate.rollback();
			List<MigrationResult> applied = new ArrayList<>();
			List<MigrationFailedException> failed = new ArrayList<>();
			for (Future<MigrationResult> run : runs) {
				try {
					applied.add(run.get(120, TimeUnit.SECONDS));
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failed.add((MigrationFailedException) ex.getCause());
				}
			}
			assertThat(applied).hasSize(1);
			assertThat(failed).hasSize(1);
			MigrationFailedException lost = failed.get(0);
			assertThat(lost.versionMoved()).isTrue();
			assertThat(lost.getMessage()).contains("another runner migrated the same database while this one ran")
				.contains("'retort.lock.enabled'")
				.doesNotContain("the database stays at ffff00000001")
				.doesNotContain("Fix the revision");
		}
		finally {
			executor.shutdownNow();
		}
		// Applied once: the loser's insert was rolled back with its step.
		assertThat(db.queryStrings("SELECT count(*) FROM busy")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ffff00000002");
	}

	@Test
	void twoRunnersWithoutTheLockAtBaseApplyTheFirstRevisionOnceAndTheLoserSaysAnotherRunnerMovedTheDatabase(
			TestDatabase db, @TempDir Path dir) throws Exception {
		// At base the step inserts the version row instead of moving it: the loser met the row's
		// key (duplicate key, 'Fix the revision'), where at a revision it finds the row moved.
		db.execute("CREATE TABLE busy (id int)");
		RevisionFiles files = new RevisionFiles(dir.resolve("revisions"));
		files.write("eeee00000001", null, "INSERT INTO busy VALUES (1);", "DELETE FROM busy;");
		try (Database setup = Database.open(LockingTests.factory(db, "retort-setup"), null, "retort_version",
				"retort_history")) {
			setup.createTables(false);
		}
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try (java.sql.Connection gate = db.connect(); java.sql.Statement statement = gate.createStatement()) {
			gate.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			List<Future<MigrationResult>> runs = new ArrayList<>();
			for (String name : List.of("retort-one", "retort-two")) {
				runs.add(executor.submit(() -> unlocked(db, files, name).upgrade("heads")));
			}
			while (db.queryStrings("SELECT pid FROM pg_locks WHERE relation = 'busy'::regclass AND NOT granted")
				.size() < 2) {
				assertThat(runs).as("both runners still running").noneMatch(Future::isDone);
				Thread.onSpinWait();
			}
			gate.rollback();
			List<MigrationFailedException> failed = new ArrayList<>();
			int applied = 0;
			for (Future<MigrationResult> run : runs) {
				try {
					run.get(120, TimeUnit.SECONDS);
					applied++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failed.add((MigrationFailedException) ex.getCause());
				}
			}
			assertThat(applied).isEqualTo(1);
			assertThat(failed).hasSize(1);
			MigrationFailedException lost = failed.get(0);
			assertThat(lost.versionMoved()).as(lost.getMessage()).isTrue();
			assertThat(lost.getMessage()).contains("another runner migrated the same database while this one ran")
				.doesNotContain("the database stays at base", "Fix the revision", "recording it");
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT count(*) FROM busy")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("eeee00000001");
	}

	@Test
	void aRunnerCreatingTheTablesBesideAnotherWithoutTheLockUsesTheOthersTables(TestDatabase db) throws Exception {
		// 'IF NOT EXISTS' sees only committed tables: the second creator met the catalog's key
		// ('duplicate key value violates unique constraint "pg_type_typname_nsp_index"') and failed.
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (java.sql.Connection other = db.connect(); java.sql.Statement statement = other.createStatement()) {
			other.setAutoCommit(false);
			statement.execute(Database.createSql(new TableNames("public", "retort_version", "retort_history"), false)
				.get(0));
			Future<?> creating = executor.submit(() -> {
				try (Database database = Database.open(LockingTests.factory(db, "retort-two"), null, "retort_version",
						"retort_history")) {
					database.createTables(false);
				}
			});
			while (db.queryStrings("SELECT pid FROM pg_locks WHERE NOT granted").isEmpty()) {
				assertThat(creating).as("still creating").isNotDone();
				Thread.onSpinWait();
			}
			other.commit();
			creating.get(60, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT count(*) FROM pg_tables WHERE tablename IN ('retort_version', 'retort_history')"))
			.containsExactly("2");
	}

	private static Retort unlocked(TestDatabase db, RevisionFiles files, String applicationName) {
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.applicationName(applicationName)
			.lockEnabled(false)
			.ddlLockTimeout(Duration.ofMinutes(2))
			.load();
	}

	private static Retort retort(TestDatabase db, RevisionFiles files, String applicationName) {
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.applicationName(applicationName)
			.load();
	}

	private static Process start(TestDatabase db, RevisionFiles files, String applicationName) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ChildRunner.class.getName(),
				db.jdbcUrl(), db.user(), db.password(), files.location(), applicationName)
			.redirectErrorStream(true)
			// A file, not a pipe: a child never blocks on output nobody reads yet.
			.redirectOutput(files.directory().resolveSibling(applicationName + ".log").toFile())
			.start();
	}

}
