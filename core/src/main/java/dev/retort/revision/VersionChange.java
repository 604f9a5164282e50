package dev.retort.revision;

/**
 * One change to the rows of the version table, Alembic's row algebra: a new branch inserts a
 * row, a linear step updates one, a merge deletes all parent rows but one, a closed branch
 * deletes its row. The runtime applies these with a row-count guard; the offline renderer prints
 * them.
 */
public sealed interface VersionChange {

	/** Insert a row for a head that appears. */
	record Insert(String revision) implements VersionChange {
	}

	/** Delete the row of a head that disappears. */
	record Delete(String revision) implements VersionChange {
	}

	/** Move one row from a head to another. */
	record Update(String from, String to) implements VersionChange {
	}

	/** Delete every row ({@code stamp --purge}). */
	record DeleteAll() implements VersionChange {
	}

}
