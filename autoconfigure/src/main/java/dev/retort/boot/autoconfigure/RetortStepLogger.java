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

	@Override
	public void stepFinished(Step step, long durationMs, Throwable error) {
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

}
