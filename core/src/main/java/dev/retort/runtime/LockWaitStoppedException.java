package dev.retort.runtime;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The process began to shut down while it waited for the migration lock, so it stopped waiting
 * rather than wait out {@code lock.wait-timeout}: no revision ran, nothing changed.
 */
public class LockWaitStoppedException extends RetortException {

	public LockWaitStoppedException(String message) {
		super(ErrorCode.RUNTIME, message);
	}

}
