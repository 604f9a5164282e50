package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Thrown at startup with 'retort.on-startup=validate' when the database lacks revisions the
 * application needs.
 */
public class DatabaseBehindException extends RetortException {

	private static final String HEADS = "heads";

	private final List<String> current;

	private final List<String> heads;

	private final List<String> pending;

	private final String failedRevision;

	private final String target;

	/**
	 * Creates a new instance.
	 * @param current the database's current revisions
	 * @param heads the heads of the application's revisions
	 * @param pending the revisions an upgrade would apply, in order
	 */
	public DatabaseBehindException(List<String> current, List<String> heads, List<String> pending) {
		this(current, heads, pending, null, null);
	}

	/**
	 * Creates a new instance for a database whose last migration failed on a pending revision: the
	 * upgrade this application waits for was tried (a migration Job) and failed, so running it
	 * again repeats the failure.
	 * @param current the database's current revisions
	 * @param heads the heads of the application's revisions
	 * @param pending the revisions an upgrade would apply, in order
	 * @param failedRevision the pending revision the last migration failed on, or {@code null}
	 * @param failure that failure's error as the history table records it, or {@code null}
	 */
	public DatabaseBehindException(List<String> current, List<String> heads, List<String> pending,
			String failedRevision, String failure) {
		this(current, heads, "heads", pending, failedRevision, failure);
	}

	/**
	 * Creates a new instance for an application that upgrades to {@code target}
	 * ('retort.target'), so that only what an upgrade to it would apply is pending.
	 * @param current the database's current revisions
	 * @param heads the heads of the application's revisions
	 * @param target the target an upgrade at startup aims at ({@code heads} by default)
	 * @param pending the revisions an upgrade to the target would apply, in order
	 * @param failedRevision the pending revision the last migration failed on, or {@code null}
	 * @param failure that failure's error as the history table records it, or {@code null}
	 */
	public DatabaseBehindException(List<String> current, List<String> heads, String target, List<String> pending,
			String failedRevision, String failure) {
		super(ErrorCode.CHECK_FAILED, "The database is behind the application: it is at " + describe(current)
				+ (HEADS.equals(target) ? ", the revisions' heads are " + describe(heads)
						: ", 'retort.target' is " + target)
				+ ", and " + pending.size()
				+ " revision(s) are pending (" + String.join(", ", pending) + "). " + ((failedRevision != null)
						? "The last migration failed on " + failedRevision + firstLine(failure)
								+ ": fix what made it fail, then upgrade the database before starting this version."
						: "Upgrade the database before starting this version."));
		this.current = List.copyOf(current);
		this.heads = List.copyOf(heads);
		this.pending = List.copyOf(pending);
		this.failedRevision = failedRevision;
		this.target = target;
	}

	/** The error's first line (the revision, the file and line, PostgreSQL's message), in parentheses. */
	private static String firstLine(String failure) {
		if (failure == null || failure.isBlank()) {
			return "";
		}
		int end = failure.indexOf('\n');
		return " (" + ((end < 0) ? failure : failure.substring(0, end)).strip() + ")";
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

	/** The target an upgrade at startup aims at ('retort.target'), the one to upgrade the database to. */
	public String target() {
		return this.target;
	}

	/** The pending revision the last migration failed on, or {@code null}. */
	public String failedRevision() {
		return this.failedRevision;
	}

	/** The pending revisions, in the order an upgrade applies them. */
	public List<String> pending() {
		return this.pending;
	}

}
