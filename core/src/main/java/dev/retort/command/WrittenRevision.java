package dev.retort.command;

import java.nio.file.Path;
import java.util.List;

/**
 * A revision file written by {@code revision} or {@code merge}.
 *
 * @param revision its id
 * @param path the file written
 * @param before the revisions written with it that it revises, in the order they apply:
 * autogenerate's enum labels, committed before this revision uses them; mostly none
 */
public record WrittenRevision(String revision, Path path, List<WrittenRevision> before) {

	public WrittenRevision {
		before = List.copyOf(before);
	}

	/** A revision written alone. */
	public WrittenRevision(String revision, Path path) {
		this(revision, path, List.of());
	}

}
