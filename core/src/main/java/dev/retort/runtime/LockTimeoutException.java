package dev.retort.runtime;

import java.time.Duration;

import dev.retort.command.LockInfo;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** The migration lock was not acquired within {@code lock.wait-timeout}; names who holds it. */
public class LockTimeoutException extends RetortException {

	private final LockInfo holder;

	private final Duration waited;

	public LockTimeoutException(String message, LockInfo holder, Duration waited) {
		super(ErrorCode.LOCK_TIMEOUT, message);
		this.holder = holder;
		this.waited = waited;
	}

	/** Who held the lock when Retort gave up. */
	public LockInfo holder() {
		return this.holder;
	}

	/** How long Retort waited. */
	public Duration waited() {
		return this.waited;
	}

}
