package dev.retort.boot.actuate;

import dev.retort.Retort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@code retort.migrations.pending}: how many revisions an upgrade to the heads
 * would apply, read from the database when the registry is scraped ({@code NaN} when it cannot
 * be read, or not within 2 s: see the starter's metrics docs).
 */
public class RetortPendingMeterBinder implements MeterBinder {

	private final BoundedRead read;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortPendingMeterBinder(Retort retort) {
		this.read = new BoundedRead(() -> pending(retort));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("retort.migrations.pending", this.read, BoundedRead::value)
			.strongReference(true)
			.description("Revisions not yet applied to the database")
			.register(registry);
	}

	private static double pending(Retort retort) {
		try {
			return retort.status().pending().size();
		}
		catch (RuntimeException ex) {
			// A scrape must not fail because the database is unreachable; NaN says "unknown".
			return Double.NaN;
		}
	}

}
