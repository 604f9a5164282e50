package dev.retort.command;

import java.util.List;

/**
 * {@code upgrade}, {@code downgrade}, {@code stamp}: where the database was, where it is, and
 * the steps that ran.
 *
 * @param from version rows before
 * @param to version rows after
 * @param steps the steps, in order
 */
public record MigrationResult(List<String> from, List<String> to, List<StepResult> steps) {

	public MigrationResult {
		from = List.copyOf(from);
		to = List.copyOf(to);
		steps = List.copyOf(steps);
	}

}
