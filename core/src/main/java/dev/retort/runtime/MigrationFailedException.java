package dev.retort.runtime;

import java.util.Set;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A revision failed while running. The message names the revision, the file and line of the
 * statement, the statement (shortened), PostgreSQL's message and SQLSTATE, and whether the
 * revision was rolled back.
 */
public class MigrationFailedException extends RetortException {

	/** {@code duplicate_table}, {@code duplicate_column}, {@code duplicate_object}: what a schema built without Retort gives. */
	private static final Set<String> ALREADY_EXISTS = Set.of("42P07", "42701", "42710");

	private final String revision;

	private final String location;

	private final String statement;

	private final String sqlState;

	private final String databaseMessage;

	private final boolean rolledBack;

	private final boolean committedNothing;

	private final String problem;

	private final boolean createdInThisRun;

	private final boolean buildsIndex;

	/** How many of the revision's statements ran before the failing one, or -1 when not known. */
	private int statementsRanBefore = -1;

	/** Where the revision set what stopped it itself, or {@code null}: see {@link #stoppedByOwnSettingAt()}. */
	private String stoppedByOwnSettingAt;

	/** See {@link #recordingFailed()}. */
	private boolean recordingFailed;

	/** See {@link #wholeRunRolledBack()}. */
	private boolean wholeRunRolledBack;

	public MigrationFailedException(String message, String revision, String location, String statement,
			String sqlState, String databaseMessage, boolean rolledBack, Throwable cause) {
		this(message, revision, location, statement, sqlState, databaseMessage, rolledBack, databaseMessage, cause);
	}

	/**
	 * @param problem what went wrong, without where the database stays or how to recover: see
	 * {@link #problem()}
	 */
	public MigrationFailedException(String message, String revision, String location, String statement,
			String sqlState, String databaseMessage, boolean rolledBack, String problem, Throwable cause) {
		this(message, revision, location, statement, sqlState, databaseMessage, rolledBack, rolledBack, problem, cause);
	}

	/**
	 * @param committedNothing whether it is certain that nothing of the revision was committed:
	 * see {@link #committedNothing()}
	 * @param problem what went wrong, without where the database stays or how to recover: see
	 * {@link #problem()}
	 */
	public MigrationFailedException(String message, String revision, String location, String statement,
			String sqlState, String databaseMessage, boolean rolledBack, boolean committedNothing, String problem,
			Throwable cause) {
		this(message, revision, location, statement, sqlState, databaseMessage, rolledBack, committedNothing, problem,
				false, FailureMessage.buildsIndex(statement), cause);
	}

	/**
	 * @param createdInThisRun whether what already exists was named by an earlier statement of
	 * this run: see {@link #createdInThisRun()}
	 * @param buildsIndex whether the failing statement builds an index: see {@link #buildsIndex()}
	 */
	public MigrationFailedException(String message, String revision, String location, String statement,
			String sqlState, String databaseMessage, boolean rolledBack, boolean committedNothing, String problem,
			boolean createdInThisRun, boolean buildsIndex, Throwable cause) {
		super(ErrorCode.MIGRATION_FAILED, message, cause);
		this.createdInThisRun = createdInThisRun;
		this.buildsIndex = buildsIndex;
		this.committedNothing = committedNothing;
		this.problem = problem;
		this.revision = revision;
		this.location = location;
		this.statement = statement;
		this.sqlState = sqlState;
		this.databaseMessage = databaseMessage;
		this.rolledBack = rolledBack;
	}

	/** Set as the exception is made, from what the runner saw. */
	MigrationFailedException statementsRanBefore(int count) {
		this.statementsRanBefore = count;
		return this;
	}

	/** Set as the exception is made, from what the runner saw. */
	MigrationFailedException wholeRunRolledBack(boolean wholeRun) {
		this.wholeRunRolledBack = wholeRun;
		return this;
	}

	/**
	 * Whether the rollback undid the steps run before this one too: with
	 * {@code retort.transaction-mode: all}, where the run's revisions share one transaction.
	 */
	public boolean wholeRunRolledBack() {
		return this.wholeRunRolledBack;
	}

	/** Set as the exception is made, from what the runner saw. */
	MigrationFailedException recordingFailed(boolean failed) {
		this.recordingFailed = failed;
		return this;
	}

	/**
	 * Whether every statement of the revision ran and what failed was Retort's record of it (its
	 * version and history rows: a role the revision set that cannot write them, say). Outside a
	 * transaction nothing is then left to undo or make re-runnable: the revision is to be stamped,
	 * not run again.
	 */
	public boolean recordingFailed() {
		return this.recordingFailed;
	}

	/** Set as the exception is made, from what the runner saw. */
	MigrationFailedException stoppedByOwnSettingAt(String location) {
		this.stoppedByOwnSettingAt = location;
		return this;
	}

	/**
	 * Where ({@code file:line}) the revision itself set what stopped it: its own
	 * {@code statement_timeout} or {@code lock_timeout}, which replace Retort's and the role's, or a
	 * read-only transaction; {@code null} when no setting of its own did. The revision is then at
	 * fault, not Retort's properties or the server it runs on.
	 */
	public String stoppedByOwnSettingAt() {
		return this.stoppedByOwnSettingAt;
	}

	/**
	 * How many statements of the revision ran before the failing one (outside a transaction, they
	 * stay committed): 0 when it failed at its first, -1 when not known (a Java revision, a failure
	 * that is not one statement's).
	 */
	public int statementsRanBefore() {
		return this.statementsRanBefore;
	}

	/** The revision that failed. */
	public String revision() {
		return this.revision;
	}

	/** {@code file:line} of the failing statement (or the class of a Java revision). */
	public String location() {
		return this.location;
	}

	/** The failing statement, shortened; {@code null} when the failure was not a statement. */
	public String statement() {
		return this.statement;
	}

	/** PostgreSQL's SQLSTATE, or {@code null}. */
	public String sqlState() {
		return this.sqlState;
	}

	/** PostgreSQL's message (or the Java failure's). */
	public String databaseMessage() {
		return this.databaseMessage;
	}

	/**
	 * What went wrong, without where the database stays or how to recover it: PostgreSQL's message
	 * and SQLSTATE, its detail, the statement, and what the statement itself needs (such as
	 * {@code Transactional: false}). For a caller whose database is thrown away, such as a test,
	 * to which the message's recovery advice ({@code retort stamp}, run again) does not apply.
	 */
	public String problem() {
		return this.problem;
	}

	/** Whether everything the revision did was rolled back. */
	public boolean rolledBack() {
		return this.rolledBack;
	}

	/**
	 * Whether it is certain that nothing of the revision was committed: it was rolled back, or it
	 * ran outside a transaction and its first statement failed, in a SQL revision (a Java
	 * revision may have used the connection itself), and not a statement that commits work of its
	 * own before it ends (a concurrent index build leaves an INVALID index, {@code CALL} and
	 * {@code DO} may commit, {@code VACUUM}, {@code ANALYZE}, {@code REINDEX} and {@code CLUSTER}
	 * of many tables commit table by table).
	 */
	public boolean committedNothing() {
		return this.committedNothing;
	}

	/**
	 * Whether it met a table, column or object that already exists: a schema built without
	 * Retort (when rolled back), or the leftover of an interrupted run of a revision outside a
	 * transaction.
	 */
	public boolean foundExistingObject() {
		// A Java revision's own exception has no SQLSTATE, and Set.of(..) refuses to look up null.
		return this.sqlState != null && ALREADY_EXISTS.contains(this.sqlState);
	}

	/**
	 * Whether what already exists was named by an earlier statement of this run (of the same
	 * revision, or of a revision run before it), or is in another schema than the configured one,
	 * where another tenant's run of the same revision created it: the revisions create it twice,
	 * so it is no schema built before Retort, and a stamp or a baseline is not the way out.
	 */
	public boolean createdInThisRun() {
		return this.createdInThisRun;
	}

	/** Whether a statement gave up waiting for a lock ({@code lock_timeout}) on every try. */
	public boolean gaveUpOnLock() {
		return MigrationRunner.LOCK_NOT_AVAILABLE.equals(this.sqlState);
	}

	/**
	 * Whether the failing statement builds an index ({@code CREATE INDEX}, {@code REINDEX}); when
	 * it is not known which statement failed, whether one of the revision's does.
	 */
	public boolean buildsIndex() {
		return this.buildsIndex;
	}

	/** Whether a statement was cancelled ({@code query_canceled}: {@code statement_timeout}, or a cancel). */
	public boolean canceled() {
		return StatementFailure.QUERY_CANCELED.equals(this.sqlState);
	}

	/**
	 * Whether a statement was cancelled on request ({@code pg_cancel_backend}, a client's cancel)
	 * rather than by {@code statement_timeout}: the revision is not at fault, and no setting of
	 * Retort's would have kept it running.
	 */
	public boolean cancelledByRequest() {
		return StatementFailure.cancelledByRequest(this.sqlState, this.databaseMessage);
	}

	/**
	 * Whether the migration session went away under the revision (the server restarted or shut
	 * down, an operator ran {@code pg_terminate_backend}, the network dropped it): the revision
	 * is not at fault.
	 */
	public boolean connectionLost() {
		return StatementFailure.connectionLost(this.sqlState);
	}

	/**
	 * Whether the database refused to write because the session is read-only (a hot standby, or
	 * {@code default_transaction_read_only}): the connection points at the wrong database.
	 */
	public boolean readOnly() {
		return FailureMessage.READ_ONLY.equals(this.sqlState);
	}

	/**
	 * Whether the version row moved under the revision: another runner migrated the same database
	 * at the same time without waiting for the migration lock ({@code retort.lock.enabled} false),
	 * or someone changed the version table by hand. The revision is not at fault, and the database
	 * is where the other runner left it.
	 */
	public boolean versionMoved() {
		return JdbcSqlSink.VERSION_MOVED.equals(this.sqlState);
	}

	/**
	 * Whether the server refused a statement of the revision for want of a privilege
	 * ({@code must be owner of table …}): most often the migration runs as the wrong role (the
	 * application's, not the tables' owner), and the revision is not at fault.
	 */
	public boolean privilegeMissing() {
		return FailureMessage.INSUFFICIENT_PRIVILEGE.equals(this.sqlState) && !recordingFailed();
	}

	/** Whether a concurrent index build met the INVALID index an interrupted one left. */
	public boolean leftInvalidIndex() {
		return MigrationRunner.INVALID_INDEX.equals(this.sqlState);
	}

}
