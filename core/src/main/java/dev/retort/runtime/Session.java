package dev.retort.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One database session Retort opened, counting the statements it sends (each one round trip,
 * a batch counts once). A borrowed (pooled) connection goes back as it came: the settings it had
 * are read before Retort's first change to it ({@link LentSettings}, in the same round trip) and
 * put back when it is closed, so the application never inherits Retort's {@code search_path} or
 * {@code application_name}, nor a role or setting a revision left behind.
 */
public final class Session implements AutoCloseable {

	private final Connection connection;

	private final AtomicLong counter;

	/** The {@code application_name} a borrowed session takes on {@link #identify()}; else null. */
	private final String pendingName;

	private boolean renamed;

	private boolean searchPathChanged;

	/** Other settings Retort changed on this session, reset when a borrowed one goes back. */
	private final List<String> changedSettings = new ArrayList<>();

	/** What a borrowed session held before Retort's first change to it; null before, and for Retort's own. */
	private LentSettings lent;

	/** What the session holds between revisions: what a revision's settings go back to. */
	private final SessionBaseline baseline = new SessionBaseline();

	Session(Connection connection, AtomicLong counter, String pendingName) {
		this.connection = connection;
		this.counter = counter;
		this.pendingName = pendingName;
	}

	/**
	 * Gives a session borrowed from a {@code DataSource} Retort's {@code application_name}, once:
	 * for the sessions operators must recognise in {@code pg_stat_activity} and in a waiting
	 * runner's message (the lock's, the one that migrates), and that the history's {@code client}
	 * names. A session opened from the URL has it from its start.
	 */
	public void identify() throws SQLException {
		if (this.pendingName != null && !this.renamed) {
			change("SET application_name = " + Sql.literal(this.pendingName));
			this.renamed = true;
			this.baseline.own("application_name", this.pendingName);
		}
	}

	/**
	 * Keeps the server from ending this session for idling ({@code idle_session_timeout}, set for
	 * the server, the database or the role; PostgreSQL 14 and later): the lock's session idles on
	 * purpose for as long as the run migrates, and the migration's while it waits for the lock.
	 * Ended, the first would let another runner take the lock mid-run, and the second would fail a
	 * runner that only waited. A borrowed session gets the pool's value back when it is closed.
	 * @return the {@code SET} to send ahead of the session's next query, in its round trip (a
	 * query on every start would cost one more); empty before PostgreSQL 14
	 */
	String keepWhileIdle() throws SQLException {
		if (this.connection.getMetaData().getDatabaseMajorVersion() < 14) {
			return "";
		}
		changedSetting("idle_session_timeout", "0");
		return "SET idle_session_timeout = 0; ";
	}

	/**
	 * Runs a statement that changes the session. On a borrowed session the first one reads what
	 * the session held before, in the same round trip: the migration session is named (or its
	 * search_path set) before any revision runs on it, so this sees the pool's settings.
	 */
	private void change(String sql) throws SQLException {
		if (this.pendingName == null || this.lent != null) {
			execute(sql);
			return;
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			statement.execute(LentSettings.QUERY + ";\n" + sql);
			try (ResultSet row = statement.getResultSet()) {
				row.next();
				this.lent = LentSettings.read(row);
				this.baseline.lent(this.lent);
			}
			statement.getMoreResults();
		}
	}

	/** The JDBC connection. */
	public Connection connection() {
		return this.connection;
	}

	/** Runs a statement; returns whether it produced rows. */
	boolean execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			return statement.execute(sql);
		}
	}

	/**
	 * Runs a string of several statements in one round trip; returns the row count of each
	 * ({@code -1} for one that returned rows).
	 */
	List<Integer> executeAll(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			List<Integer> counts = new ArrayList<>();
			boolean rows = statement.execute(sql);
			while (true) {
				if (rows) {
					counts.add(-1);
				}
				else {
					int count = statement.getUpdateCount();
					if (count == -1) {
						return counts;
					}
					counts.add(count);
				}
				rows = statement.getMoreResults();
			}
		}
	}

	/** Runs statements in one round trip; returns their row counts. */
	int[] batch(List<String> sql) throws SQLException {
		if (sql.isEmpty()) {
			return new int[0];
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (String each : sql) {
				statement.addBatch(each);
			}
			this.counter.incrementAndGet();
			return statement.executeBatch();
		}
		catch (java.sql.BatchUpdateException ex) {
			// The driver's batch error hides the server's message in the next exception.
			SQLException next = ex.getNextException();
			throw (next != null) ? next : ex;
		}
	}

	/**
	 * Runs statements in one round trip, the last of them a query; maps its first row (the
	 * statements before it are settings).
	 */
	<T> T lastRow(String sql, RowMapper<T> mapper) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			boolean rows = statement.execute(sql);
			while (!rows) {
				if (statement.getUpdateCount() == -1) {
					throw new SQLException("No rows from: " + sql);
				}
				rows = statement.getMoreResults();
			}
			List<T> mapped = map(statement.getResultSet(), mapper);
			return mapped.get(0);
		}
	}

	/** Notes a setting Retort changed with {@code SET}: a borrowed session gets it back with {@code RESET}. */
	void changedSetting(String name) {
		if (!this.changedSettings.contains(name)) {
			this.changedSettings.add(name);
		}
	}

	/**
	 * As {@link #changedSetting(String)}, for a setting that stays for the whole run: a
	 * revision that changes it gets {@code value} back after it.
	 */
	void changedSetting(String name, String value) {
		changedSetting(name);
		this.baseline.own(name, value);
	}

	/** What puts back the settings a revision changed: see {@link SessionBaseline}. */
	List<Bookkeeping> putBack(java.util.Set<String> changed) {
		return this.baseline.putBack(changed);
	}

	/** Runs a query and maps every row. */
	<T> List<T> query(String sql, RowMapper<T> mapper) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			return map(statement.executeQuery(sql), mapper);
		}
	}

	/** Runs a query of Retort's own and reads its first row, each column as text; {@code null} for none. */
	List<String> queryRow(String sql) throws SQLException {
		List<List<String>> rows = query(sql, (row) -> {
			List<String> columns = new ArrayList<>();
			for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
				columns.add(row.getString(i));
			}
			return columns;
		});
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * Runs two queries in one round trip (the driver sends them together) and maps the rows of
	 * each.
	 */
	<A, B> Rows<A, B> queryTwo(String first, RowMapper<A> firstMapper, String second, RowMapper<B> secondMapper)
			throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			this.counter.incrementAndGet();
			statement.execute(first + ";\n" + second);
			List<A> firstRows = map(statement.getResultSet(), firstMapper);
			statement.getMoreResults();
			List<B> secondRows = map(statement.getResultSet(), secondMapper);
			return new Rows<>(firstRows, secondRows);
		}
	}

	private static <T> List<T> map(ResultSet resultSet, RowMapper<T> mapper) throws SQLException {
		List<T> rows = new ArrayList<>();
		try (resultSet) {
			while (resultSet.next()) {
				rows.add(mapper.map(resultSet));
			}
		}
		return rows;
	}

	/** The rows of two queries sent together. */
	record Rows<A, B>(List<A> first, List<B> second) {
	}

	void setAutoCommit(boolean autoCommit) throws SQLException {
		if (this.connection.getAutoCommit() != autoCommit) {
			this.connection.setAutoCommit(autoCommit);
		}
	}

	void commit() throws SQLException {
		this.counter.incrementAndGet();
		this.connection.commit();
	}

	/** Rolls back, ignoring a failure (the session may be broken already). */
	void rollbackQuietly() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
			}
		}
		catch (SQLException ex) {
			// The original failure is what the user must see.
		}
	}

	/** Sets the {@code search_path} of migrations to a schema. */
	void searchPath(String schema) throws SQLException {
		change("SET search_path TO " + Sql.identifier(schema));
		this.searchPathChanged = true;
		this.baseline.own("search_path", Sql.identifier(schema));
	}

	@Override
	public void close() {
		try {
			rollbackQuietly();
			this.connection.setAutoCommit(true);
			String reset = (this.lent != null) ? this.lent.restoreSql() : resetSql();
			if (reset != null) {
				// A pooled connection goes back to the application as it came.
				try (Statement statement = this.connection.createStatement()) {
					statement.execute(reset);
				}
			}
		}
		catch (SQLException ex) {
			// Best effort: the work is committed or rolled back by now, and a session the server
			// dropped cannot be reset; the pool still gets its connection back (and drops it).
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// Already closed.
			}
		}
	}

	/** What puts a borrowed connection back as it came, or null when nothing changed. */
	private String resetSql() {
		if (this.pendingName == null) {
			return null;
		}
		List<String> resets = new ArrayList<>();
		if (this.renamed) {
			resets.add("RESET application_name");
		}
		if (this.searchPathChanged) {
			resets.add("RESET search_path");
		}
		for (String setting : this.changedSettings) {
			resets.add("RESET " + setting);
		}
		return resets.isEmpty() ? null : String.join("; ", resets);
	}

	/** Maps one row. */
	@FunctionalInterface
	interface RowMapper<T> {

		T map(ResultSet row) throws SQLException;

	}

}
