package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.command.MigrationListener;
import dev.retort.revision.Revision;
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
			logger.info("Running {} ({} ms)", describe(step), durationMs);
		}
	}

	/**
	 * As Alembic and {@code retort upgrade} name a step: the revision's parents, not the version
	 * table's rows, which on a second branch still hold the first one's head.
	 */
	private static String describe(Step step) {
		Revision revision = step.revision();
		String operation = step.operation().jsonName();
		if (revision == null || step.operation() == Step.Operation.STAMP) {
			return operation + " " + heads(step.headsBefore()) + " -> " + heads(step.headsAfter());
		}
		String path = (step.operation() == Step.Operation.DOWNGRADE) ? revision.id() + " -> " + heads(revision.parents())
				: heads(revision.parents()) + " -> " + revision.id();
		return operation + " " + path + (revision.message().isEmpty() ? "" : ", " + revision.message());
	}

	private static String heads(List<String> heads) {
		return heads.isEmpty() ? "<base>" : String.join(", ", heads);
	}

}
