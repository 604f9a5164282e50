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
 */
public record CurrentResult(List<String> current, List<String> heads, boolean upToDate, boolean databaseAhead) {

	public CurrentResult {
		current = List.copyOf(current);
		heads = List.copyOf(heads);
	}

}
