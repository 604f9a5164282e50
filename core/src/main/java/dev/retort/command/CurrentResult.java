package dev.retort.command;

import java.util.List;

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
 */
public record CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead,
		List<String> overlapping) {

	public CurrentResult {
		current = List.copyOf(current);
		heads = List.copyOf(heads);
		overlapping = List.copyOf(overlapping);
	}

	/** A result whose rows do not overlap. */
	public CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead) {
		this(current, heads, upToDate, databaseAhead, List.of());
	}

}
