package dev.retort.boot.actuate;

import java.util.function.DoubleSupplier;

import dev.retort.Retort;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauge {@code retort.migrations.pending}: how many revisions an upgrade to the heads
 * would apply, read from the database when the registry is scraped ({@code NaN} when it cannot
 * be read, or not within 2 s: see the starter's metrics docs). An application that migrated other
 * schemas than the bean's own ({@link RetortSchemas}: a schema per tenant) gets one gauge per schema
 * its runs migrated, tagged {@code schema} (a tenant first migrated after startup from that run
 * on), and none for the bean's own schema unless it migrated that one too: a strategy over tenants
 * never does, and its gauge would say every revision is pending for good.
 */
public class RetortPendingMeterBinder implements MeterBinder {

	private final RetortSchemas schemas;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortPendingMeterBinder(Retort retort) {
		this.schemas = new RetortSchemas(retort);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.schemas.several()) {
			bind(registry, new BoundedRead(() -> pending(this.schemas.retort())).gauge(), null);
			return;
		}
		// Boot binds meters once every singleton is created: after the startup migration, so a
		// strategy's tenants are known; a tenant first migrated later gets its gauge as its run starts.
		// One read for them all; a schema that cannot be read is NaN.
		SchemasRead read = new SchemasRead(this.schemas::bySchema, RetortPendingMeterBinder::pending);
		this.schemas.eachSchema((schema) -> bind(registry, read.gauge(schema), schema));
	}

	/** The gauge of one schema, tagged with it when {@code schema} is not {@code null}. */
	private static void bind(MeterRegistry registry, DoubleSupplier value, String schema) {
		Gauge.Builder<DoubleSupplier> gauge = Gauge
			.builder("retort.migrations.pending", value, DoubleSupplier::getAsDouble)
			.strongReference(true)
			.description("Revisions not yet applied to the database");
		if (schema != null) {
			gauge.tag("schema", schema);
		}
		gauge.register(registry);
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
