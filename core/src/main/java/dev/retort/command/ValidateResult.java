package dev.retort.command;

import java.util.List;

/**
 * {@code retort validate}: every problem found (graph, checksums, applied revisions missing on
 * disk), and what is wrong in the database without being a problem of the revisions. Valid when
 * there is no problem, whatever the warnings.
 *
 * @param problems the problems, each a full sentence (what, where, what to do)
 * @param warnings what needs an operator but does not make the revisions invalid (an INVALID
 * index left by a concurrent build): a health check or {@code on-startup: validate} does not
 * refuse to serve for it, each a full sentence
 */
public record ValidateResult(List<String> problems, List<String> warnings) {

	public ValidateResult {
		problems = List.copyOf(problems);
		warnings = List.copyOf(warnings);
	}

	public ValidateResult(List<String> problems) {
		this(problems, List.of());
	}

	public boolean valid() {
		return this.problems.isEmpty();
	}

}
