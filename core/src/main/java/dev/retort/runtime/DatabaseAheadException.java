package dev.retort.runtime;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The database holds revisions the scripts do not know (a newer deployment ran), and the
 * requested plan would have to move past them.
 */
public class DatabaseAheadException extends RetortException {

	private final List<String> unknownRevisions;

	public DatabaseAheadException(String message, List<String> unknownRevisions) {
		super(ErrorCode.DATABASE_AHEAD, message);
		this.unknownRevisions = List.copyOf(unknownRevisions);
	}

	/** The version rows no script declares. */
	public List<String> unknownRevisions() {
		return this.unknownRevisions;
	}

}
