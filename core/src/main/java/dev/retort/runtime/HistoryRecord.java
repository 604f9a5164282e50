package dev.retort.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One row of the history table as read.
 *
 * @param revision the revision
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
public record HistoryRecord(String revision, String operation, List<String> fromHeads, List<String> toHeads,
		String message, String checksum, String appliedBy, String client, Instant startedAt, long durationMs,
		boolean success, String error) {

	public HistoryRecord {
		fromHeads = List.copyOf(fromHeads);
		toHeads = List.copyOf(toHeads);
	}

}
