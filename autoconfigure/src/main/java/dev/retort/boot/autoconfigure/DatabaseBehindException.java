package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Thrown at startup with 'retort.on-startup=validate' when the database lacks revisions the
 * application needs.
 */
public class DatabaseBehindException extends RetortException {

	private final List<String> current;

	private final List<String> heads;

	private final List<String> pending;

	/**
	 * Creates a new instance.
	 * @param current the database's current revisions
	 * @param heads the heads of the application's revisions
	 * @param pending the revisions an upgrade would apply, in order
	 */
	public DatabaseBehindException(List<String> current, List<String> heads, List<String> pending) {
		super(ErrorCode.CHECK_FAILED, "The database is behind the application: it is at " + describe(current)
				+ ", the revisions' heads are " + describe(heads) + ", and " + pending.size()
				+ " revision(s) are pending (" + String.join(", ", pending) + "). Upgrade the database before "
				+ "starting this version.");
		this.current = List.copyOf(current);
		this.heads = List.copyOf(heads);
		this.pending = List.copyOf(pending);
	}

	private static String describe(List<String> revisions) {
		return revisions.isEmpty() ? "base" : String.join(", ", revisions);
	}

	/** The database's current revisions. */
	public List<String> current() {
		return this.current;
	}

	/** The heads of the application's revisions. */
	public List<String> heads() {
		return this.heads;
	}

	/** The pending revisions, in the order an upgrade applies them. */
	public List<String> pending() {
		return this.pending;
	}

}
