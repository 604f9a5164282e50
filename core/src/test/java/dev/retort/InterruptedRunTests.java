package dev.retort;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.retort.command.MigrationListener;
import dev.retort.command.RevisionFiles;
import dev.retort.config.RetortConfig;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Step;
import dev.retort.runtime.LockWaitStoppedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A run whose thread is interrupted while it waits, as Spring interrupts the main thread when it
 * shuts down under the starter's migration: the wait ends, nothing is half-recorded, no lock stays
 * held, the error says what happened, and the thread stays interrupted. The listener interrupts the
 * thread where the run is about to wait, so no test sleeps.
 */
@ExtendWith(PostgresExtension.class)
class InterruptedRunTests {

	private static final String A = "a1a1a1a1a1a1";

	private static final String B = "b2b2b2b2b2b2";

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	@Test
	void anInterruptWhileWaitingForTheMigrationLockStopsTheWaitAndChangesNothing(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		long key = MigrationLock.key(new TableNames("public", "retort_version", "retort_history"));
		try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			Retort retort = configure(db, files).lockWaitTimeout(Duration.ofMinutes(10)).load()
				.withListener(new MigrationListener() {
					@Override
					public boolean stopWaitingForLock() {
						Thread.currentThread().interrupt();
						return false;
					}
				});
			LockWaitStoppedException stopped = catchThrowableOfType(LockWaitStoppedException.class,
					() -> retort.upgrade("heads"));
			assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
			assertThat(stopped).as("an interrupted wait of ten minutes ends at once").isNotNull();
			assertThat(stopped.code()).isEqualTo(ErrorCode.RUNTIME);
			assertThat(stopped.getMessage())
				.startsWith("Stopped waiting for the migration lock of public.retort_version after ")
				.contains(" ms: the thread was interrupted (as when the application shuts down). Nothing was changed:"
						+ " no revision ran, and the database is as it was (the lock is held by pid ");
			Thread.interrupted();
			assertThat(db.tableExists("coffee")).isFalse();
			// Only the holder's lock: the interrupted runner holds neither of its own.
			assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
				.containsExactly("1");
		}
	}

	@Test
	void anInterruptWhileWaitingToRetryARevisionLeavesItRolledBackUnrecordedAndTheLockFree(TestDatabase db,
			@TempDir Path dir) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write(B, A, "CREATE TABLE before_busy (id int);\nALTER TABLE busy ADD COLUMN c int;",
				"ALTER TABLE busy DROP COLUMN c;\nDROP TABLE before_busy;");
		List<String> heard = new CopyOnWriteArrayList<>();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			Retort retort = configure(db, files).ddlLockTimeout(Duration.ofMillis(100)).ddlRetries(3).load()
				.withListener(new MigrationListener() {
					@Override
					public void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
						// Shut down while it waits out the backoff before the retry.
						Thread.currentThread().interrupt();
					}

					@Override
					public void stepFinished(Step step, long durationMs, Throwable error) {
						heard.add(step.revision().id() + " " + ((error == null) ? "ok" : "failed"));
					}
				});
			RetortException interrupted = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
			assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
			Thread.interrupted();
			assertThat(interrupted).isNotNull();
			assertThat(interrupted.code()).isEqualTo(ErrorCode.RUNTIME);
			assertThat(interrupted.getMessage()).isEqualTo("Interrupted while waiting to retry revision " + B
					+ " (retry 1 of 3, after it waited longer than lock_timeout for a lock): the thread was interrupted,"
					+ " as when the application shuts down. Revision " + B + " was rolled back and is not recorded as"
					+ " applied; the revisions before it stay applied. Run the upgrade again to go on.");
			assertThat(heard).containsExactly(A + " ok", B + " failed");
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(A);
		assertThat(db.tableExists("before_busy")).isFalse();
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly(A + " true");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
		// Run again, it goes on from where it stopped.
		configure(db, files).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
	}

	@Test
	void anInterruptWhileWaitingToRetryAStatementOutsideATransactionSaysWhatStaysCommitted(TestDatabase db,
			@TempDir Path dir) throws Exception {
		db.execute("CREATE TABLE busy (id int)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "", false, "CREATE TABLE before_busy (id int);\nALTER TABLE busy ADD COLUMN c int;", null);
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			Retort retort = configure(db, files).ddlLockTimeout(Duration.ofMillis(100)).ddlRetries(3).load()
				.withListener(new MigrationListener() {
					@Override
					public void stepStarting(Step step) {
						// Interrupted before the statement's first lock timeout: its backoff does not wait.
						Thread.currentThread().interrupt();
					}
				});
			RetortException interrupted = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
			assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
			Thread.interrupted();
			assertThat(interrupted.getMessage()).contains("Interrupted while waiting to retry the statement at "
					+ dir.resolve(A + "_test.sql") + ":")
				.contains("(retry 1 of 3, after it waited longer than lock_timeout for a lock): the thread was"
						+ " interrupted, as when the application shuts down. The revision runs outside a transaction: its"
						+ " statements before this one stay committed, and it is not recorded as applied.");
		}
		// Outside a transaction, its first statement stays committed, and the failure is recorded as such.
		assertThat(db.tableExists("before_busy")).isTrue();
		assertThat(db.queryStrings("SELECT count(*) FROM retort_version")).containsExactly("0");
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history")).containsExactly(A + " false");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).containsExactly("0");
	}

}
