package dev.retort.command;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code retort_history}, as the Actuator endpoint shows it.
 *
 * @param revision the revision; {@code base} for a stamp to base (and {@code stamp --purge}), whose
 * row stores no revision: the place SPEC §3 names, as {@link StepResult#revision()} names it, never
 * {@code null}
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param fromHeads heads before
 * @param toHeads heads after
 * @param message the revision's message
 * @param checksum the checksum applied
 * @param appliedBy database user
 * @param client host and application name
 * @param startedAt when it started
 * @param durationMs how long it took
 * @param success whether it succeeded
 * @param error the error, or {@code null}
 */
public record HistoryEntry(String revision, String operation, List<String> fromHeads, List<String> toHeads,
		String message, String checksum, String appliedBy, String client, Instant startedAt, long durationMs,
		boolean success, String error) {

	public HistoryEntry {
		if (revision == null) {
			revision = StepResult.BASE;
		}
		fromHeads = List.copyOf(fromHeads);
		toHeads = List.copyOf(toHeads);
	}

}
