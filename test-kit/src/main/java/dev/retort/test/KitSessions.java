package dev.retort.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.retort.config.RetortConfig;
import dev.retort.error.RetortException;
import dev.retort.runtime.ConnectionFactory;

/**
 * The kit's sessions on its database, besides the two Retort migrates with: opened from the
 * configuration's {@code DataSource} or URL as the kit's client, and among them the one holding
 * the kit's lock while an assertion runs ({@link KitLock}), by which a pool's refusal is told from
 * the server's.
 */
final class KitSessions {

	/** The {@code application_name} of the kit's sessions, in the history's {@code client}: the rows are the kit's. */
	static final String APPLICATION_NAME = "retort-test-kit";

	private final RetortConfig config;

	/** The session holding the kit's lock while an assertion runs; null between assertions. */
	private Connection lockSession;

	KitSessions(RetortConfig config) {
		this.config = config;
	}

	/** Whether an assertion runs, holding the kit's lock. */
	boolean locked() {
		return this.lockSession != null;
	}

	/** The session that holds the kit's lock from now on, or null once it is released. */
	void lockedBy(Connection session) {
		this.lockSession = session;
	}

	/**
	 * Reads on the session holding the kit's lock, idle between Retort's commands, or outside an
	 * assertion on a session of its own: a new session for each read of the schema (three a
	 * revision) was, without a pool, a new server process, loading the catalogs again each time.
	 * @param read what to read
	 * @return what it read
	 */
	<T> T read(Read<T> read) throws SQLException {
		if (this.lockSession == null) {
			try (Connection session = open()) {
				return read.from(session);
			}
		}
		// In auto-commit (open()): nothing of the read stays open while Retort changes the schema.
		return read.from(this.lockSession);
	}

	/** A read of the database on one of the kit's sessions. */
	@FunctionalInterface
	interface Read<T> {

		T from(Connection session) throws SQLException;

	}

	/**
	 * A new session in auto-commit, which the caller closes. A pool may lend sessions without it
	 * ({@code spring.datasource.hikari.auto-commit=false}): emptying the database was then rolled back
	 * as the session went back, and the checks after the first ran on what the one before left. Set
	 * as Retort sets its own sessions (HikariCP sets its default back as the session goes back).
	 */
	Connection open() throws SQLException {
		if (this.config.dataSource() != null) {
			Connection session;
			try {
				session = this.config.dataSource().getConnection();
			}
			catch (SQLException ex) {
				if (this.lockSession == null) {
					throw ex;
				}
				// The lock's session reached the database a moment ago: the pool said no, not the server.
				throw new SQLException(PoolCapacity.exhausted(ex.getMessage()), ex);
			}
			try {
				session.setAutoCommit(true);
			}
			catch (SQLException ex) {
				session.close();
				throw ex;
			}
			return session;
		}
		if (this.config.url() == null) {
			// Not the driver's "The url cannot be null", under "Could not empty the test database".
			throw new IllegalStateException("The kit has no database: give its configuration one it may empty, "
					+ "Retort.configure().dataSource(dataSource) or .url(\"jdbc:postgresql://…\").");
		}
		// As the migrations connect: 'postgresql://user:password@host/db' too, its credentials sent to the
		// driver as properties. Handed on as written, the driver refused it with a message quoting it whole.
		try {
			return new ConnectionFactory(null, this.config.url(), this.config.user(), this.config.password(),
					APPLICATION_NAME, 0, Duration.ZERO)
				.open()
				.connection();
		}
		catch (RetortException ex) {
			// Its message names the URL without the password: the callers say what could not be done.
			throw new SQLException(ex.getMessage(), ex);
		}
	}

}
