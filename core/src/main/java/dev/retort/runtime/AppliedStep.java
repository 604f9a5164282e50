package dev.retort.runtime;

/**
 * A step the runner completed.
 *
 * @param revision the revision, or {@code null} for {@code stamp base}
 * @param operation {@code upgrade}, {@code downgrade} or {@code stamp}
 * @param durationMs how long it ran
 */
public record AppliedStep(String revision, String operation, long durationMs) {
}
