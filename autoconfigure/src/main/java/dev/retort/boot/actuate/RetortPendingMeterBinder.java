package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

import dev.retort.Retort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@code retort.migrations.pending}: how many revisions an upgrade to the heads
 * would apply, read from the database when the registry is scraped ({@code NaN} when it cannot
 * be read, or not within 2 s: see the starter's metrics docs). One gauge per schema the bean's
 * gauges report ({@link RetortSchemas#eachGauged}), tagged {@code schema}: the bean's own schema
 * ({@code ""}) in an application that migrates nothing else, each tenant's schema (by name) once
 * its runs migrated one through {@link Retort#forSchema}, from that run on (a tenant onboarded while
 * the application runs too), and the bean's own beside them only once a run migrated it: a strategy
 * over tenants never does, and its gauge would say every revision is pending for good. With
 * several {@code Retort} beans, each bean's gauges, tagged {@code name} too ({@link BeanTags}).
 */
public class RetortPendingMeterBinder implements MeterBinder {

	private final Map<String, Retort> beans;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortPendingMeterBinder(Retort retort) {
		this(Map.of("retort", retort));
	}

	/**
	 * Creates a binder for each of the application's {@code Retort} beans (two databases, a bean
	 * each): with several, each bean's gauges are tagged {@code name} with the bean's name too.
	 * @param beans the beans, by name
	 */
	public RetortPendingMeterBinder(Map<String, Retort> beans) {
		this.beans = new LinkedHashMap<>(beans);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// Boot binds meters once every singleton is created: after the startup migration, so a
		// strategy's tenants are known; a schema first migrated later gets its gauge as its run starts.
		// One read for them all; a schema that cannot be read is NaN.
		this.beans.forEach((bean, retort) -> {
			Tags tags = BeanTags.of(this.beans, bean);
			SchemasRead read = new SchemasRead(RetortPendingMeterBinder::pending);
			new RetortSchemas(retort).eachGauged((schema, facade) -> Gauge
				.builder("retort.migrations.pending", read.gauge(schema, facade), DoubleSupplier::getAsDouble)
				.strongReference(true)
				.description("Revisions not yet applied to the database")
				.tags(tags)
				.tag("schema", schema)
				.register(registry));
		});
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
