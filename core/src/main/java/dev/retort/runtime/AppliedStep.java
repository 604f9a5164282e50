package dev.retort.runtime;

import java.util.List;

/**
 * A step the runner completed.
 *
 * @param revision the revision, or {@code null} for {@code stamp base}
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param durationMs how long it ran
 * @param droppedInvalidIndexes the INVALID indexes an earlier, interrupted run of the revision
 * left, which the step dropped before it built them anew (as the server prints them)
 */
public record AppliedStep(String revision, String operation, long durationMs, List<String> droppedInvalidIndexes) {

	public AppliedStep {
		droppedInvalidIndexes = List.copyOf(droppedInvalidIndexes);
	}

	/** A step that dropped nothing. */
	public AppliedStep(String revision, String operation, long durationMs) {
		this(revision, operation, durationMs, List.of());
	}

}
