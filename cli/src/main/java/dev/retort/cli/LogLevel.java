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

	static void configure(int verbosity) {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, (verbosity == 0) ? "warn" : (verbosity == 1) ? "info" : "debug");
		}
		LoggerFactory.getILoggerFactory();
	}

}
