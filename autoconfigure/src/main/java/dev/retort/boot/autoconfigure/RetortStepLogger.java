package dev.retort.boot.autoconfigure;

import java.util.List;

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
			String message = (step.revision() != null) ? ", " + step.revision().message() : "";
			logger.info("Running {} {} -> {}{} ({} ms)", step.operation().jsonName(), heads(step.headsBefore()),
					heads(step.headsAfter()), message, durationMs);
		}
	}

	private static String heads(List<String> heads) {
		return heads.isEmpty() ? "<base>" : String.join(", ", heads);
	}

}
