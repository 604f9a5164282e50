package dev.retort.cli;

/**
 * The log level of the standalone tool: WARN on standard error by default, INFO with {@code -v},
 * DEBUG with {@code -vv}. Set before the first logger exists, so it is read once by slf4j-simple
 * (whose other defaults are in {@code simplelogger.properties}); a level given with
 * {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 */
final class LogLevel {

	static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

	private LogLevel() {
	}

	static void configure(int verbosity) {
		if (System.getProperty(PROPERTY) != null) {
			return;
		}
		System.setProperty(PROPERTY, (verbosity == 0) ? "warn" : (verbosity == 1) ? "info" : "debug");
	}

}
