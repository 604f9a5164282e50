package dev.retort.command;

import java.nio.file.Path;

/**
 * A revision file written by {@code revision} or {@code merge}.
 *
 * @param revision its id
 * @param path the file written
 */
public record WrittenRevision(String revision, Path path) {
}
