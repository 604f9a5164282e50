package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import dev.retort.Retort;
import dev.retort.command.HistoryEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
 * One pair per schema the bean's gauges report ({@link RetortSchemas#eachGauged}), tagged
 * {@code schema}, as {@link RetortPendingMeterBinder}'s: a tenant's failure is recorded in that
 * tenant's history table only. With several {@code Retort} beans, each bean's, tagged {@code name}
 * too ({@link BeanTags}).
 */
public class RetortLastMigrationMeterBinder implements MeterBinder {

	private final Map<String, Retort> beans;

	/**
	 * Creates a binder for the given Retort.
	 * @param retort the application's Retort
	 */
	public RetortLastMigrationMeterBinder(Retort retort) {
		this(Map.of("retort", retort));
	}

	/**
	 * Creates a binder for each of the application's {@code Retort} beans (two databases, a bean
	 * each): with several, each bean's gauges are tagged {@code name} with the bean's name too.
	 * @param beans the beans, by name
	 */
	public RetortLastMigrationMeterBinder(Map<String, Retort> beans) {
		this.beans = new LinkedHashMap<>(beans);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		// When each schema's newest row's failed step started, 0 when it is no failure: one read for
		// every schema's both gauges, a schema's from its first run (see RetortPendingMeterBinder).
		this.beans.forEach((bean, retort) -> {
			Tags tags = BeanTags.of(this.beans, bean);
			SchemasRead failedAt = new SchemasRead(RetortLastMigrationMeterBinder::lastFailedAt);
			new RetortSchemas(retort).eachGauged((schema, facade) -> {
				Gauge.builder("retort.migrations.last.failed", failedAt.gauge(schema, facade),
						(read) -> failed(read.getAsDouble()))
					.strongReference(true)
					.description("1 when the last migration step recorded in the history table failed, else 0")
					.tags(tags)
					.tag("schema", schema)
					.register(registry);
				Gauge.builder("retort.migrations.last.failed.timestamp", failedAt.gauge(schema, facade),
						DoubleSupplier::getAsDouble)
					.strongReference(true)
					.baseUnit("seconds")
					.description("When the failed last migration step recorded in the history table started, in"
							+ " seconds since the epoch, else 0")
					.tags(tags)
					.tag("schema", schema)
					.register(registry);
			});
		});
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
