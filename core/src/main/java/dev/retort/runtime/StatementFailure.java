package dev.retort.runtime;

import java.sql.SQLException;

import dev.retort.revision.Revision;
import dev.retort.revision.Step;

/** A statement failed: carries what and where, unwinding through a Java migration. */
final class StatementFailure extends RuntimeException {

	/** {@code statement_timeout}, or a cancel by an operator. */
	static final String QUERY_CANCELED = "57014";

	final String sql;

	final String location;

	final SQLException cause;

	/** How many statements went to the server together: above one, which of them failed is unknown. */
	final int together;

	StatementFailure(String sql, String location, SQLException cause) {
		this(sql, location, cause, 1);
	}

	/**
	 * The index the failed statement (a concurrent build) names, found after it failed; else
	 * {@code null}.
	 */
	final ConcurrentIndex.Found leftIndex;

	/**
	 * Whether it is the first statement of a SQL revision's section, so that none of the
	 * revision's own statements ran before it (a Java revision may have used the connection
	 * itself, unseen: never set for one).
	 */
	final boolean firstOfSqlRevision;

	/**
	 * Whether Retort's version and history rows went to the server in the same round trip as the
	 * failed statement: the server does not say which of them failed, so it is not yet known that
	 * the statement did.
	 */
	final boolean withBookkeeping;

	/**
	 * The revision's statements all ran, and writing Retort's own rows for it failed, as
	 * {@link Recording#currentUser()}; else {@code null}.
	 */
	final Recording recording;

	StatementFailure(String sql, String location, SQLException cause, int together) {
		this(sql, location, cause, together, null, false, false, null);
	}

	StatementFailure(String sql, String location, SQLException cause, ConcurrentIndex.Found leftIndex) {
		this(sql, location, cause, 1, leftIndex, false, false, null);
	}

	private StatementFailure(String sql, String location, SQLException cause, int together,
			ConcurrentIndex.Found leftIndex, boolean firstOfSqlRevision, boolean withBookkeeping, Recording recording) {
		super((cause != null) ? cause.getMessage() : null, cause, false, false);
		this.sql = sql;
		this.location = location;
		this.cause = cause;
		this.together = together;
		this.leftIndex = leftIndex;
		this.firstOfSqlRevision = firstOfSqlRevision;
		this.withBookkeeping = withBookkeeping;
		this.recording = recording;
	}

	/**
	 * How many of a SQL revision's statements ran before this one and stay committed, or -1 when
	 * not known.
	 */
	int ranBefore = -1;

	/** Whether it failed inside the revision's own open {@code BEGIN} block, which was rolled back with it. */
	boolean blockRolledBack;

	/**
	 * Why running the statements again one at a time, to find the one that failed, could not tell:
	 * that run's own failure, which is not the revision's (its session ended, it timed out);
	 * else {@code null}.
	 */
	SQLException locateFailure;

	/**
	 * This failure (the first try's), which running its statements again could not locate because
	 * that run failed for a reason of its own ({@code rerun}).
	 */
	StatementFailure notLocated(StatementFailure rerun) {
		this.locateFailure = rerun.cause;
		return this;
	}

	/**
	 * Whether this failure of a run that was to find the failing statement of a first try is the
	 * run's own, not the revision's: its session ended (the server, an operator, or a timeout of the
	 * session ended it, such as the revision's own {@code idle_in_transaction_session_timeout}, which
	 * a run of one statement per round trip idles into), or a statement waited too long or was
	 * cancelled. The first try's failure stands then.
	 */
	boolean notTheRevisions() {
		return connectionLost() || endedBySessionTimeout(this.cause) || timedOut();
	}

	/**
	 * Whether the migration session is gone: this failure's session, or the session of the run
	 * that was to locate it.
	 */
	boolean sessionLost() {
		return connectionLost() || (this.locateFailure != null
				&& (connectionLost(this.locateFailure) || endedBySessionTimeout(this.locateFailure)));
	}

	/**
	 * {@code idle_in_transaction_session_timeout}, {@code transaction_timeout} and
	 * {@code idle_session_timeout}: the server ends the session (FATAL).
	 */
	private static final java.util.Set<String> SESSION_TIMEOUTS = java.util.Set.of("25P03", "25P04", "57P05");

	static boolean endedBySessionTimeout(SQLException ex) {
		return ex != null && SESSION_TIMEOUTS.contains(ex.getSQLState());
	}

	/** This failure, after {@code count} statements of a SQL revision's section ran. */
	StatementFailure ranBefore(int count) {
		this.ranBefore = count;
		return this;
	}

	/** This failure, known to be at the first statement of a SQL revision's section. */
	StatementFailure atFirstStatement() {
		return (this.cause == null || this.sql == null) ? this
				: new StatementFailure(this.sql, this.location, this.cause, this.together, this.leftIndex, true,
						this.withBookkeeping, null).ranBefore(0);
	}

	/** This failure, of a round trip that carried Retort's rows too (see {@link #withBookkeeping}). */
	StatementFailure sentWithBookkeeping() {
		return new StatementFailure(this.sql, this.location, this.cause, this.together, this.leftIndex,
				this.firstOfSqlRevision, true, null);
	}

	/**
	 * Writing Retort's rows for a revision whose statements all ran failed.
	 * @param source the revision's file or class
	 * @param recording who wrote them
	 */
	static StatementFailure recording(String sql, String source, SQLException cause, Recording recording) {
		return new StatementFailure(sql, source, cause, 1, null, false, false, recording);
	}

	/**
	 * Who wrote Retort's rows when writing them failed.
	 * @param currentUser the role they were written as ({@code current_user}), or {@code null} when it could not be read
	 * @param sessionUser the role the session logged in as
	 */
	record Recording(String currentUser, String sessionUser) {

		/** Whether a statement of the revision left another role set than the session's own. */
		boolean roleChanged() {
			return this.currentUser != null && !this.currentUser.equals(this.sessionUser);
		}

	}

	private StatementFailure(String location, RuntimeException cause) {
		super(cause.getMessage(), cause, false, false);
		this.sql = null;
		this.location = location;
		this.cause = null;
		this.together = 1;
		this.leftIndex = null;
		this.firstOfSqlRevision = false;
		this.withBookkeeping = false;
		this.recording = null;
	}

	static StatementFailure of(Step step, RuntimeException ex) {
		if (ex instanceof StatementFailure failure) {
			return failure;
		}
		Revision revision = step.revision();
		return new StatementFailure((revision != null) ? location(revision.origin().source(), ex) : "stamp", ex);
	}

	/**
	 * A {@code SQLException} that no statement of Retort's wrapped: one a Java revision's own JDBC
	 * work threw (rethrown unchecked, as {@code upgrade(Operations)} declares none), located at the
	 * revision's line that ran it; else one of the transaction around the step.
	 */
	static StatementFailure of(Step step, SQLException ex) {
		Revision revision = step.revision();
		String source = (revision != null) ? revision.origin().source() : null;
		String location = (source != null) ? location(source, ex) : null;
		return new StatementFailure(null, (location != null && !location.equals(source)) ? location : "transaction",
				ex);
	}

	/** {@code Class:line} of the Java revision's own frame in the failure, else the source alone. */
	private static String location(String source, Throwable ex) {
		for (StackTraceElement frame : ex.getStackTrace()) {
			String className = frame.getClassName();
			if ((className.equals(source) || className.startsWith(source + "$")) && frame.getLineNumber() > 0) {
				return source + ":" + frame.getLineNumber();
			}
		}
		return source;
	}

	SQLException sqlException() {
		return this.cause;
	}

	boolean lockTimeout() {
		return this.cause != null && MigrationRunner.LOCK_NOT_AVAILABLE.equals(this.cause.getSQLState());
	}

	/** Sent with other statements, so the failing one is not known. */
	boolean unlocated() {
		return this.together > 1;
	}

	/**
	 * Sent with other statements, and one of the revision's failed (not Retort's version row,
	 * whose guard fails after all of them ran).
	 */
	boolean unlocatedStatement() {
		return unlocated() && (this.cause == null || !JdbcSqlSink.VERSION_MOVED.equals(this.cause.getSQLState()));
	}

	/**
	 * Whether running the statements again, one at a time, would find the one that failed at no
	 * great cost: not after a lock or statement timeout or a cancel (it would wait as long again),
	 * nor when Retort's own version row, not a statement of the revision, was the problem.
	 */
	boolean worthLocating() {
		boolean bookkeepingMayHaveFailed = this.withBookkeeping
				&& (this.cause == null || !JdbcSqlSink.VERSION_MOVED.equals(this.cause.getSQLState()));
		return (unlocatedStatement() || bookkeepingMayHaveFailed) && this.cause != null && !timedOut()
				&& !connectionLost();
	}

	/**
	 * The session is gone (the server restarted or shut down, an operator ended it, the network
	 * dropped it): the server rolled back its transaction, and nothing more can run on it.
	 */
	boolean connectionLost() {
		return connectionLost(this.cause);
	}

	static boolean connectionLost(SQLException ex) {
		return connectionLost((ex != null) ? ex.getSQLState() : null);
	}

	static boolean connectionLost(String sqlState) {
		// 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
		return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
	}

	/**
	 * A cancel that no timeout of Retort's sent ({@code pg_cancel_backend}, a client's cancel):
	 * PostgreSQL says why it cancelled in its message only, under one SQLSTATE.
	 */
	boolean cancelledByRequest() {
		return this.cause != null && cancelledByRequest(this.cause.getSQLState(), this.cause.getMessage());
	}

	/** As {@link #cancelledByRequest()}, from a failure's SQLSTATE and the server's message. */
	static boolean cancelledByRequest(String sqlState, String message) {
		return QUERY_CANCELED.equals(sqlState) && message != null && message.contains("due to user request");
	}

	/** A lock or statement timeout, or a cancel. */
	boolean timedOut() {
		return this.cause != null && (MigrationRunner.LOCK_NOT_AVAILABLE.equals(this.cause.getSQLState())
				|| QUERY_CANCELED.equals(this.cause.getSQLState()));
	}

}
