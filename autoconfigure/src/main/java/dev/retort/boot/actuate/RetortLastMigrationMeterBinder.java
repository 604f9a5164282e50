package dev.retort.boot.actuate;

import java.util.Optional;
import java.util.function.DoubleSupplier;

import dev.retort.Retort;
import dev.retort.command.HistoryEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges {@code retort.migrations.last.failed}: {@code 1} when the newest row of the
 * history table is a failed step, else {@code 0}; and {@code retort.migrations.last.failed.timestamp}
 * (seconds, {@code retort_migrations_last_failed_timestamp_seconds} in Prometheus): when that failed
 * step started, in seconds since the epoch, else {@code 0}. Both are read from the database when the
 * registry is scraped ({@code NaN} when it cannot be read, or not within 2 s: see the starter's
 * metrics docs).
 * <p>
 * The step timer's {@code outcome=failure} is recorded by the process that ran the step, and a
 * failed startup migration stops that process before any scrape: only the database still knows.
 * Every instance reads the same row, so the instances still serving (an older version during a
 * rolling deploy, beside a failed migration Job) report the failure and an alert can fire.
 * <p>
 * The newest row stays a failure until a later step writes a row, which a rollout abandoned for
 * good (the failed revision reverted) never does: the timestamp lets an alert expire by itself
 * ({@code time() - retort_migrations_last_failed_timestamp_seconds < 6 * 3600}), as Prometheus'
 * {@code *_timestamp_seconds} gauges do for jobs.
 * <p>
 * An application that migrated other schemas than the bean's own ({@link RetortSchemas}: a schema
 * per tenant) gets both gauges per schema its runs migrated (a tenant first migrated after startup
 * from that run on), tagged {@code schema}: a tenant's failure is recorded in that tenant's history
 * table only.
 */
public class RetortLastMigrationMeterBinder implements MeterBinder {

	private final RetortSchemas schemas;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortLastMigrationMeterBinder(Retort retort) {
		this.schemas = new RetortSchemas(retort);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.schemas.several()) {
			// When the newest row's failed step started, 0 when it is no failure: both gauges' one read.
			BoundedRead failedAt = new BoundedRead(() -> lastFailedAt(this.schemas.retort()));
			bind(registry, failedAt.gauge(), failedAt.gauge(), null);
			return;
		}
		// One read for every schema's both gauges, a tenant's from its first run (see RetortPendingMeterBinder).
		SchemasRead failedAt = new SchemasRead(this.schemas::bySchema, RetortLastMigrationMeterBinder::lastFailedAt);
		this.schemas.eachSchema((schema) -> bind(registry, failedAt.gauge(schema), failedAt.gauge(schema), schema));
	}

	/** Both gauges of one schema, from two views of one read, tagged with it when {@code schema} is not {@code null}. */
	private static void bind(MeterRegistry registry, DoubleSupplier failedAtView, DoubleSupplier timestampView,
			String schema) {
		Gauge.Builder<DoubleSupplier> failed = Gauge
			.builder("retort.migrations.last.failed", failedAtView, (read) -> failed(read.getAsDouble()))
			.strongReference(true)
			.description("1 when the last migration step recorded in the history table failed, else 0");
		Gauge.Builder<DoubleSupplier> timestamp = Gauge
			.builder("retort.migrations.last.failed.timestamp", timestampView, DoubleSupplier::getAsDouble)
			.strongReference(true)
			.baseUnit("seconds")
			.description("When the failed last migration step recorded in the history table started, in seconds"
					+ " since the epoch, else 0");
		if (schema != null) {
			failed.tag("schema", schema);
			timestamp.tag("schema", schema);
		}
		failed.register(registry);
		timestamp.register(registry);
	}

	/**
	 * When the newest history row's step started, in seconds since the epoch, when it is a failed
	 * step; {@code 0} when it is not (or there is none); {@code NaN} when the database cannot be read.
	 */
	private static double lastFailedAt(Retort retort) {
		Optional<HistoryEntry> last;
		try {
			last = retort.lastRun();
		}
		catch (RuntimeException ex) {
			// A scrape must not fail because the database is unreachable; NaN says "unknown".
			return Double.NaN;
		}
		return last.filter((entry) -> !entry.success()).map(RetortLastMigrationMeterBinder::epochSeconds).orElse(0.0);
	}

	/** {@code 1} for a failure's time, {@code 0} for none, {@code NaN} for unknown. */
	private static double failed(double failedAt) {
		return Double.isNaN(failedAt) ? Double.NaN : (failedAt > 0) ? 1.0 : 0.0;
	}

	private static double epochSeconds(HistoryEntry failed) {
		return (failed.startedAt() != null) ? failed.startedAt().toEpochMilli() / 1000.0 : Double.NaN;
	}

}
