package dev.retort.boot.actuate;

import dev.retort.Retort;
import dev.retort.command.LastMigration;
import dev.retort.command.StatusReport;
import dev.retort.command.ValidateResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} {@code migrations}: {@code UP} when the database is at the heads (or
 * ahead of them, during a rolling deploy), {@code OUT_OF_SERVICE} while revisions are pending, so
 * a readiness group holds traffic, and {@code DOWN} when the last migration failed or the
 * revisions do not validate.
 */
public class RetortHealthIndicator extends AbstractHealthIndicator {

	private final Retort retort;

	/**
	 * Creates a new indicator.
	 * @param retort the application's Retort
	 */
	public RetortHealthIndicator(Retort retort) {
		super("Could not read the migration status");
		this.retort = retort;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StatusReport status = this.retort.status();
		builder.withDetail("current", status.current())
			.withDetail("heads", status.heads())
			.withDetail("databaseAhead", status.databaseAhead());
		LastMigration last = status.lastMigration();
		if (last != null && !last.success()) {
			builder.down()
				.withDetail("lastMigration", last)
				.withDetail("error", (last.error() != null) ? last.error() : "the last migration failed");
			return;
		}
		if (status.databaseAhead()) {
			// A newer version migrated the database (a rolling deploy): its revisions are unknown
			// here by design, so they are reported, never a failure.
			builder.up();
			return;
		}
		ValidateResult validation = this.retort.validate();
		if (!validation.valid()) {
			builder.down().withDetail("problems", validation.problems());
			return;
		}
		if (!status.pending().isEmpty()) {
			builder.outOfService()
				.withDetail("pending", status.pending().stream().map((revision) -> revision.revision()).toList());
			return;
		}
		builder.up();
	}

}
