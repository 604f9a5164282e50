package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The online side of {@link SqlSink}: statements run on the migration session. */
public final class JdbcSqlSink implements SqlSink {

	private static final Logger logger = LoggerFactory.getLogger(JdbcSqlSink.class);

	private final Session session;

	private final String versionTableName;

	public JdbcSqlSink(Session session, String versionTableName) {
		this.session = session;
		this.versionTableName = versionTableName;
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
	public void write(List<Bookkeeping> statements) throws SQLException {
		int[] counts = this.session.batch(statements.stream().map(Bookkeeping::sql).toList());
		for (int i = 0; i < counts.length; i++) {
			Bookkeeping statement = statements.get(i);
			if (statement.expectedRows() != Bookkeeping.ANY_ROWS && counts[i] != statement.expectedRows()
					&& counts[i] >= 0) {
				throw new SQLException("Expected to change " + statement.expectedRows() + " row of '"
						+ this.versionTableName + "', changed " + counts[i]
						+ ": another process moved the version while this one ran (" + Sql.shorten(statement.sql())
						+ ")", "RT001");
			}
		}
	}

	@Override
	public void comment(String text) {
		logger.debug(text);
	}

	@Override
	public Connection connection() {
		return this.session.connection();
	}

}
