package dev.retort.runtime;

import java.time.Duration;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** The migration lock was not acquired within {@code lock.wait-timeout}; names who holds it. */
public class LockTimeoutException extends RetortException {

	private final LockHolder holder;

	private final Duration waited;

	public LockTimeoutException(String message, LockHolder holder, Duration waited) {
		super(ErrorCode.LOCK_TIMEOUT, message);
		this.holder = holder;
		this.waited = waited;
	}

	/** Who held the lock when Retort gave up. */
	public LockHolder holder() {
		return this.holder;
	}

	/** How long Retort waited. */
	public Duration waited() {
		return this.waited;
	}

}
