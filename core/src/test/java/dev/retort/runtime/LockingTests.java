package dev.retort.runtime;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.retort.config.TransactionMode;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.revision.Step;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class LockingTests {

	private static final TableNames NAMES = new TableNames("public", "retort_version", "retort_history");

	@Test
	void secondRunnerGivesUpAfterTheWaitTimeoutNamingTheHolder(TestDatabase db) {
		try (MigrationLock held = MigrationLock.acquire(factory(db, "retort-holder").open(), NAMES,
				Duration.ofSeconds(5))) {
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> MigrationLock.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMillis(300)));
			assertThat(timeout.holder().application()).isEqualTo("retort-holder");
			// Six replicas share one application_name: the address tells which pod holds the lock.
			assertThat(timeout.holder().client()).isEqualTo(db.queryStrings("SELECT host(inet_client_addr())").get(0));
			assertThat(timeout.getMessage()).startsWith("Could not acquire the migration lock of public.retort_version")
				.contains("pid " + timeout.holder().pid() + " (application_name 'retort-holder', connected since")
				.contains(" from " + timeout.holder().client() + ")")
				.contains("pg_terminate_backend(" + timeout.holder().pid() + ")")
				.contains("'retort.lock.wait-timeout'");
			assertThat(timeout.code().exitCode()).isEqualTo(1);
		}
		// Released on close: the next runner gets it at once.
		try (MigrationLock next = MigrationLock.acquire(factory(db, "retort-next").open(), NAMES, Duration.ZERO)) {
			assertThat(next).isNotNull();
		}
	}

	@Test
	void aLockHeldByAnIdleSessionThatMigratesNothingSaysItRunsNothingAndHowToEndIt(TestDatabase db) throws Exception {
		// A hung runner, or an operator's psql: holds the lock, idle, and migrates on no session.
		try (Connection stuck = db.connect(); Statement statement = stuck.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(NAMES) + ")");
			int pid = backendPid(stuck);
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> MigrationLock.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMillis(300)));
			assertThat(timeout.holder().pid()).isEqualTo(pid);
			assertThat(timeout.getMessage()).containsPattern("it is held by pid " + pid + " \\(application_name '[^']*',"
					+ " connected since [^)]+\\), idle for \\d+ s, and no session migrates for it: it runs no revision")
				.contains("End that session (SELECT pg_terminate_backend(" + pid + ")): it runs nothing, so nothing is"
						+ " rolled back. Then run again;")
				.doesNotContain("Wait for that migration");
			// Following the message.
			db.execute("SELECT pg_terminate_backend(" + pid + ")");
		}
		try (MigrationLock next = MigrationLock.acquire(factory(db, "retort-next").open(), NAMES, Duration.ofSeconds(5))) {
			assertThat(next).isNotNull();
		}
	}

	@Test
	void aLockHeldByASessionIdleInATransactionSaysItMigratesNothingAndThatEndingItRollsTheTransactionBack(
			TestDatabase db) throws Exception {
		// An operator's psql: BEGIN; SELECT pg_advisory_lock(…), or a transaction left open after
		// taking it. Its state is 'idle in transaction', not 'idle', and nothing migrates.
		try (Connection stuck = db.connect(); Statement statement = stuck.createStatement()) {
			stuck.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(NAMES) + ")");
			int pid = backendPid(stuck);
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> MigrationLock.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMillis(300)));
			assertThat(timeout.holder().pid()).isEqualTo(pid);
			assertThat(timeout.getMessage()).containsPattern("it is held by pid " + pid + " \\(application_name '[^']*',"
					+ " connected since [^)]+\\), idle in transaction for \\d+ s, and no session migrates for it: it runs"
					+ " no revision")
				.contains("End that session (SELECT pg_terminate_backend(" + pid + ")): it runs nothing, but the"
						+ " transaction it left open is rolled back. Or, in that session, end the transaction (COMMIT or"
						+ " ROLLBACK) and then SELECT pg_advisory_unlock_all(): the lock outlives the transaction. Then"
						+ " run again;")
				.doesNotContain("Wait for that migration");
			// The lock is the session's: ending the transaction alone does not free it, as the message says.
			stuck.rollback();
			assertThat(catchThrowableOfType(LockTimeoutException.class, () -> MigrationLock
				.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMillis(300)))).isNotNull();
			stuck.setAutoCommit(true);
			statement.execute("SELECT pg_advisory_unlock_all()");
			try (MigrationLock next = MigrationLock.acquire(factory(db, "retort-next").open(), NAMES,
					Duration.ofSeconds(5))) {
				assertThat(next).isNotNull();
			}
		}
	}

	@Test
	void aLockHeldByASessionWhoseTransactionFailedSaysItMigratesNothingAndThatOnlyRollbackRemains(TestDatabase db)
			throws Exception {
		// The same psql after a statement failed in its transaction: 'idle in transaction (aborted)'.
		try (Connection stuck = db.connect(); Statement statement = stuck.createStatement()) {
			stuck.setAutoCommit(false);
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(NAMES) + ")");
			int pid = backendPid(stuck);
			assertThatThrownBy(() -> statement.execute("SELECT 1/0")).hasMessageContaining("division by zero");
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> MigrationLock.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMillis(300)));
			assertThat(timeout.holder().pid()).isEqualTo(pid);
			assertThat(timeout.getMessage())
				.containsPattern("\\), idle in transaction \\(aborted\\) for \\d+ s, and no session migrates for it: it"
						+ " runs no revision")
				.contains("End that session (SELECT pg_terminate_backend(" + pid + ")): it runs nothing, and its"
						+ " transaction failed already, so only a rollback was left for it. Or, in that session, run"
						+ " ROLLBACK and then SELECT pg_advisory_unlock_all(): the lock outlives the transaction. Then"
						+ " run again;")
				.doesNotContain("Wait for that migration");
			// Following the message.
			db.execute("SELECT pg_terminate_backend(" + pid + ")");
		}
		try (MigrationLock next = MigrationLock.acquire(factory(db, "retort-next").open(), NAMES, Duration.ofSeconds(5))) {
			assertThat(next).isNotNull();
		}
	}

	@Test
	void aWaitingRunnerNamesTheSessionThatMigratesNotOnlyTheIdleLockHolder(TestDatabase db) throws Exception {
		try (Database running = Database.open(factory(db, "retort-holder"), "public", "retort_version", "retort_history");
				MigrationLock held = running.lock(Duration.ofSeconds(5));
				Database waiting = Database.open(factory(db, "retort-waiter"), "public", "retort_version",
						"retort_history")) {
			int migrating = backendPid(running);
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> waiting.lock(Duration.ofMillis(300)));
			// Ending the idle lock holder would not stop the migration: the message names the session that migrates.
			assertThat(timeout.getMessage()).contains("which migrates on pid " + migrating)
				.contains("SELECT pg_terminate_backend(" + migrating + ")");
		}
	}

	@Test
	void aWaitingRunnerMasksAPasswordTheMigratingSessionsStatementSets(TestDatabase db) throws Exception {
		// The other run's revision creates a role: its statement, quoted from pg_stat_activity in
		// this run's log and error, showed the password; cut at 120 characters, mid-literal, too.
		try (Database running = Database.open(factory(db, "retort-holder"), "public", "retort_version", "retort_history");
				MigrationLock held = running.lock(Duration.ofSeconds(5));
				Database waiting = Database.open(factory(db, "retort-waiter"), "public", "retort_version",
						"retort_history")) {
			for (String padding : new String[] { "", " /* " + "x".repeat(36) + " */" }) {
				try (Statement statement = running.session().connection().createStatement()) {
					statement.execute("DO $$ BEGIN IF false THEN" + padding
							+ " CREATE ROLE never_created LOGIN PASSWORD 'T0pS3cret-of-the-role'; END IF; END $$");
				}
				LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
						() -> waiting.lock(Duration.ofMillis(300)));
				assertThat(timeout.getMessage()).contains("which migrates on pid " + backendPid(running))
					.contains("CREATE ROLE never_created LOGIN PASSWORD '***")
					.doesNotContain("T0pS3cret", "T0pS3c", "of-the-role");
			}
		}
	}

	@Test
	void aRunnerAskedToStopWhileItWaitsEndsTheWaitAtOnceAndHoldsNothing(TestDatabase db) throws Exception {
		AtomicBoolean shuttingDown = new AtomicBoolean();
		try (Database running = Database.open(factory(db, "retort-holder"), "public", "retort_version", "retort_history");
				MigrationLock held = running.lock(Duration.ofSeconds(5));
				Database waiting = Database.open(factory(db, "retort-waiter"), "public", "retort_version",
						"retort_history")) {
			CompletableFuture<MigrationLock> wait = CompletableFuture
				.supplyAsync(() -> waiting.lock(Duration.ofMinutes(10), shuttingDown::get));
			// The waiter's lock session is open and has tried: it names itself before its first try.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-waiter'").size() < 2
					&& System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			shuttingDown.set(true);
			// The other runner still holds the lock: only the stop ends a wait of ten minutes.
			Throwable stopped = catchThrowableOfType(ExecutionException.class, () -> wait.get(10, TimeUnit.SECONDS))
				.getCause();
			assertThat(stopped).isInstanceOf(LockWaitStoppedException.class)
				.hasMessageStartingWith("Stopped waiting for the migration lock of public.retort_version after ")
				.hasMessageContaining("the process is shutting down. Nothing was changed: no revision ran, and the"
						+ " database is as it was (the lock is held by pid " + running.lockHolder().pid());
			assertThat(((LockWaitStoppedException) stopped).code().exitCode()).isEqualTo(1);
			// The waiter holds neither lock, and its lock session is closed.
			assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("2");
			assertThat(db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-waiter'"))
				.containsExactly(String.valueOf(backendPid(waiting)));
		}
	}

	@Test
	void theLockAndTheMigrationSessionOutliveTheServersIdleSessionTimeout(TestDatabase db) throws Exception {
		// A server (or a managed database's role) that ends sessions idle for a while. The lock's
		// session idles while the run migrates (a long revision), the migration's while it waits for
		// the lock behind another replica: ended, the first lets a second runner in mid-run, the
		// second fails the start of a replica that only waited.
		db.execute("ALTER DATABASE \"" + db.name() + "\" SET idle_session_timeout = '2s'");
		try (Database running = Database.open(factory(db, "retort-holder"), "public", "retort_version",
				"retort_history"); MigrationLock held = running.lock(Duration.ofSeconds(5))) {
			// Both sessions idle longer than the timeout (the wait is the server's, on the test's session).
			db.execute("SELECT pg_sleep(3)");
			assertThat(db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retort-holder'"))
				.as("the lock's session and the migration's are still there").containsExactly("2");
			assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"))
				.as("the migration lock and the work lock are still held").containsExactly("2");
			assertThat(running.lockHolder().pid()).isNotEqualTo(backendPid(running));
		}
	}

	@Test
	void aRunnerThatWaitsBehindAnotherOutlivesTheServersIdleSessionTimeout(TestDatabase db) throws Exception {
		db.execute("ALTER DATABASE \"" + db.name() + "\" SET idle_session_timeout = '2s'");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Database first = Database.open(factory(db, "retort-first"), "public", "retort_version", "retort_history");
				Database second = Database.open(factory(db, "retort-waiter"), "public", "retort_version",
						"retort_history")) {
			MigrationLock held = first.lock(Duration.ofSeconds(5));
			Future<MigrationLock> waiting = executor.submit(() -> second.lock(Duration.ofSeconds(60)));
			// The waiter has tried once: its migration session idles from here on.
			while (db.queryStrings("SELECT 1 FROM pg_stat_activity WHERE application_name = 'retort-waiter'"
					+ " AND query LIKE '%pg_try_advisory_lock%'").isEmpty()) {
				Thread.onSpinWait();
			}
			db.execute("SELECT pg_sleep(3)");
			held.close();
			// Before, the waiter's migration session had been ended for idling: taking the work lock failed.
			try (MigrationLock taken = waiting.get(30, TimeUnit.SECONDS)) {
				assertThat(db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'retort-waiter'"))
					.containsExactly("2");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aRunnerWaitsForASessionThatStillMigratesAfterItsLockSessionEnded(TestDatabase db) throws Exception {
		try (Database running = Database.open(factory(db, "retort-first"), "public", "retort_version", "retort_history");
				Database next = Database.open(factory(db, "retort-next"), "public", "retort_version", "retort_history")) {
			MigrationLock held = running.lock(Duration.ofSeconds(5));
			// An operator ends the idle session that the lock's holder names; the first runner's
			// migration session goes on.
			db.execute("SELECT pg_terminate_backend(" + running.lockHolder().pid() + ")");
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> next.lock(Duration.ofMillis(300)));
			assertThat(timeout.holder().pid()).isEqualTo(backendPid(running));
			assertThat(timeout.getMessage()).contains("the lock is free, but pid " + backendPid(running)
					+ " (application_name 'retort-first') still migrates without the lock");
			held.close();
			// Once that session has let go, the next runner goes ahead.
			try (MigrationLock lock = next.lock(Duration.ofSeconds(5))) {
				assertThat(lock).isNotNull();
			}
		}
	}

	@Test
	void whoHoldsTheLockIsToldWithTheSessionThatMigratesWithoutTakingIt(TestDatabase db) throws Exception {
		try (Database running = Database.open(factory(db, "retort-first"), "public", "retort_version", "retort_history");
				Database reader = Database.open(factory(db, "retort-reader"), "public", "retort_version",
						"retort_history")) {
			assertThat(reader.describeLockHolder()).isNull();
			MigrationLock held = running.lock(Duration.ofSeconds(5));
			// What 'current' tells an operator: the lock session, and the session that runs the revision.
			assertThat(reader.describeLockHolder()).startsWith("held by pid " + running.lockHolder().pid()
					+ " (application_name 'retort-first', connected since ")
				.contains("), which migrates on pid " + backendPid(running) + " (");
			held.close();
			assertThat(reader.describeLockHolder()).isNull();
			// Read only: the reader never held the lock, and a runner takes it at once.
			try (MigrationLock next = running.lock(Duration.ZERO)) {
				assertThat(next).isNotNull();
			}
		}
	}

	@Test
	void aRevisionWhoseSessionWasEndedSaysTheConnectionWasLostNotThatTheRevisionIsWrong(TestDatabase db)
			throws Exception {
		MigrationFailedException failure = failureOfAnEndedSession(db, () -> { });
		assertThat(failure.sqlState()).isEqualTo("57P01");
		assertThat(failure.getMessage()).startsWith("Revision r1 (runtime/r1_test.sql) failed and was rolled back:"
				+ " FATAL: terminating connection due to administrator command [SQLSTATE 57P01]")
			.contains("The connection to the server was lost (the server restarted or shut down, or the session was"
					+ " ended with pg_terminate_backend); the server rolled back the open transaction.")
			.contains("Nothing of it was applied; the database stays at base. Run again once the server accepts"
					+ " connections")
			// Not blamed on a timeout, which it was not.
			.contains("in one of its 2 statements, which went to the server together (its session is gone, so they"
					+ " could not run again one at a time to find which)")
			.doesNotContain("timeout")
			.doesNotContain("Fix the revision")
			.doesNotContain("No failure row");
		assertThat(db.tableExists("never_kept")).isFalse();
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
		// SPEC.md §4: the failure is in the history, written on a session of its own.
		assertThat(db.queryStrings("SELECT revision || ' ' || success || ' ' || from_heads::text FROM retort_history"))
			.containsExactly("r1 false {}");
		assertThat(db.queryStrings("SELECT error FROM retort_history").get(0)).contains("[SQLSTATE 57P01]");
		// The session it opened for that is closed again.
		assertThat(sessionsLeft(db, "retort-runner")).isZero();
	}

	@Test
	void aLostSessionWhoseFailureRowCannotBeWrittenElsewhereSaysSo(TestDatabase db) throws Exception {
		// The server takes no new session on this database: the row cannot be written anywhere.
		MigrationFailedException failure = failureOfAnEndedSession(db,
				() -> db.server().adminExecute("ALTER DATABASE " + db.name() + " WITH ALLOW_CONNECTIONS false"));
		db.server().adminExecute("ALTER DATABASE " + db.name() + " WITH ALLOW_CONNECTIONS true");
		assertThat(failure.getMessage()).contains("the server rolled back the open transaction."
				+ " No failure row could be written to the history.");
		assertThat(failure.getSuppressed()).hasSize(1);
		assertThat(failure.getSuppressed()[0].getMessage()).contains("not currently accepting connections");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_history")).containsExactly("0");
	}

	@Test
	void aStatementCancelledByRequestSaysSoNotThatItTimedOutOrThatTheRevisionIsWrong(TestDatabase db)
			throws Exception {
		// pg_cancel_backend, as an operator sends to a migration that looks stuck: 57014, as a timeout.
		MigrationFailedException failure = failureOfARunnerItsSessionTold(db, () -> { }, "pg_cancel_backend");
		assertThat(failure.sqlState()).isEqualTo("57014");
		assertThat(failure.cancelledByRequest()).isTrue();
		assertThat(failure.getMessage()).startsWith("Revision r1 (runtime/r1_test.sql) failed and was rolled back:"
				+ " ERROR: canceling statement due to user request [SQLSTATE 57014]")
			.contains("in one of its 2 statements, which went to the server together (a cancelled statement is not run"
					+ " again to find which: it was stopped on purpose)")
			.contains("It was cancelled by request (pg_cancel_backend, or a cancel sent by a client), not by a timeout"
					+ " of Retort's: the revision is not at fault.")
			.contains("Nothing of it was applied; the database stays at base: the next run continues from there.")
			.doesNotContain("a timeout is not run again")
			.doesNotContain("Fix the revision");
		assertThat(db.tableExists("never_kept")).isFalse();
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history"))
			.containsExactly("r1 false");
	}

	/**
	 * The failure of a revision whose session is ended with {@code pg_terminate_backend} while it
	 * runs, {@code before} having run just before.
	 */
	private static MigrationFailedException failureOfAnEndedSession(TestDatabase db, Runnable before)
			throws Exception {
		return failureOfARunnerItsSessionTold(db, before, "pg_terminate_backend");
	}

	/**
	 * The failure of a revision whose session is sent {@code signal} ({@code pg_terminate_backend},
	 * {@code pg_cancel_backend}) while it runs, {@code before} having run just before.
	 */
	private static MigrationFailedException failureOfARunnerItsSessionTold(TestDatabase db, Runnable before,
			String signal) throws Exception {
		db.execute("CREATE TABLE gate (opened boolean)");
		// Runs until its session is ended: no sleeping for timing.
		Plans plans = new Plans().sql("r1", "CREATE TABLE never_kept (id int)",
				"DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM gate) LOOP PERFORM pg_sleep(0.05); END LOOP; END $$");
		CompletableFuture<MigrationFailedException> run = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
				MigrationFailedException.class,
				() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(5), null, 0), RunListener.NONE)));
		while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-runner'"
				+ " AND state = 'active' AND query LIKE '%DO $$%'").isEmpty()) {
			assertThat(run.isDone()).as("runner still running").isFalse();
			Thread.onSpinWait();
		}
		before.run();
		db.server().adminExecute("SELECT " + signal + "(pid) FROM pg_stat_activity"
				+ " WHERE application_name = 'retort-runner'");
		return run.get(60, TimeUnit.SECONDS);
	}

	@Test
	void differentSchemasDoNotBlockEachOther(TestDatabase db) {
		TableNames other = new TableNames("tenant_b", "retort_version", "retort_history");
		assertThat(MigrationLock.key(other)).isNotEqualTo(MigrationLock.key(NAMES));
		try (MigrationLock first = MigrationLock.acquire(factory(db, "a").open(), NAMES, Duration.ZERO);
				MigrationLock second = MigrationLock.acquire(factory(db, "b").open(), other, Duration.ZERO)) {
			assertThat(first).isNotNull();
			assertThat(second).isNotNull();
		}
	}

	@Test
	void aTerminatedHolderNeverLeavesTheLockBehind(TestDatabase db) {
		MigrationLock held = MigrationLock.acquire(factory(db, "retort-doomed").open(), NAMES, Duration.ZERO);
		db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'retort-doomed'");
		try (MigrationLock next = MigrationLock.acquire(factory(db, "retort-next").open(), NAMES, Duration.ofSeconds(5))) {
			assertThat(next).isNotNull();
		}
		held.close();
	}

	@Test
	void createIndexConcurrentlyCompletesWhileAnotherRunnerWaitsOnTheLock(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE coffee (id int, kind text)", "INSERT INTO coffee SELECT g, 'x' FROM generate_series(1, 1000) g");
		Plans plans = new Plans().sql("cic1", false, "CREATE INDEX CONCURRENTLY ix_coffee_kind ON coffee (kind)");
		ConnectionFactory factory = factory(db, "retort-runner");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			try (MigrationLock lock = database.lock(Duration.ofSeconds(5))) {
				Future<MigrationLock> waiter = executor
					.submit(() -> MigrationLock.acquire(factory(db, "retort-waiter").open(), NAMES, Duration.ofMinutes(1)));
				awaitSession(db, "retort-waiter");
				CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> new MigrationRunner(database.sink(),
						database.names(), plans::script, new DdlSettings(Duration.ofSeconds(5), null, 0),
						TransactionMode.PER_REVISION, RunListener.NONE, () -> "test")
					.run(plans.upgradeFrom(null)));
				// A guard against a hang, not a timing assertion: a deadlock would never finish.
				migration.get(60, TimeUnit.SECONDS);
				assertThat(waiter.isDone()).isFalse();
				assertThat(db.queryStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'coffee'"))
					.containsExactly("ix_coffee_kind");
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cic1");
				lock.close();
				waiter.get(60, TimeUnit.SECONDS).close();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aRevisionThatHitsLockTimeoutIsRolledBackAndRetried(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE before_busy (id int)", "ALTER TABLE busy ADD COLUMN c int");
		AtomicInteger retries = new AtomicInteger();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			runWith(db, plans, new DdlSettings(Duration.ofMillis(200), null, 3), releaseOnRetry(blocker, retries, () -> { }));
		}
		assertThat(retries).hasValue(1);
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'busy'"))
			.containsExactly("id", "c");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).containsExactly("r1 true");
	}

	@Test
	void aRunnerWaitingBehindOneBetweenLockTimeoutRetriesSaysItIsNotStuck(TestDatabase db) throws Exception {
		// Between retries the migrating session idles after its ROLLBACK, as a hung one does: the
		// waiting runner told the operator to end it if stuck, and so to fail a healthy run.
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "ALTER TABLE busy ADD COLUMN c int");
		AtomicInteger retries = new AtomicInteger();
		java.util.concurrent.atomic.AtomicReference<LockTimeoutException> told = new java.util.concurrent.atomic.AtomicReference<>();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement();
				Database running = Database.open(factory(db, "retort-holder"), null, "retort_version", "retort_history");
				Database waiting = Database.open(factory(db, "retort-waiter"), null, "retort_version", "retort_history")) {
			running.createTables(false);
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			int migrating = backendPid(running);
			try (MigrationLock held = running.lock(Duration.ofSeconds(5))) {
				new MigrationRunner(running.sink(), running.names(), plans::script, new DdlSettings(Duration.ofMillis(50),
						null, 3), TransactionMode.PER_REVISION, releaseOnRetry(blocker, retries,
								() -> told.set(catchThrowableOfType(LockTimeoutException.class,
										() -> waiting.lock(Duration.ofMillis(300))))),
						() -> "test")
					.run(plans.upgradeFrom(null));
			}
			assertThat(told.get().getMessage()).contains("which migrates on pid " + migrating
					+ " (waiting to retry after lock_timeout, retry 1 of 3 in about")
				.contains("That runner is not stuck: do not end its session")
				.doesNotContain("pg_terminate_backend(" + migrating + ")", "'ROLLBACK'");
		}
		assertThat(retries).hasValue(1);
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).containsExactly("r1 true");
	}

	@Test
	void aRetriedRevisionTakesTheTimeOfEveryTry(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE before_busy (id int)", "ALTER TABLE busy ADD COLUMN c int");
		AtomicInteger retries = new AtomicInteger();
		List<Long> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			RunListener release = releaseOnRetry(blocker, retries, () -> { });
			runWith(db, plans, new DdlSettings(Duration.ofMillis(200), null, 3), new RunListener() {
				@Override
				public void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
					release.stepRetrying(step, attempt, backoff, cause);
				}

				@Override
				public void stepFinished(Step step, long durationMs, Throwable error) {
					finished.add(durationMs);
				}
			});
		}
		assertThat(retries).hasValue(1);
		// Its first try waited out the 200 ms lock timeout, then 200 ms of backoff passed: what the
		// deploy spent on it, where the last try alone takes a few milliseconds.
		assertThat(finished).singleElement().satisfies((ms) -> assertThat(ms).isGreaterThanOrEqualTo(400));
		// The history row says the same, not the last try's few milliseconds the server saw: the
		// endpoint's durationMs and the step timer (retort.migration.duration) agree.
		assertThat(db.queryStrings("SELECT duration_ms FROM retort_history")).containsExactly(finished.get(0).toString());
	}

	@Test
	void aRevisionStillBlockedAfterItsRetriesFailsAfterTheTimeOfEveryTry(TestDatabase db) throws Exception {
		// Two tries that each wait out a lock timeout of 50 ms, and a backoff of 50 ms between them.
		List<Long> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
		failureWhileBlocked(db, 1, new RunListener() {
			@Override
			public void stepFinished(Step step, long durationMs, Throwable error) {
				failed.add(durationMs);
			}
		});
		assertThat(failed).singleElement().satisfies((ms) -> assertThat(ms).isGreaterThanOrEqualTo(150));
		// The failure row too: it started with the first try.
		assertThat(db.queryStrings("SELECT (duration_ms >= 150)::text FROM retort_history WHERE NOT success"))
			.containsExactly("true");
	}

	@Test
	void inOneTransactionForTheRunALockTimeoutRetriesTheWholeRunOnce(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE first_one (id int)")
			.sql("r2", "CREATE TABLE before_busy (id int)", "ALTER TABLE busy ADD COLUMN c int");
		AtomicInteger retries = new AtomicInteger();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			// Rolled back: the first revision of the run is undone too, not half kept.
			runWith(db, plans, new DdlSettings(Duration.ofMillis(200), null, 3),
					releaseOnRetry(blocker, retries, () -> assertThat(db.tableExists("first_one")).isFalse()),
					TransactionMode.ALL);
		}
		assertThat(retries).hasValue(1);
		assertThat(db.tableExists("first_one")).isTrue();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("r2");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("r1 true", "r2 true");
	}

	@Test
	void aRevisionStillBlockedAfterItsRetriesFailsNamingTheLockTimeout(TestDatabase db) throws Exception {
		MigrationFailedException failure = failureWhileBlocked(db, 1, RunListener.NONE);
		assertThat(failure.sqlState()).isEqualTo("55P03");
		assertThat(failure.getMessage()).contains("Revision r1 (runtime/r1_test.sql:14) failed and was rolled back")
			.contains("It gave up waiting for a lock 2 time(s)")
			.contains("Nothing of it was applied; the database stays at base: the next run continues from there.")
			.doesNotContain("Fix the revision");
		assertThat(db.tableExists("before_busy")).isFalse();
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
	}

	@Test
	void aRevisionStillBlockedAfterItsRetriesNamesTheSessionThatBlocksIt(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE before_busy (id int)", "ALTER TABLE busy ADD COLUMN c int");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'nightly-report'");
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			String pid = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-report'")
				.get(0);
			// A lock timeout long enough for the watcher's thread to look even on a busy machine (it
			// failed once here with 500 ms, under two other builds).
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(2), null, 1), RunListener.NONE));
			blocker.rollback();
			// The last try gave up with nobody to wait for any more: who blocked it was seen while it waited.
			assertThat(failure.getMessage()).contains("It gave up waiting for a lock 2 time(s), blocked at the last"
					+ " try by:\n    pid " + pid + " (application_name 'nightly-report', idle in transaction, query"
					+ " started ")
				.contains("'LOCK TABLE busy IN ACCESS SHARE MODE'): SELECT pg_terminate_backend(" + pid
						+ ") to end its session and roll back its transaction")
				.doesNotContain("see pg_locks");
		}
		// The session that watched is closed with the run.
		assertThat(sessionsLeft(db, "retort-runner")).isZero();
	}

	@Test
	void aBlockedRevisionWithNoRetriesNamesTheSessionThatBlocksIt(TestDatabase db) throws Exception {
		// 'retort.ddl.retries: 0' (fail fast) makes the first try the last: without a watch on it the
		// operator read only 'another session holds a lock on the table (see pg_locks)'.
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "ALTER TABLE busy ADD COLUMN c int");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'nightly-report'");
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			String pid = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-report'")
				.get(0);
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(2), null, 0), RunListener.NONE));
			blocker.rollback();
			assertThat(failure.getMessage()).contains("It gave up waiting for a lock 1 time(s), blocked at the last"
					+ " try by:\n    pid " + pid + " (application_name 'nightly-report', idle in transaction")
				.doesNotContain("see pg_locks");
		}
		assertThat(sessionsLeft(db, "retort-runner")).isZero();
	}

	@Test
	void aBlockedRevisionAfterAQuickOneInTheSameRunNamesTheSessionThatBlocksIt(TestDatabase db) throws Exception {
		// The quick revision's watch, never started, leaves the thread that starts watches awake with
		// nothing else to do; the blocked revision's watch fell due at a later wake of that thread,
		// which then ended without starting it: the failure read 'see pg_locks' whenever a run (or a
		// test class) had watched a revision before.
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE quick (id int)").sql("r2", "ALTER TABLE busy ADD COLUMN c int");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'nightly-report'");
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			String pid = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-report'")
				.get(0);
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(4), null, 0), RunListener.NONE));
			blocker.rollback();
			assertThat(failure.getMessage()).contains("Revision r2 (runtime/r2_test.sql:13) failed")
				.contains("blocked at the last try by:\n    pid " + pid + " (application_name 'nightly-report'")
				.doesNotContain("see pg_locks");
		}
		assertThat(db.tableExists("quick")).isTrue();
	}

	@Test
	void aBlockerWhoseActivityIsHiddenFromTheMigrationRoleIsNamedByItsRoleNotByNulls(TestDatabase db) throws Exception {
		// A migration role of its own ('retort.user') sees another role's sessions without state or
		// query: PostgreSQL hides them from a role that is not in pg_read_all_stats.
		String ddl = ddlRole(db);
		db.execute("CREATE TABLE busy (id int)", "ALTER TABLE busy OWNER TO " + ddl);
		Plans plans = new Plans().sql("r1", "ALTER TABLE busy ADD COLUMN c int");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("SET application_name = 'nightly-report'");
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			String pid = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = 'nightly-report'")
				.get(0);
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runAs(ddl, db, plans, new DdlSettings(Duration.ofSeconds(2), null, 0)));
			blocker.rollback();
			assertThat(failure.getMessage()).contains("blocked at the last try by:\n    pid " + pid + " (role '"
					+ db.user() + "', application_name 'nightly-report'; what it runs is hidden from this role: grant"
					+ " it pg_read_all_stats to see it, or look in pg_stat_activity as a superuser): SELECT"
					+ " pg_cancel_backend(" + pid + ") to cancel its statement, SELECT pg_terminate_backend(" + pid
					+ ") to end its session\n")
				.doesNotContain("null")
				.doesNotContain("<insufficient privilege>");
		}
	}

	@Test
	void aLockHolderWhoseActivityIsHiddenFromTheWaitingRoleIsNamedWithoutNulls(TestDatabase db) throws Exception {
		String ddl = ddlRole(db);
		try (Connection stuck = db.connect(); Statement statement = stuck.createStatement()) {
			statement.execute("SET application_name = 'by-hand'");
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(NAMES) + ")");
			int pid = backendPid(stuck);
			ConnectionFactory waiter = new ConnectionFactory(null, db.jdbcUrl(), ddl, "secret", "retort-waiter", 0,
					Duration.ZERO);
			LockTimeoutException timeout = catchThrowableOfType(LockTimeoutException.class,
					() -> MigrationLock.acquire(waiter.open(), NAMES, Duration.ofMillis(300)));
			assertThat(timeout.holder().pid()).isEqualTo(pid);
			assertThat(timeout.getMessage()).contains("it is held by pid " + pid + " (application_name 'by-hand').")
				.doesNotContain("null");
		}
	}

	/** A login role that is neither superuser nor in pg_read_all_stats, allowed to migrate the database. */
	private static String ddlRole(TestDatabase db) {
		String ddl = "retort_ddl_" + db.name();
		db.execute("CREATE ROLE " + ddl + " LOGIN PASSWORD 'secret'", "GRANT ALL ON SCHEMA public TO " + ddl);
		return ddl;
	}

	private static void runAs(String user, TestDatabase db, Plans plans, DdlSettings ddl) {
		ConnectionFactory factory = new ConnectionFactory(null, db.jdbcUrl(), user, "secret", "retort-runner", 0,
				Duration.ZERO);
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			new MigrationRunner(database.sink(), database.names(), plans::script, ddl, TransactionMode.PER_REVISION,
					RunListener.NONE, () -> "test")
				.run(plans.upgradeFrom(null));
		}
	}

	@Test
	void quickRevisionsWithNoRetriesOpenNoSessionToWatchForBlockers(TestDatabase db) {
		// The watch of an only try waits half a lock_timeout before it opens its session: quick
		// revisions cost what they cost with retries, but for one look-up of the session's pid.
		db.execute("CREATE SCHEMA with_retries", "CREATE SCHEMA without_retries");
		long withRetries = statementsOfQuickRevisions(db, "with_retries", 5);
		long withoutRetries = statementsOfQuickRevisions(db, "without_retries", 0);
		assertThat(withoutRetries - withRetries).isEqualTo(1);
	}

	private static long statementsOfQuickRevisions(TestDatabase db, String schema, int retries) {
		Plans plans = new Plans().sql("r1", "CREATE TABLE quick (id int)")
			.sql("r2", "CREATE TABLE quicker (id int)")
			.sql("r3", "CREATE TABLE quickest (id int)");
		ConnectionFactory factory = factory(db, "retort-runner");
		try (Database database = Database.open(factory, schema, "retort_version", "retort_history")) {
			database.createTables(false);
			long before = factory.statementCount();
			new MigrationRunner(database.sink(), database.names(), plans::script,
					new DdlSettings(Duration.ofSeconds(30), null, retries), TransactionMode.PER_REVISION, RunListener.NONE,
					() -> "test")
				.run(plans.upgradeFrom(null));
			assertThat(db.tableExists(schema + ".quickest")).isTrue();
			return factory.statementCount() - before;
		}
	}

	@Test
	void aBlockedRevisionWithNoRetriesIsNotRunAgainToFindItsStatement(TestDatabase db) throws Exception {
		StepStarts starts = new StepStarts();
		MigrationFailedException failure = failureWhileBlocked(db, 0, starts);
		assertThat(failure.sqlState()).isEqualTo("55P03");
		// Sent together, the server does not say which statement waited; running them again to
		// find out would wait as long again.
		assertThat(failure.getMessage()).contains("Revision r1 (runtime/r1_test.sql) failed and was rolled back")
			.contains("in one of its 2 statements, which went to the server together")
			.contains("It gave up waiting for a lock 1 time(s)");
		assertThat(starts.count()).isEqualTo(1);
		assertThat(db.tableExists("before_busy")).isFalse();
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
	}

	@Test
	void aFailingNonTransactionalRevisionSaysWhatStaysCommitted(TestDatabase db) {
		Plans plans = new Plans().sql("nt1", false, "CREATE TABLE kept (id int)", "CREATE INDEX CONCURRENTLY ix ON missing (id)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(1), null, 0), RunListener.NONE));
		assertThat(failure.rolledBack()).isFalse();
		assertThat(failure.committedNothing()).isFalse();
		assertThat(failure.getMessage()).contains("Revision nt1 (runtime/nt1_test.sql:14) failed: ")
			.contains("ran outside a transaction ('Transactional: false'): its 1 statement before this one stays committed");
		assertThat(db.tableExists("kept")).isTrue();
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).containsExactly("nt1 false");
	}

	@Test
	void aNonTransactionalRevisionThatFailsAtItsFirstStatementSaysNothingWasCommitted(TestDatabase db) {
		Plans plans = new Plans().sql("nt1", false, "ALTER TABLE missing ADD COLUMN kind text", "CREATE TABLE later (id int)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(1), null, 0), RunListener.NONE));
		assertThat(failure.rolledBack()).isFalse();
		assertThat(failure.committedNothing()).isTrue();
		assertThat(failure.getMessage()).contains("Revision nt1 (runtime/nt1_test.sql:13) failed: ")
			.endsWith("\n  It ran outside a transaction ('Transactional: false') and failed at its first statement:"
					+ " nothing of it was committed; the database stays at base. Fix the revision and run again.")
			.doesNotContain("stay committed");
		assertThat(db.tableExists("later")).isFalse();
	}

	@Test
	void aConcurrentBuildFailingAsTheFirstStatementMayStillLeaveItsIndex(TestDatabase db) {
		// A failed concurrent build leaves an INVALID index, first statement or not: nothing committed is not certain.
		db.execute("CREATE TABLE coffee (kind text)", "INSERT INTO coffee VALUES ('x'), ('x')");
		for (String build : List.of("CREATE UNIQUE INDEX CONCURRENTLY ux_kind ON coffee (kind)",
				"REINDEX INDEX CONCURRENTLY ux_kind")) {
			Plans plans = new Plans().sql("cic1", false, build);
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(5), null, 0), RunListener.NONE));
			assertThat(failure.committedNothing()).as(build).isFalse();
			assertThat(failure.getMessage()).as(build).doesNotContain("nothing of it was committed");
		}
		assertThat(db.queryStrings("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ux_kind'::regclass"))
			.containsExactly("f");
	}

	@Test
	void aJavaRevisionOutsideATransactionNeverClaimsNothingWasCommitted(TestDatabase db) {
		// It may have run statements through op.connection() that the runner did not see.
		Plans plans = new Plans().java("jnt1", false, new Migration() {
			@Override
			public void upgrade(Operations op) {
				op.execute("ALTER TABLE missing ADD COLUMN kind text");
			}

			@Override
			public void downgrade(Operations op) {
			}
		});
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(1), null, 0), RunListener.NONE));
		assertThat(failure.committedNothing()).isFalse();
		assertThat(failure.getMessage()).contains("statements before this one stay committed")
			.doesNotContain("nothing of it was committed");
	}

	@Test
	void aConcurrentUniqueIndexBuildThatFailsNamesTheDuplicateAndTheInvalidIndexItLeft(TestDatabase db) {
		db.execute("CREATE TABLE coffee (id int, kind text)", "INSERT INTO coffee VALUES (1, 'x'), (2, 'x')");
		Plans plans = new Plans().sql("cic2", false, "CREATE INDEX CONCURRENTLY ix_id ON coffee (id)",
				"CREATE UNIQUE INDEX CONCURRENTLY ux_kind ON coffee (kind)");
		DdlSettings ddl = new DdlSettings(Duration.ofSeconds(5), null, 0);
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> runWith(db, plans, ddl, RunListener.NONE));
		assertThat(failure.getMessage()).contains("could not create unique index \"ux_kind\" [SQLSTATE 23505]\n"
				+ "  Detail: Key (kind)=(x) is duplicated.\n  in statement: CREATE UNIQUE INDEX CONCURRENTLY")
			.contains("The failed build left index ux_kind behind, INVALID (used by no query, still updated by every"
					+ " write): the next run of this revision drops it (DROP INDEX CONCURRENTLY IF EXISTS) before it builds"
					+ " it anew, so fix the cause first; or drop it now (DROP INDEX CONCURRENTLY ux_kind).");
		// The next run meets the index the first statement committed: the message says it is valid.
		failure = catchThrowableOfType(MigrationFailedException.class, () -> runWith(db, plans, ddl, RunListener.NONE));
		assertThat(failure.getMessage()).contains("relation \"ix_id\" already exists")
			.contains("Index ix_id exists and is valid: an earlier run of this revision built it before a later"
					+ " statement failed, or it was built by hand")
			.doesNotContain("If an earlier run of this revision was interrupted");
		// Following the messages: drop the valid one; the run drops the INVALID leftover itself and
		// fails on the duplicate again, the cause, not on the leftover.
		db.execute("DROP INDEX CONCURRENTLY ix_id");
		List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
		RunListener heard = new RunListener() {
			@Override
			public void invalidIndexDropped(Step step, String index) {
				dropped.add(step.revision().id() + " " + index);
			}
		};
		failure = catchThrowableOfType(MigrationFailedException.class, () -> runWith(db, plans, ddl, heard));
		assertThat(failure.getMessage()).contains("could not create unique index \"ux_kind\" [SQLSTATE 23505]")
			.doesNotContain("already exists");
		assertThat(dropped).containsExactly("cic2 ux_kind");
		db.execute("DROP INDEX CONCURRENTLY ix_id", "DELETE FROM coffee WHERE id = 2");
		runWith(db, plans, ddl, heard);
		assertThat(dropped).containsExactly("cic2 ux_kind", "cic2 ux_kind");
		assertThat(db.queryStrings("SELECT indexrelid::regclass::text || ' ' || indisvalid FROM pg_index"
				+ " WHERE indrelid = 'coffee'::regclass ORDER BY 1")).containsExactly("ix_id true", "ux_kind true");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cic2");
	}

	@Test
	void aConcurrentIndexBuildThatGaveUpOnLockTimeoutIsRetriedWithoutTheInvalidIndexItLeft(TestDatabase db)
			throws Exception {
		// CREATE INDEX CONCURRENTLY waits, at its end, for every transaction older than the index:
		// lock_timeout stops it there with its index built but INVALID. The retry met that index
		// ('relation already exists') and blamed an earlier run.
		db.execute("CREATE TABLE coffee (id int)", "INSERT INTO coffee SELECT generate_series(1, 1000)");
		Plans plans = new Plans().sql("cic1", false, "CREATE INDEX CONCURRENTLY ix_coffee_id ON coffee (id)");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			statement.execute("SELECT count(*) FROM coffee");
			Future<?> released = executor.submit(() -> {
				// Ends the old transaction once the first try has given up, before the retry.
				awaitQuery(db, "state = 'active' AND wait_event_type = 'Lock'", true);
				awaitQuery(db, "state = 'active'", false);
				blocker.rollback();
				return null;
			});
			runWith(db, plans, new DdlSettings(Duration.ofSeconds(1), null, 1), RunListener.NONE);
			released.get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_coffee_id'::regclass"))
			.containsExactly("true");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cic1");
	}

	@Test
	void anUnnamedConcurrentIndexBuildThatGaveUpOnLockTimeoutIsRetriedWithoutASecondIndex(TestDatabase db)
			throws Exception {
		// The server names the index (coffee_id_idx): the retry built coffee_id_idx1 beside the
		// INVALID one the first try left, which every write then kept updating.
		db.execute("CREATE TABLE coffee (id int, kind text)",
				"INSERT INTO coffee SELECT n, 'espresso' FROM generate_series(1, 1000) n");
		// An INVALID index from before the run, which the retry must leave alone.
		assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY earlier_kind ON coffee (kind)"))
			.hasMessageContaining("could not create unique index");
		Plans plans = new Plans().sql("cic1", false, "CREATE INDEX CONCURRENTLY ON coffee (id)");
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			statement.execute("SELECT count(*) FROM coffee");
			Future<?> released = executor.submit(() -> {
				awaitQuery(db, "CREATE INDEX CONCURRENTLY ON coffee", "state = 'active' AND wait_event_type = 'Lock'",
						true);
				awaitQuery(db, "CREATE INDEX CONCURRENTLY ON coffee", "state = 'active'", false);
				blocker.rollback();
				return null;
			});
			runWith(db, plans, new DdlSettings(Duration.ofSeconds(1), null, 1), RunListener.NONE);
			released.get(30, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(db.queryStrings("SELECT indexrelid::regclass || ' ' || indisvalid FROM pg_index"
				+ " WHERE indrelid = 'coffee'::regclass ORDER BY 1")).containsExactly("coffee_id_idx true",
						"earlier_kind false");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cic1");
	}

	@Test
	void anUnnamedConcurrentIndexBuildThatGivesUpNamesTheInvalidIndexItLeft(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE coffee (id int)", "INSERT INTO coffee SELECT generate_series(1, 1000)");
		Plans plans = new Plans().sql("cic1", false, "CREATE INDEX CONCURRENTLY ON coffee (id)");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			statement.execute("SELECT count(*) FROM coffee");
			assertThatThrownBy(() -> runWith(db, plans, new DdlSettings(Duration.ofMillis(500), null, 0),
					RunListener.NONE))
				.isInstanceOf(MigrationFailedException.class)
				.hasMessageContaining("The failed build left index coffee_id_idx behind, INVALID")
				.hasMessageContaining("DROP INDEX CONCURRENTLY coffee_id_idx");
			blocker.rollback();
		}
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indrelid = 'coffee'::regclass"))
			.containsExactly("false");
	}

	@Test
	void theInvalidIndexAnInterruptedRunOfTheBuildLeftIsDroppedAndBuiltAnewQuotedAndWithIfNotExists(TestDatabase db) {
		// A pod killed in the build leaves its index INVALID, and every start after it failed on it
		// until a person dropped it. A unique build failing on a duplicate leaves the same.
		for (String build : List.of("CREATE UNIQUE INDEX CONCURRENTLY \"Ix_Kind\" ON shop.coffee (kind)",
				"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix_Kind\" ON shop.coffee (kind)")) {
			db.execute("DROP SCHEMA IF EXISTS shop CASCADE", "DROP TABLE IF EXISTS retort_version",
					"DROP TABLE IF EXISTS retort_history", "CREATE SCHEMA shop", "CREATE TABLE shop.coffee (kind text)",
					"INSERT INTO shop.coffee VALUES ('x'), ('x')");
			assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY \"Ix_Kind\" ON shop.coffee (kind)"))
				.hasMessageContaining("could not create unique index");
			// An INVALID index of another name on the table is not the build's: left alone.
			assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY other_idx ON shop.coffee (kind)"))
				.hasMessageContaining("could not create unique index");
			db.execute("DELETE FROM shop.coffee WHERE ctid = (SELECT max(ctid) FROM shop.coffee)");
			List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
			runWith(db, new Plans().sql("cic1", false, build), new DdlSettings(Duration.ofSeconds(5), null, 0),
					new RunListener() {
						@Override
						public void invalidIndexDropped(Step step, String index) {
							dropped.add(step.revision().id() + " " + index);
						}
					});
			assertThat(dropped).as(build).containsExactly("cic1 shop.\"Ix_Kind\"");
			assertThat(db.queryStrings("SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c"
					+ " ON c.oid = i.indexrelid WHERE i.indrelid = 'shop.coffee'::regclass ORDER BY 1")).as(build)
				.containsExactly("Ix_Kind true", "other_idx false");
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).as(build).containsExactly("cic1");
			assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).as(build)
				.containsExactly("cic1 true");
		}
	}

	@Test
	void theCopiesAnInterruptedReindexConcurrentlyLeftAreDroppedBeforeItRunsAgain(TestDatabase db) throws Exception {
		// REINDEX CONCURRENTLY builds ix_coffee_id_ccnew beside the index; stopped, it leaves that INVALID,
		// and a run of it again built ix_coffee_id_ccnew1 beside it, leaving the first for ever.
		db.execute("CREATE TABLE coffee (id int)", "INSERT INTO coffee SELECT generate_series(1, 1000)",
				"CREATE INDEX ix_coffee_id ON coffee (id)");
		Plans plans = new Plans().sql("ri1", false, "REINDEX INDEX CONCURRENTLY ix_coffee_id");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
			statement.execute("SELECT count(*) FROM coffee");
			assertThat(catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofMillis(300), null, 0), RunListener.NONE)))
				.isNotNull();
			blocker.rollback();
		}
		assertThat(db.queryStrings("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
				+ " WHERE NOT i.indisvalid")).containsExactly("ix_coffee_id_ccnew");
		List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
		runWith(db, plans, new DdlSettings(Duration.ofSeconds(5), null, 0), new RunListener() {
			@Override
			public void invalidIndexDropped(Step step, String index) {
				dropped.add(index);
			}
		});
		assertThat(dropped).containsExactly("ix_coffee_id_ccnew");
		assertThat(db.queryStrings("SELECT c.relname || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c"
				+ " ON c.oid = i.indexrelid WHERE i.indrelid = 'coffee'::regclass")).containsExactly("ix_coffee_id true");
	}

	@Test
	void anInvalidIndexAnotherSessionIsBuildingNowIsNotDropped(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE coffee (id int, kind text)");
		Plans plans = new Plans().sql("cic1", false, "CREATE INDEX CONCURRENTLY ix_kind ON coffee (kind)");
		try (Connection writer = db.connect(); Connection builder = db.connect()) {
			// An open writer holds the other session's build in its first wait, its index INVALID until it is done.
			writer.setAutoCommit(false);
			writer.createStatement().execute("INSERT INTO coffee VALUES (1, 'espresso')");
			java.util.concurrent.CompletableFuture<Boolean> build = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> {
					try {
						return builder.createStatement().execute("CREATE INDEX CONCURRENTLY ix_kind ON coffee (kind)");
					}
					catch (java.sql.SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
			while (db.queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid").isEmpty()) {
				assertThat(build).isNotDone();
				Thread.onSpinWait();
			}
			List<String> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofMillis(200), null, 2), new RunListener() {
						@Override
						public void invalidIndexDropped(Step step, String index) {
							dropped.add(index);
						}
					}));
			// Its lock timeouts waited for that build: the index is not the retry's own to drop either.
			assertThat(failure.getMessage()).contains("[SQLSTATE 55P03]").contains("was not dropped before the build");
			assertThat(dropped).isEmpty();
			assertThat(build).isNotDone();
			writer.rollback();
			build.get(60, TimeUnit.SECONDS);
		}
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_kind'::regclass"))
			.containsExactly("true");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
	}

	/** Spins until the session building the index does ({@code present}) or no longer does {@code condition}. */
	private static void awaitQuery(TestDatabase db, String condition, boolean present) {
		awaitQuery(db, "CREATE INDEX CONCURRENTLY ix_coffee_id", condition, present);
	}

	private static void awaitQuery(TestDatabase db, String build, String condition, boolean present) {
		String sql = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '" + build + "%'"
				+ " AND " + condition;
		while (db.queryStrings(sql).get(0).equals("0") == present) {
			Thread.onSpinWait();
		}
	}

	@Test
	void aConcurrentIndexBuildThatKeepsAnInvalidIndexFailsInsteadOfRecordingItApplied(TestDatabase db) {
		db.execute("CREATE SCHEMA shop", "CREATE TABLE shop.coffee (kind text)", "CREATE TABLE shop.tea (kind text)",
				"INSERT INTO shop.tea VALUES ('x'), ('x')");
		// A real interrupted build: the unique index fails half-way and stays behind, INVALID; on
		// another table than the revision's, so not its own leftover, and the run leaves it alone.
		assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY \"Ix_Kind\" ON shop.tea (kind)"))
			.hasMessageContaining("could not create unique index");
		Plans plans = new Plans().sql("cic1", false,
				"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"Ix_Kind\" ON shop.coffee (kind)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> runWith(db, plans, new DdlSettings(Duration.ofSeconds(5), null, 0), RunListener.NONE));
		assertThat(failure).as("IF NOT EXISTS skipped the INVALID index; the run must not succeed").isNotNull();
		assertThat(failure.getMessage()).contains("Revision cic1 (runtime/cic1_test.sql:13) failed: Index"
				+ " shop.\"Ix_Kind\" exists but is INVALID, left by an interrupted CREATE INDEX CONCURRENTLY"
				+ " ('IF NOT EXISTS' kept it): no query can use it")
			.contains("Drop the INVALID index (DROP INDEX CONCURRENTLY shop.\"Ix_Kind\") and run again");
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).containsExactly("cic1 false");
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indrelid = 'shop.tea'::regclass"))
			.containsExactly("false");
		// Following the message: the next run builds it anew, valid.
		db.execute("DROP INDEX CONCURRENTLY shop.\"Ix_Kind\"");
		runWith(db, plans, new DdlSettings(Duration.ofSeconds(5), null, 0), RunListener.NONE);
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'shop.\"Ix_Kind\"'::regclass"))
			.containsExactly("true");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cic1");
	}

	/**
	 * A listener that, when a step is retried for a lock timeout, checks {@code meanwhile} and
	 * releases the blocking transaction, so the retry goes through: no sleeping.
	 */
	private static RunListener releaseOnRetry(Connection blocker, AtomicInteger retries, Runnable meanwhile) {
		return new RunListener() {
			@Override
			public void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
				retries.incrementAndGet();
				assertThat(((java.sql.SQLException) cause).getSQLState()).isEqualTo("55P03");
				meanwhile.run();
				try {
					blocker.commit();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
	}

	/**
	 * The failure of a two-statement revision whose second statement waits for a table another
	 * session holds, with a 50 ms lock timeout and {@code retries}.
	 */
	private static MigrationFailedException failureWhileBlocked(TestDatabase db, int retries, RunListener listener)
			throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		Plans plans = new Plans().sql("r1", "CREATE TABLE before_busy (id int)", "ALTER TABLE busy ADD COLUMN c int");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
					() -> runWith(db, plans, new DdlSettings(Duration.ofMillis(50), null, retries), listener));
			blocker.rollback();
			return failure;
		}
	}

	private static void runWith(TestDatabase db, Plans plans, DdlSettings ddl, RunListener listener) {
		runWith(db, plans, ddl, listener, TransactionMode.PER_REVISION);
	}

	private static void runWith(TestDatabase db, Plans plans, DdlSettings ddl, RunListener listener,
			TransactionMode mode) {
		try (Database database = Database.open(factory(db, "retort-runner"), null, "retort_version", "retort_history")) {
			database.createTables(false);
			new MigrationRunner(database.sink(), database.names(), plans::script, ddl, mode, listener, () -> "test")
				.run(plans.upgradeFrom(null));
		}
	}

	private static int backendPid(Connection connection) throws java.sql.SQLException {
		try (Statement statement = connection.createStatement();
				java.sql.ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return row.getInt(1);
		}
	}

	private static int backendPid(Database database) throws java.sql.SQLException {
		try (Statement statement = database.session().connection().createStatement();
				java.sql.ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return row.getInt(1);
		}
	}

	static ConnectionFactory factory(TestDatabase db, String applicationName) {
		return new ConnectionFactory(null, db.jdbcUrl(), db.user(), db.password(), applicationName, 0, Duration.ZERO);
	}

	/**
	 * The sessions of that application still listed once they had 5 s to go: a closed connection's
	 * server process leaves pg_stat_activity a moment after the client has closed it.
	 */
	private static int sessionsLeft(TestDatabase db, String applicationName) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			int left = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = ?", applicationName)
				.size();
			if (left == 0 || System.nanoTime() - deadline > 0) {
				return left;
			}
			Thread.onSpinWait();
		}
	}

	private static void awaitSession(TestDatabase db, String applicationName) throws InterruptedException {
		while (db.queryStrings("SELECT pid FROM pg_stat_activity WHERE application_name = ?", applicationName)
			.isEmpty()) {
			Thread.onSpinWait();
		}
	}

}
