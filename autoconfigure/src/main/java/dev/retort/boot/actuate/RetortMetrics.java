package dev.retort.boot.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.retort.command.MigrationListener;
import dev.retort.revision.Step;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records Retort's runs as Micrometer timers: {@code retort.migration.duration} per step (tags
 * {@code revision}, {@code operation}, {@code outcome}) and {@code retort.lock.wait} (tag
 * {@code outcome}: {@code acquired}; {@code timed_out} for a run that gave up after
 * {@code retort.lock.wait-timeout}; {@code stopped} for a run whose wait a shutdown ended).
 */
public class RetortMetrics implements MigrationListener {

	private final MeterRegistry registry;

	/**
	 * Creates a listener recording into {@code registry}.
	 * @param registry the meter registry
	 */
	public RetortMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void stepFinished(Step step, long durationMs, Throwable error) {
		String revision = (step.revision() != null) ? step.revision().id() : "base";
		Timer.builder("retort.migration.duration")
			.description("Time each revision took to upgrade, downgrade or stamp")
			.tag("revision", revision)
			.tag("operation", step.operation().jsonName())
			.tag("outcome", (error != null) ? "failure" : "success")
			.register(this.registry)
			.record(durationMs, TimeUnit.MILLISECONDS);
	}

	@Override
	public void lockAcquired(Duration waited) {
		lockWait("acquired", waited);
	}

	@Override
	public void lockWaitTimedOut(Duration waited) {
		// The wait that failed the run: timed as well, and told apart, so that it does not read as
		// a long wait that ended with the lock.
		lockWait("timed_out", waited);
	}

	@Override
	public void lockWaitStopped(Duration waited) {
		// An instance scaled down while it waited (a rollout, an autoscaler): neither a wait that got
		// the lock nor one that gave up on it.
		lockWait("stopped", waited);
	}

	private void lockWait(String outcome, Duration waited) {
		Timer.builder("retort.lock.wait")
			.description("Time spent waiting for the migration lock")
			.tag("outcome", outcome)
			.register(this.registry)
			.record(waited);
	}

}
