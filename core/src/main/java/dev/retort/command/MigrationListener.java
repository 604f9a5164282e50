package dev.retort.command;

import java.time.Duration;
import java.util.List;

import dev.retort.revision.Step;

/**
 * Hears what a run does as it does it: the CLI prints one line per step, the Spring Boot
 * starter records Micrometer timers. Every method has an empty default.
 */
public interface MigrationListener {

	/**
	 * The run read the version rows it starts from, before it plans: a run refused before its
	 * first step (a downgrade across a revision without a downgrade) still knows where the
	 * database stays. Heard again when the run reads them again (after the lock, after a baseline).
	 * @param rows the version rows, sorted by id ({@link MigrationResult#from()}'s order)
	 */
	default void versionRowsRead(List<String> rows) {
	}

	/** A step is about to run. */
	default void stepStarting(Step step) {
	}

	/**
	 * A step ended.
	 * @param step the step
	 * @param durationMs how long it ran
	 * @param error {@code null} on success, else what failed (the step was rolled back)
	 */
	default void stepFinished(Step step, long durationMs, Throwable error) {
	}

	/**
	 * A revision (or, with {@code transaction-mode: all}, the whole run) hit PostgreSQL's
	 * {@code lock_timeout}, was rolled back and runs again after {@code backoff}.
	 * @param step the step that was running
	 * @param attempt the retry about to start (1 for the first retry)
	 * @param backoff the wait before it
	 * @param cause the lock-timeout failure
	 */
	default void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
	}

	/**
	 * Before a concurrent index build of the step ({@code CREATE [UNIQUE] INDEX CONCURRENTLY name},
	 * {@code REINDEX INDEX CONCURRENTLY name}), the INVALID index an earlier run of that statement
	 * left when it was interrupted (a pod killed in the build) or failed was dropped, with
	 * {@code DROP INDEX CONCURRENTLY IF EXISTS}, so that the statement builds it anew. Heard before
	 * the step's {@link #stepFinished}; the runner's logger says it at WARN too.
	 * @param step the step running
	 * @param index the index dropped, as the server prints it (schema-qualified outside the search path)
	 */
	default void invalidIndexDropped(Step step, String index) {
	}

	/** The migration lock was acquired after waiting this long. */
	default void lockAcquired(Duration waited) {
	}

	/**
	 * The run gave up waiting for the migration lock after {@code lock.wait-timeout}: a
	 * {@link dev.retort.runtime.LockTimeoutException} follows, nothing ran. Heard instead of
	 * {@link #lockAcquired}, so that the longest wait of all, the one that failed the run, is
	 * timed too (the starter records it in {@code retort.lock.wait} with {@code outcome="timed_out"}).
	 * @param waited how long the run waited, from its first try
	 */
	default void lockWaitTimedOut(Duration waited) {
	}

	/**
	 * The run stopped waiting for the migration lock because {@link #stopWaitingForLock()} said so
	 * or its thread was interrupted (the process shuts down): a
	 * {@link dev.retort.runtime.LockWaitStoppedException} follows, nothing ran. Heard instead of
	 * {@link #lockAcquired} and {@link #lockWaitTimedOut}, so that every wait is timed (the starter
	 * records it in {@code retort.lock.wait} with {@code outcome="stopped"}).
	 * @param waited how long the run waited, from its first try
	 */
	default void lockWaitStopped(Duration waited) {
	}

	/**
	 * Asked before each try for the migration lock while the run waits for it (about once a
	 * second), never once it holds it: {@code true} (the process shuts down) ends the wait at once
	 * with a {@link dev.retort.runtime.LockWaitStoppedException}, before anything has changed. A
	 * running step is never stopped.
	 * @return whether to stop waiting
	 */
	default boolean stopWaitingForLock() {
		return false;
	}

	/**
	 * The run still waits for the migration lock: about every ten seconds, the notice that
	 * {@code dev.retort.runtime.MigrationLock} logs at INFO (whom it waits for, for at most how
	 * long), for a listener that shows it its own way, as the CLI prints it beside its step lines.
	 * @param notice {@code Waiting for the migration lock of public.retort_version (…): held by …}
	 */
	default void waitingForLock(String notice) {
	}

	/**
	 * The database could not be reached and is tried again ({@code connect-retries}): before each
	 * retry, the notice that {@code dev.retort.runtime.ConnectionFactory} logs at INFO, for a
	 * listener that shows it its own way, as the CLI prints it beside its other lines.
	 * @param notice {@code Could not reach 'jdbc:postgresql://…' (…); retry 1 of 5 in 2s}
	 */
	default void waitingForDatabase(String notice) {
	}

	/**
	 * The listener for runs of another schema through {@code Retort.forSchema(schema)}: a
	 * listener that says what it heard (a log) can name the tenant, since every tenant runs the
	 * same steps. By default this listener itself.
	 * @param schema the schema those runs migrate
	 * @return the listener to tell of them
	 */
	default MigrationListener inSchema(String schema) {
		return this;
	}

	/** Silence. */
	MigrationListener NONE = new MigrationListener() {
	};

	/**
	 * One listener that tells each of {@code listeners}, in order: the starter's step log beside
	 * the application's listener beans, the CLI's step lines beside what a failure must report.
	 * @param listeners the listeners
	 * @return their composite
	 */
	static MigrationListener all(List<MigrationListener> listeners) {
		return new AllListeners(List.copyOf(listeners));
	}

}
