package dev.retort.boot.actuate;

import java.util.Map;
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
 * its runs had migrated when the meters were bound, tagged {@code schema}, and none for the bean's
 * own schema unless it migrated that one too: a strategy over tenants never does, and its gauge
 * would say every revision is pending for good.
 */
public class RetortPendingMeterBinder implements MeterBinder {

	private static final String DESCRIPTION = "Revisions not yet applied to the database";

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
			gauge(this.schemas.retort()).register(registry);
			return;
		}
		// Boot binds meters once every singleton is created: after the startup migration, so a
		// strategy's tenants are known. One read for them all; a schema that cannot be read is NaN.
		Map<String, Retort> schemas = this.schemas.bySchema();
		SchemasRead read = new SchemasRead(schemas, RetortPendingMeterBinder::pending);
		for (String schema : schemas.keySet()) {
			Gauge.builder("retort.migrations.pending", read.gauge(schema), DoubleSupplier::getAsDouble)
				.strongReference(true)
				.description(DESCRIPTION)
				.tag("schema", schema)
				.register(registry);
		}
	}

	private static Gauge.Builder<BoundedRead> gauge(Retort retort) {
		return Gauge.builder("retort.migrations.pending", new BoundedRead(() -> pending(retort)), BoundedRead::value)
			.strongReference(true)
			.description(DESCRIPTION);
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
