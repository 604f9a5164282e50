package dev.retort.boot.autoconfigure;

import dev.retort.boot.command.ConfigurationFailure;

/**
 * No {@code DataSource} to migrate could be chosen: none at all, or several with none
 * {@code @Primary}. A configuration error, which {@link MigrationDataSourceFailureAnalyzer} reports
 * with the action to take; an in-app command that stops on it ends with the exit code of a
 * configuration error.
 */
class MigrationDataSourceException extends IllegalStateException implements ConfigurationFailure {

	private final String problem;

	private final String action;

	/** The message is both: a stack trace, or the JSON document of an in-app command, says what to do too. */
	MigrationDataSourceException(String problem, String action) {
		super(problem + " " + action);
		this.problem = problem;
		this.action = action;
	}

	/** What is wrong. */
	String problem() {
		return this.problem;
	}

	/** What to do about it, in the application's terms. */
	String action() {
		return this.action;
	}

}

