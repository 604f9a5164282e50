package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Where the runner sends SQL: a database ({@link JdbcSqlSink}) or a psql script
 * ({@link ScriptSqlSink}). The runner's code is the same either way, as Alembic's single
 * {@code _exec} branch, so the offline script shows exactly what an online run does.
 */
public interface SqlSink {

	/** Whether this sink writes a script instead of touching a database. */
	boolean offline();

	/** Opens a transaction ({@code BEGIN;} offline). */
	void begin() throws SQLException;

	/** Commits the open transaction ({@code COMMIT;} offline). */
	void commit() throws SQLException;

	/** Rolls back the open transaction, if any; never fails. */
	void rollback();

	/** Runs one migration statement, in the open transaction or, when none is open, in autocommit. */
	void execute(String sql) throws SQLException;

	/**
	 * Runs migration statements, in order, with Retort's own statements before and after them,
	 * in one round trip online; the counts of {@code after} are checked as {@link #write} does.
	 * The first statement that fails stops the rest.
	 */
	void execute(List<String> statements, List<Bookkeeping> before, List<Bookkeeping> after) throws SQLException;

	/**
	 * Runs Retort's own statements (settings, version and history rows) in one round trip,
	 * checking the rows each touches.
	 */
	void write(List<Bookkeeping> statements) throws SQLException;

	/**
	 * Runs a query of Retort's own on the migration session; returns the first row, each column
	 * as text, or {@code null} when there is none. Never asked offline.
	 */
	List<String> queryRow(String sql) throws SQLException;

	/**
	 * Starts watching, from another session, which sessions block the migration session's lock
	 * waits, every {@code every} once {@code delay} has passed (a try that ends sooner opens no
	 * session); offline, or when no other session opens, a watch that sees nothing.
	 * @param askNothing whether the migration session must send nothing for it (a first try, on
	 * every revision's path): then it watches only when the watch's own session can find the
	 * migration session, else it sees nothing
	 */
	BlockerWatch watchBlockers(java.time.Duration every, java.time.Duration delay, boolean askNothing);

	/**
	 * Runs Retort's own statements on another session to the same database, in one short,
	 * bounded try: for the failure row of a run whose session was lost. Never asked offline.
	 */
	void writeApart(List<Bookkeeping> statements) throws SQLException;

	/**
	 * Retort's statements that put back the session settings a revision changed
	 * ({@link dev.retort.dialect.postgres.SessionSettings}) to what the session holds between
	 * revisions; empty when it changed none.
	 */
	List<Bookkeeping> putBack(java.util.Set<String> changed);

	/**
	 * Shows other sessions, in {@code pg_stat_activity}, that the migration session idles through
	 * a retry's backoff ({@link RetryPause}). Only a message is at stake: it never fails; offline
	 * it does nothing.
	 */
	void pausing(RetryPause pause);

	/** A comment for the reader of a script; online it goes to the debug log. */
	void comment(String text);

	/** Whether {@link #comment} keeps what it is given, so callers build no text for nothing. */
	boolean keepsComments();

	/** The JDBC connection of the migration, for Java data migrations; offline refuses. */
	Connection connection();

}
