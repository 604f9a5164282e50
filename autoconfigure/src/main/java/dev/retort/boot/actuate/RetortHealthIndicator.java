package dev.retort.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.retort.Retort;
import dev.retort.command.LastMigration;
import dev.retort.command.StatusReport;
import dev.retort.command.StepResult;
import dev.retort.command.ValidateResult;
import dev.retort.revision.Revision;
import dev.retort.runtime.UnrecordedVersionRowsException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} {@code migrations}: {@code UP} when the database is at the heads (or
 * ahead of them, during a rolling deploy), {@code OUT_OF_SERVICE} while revisions are pending, so
 * a readiness group holds traffic, and {@code DOWN} when the last migration of one of its
 * revisions failed and left revisions pending, the revisions do not validate, or the version rows are ones upgrade refuses
 * to start from (details: upgrade's error). While a session holds the migration lock,
 * the details name it ({@code lock}, as in the endpoint).
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
		StatusReport status;
		try {
			status = this.retort.status();
		}
		catch (UnrecordedVersionRowsException ex) {
			// Rows an upgrade refuses to start from (Alembic's table taken over under new ids): not
			// ahead, and not "everything pending" either. Down, with upgrade's own reason and fix.
			builder.down()
				.withDetail("current", ex.unknownRevisions())
				.withDetail("heads", this.retort.graph().realHeads().stream().map(Revision::id).toList())
				.withDetail("error", ex.getMessage());
			return;
		}
		builder.withDetail("current", status.current())
			.withDetail("heads", status.heads())
			.withDetail("databaseAhead", status.databaseAhead());
		if (status.lock().held()) {
			// Out of service because a Job or another instance is migrating right now, or because
			// nobody is: the first thing to know about a fleet that receives no traffic.
			builder.withDetail("lock", status.lock());
		}
		LastMigration last = status.lastMigration();
		if (last != null && !last.success()) {
			// The error once, in 'error', where every DOWN of this contributor says what went wrong; SPEC §7
			// fixes the endpoint's lastMigration (with its error), not these details.
			builder.withDetail("lastMigration", when(last))
				.withDetail("error", (last.error() != null) ? last.error() : "the last migration failed");
			if (failedOnOwnRevision(status) && !status.pending().isEmpty()) {
				builder.down();
				return;
			}
		}
		if (!status.databaseAhead()) {
			ValidateResult validation = this.retort.validate();
			if (!validation.valid()) {
				builder.down().withDetail("problems", validation.problems());
				return;
			}
		}
		// A database ahead (a newer version migrated it, a rolling deploy) holds revisions unknown here
		// by design: reported, never a failure, so not validated. It is up unless revisions of this
		// version are pending beside them (a rolled-back version's, whose files this one dropped),
		// which an upgrade refuses to move past: such an instance must not get traffic.
		if (!status.pending().isEmpty()) {
			builder.outOfService()
				.withDetail("pending", status.pending().stream().map((revision) -> revision.revision()).toList());
			return;
		}
		builder.up();
	}

	/** When the last step ran, how long it took and whether it succeeded: its error is the details' own. */
	private static Map<String, Object> when(LastMigration last) {
		Map<String, Object> when = new LinkedHashMap<>();
		when.put("startedAt", last.startedAt());
		when.put("durationMs", last.durationMs());
		when.put("success", last.success());
		return when;
	}

	/**
	 * Whether the failed last step was one of this application's revisions. A revision it does not
	 * know failed in another version (the next one's migration Job during a rolling deploy): that
	 * left the database where this version needs it, so it is reported, and a readiness group
	 * does not take every serving instance out of traffic for it. The caller counts a failure of
	 * its own revision only while revisions are pending: a failed downgrade (the rollback of a
	 * deploy that gave up on a busy table) was rolled back and left the database at the heads,
	 * and taking the whole fleet out of traffic for it, until someone migrates again, would turn
	 * an operator's retry into an outage.
	 */
	private static boolean failedOnOwnRevision(StatusReport status) {
		String failed = status.history().isEmpty() ? null : status.history().get(0).revision();
		// A stamp to base is this application's own step as much as any revision's.
		return failed == null || StepResult.BASE.equals(failed)
				|| status.revisions().stream().anyMatch((revision) -> revision.revision().equals(failed));
	}

}
