package dev.retort.command;

/**
 * One step that ran.
 *
 * @param revision the revision
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param durationMs how long it took
 */
public record StepResult(String revision, String operation, long durationMs) {
}
