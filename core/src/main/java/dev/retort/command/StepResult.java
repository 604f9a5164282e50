package dev.retort.command;

/**
 * One step that ran.
 *
 * @param revision the revision run, or stamped; {@code base} for a stamp to base (and for
 * {@code stamp --purge} emptying the version table), as SPEC §3 names that place: never
 * {@code null}, so a script reading {@code steps[].revision} always gets a revision identifier
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param durationMs how long it took
 */
public record StepResult(String revision, String operation, long durationMs) {

	/** What a stamp step that leaves no revision is stamped to. */
	public static final String BASE = "base";

	public StepResult {
		if (revision == null) {
			revision = BASE;
		}
	}

}
