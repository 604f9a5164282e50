package dev.retort.script;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A script location that cannot be read: a {@code filesystem:} directory that does not exist or
 * is not a directory, or a class path location that cannot be listed.
 */
public class ScriptLocationException extends RetortException {

	private final String location;

	public ScriptLocationException(String location, String message) {
		super(ErrorCode.CONFIGURATION, message);
		this.location = location;
	}

	public ScriptLocationException(String location, String message, Throwable cause) {
		super(ErrorCode.CONFIGURATION, message, cause);
		this.location = location;
	}

	/** The location as configured. */
	public String location() {
		return this.location;
	}

}
