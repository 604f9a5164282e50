package dev.retort.boot.command;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * What kind of failure stopped an in-app command's application before the command ran, in SPEC
 * §5's terms: configuration (a property that does not bind, no DataSource that Retort can tell
 * to migrate, a Retort error of bad input) is exit code 2, as the standalone tool's configuration
 * errors are; anything else is a failure at run time, exit code 1.
 */
final class StartFailure {

	private StartFailure() {
	}

	/**
	 * The kind of the failure, from the first cause that tells it.
	 * @param exception what the application's start threw
	 * @return the error code, whose exit code the process ends with
	 */
	static ErrorCode code(Throwable exception) {
		for (Throwable each = exception; each != null; each = each.getCause()) {
			if (each instanceof BindException || each instanceof InvalidConfigurationPropertyValueException
					|| each instanceof ConfigurationFailure) {
				return ErrorCode.CONFIGURATION;
			}
			if (each instanceof RetortException retort) {
				return retort.code();
			}
		}
		return ErrorCode.RUNTIME;
	}

}
