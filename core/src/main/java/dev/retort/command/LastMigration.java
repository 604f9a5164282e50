package dev.retort.command;

import java.time.Instant;

/**
 * The last step recorded in the history table.
 *
 * @param startedAt when it started
 * @param durationMs how long it took
 * @param success whether it succeeded
 * @param error the error, or {@code null}
 */
public record LastMigration(Instant startedAt, long durationMs, boolean success, String error) {
}
