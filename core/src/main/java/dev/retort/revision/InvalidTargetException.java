package dev.retort.revision;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A target exists but cannot be reached as asked from the current heads: not a valid upgrade
 * or downgrade target, a relative move that goes too far or is ambiguous, a malformed range.
 */
public class InvalidTargetException extends RetortException {

	private final String target;

	public InvalidTargetException(String target, String message) {
		super(ErrorCode.INVALID_TARGET, message);
		this.target = target;
	}

	/** The target as the user wrote it. */
	public String target() {
		return this.target;
	}

}
