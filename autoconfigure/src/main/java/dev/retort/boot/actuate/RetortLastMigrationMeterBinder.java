package dev.retort.boot.actuate;

import dev.retort.Retort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@code retort.migrations.last.failed}: {@code 1} when the newest row of the
 * history table is a failed step, else {@code 0}, read from the database when the registry is
 * scraped ({@code NaN} when it cannot be read, or not within 2 s: see the starter's metrics docs).
 * <p>
 * The step timer's {@code outcome=failure} is recorded by the process that ran the step, and a
 * failed startup migration stops that process before any scrape: only the database still knows.
 * Every instance reads the same row, so the instances still serving (an older version during a
 * rolling deploy, beside a failed migration Job) report the failure and an alert can fire.
 */
public class RetortLastMigrationMeterBinder implements MeterBinder {

	private final BoundedRead read;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortLastMigrationMeterBinder(Retort retort) {
		this.read = new BoundedRead(() -> lastFailed(retort));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("retort.migrations.last.failed", this.read, BoundedRead::value)
			.strongReference(true)
			.description("1 when the last migration step recorded in the history table failed, else 0")
			.register(registry);
	}

	private static double lastFailed(Retort retort) {
		try {
			return retort.lastRun().map((last) -> last.success() ? 0.0 : 1.0).orElse(0.0);
		}
		catch (RuntimeException ex) {
			// A scrape must not fail because the database is unreachable; NaN says "unknown".
			return Double.NaN;
		}
	}

}
