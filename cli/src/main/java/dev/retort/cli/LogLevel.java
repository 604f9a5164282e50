package dev.retort.cli;

import org.slf4j.LoggerFactory;

/**
 * The log level of the standalone tool: WARN on standard error by default, INFO with {@code -v},
 * DEBUG with {@code -vv}. Set before the first logger exists, so it is read once by slf4j-simple
 * (whose other defaults are in {@code simplelogger.properties}); a level given with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 *
 * <p>SLF4J is then initialised on the calling thread, before any command starts one: revisions
 * are read on threads of their own, and when one of them asks for its logger while SLF4J is
 * still initialising on another, SLF4J replays the early calls with a three-line
 * {@code SLF4J(W)} warning on standard error, whatever the level.
 */
final class LogLevel {

	static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

	private LogLevel() {
	}

	/**
	 * The logger of the migration lock, which says every ten seconds, at INFO, whom a waiting
	 * runner waits for. The tool prints that notice as its own line (see
	 * {@code StepPrinter#waitingForLock}), so it quiets the logger, below {@code -vv}.
	 */
	static final String LOCK_LOGGER = "org.slf4j.simpleLogger.log.dev.retort.runtime.MigrationLock";

	/**
	 * The logger of the connection, which says at INFO, before each of {@code connect-retries},
	 * that the database could not be reached and when it tries again. The tool prints that notice
	 * as its own line too ({@code RetortCommand#notices}, {@code StepPrinter#waitingForDatabase}),
	 * so it quiets the logger, below {@code -vv}.
	 */
	static final String CONNECTION_LOGGER = "org.slf4j.simpleLogger.log.dev.retort.runtime.ConnectionFactory";

	static void configure(int verbosity) {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, (verbosity == 0) ? "warn" : (verbosity == 1) ? "info" : "debug");
			if (verbosity < 2 && System.getProperty(LOCK_LOGGER) == null) {
				// Waiting up to 'lock.wait-timeout' (10 minutes) without a word looks like a hang: the
				// step printer says whom it waits for, as the tool's other lines, not as a log line.
				System.setProperty(LOCK_LOGGER, "warn");
			}
			if (verbosity < 2 && System.getProperty(CONNECTION_LOGGER) == null) {
				// So does waiting for a database that is still starting ('connect-retries' times
				// 'connect-retries-interval', 10 s each): a plain line, not a log line.
				System.setProperty(CONNECTION_LOGGER, "warn");
			}
		}
		LoggerFactory.getILoggerFactory();
	}

}
