package dev.retort.command;

import java.util.List;

/**
 * {@code retort validate}: every problem found (graph, checksums, applied revisions missing on
 * disk). Valid when empty.
 *
 * @param problems the problems, each a full sentence (what, where, what to do)
 */
public record ValidateResult(List<String> problems) {

	public ValidateResult {
		problems = List.copyOf(problems);
	}

	public boolean valid() {
		return this.problems.isEmpty();
	}

}
