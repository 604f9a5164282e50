package dev.retort.boot.actuate;

import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.retort.Retort;

/**
 * One {@link BoundedRead} of a value of every schema an application migrated (a schema per tenant),
 * one schema after the other on the read's thread, for gauges tagged {@code schema}. A read per
 * schema would each take {@link BoundedRead#BUDGET} of a scrape while the database does not
 * answer, one after the other: twenty tenants' gauges would hold the scrape for over a minute, past
 * Prometheus' {@code scrape_timeout}, and the instance would lose every metric at each new read of
 * the outage. Here a scrape waits {@link BoundedRead#BUDGET} at most for all of them, and the
 * database has one read in flight, not one per tenant.
 */
final class SchemasRead {

	private final BoundedRead read;

	/** Each schema's value from the newest read that ended; written before that read completes. */
	private volatile Map<String, Double> values = Map.of();

	/**
	 * @param schemas the facades of the schemas, by name, asked at each read: a tenant first
	 * migrated while the application runs is read from then on (from memory, no query)
	 * @param value one schema's value, {@code NaN} when it cannot be read
	 */
	SchemasRead(Supplier<Map<String, Retort>> schemas, ToDoubleFunction<Retort> value) {
		this.read = new BoundedRead(() -> {
			Map<String, Double> values = new HashMap<>();
			schemas.get().forEach((name, facade) -> values.put(name, value.applyAsDouble(facade)));
			this.values = values;
			return 0;
		});
	}

	/**
	 * A view for one gauge of one schema: its value from the read of this scrape, {@code NaN} when
	 * that read did not end within the budget.
	 * @param schema the schema's name
	 */
	DoubleSupplier gauge(String schema) {
		DoubleSupplier view = this.read.gauge();
		return () -> Double.isNaN(view.getAsDouble()) ? Double.NaN : this.values.getOrDefault(schema, Double.NaN);
	}

}
