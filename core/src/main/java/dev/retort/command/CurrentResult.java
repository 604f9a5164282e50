package dev.retort.command;

import java.util.List;

import dev.retort.runtime.ChecksumMismatchException;

/**
 * {@code retort current}: the database's heads and the scripts' heads.
 *
 * @param current version rows of the database (plus revisions implied by dependencies)
 * @param heads heads of the scripts
 * @param upToDate whether nothing is pending: the database is at every head, or above them
 * @param databaseAhead whether the database holds a revision the scripts do not declare (a newer
 * version of the application migrated it), as the Actuator endpoint's {@code databaseAhead}
 * @param overlapping version rows another row implies (an ancestor of it): rows that should not be
 * there, which upgrade, downgrade and stamp refuse; then {@code upToDate} is false
 * @param changed applied revisions whose file changed since they were applied, with both
 * checksums, as {@code validate} lists them (empty with {@code validate-checksums: false}): upgrade
 * and downgrade refuse to run until each is put back
 */
public record CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead,
		List<String> overlapping, List<ChecksumMismatchException.Mismatch> changed) {

	public CurrentResult {
		current = List.copyOf(current);
		heads = List.copyOf(heads);
		overlapping = List.copyOf(overlapping);
		changed = List.copyOf(changed);
	}

	/** A result with no applied revision changed on disk. */
	public CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead,
			List<String> overlapping) {
		this(current, heads, upToDate, databaseAhead, overlapping, List.of());
	}

	/** A result whose rows do not overlap. */
	public CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead) {
		this(current, heads, upToDate, databaseAhead, List.of());
	}

}
