package dev.retort.boot.autoconfigure;

import java.time.Duration;

import dev.retort.command.MigrationListener;
import dev.retort.revision.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each step as Alembic does ({@code Running upgrade ae1027a6acf3 -> 1975ea83b712, Add user
 * column}), so the application's log shows what its startup did to the database. Failures are
 * not logged here: they stop startup and the failure analyzer reports them; a retry on a lock is
 * logged by core, at WARN.
 */
class RetortStepLogger implements MigrationListener {

	private static final Logger logger = LoggerFactory.getLogger(RetortMigrationInitializer.class);

	/** The step under way, for a shutdown that arrives while it runs; {@code null} between steps. */
	private volatile Step running;

	private volatile long runningSince;

	@Override
	public void stepStarting(Step step) {
		this.runningSince = System.nanoTime();
		this.running = step;
	}

	@Override
	public void stepFinished(Step step, long durationMs, Throwable error) {
		this.running = null;
		if (error == null && logger.isInfoEnabled()) {
			// As Alembic and 'retort upgrade' name a step: from the revision's parents.
			logger.info("Running {} ({} ms)", step.describe("<base>"), durationMs);
		}
	}

	@Override
	public void lockAcquired(Duration waited) {
		// Who it waited for is logged while it waits (core); how long it waited, once it has the
		// lock, as 'retort upgrade' prints it: an instance that waited on another's migration says so.
		if (waited.toMillis() >= 1000) {
			logger.info("Acquired the migration lock after waiting {} ms", waited.toMillis());
		}
	}

	/**
	 * Says what a shutdown (SIGTERM) that arrives during the startup migration will do: Spring
	 * Boot closes the context only once its refresh has ended, so the process seems to ignore the
	 * signal; the operator who then kills it needs to know where the database stands.
	 */
	void shutdownRequested() {
		Step step = this.running;
		String now = (step != null) ? "while '" + step.describe("<base>") + "' runs (for "
				+ (System.nanoTime() - this.runningSince) / 1_000_000 + " ms)" : "while Retort migrates at startup";
		logger.warn("Shutdown requested {}: the migration runs to its end, the application finishes starting and then "
				+ "stops. A process killed before that leaves the database at the last revision that finished: "
				+ "PostgreSQL rolls the running one back (not a 'Transactional: false' one).", now);
	}

}
