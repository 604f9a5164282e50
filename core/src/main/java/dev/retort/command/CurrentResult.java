package dev.retort.command;

import java.util.List;

/**
 * {@code retort current}: the database's heads and the scripts' heads.
 *
 * @param current version rows of the database (plus revisions implied by dependencies)
 * @param heads heads of the scripts
 * @param upToDate whether the database is at every head
 */
public record CurrentResult(List<String> current, List<String> heads, boolean upToDate) {

	public CurrentResult {
		current = List.copyOf(current);
		heads = List.copyOf(heads);
	}

}
