package dev.retort.runtime;

import java.util.List;

/**
 * The version table holds only rows that no revision file declares and that the history never
 * recorded (Alembic's table taken over under new ids, rows written by hand): an upgrade would
 * start from base beside them. Unlike a database a newer version migrated, nothing tells which
 * revisions it holds; the fix is the files' ids, or a stamp.
 */
public class UnrecordedVersionRowsException extends DatabaseAheadException {

	public UnrecordedVersionRowsException(String message, List<String> unknownRevisions) {
		super(message, unknownRevisions);
	}

}
