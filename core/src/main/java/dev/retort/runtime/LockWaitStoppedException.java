package dev.retort.runtime;

import java.time.Duration;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The process began to shut down while it waited for the migration lock, so it stopped waiting
 * rather than wait out {@code lock.wait-timeout}: no revision ran, nothing changed.
 */
public class LockWaitStoppedException extends RetortException {

	private final Duration waited;

	public LockWaitStoppedException(String message, Duration waited) {
		super(ErrorCode.RUNTIME, message);
		this.waited = waited;
	}

	/** How long Retort waited, from its first try, before it stopped. */
	public Duration waited() {
		return this.waited;
	}

}
