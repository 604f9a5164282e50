package dev.retort.boot.autoconfigure;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.retort.Retort;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.runtime.LockWaitStoppedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The startup log names each step as Alembic and {@code retort upgrade} do: parents -> revision. */
@ExtendWith({ OutputCaptureExtension.class, PostgresExtension.class })
class RetortStepLoggerTests {

	private final RetortStepLogger logger = new RetortStepLogger();

	@Test
	void aStepThatRunsLongIsNamedWhileItRunsAndNoLongerOnceItEnds(TestDatabase db, CapturedOutput output)
			throws Exception {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("aaaa00000001");
		RetortStepLogger stepLogger = new RetortStepLogger(Duration.ofMillis(50));
		Retort retort = Retort.configure()
			.dataSource(db.dataSource())
			.ddlLockTimeout(Duration.ofMinutes(1))
			.load()
			.withListener(stepLogger);
		CompletableFuture<?> upgrade;
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			// aaaa00000002 inserts into beverages: it waits on this lock for as long as the test holds it.
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE beverages IN ACCESS EXCLUSIVE MODE");
			upgrade = CompletableFuture.runAsync(() -> retort.upgrade("heads"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!output.toString().contains("Still running") && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			// Before the step ends: the migrating instance's log, and the one of a pod killed
			// now, name the revision under way, not only the steps that finished.
			assertThat(output.toString())
				.contains("Still running upgrade aaaa00000001 -> aaaa00000002, Add espresso (for ")
				.doesNotContain("Running upgrade aaaa00000001 -> aaaa00000002");
			blocker.rollback();
		}
		upgrade.get(1, TimeUnit.MINUTES);
		assertThat(output).contains("Running upgrade aaaa00000001 -> aaaa00000002, Add espresso (");
		// Nothing left to tick once the step has ended: no progress line after it.
		assertThat(stepLogger.ticking()).isFalse();
	}

	@Test
	void aSecondBranchIsLoggedFromItsParentNotFromTheOtherBranchsHead(CapturedOutput output) {
		// The database is at c2147d0a67d3 (one branch off 8ec87492b59a); the other branch's revision
		// adds a head beside it. Its parent is 8ec87492b59a, whatever the version table held.
		Revision author = revision("5298cc80b18a", List.of("8ec87492b59a"), "add greeting author");
		this.logger.stepFinished(new Step(author, Step.Operation.UPGRADE, List.of(), List.of("c2147d0a67d3"),
				List.of("c2147d0a67d3", "5298cc80b18a")), 1, null);
		assertThat(output).contains("Running upgrade 8ec87492b59a -> 5298cc80b18a, add greeting author (1 ms)")
			.doesNotContain("c2147d0a67d3 ->");
	}

	@Test
	void baseAndMergesAreLoggedAsAlembicDoes(CapturedOutput output) {
		this.logger.stepFinished(new Step(revision("5bf21d27b553", List.of(), "create greetings"),
				Step.Operation.UPGRADE, List.of(), List.of(), List.of("5bf21d27b553")), 7, null);
		this.logger.stepFinished(new Step(revision("9942ce2aee28", List.of("5298cc80b18a", "c2147d0a67d3"), "merge"),
				Step.Operation.UPGRADE, List.of(), List.of("c2147d0a67d3", "5298cc80b18a"), List.of("9942ce2aee28")),
				0, null);
		assertThat(output).contains("Running upgrade <base> -> 5bf21d27b553, create greetings (7 ms)")
			.contains("Running upgrade 5298cc80b18a, c2147d0a67d3 -> 9942ce2aee28, merge (0 ms)");
	}

	@Test
	void anInstanceThatWaitedForTheLockSaysHowLong(CapturedOutput output) {
		// Another instance was migrating: the waiting one logged who held the lock; now it has it.
		this.logger.lockAcquired(Duration.ofMillis(5645));
		assertThat(output).contains("Acquired the migration lock after waiting 5645 ms");
	}

	@Test
	void takingAFreeLockIsNotLogged(CapturedOutput output) {
		this.logger.lockAcquired(Duration.ofMillis(3));
		assertThat(output).doesNotContain("migration lock");
	}

	@Test
	void aShutdownDuringAStepNamesItAndWhereTheDatabaseWouldStand(CapturedOutput output) {
		Step slow = new Step(revision("e2e2e2e2e2e2", List.of("d1d1d1d1d1d1"), "backfill"), Step.Operation.UPGRADE,
				List.of(), List.of("d1d1d1d1d1d1"), List.of("e2e2e2e2e2e2"));
		this.logger.stepStarting(slow);
		this.logger.shutdownRequested();
		assertThat(output).contains("Shutdown requested while 'upgrade d1d1d1d1d1d1 -> e2e2e2e2e2e2, backfill' runs (for ")
			.contains("the migration runs to its end")
			.contains("leaves the database at the last revision that finished");
	}

	@Test
	void aShutdownWhileWaitingForAnotherInstancesLockEndsTheWaitChangingNothing(TestDatabase db,
			CapturedOutput output) throws Exception {
		RetortStepLogger stepLogger = new RetortStepLogger();
		Retort retort = Retort.configure().dataSource(db.dataSource()).load().withListener(stepLogger);
		try (Connection other = db.connect(); Statement statement = other.createStatement()) {
			// Another instance migrates: it holds the lock, and this one waits for it (10 minutes by default).
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("public", "retort_version", "retort_history")) + ")");
			CompletableFuture<?> upgrade = CompletableFuture.runAsync(() -> retort.upgrade("heads"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!output.toString().contains("Waiting for the migration lock") && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			// What the starter's shutdown hook runs on SIGTERM.
			stepLogger.shutdownRequested();
			// Still held by the other session: only the shutdown ends the wait.
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> upgrade.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(LockWaitStoppedException.class)
				.withMessageStartingWith("Stopped waiting for the migration lock of public.retort_version after ")
				.withMessageContaining("the process is shutting down. Nothing was changed: no revision ran");
			assertThat(output).contains("Shutdown requested before Retort changed anything at startup")
				.contains("it stops waiting for the lock within a second and startup fails, leaving the database as it is")
				.doesNotContain("the migration runs to its end");
		}
		assertThat(db.queryStrings("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).containsExactly("0");
	}

	@Test
	void aShutdownOnceTheLockIsTakenDoesNotStopTheMigration(TestDatabase db, CapturedOutput output) {
		RetortStepLogger stepLogger = new RetortStepLogger();
		Retort retort = Retort.configure().dataSource(db.dataSource()).load().withListener(stepLogger);
		retort.upgrade("aaaa00000001");
		stepLogger.shutdownRequested();
		assertThat(output).contains("Shutdown requested while Retort migrates at startup: the migration runs to its end");
		assertThat(stepLogger.stopWaitingForLock()).isFalse();
	}

	@Test
	void aShutdownBetweenStepsNamesNoRevision(CapturedOutput output) {
		Step done = new Step(revision("d1d1d1d1d1d1", List.of(), "first"), Step.Operation.UPGRADE, List.of(),
				List.of(), List.of("d1d1d1d1d1d1"));
		this.logger.stepStarting(done);
		this.logger.stepFinished(done, 1, null);
		this.logger.shutdownRequested();
		assertThat(output).contains("Shutdown requested while Retort migrates at startup: the migration runs to its end");
	}

	private static Revision revision(String id, List<String> parents, String message) {
		return new Revision(id, parents, List.of(), List.of(), message, null, null, null, true, true, null);
	}

}
