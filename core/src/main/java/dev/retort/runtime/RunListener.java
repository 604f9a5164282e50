package dev.retort.runtime;

import java.time.Duration;

import dev.retort.revision.Step;

/** What the runner tells as it runs; every method has an empty default. */
public interface RunListener {

	/** A step is about to run. */
	default void stepStarting(Step step) {
	}

	/** A step ended: {@code error} is {@code null} on success. */
	default void stepFinished(Step step, long durationMs, Throwable error) {
	}

	/** A step hit {@code lock_timeout}, was rolled back, and runs again after {@code backoff}. */
	default void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
	}

	/**
	 * Before a statement of the step built an index concurrently, the INVALID one an earlier,
	 * interrupted run of it left was dropped.
	 */
	default void invalidIndexDropped(Step step, String index) {
	}

	/** Silence. */
	RunListener NONE = new RunListener() {
	};

}
