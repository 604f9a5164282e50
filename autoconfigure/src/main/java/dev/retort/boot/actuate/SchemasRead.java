package dev.retort.boot.actuate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

import dev.retort.Retort;

/**
 * One {@link BoundedRead} of a value of every schema a bean's gauges report (its own, a schema per
 * tenant), one schema after the other on the read's thread, for gauges tagged {@code schema}. A read
 * per schema would each take {@link BoundedRead#BUDGET} of a scrape while the database does not
 * answer, one after the other: twenty tenants' gauges would hold the scrape for over a minute, past
 * Prometheus' {@code scrape_timeout}, and the instance would lose every metric at each new read of
 * the outage. Here a scrape waits {@link BoundedRead#BUDGET} at most for all of them, and the
 * database has one read in flight, not one per tenant.
 */
final class SchemasRead {

	private final BoundedRead read;

	/** The facades of the schemas read, by {@code schema} tag: those given a gauge so far. */
	private final Map<String, Retort> schemas = new ConcurrentHashMap<>();

	/** Each schema's value from the newest read that ended; written before that read completes. */
	private volatile Map<String, Double> values = Map.of();

	/**
	 * @param value one schema's value, {@code NaN} when it cannot be read
	 */
	SchemasRead(ToDoubleFunction<Retort> value) {
		this.read = new BoundedRead(() -> {
			Map<String, Double> values = new HashMap<>();
			this.schemas.forEach((tag, facade) -> values.put(tag, value.applyAsDouble(facade)));
			this.values = values;
			return 0;
		});
	}

	/**
	 * A view for one gauge of one schema, which the reads cover from now on: its value from the read
	 * of this scrape, {@code NaN} when that read did not end within the budget.
	 * @param tag the schema's {@code schema} tag
	 * @param facade the facade that reads it (from memory, no query)
	 */
	DoubleSupplier gauge(String tag, Retort facade) {
		if (this.schemas.putIfAbsent(tag, facade) == null) {
			// A read that ended, in this scrape or just before, did not read it: its gauge would be NaN.
			this.read.renew();
		}
		DoubleSupplier view = this.read.gauge();
		return () -> Double.isNaN(view.getAsDouble()) ? Double.NaN : this.values.getOrDefault(tag, Double.NaN);
	}

}
