package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The online side of {@link SqlSink}: statements run on the migration session. */
public final class JdbcSqlSink implements SqlSink {

	private static final Logger logger = LoggerFactory.getLogger(JdbcSqlSink.class);

	/** The SQLSTATE of a version-row change that touched another number of rows than expected. */
	static final String VERSION_MOVED = "RT001";

	private final Session session;

	private final String versionTableName;

	/** Opens another session to the same database, or {@code null} when there is none to open. */
	private final SessionOpener apart;

	/** Where the blocker watch reads from, or {@code null} for nowhere. */
	private final SessionOpener watchFrom;

	/** The migration session's backend pid, once a blocker watch asked for it; else 0. */
	private int backendPid;

	public JdbcSqlSink(Session session, String versionTableName) {
		this(session, versionTableName, null, null);
	}

	/**
	 * @param apart opens a session beside the migration session, for a failure's history row
	 * when the migration session is gone
	 * @param watchFrom gives the blocker watch a session: the migration lock's idle one when the
	 * run holds the lock, so that a pool with no connection to spare still names the blockers
	 */
	JdbcSqlSink(Session session, String versionTableName, SessionOpener apart, SessionOpener watchFrom) {
		this.session = session;
		this.versionTableName = versionTableName;
		this.apart = apart;
		this.watchFrom = watchFrom;
	}

	@Override
	public boolean offline() {
		return false;
	}

	@Override
	public void begin() throws SQLException {
		// pgjdbc sends BEGIN with the first statement: no round trip of its own.
		this.session.setAutoCommit(false);
	}

	@Override
	public void commit() throws SQLException {
		this.session.commit();
		this.session.setAutoCommit(true);
	}

	@Override
	public void rollback() {
		this.session.rollbackQuietly();
		try {
			this.session.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// A broken session fails again on the next statement, with the real reason.
		}
	}

	@Override
	public void execute(String sql) throws SQLException {
		this.session.execute(sql);
	}

	@Override
	public void execute(List<String> statements, List<Bookkeeping> before, List<Bookkeeping> after)
			throws SQLException {
		if (statements.size() == 1 && before.isEmpty() && after.isEmpty()) {
			this.session.execute(statements.get(0));
			return;
		}
		List<String> parts = new ArrayList<>();
		before.forEach((statement) -> parts.add(statement.sql()));
		parts.addAll(statements);
		after.forEach((statement) -> parts.add(statement.sql()));
		// The driver sends the statements of one string together (one round trip) and stops at
		// the first error. A newline before each semicolon: the statement may end in a comment;
		// none after it, so each statement reaches pg_stat_activity and the server log as written.
		List<Integer> counts = this.session.executeAll(String.join("\n;", parts));
		check(after, counts.subList(Math.max(0, counts.size() - after.size()), counts.size()));
	}

	@Override
	public void write(List<Bookkeeping> statements) throws SQLException {
		int[] counts = this.session.batch(statements.stream().map(Bookkeeping::sql).toList());
		check(statements, java.util.Arrays.stream(counts).boxed().toList());
	}

	@Override
	public List<String> queryRow(String sql) throws SQLException {
		return this.session.queryRow(sql);
	}

	@Override
	public BlockerWatch watchBlockers(java.time.Duration every, java.time.Duration delay, boolean askNothing) {
		if (this.watchFrom == null) {
			return BlockerWatch.NONE;
		}
		String found = (this.backendPid == 0) ? this.watchFrom.migratingPid() : null;
		if (found != null) {
			// The lock's session finds it in pg_locks: nothing is asked of the migration session.
			return BlockerWatch.start(this.watchFrom, found, every, delay);
		}
		if (askNothing && this.backendPid == 0) {
			return BlockerWatch.NONE;
		}
		try {
			// Between tries: the migration session is idle (the driver is no compile-time dependency
			// of core, so its getBackendPID() is not at hand). Read once: a session keeps its pid.
			if (this.backendPid == 0) {
				this.backendPid = this.session.query("SELECT pg_backend_pid()", (row) -> row.getInt(1)).get(0);
			}
			return BlockerWatch.start(this.watchFrom, String.valueOf(this.backendPid), every, delay);
		}
		catch (SQLException ex) {
			// Only a better message was at stake.
			return BlockerWatch.NONE;
		}
	}

	@Override
	public void writeApart(List<Bookkeeping> statements) throws SQLException {
		if (this.apart == null) {
			throw new SQLException("No other session to the database can be opened", "08003");
		}
		SQLException lost = null;
		// After a server restart a pool may lend a connection that died with it (HikariCP checks one
		// used within the last half second only): the pool retires each once it fails, so ask again,
		// as long as the row's short try lasts. A server that stays down fails the opening instead.
		long deadline = System.nanoTime() + MigrationRunner.RECORD_APART_WITHIN.toNanos();
		while (lost == null || System.nanoTime() < deadline) {
			Session other = this.apart.open();
			try (other) {
				other.changedSetting("statement_timeout");
				// Alone first, where a dead connection fails plainly, before the row's batch: a row
				// waiting on a lock must not hold up the end of a run that failed already.
				other.execute("SET statement_timeout = '5s'");
				new JdbcSqlSink(other, this.versionTableName).write(statements);
				return;
			}
			catch (SQLException ex) {
				if (!StatementFailure.connectionLost(ex)) {
					throw ex;
				}
				if (lost != null) {
					ex.addSuppressed(lost);
				}
				lost = ex;
			}
		}
		throw lost;
	}

	@Override
	public List<Bookkeeping> putBack(java.util.Set<String> changed) {
		return this.session.putBack(changed);
	}

	private void check(List<Bookkeeping> statements, List<Integer> counts) throws SQLException {
		for (int i = 0; i < counts.size() && i < statements.size(); i++) {
			Bookkeeping statement = statements.get(i);
			int count = counts.get(i);
			if (statement.expectedRows() != Bookkeeping.ANY_ROWS && count != statement.expectedRows() && count >= 0) {
				throw new SQLException("Expected to change " + statement.expectedRows() + " row of '"
						+ this.versionTableName + "', changed " + count
						+ ": another process moved the version while this one ran (" + Sql.shorten(statement.sql())
						+ ")", VERSION_MOVED);
			}
		}
	}

	@Override
	public void pausing(RetryPause pause) {
		try {
			this.session.execute(pause.statement());
		}
		catch (SQLException ex) {
			// A broken session fails the retry itself, with the real reason.
			logger.debug("Could not show the retry's backoff in pg_stat_activity", ex);
		}
	}

	@Override
	public boolean keepsComments() {
		return logger.isDebugEnabled();
	}

	@Override
	public void comment(String text) {
		logger.debug(text);
	}

	@Override
	public Connection connection() {
		return this.session.connection();
	}

	/** Opens a session, or lends one. */
	@FunctionalInterface
	interface SessionOpener {

		Session open() throws SQLException;

		/** Gives back a session {@link #open()} returned: closes it, unless it was lent. */
		default void release(Session session) {
			session.close();
		}

		/**
		 * A SQL expression that gives, on a session {@link #open()} returns, the migration
		 * session's pid, or {@code null} when only the migration session can tell it.
		 */
		default String migratingPid() {
			return null;
		}

	}

}
