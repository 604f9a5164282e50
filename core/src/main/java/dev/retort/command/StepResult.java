package dev.retort.command;

import java.util.List;

/**
 * One step that ran.
 *
 * @param revision the revision run, or stamped; {@code base} for a stamp to base (and for
 * {@code stamp --purge} emptying the version table), as SPEC §3 names that place: never
 * {@code null}, so a script reading {@code steps[].revision} always gets a revision identifier
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param durationMs how long it took
 * @param droppedInvalidIndexes the INVALID indexes an earlier, interrupted run of the revision left,
 * which the step dropped before it built them anew; in JSON only when there are any, so a step
 * keeps SPEC §5's three members otherwise
 */
public record StepResult(String revision, String operation, long durationMs, List<String> droppedInvalidIndexes) {

	/** What a stamp step that leaves no revision is stamped to. */
	public static final String BASE = "base";

	public StepResult {
		if (revision == null) {
			revision = BASE;
		}
		droppedInvalidIndexes = (droppedInvalidIndexes != null) ? List.copyOf(droppedInvalidIndexes) : List.of();
	}

	/** A step that dropped no INVALID leftover. */
	public StepResult(String revision, String operation, long durationMs) {
		this(revision, operation, durationMs, List.of());
	}

}
