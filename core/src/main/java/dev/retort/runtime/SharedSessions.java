package dev.retort.runtime;

import java.sql.SQLException;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Refuses to migrate through a connection pooler that shares server sessions between its
 * clients (PgBouncer's {@code pool_mode = transaction} or {@code statement}). There a client's
 * statements run on whichever server session is free, so the session-level advisory lock stays
 * on a server session that other clients then get (two runners could migrate at once, and the
 * lock outlives the run), and a {@code SET} reaches other clients while the statements after it
 * run without it. A session pooler ({@code pool_mode = session}) gives each client one server
 * session for as long as it is connected: that works, and passes. A {@code DataSource} that lends
 * one connection to every borrower (Spring's {@code SingleConnectionDataSource}) shares it too.
 * <p>
 * The check asks each of the run's two sessions for its server session ({@code pg_backend_pid()})
 * before either has changed anything: the lock's, then the migration's, then the lock's again. A
 * direct connection (or a session pooler) answers two different pids, the lock's the same twice.
 * A transaction pooler hands the migration's statement the server session the lock's statement
 * has just freed (PgBouncer reuses the most recently freed one), or the lock's second statement
 * another one. A pooler that happened to do neither goes unnoticed: three round trips cannot
 * prove that a session is the client's own, only catch one that is not.
 */
final class SharedSessions {

	private static final String PID = "SELECT pg_backend_pid()";

	private SharedSessions() {
	}

	/**
	 * Throws a {@link ErrorCode#CONFIGURATION} error when {@code lock} and {@code migration} do
	 * not each run on a server session of their own. Sends no {@code SET}: nothing has changed
	 * when it refuses.
	 */
	static void requireOwnSessions(Session lock, Session migration) throws SQLException {
		int lockPid = pid(lock);
		int migrationPid = pid(migration);
		if (lockPid == migrationPid) {
			throw refusal("the migration's session and the lock's both ran on server session pid " + lockPid);
		}
		int lockPidAgain = pid(lock);
		if (lockPidAgain != lockPid) {
			throw refusal("the lock's session ran its first statement on server session pid " + lockPid
					+ " and its next on pid " + lockPidAgain);
		}
	}

	private static int pid(Session session) throws SQLException {
		return session.query(PID, (row) -> row.getInt(1)).get(0);
	}

	private static RetortException refusal(String observed) {
		return new RetortException(ErrorCode.CONFIGURATION, "The migration's connection goes through a pooler that"
				+ " shares server sessions between clients (PgBouncer with pool_mode = transaction or statement, or a"
				+ " DataSource that lends one connection to every borrower, as Spring's SingleConnectionDataSource): "
				+ observed + ". There the migration lock (a session-level advisory lock) and the session's settings"
				+ " would stay on a server session that other clients get next: two instances could migrate at once,"
				+ " and the lock would stay held after the run. Nothing was changed. Migrate on a direct connection:"
				+ " set 'retort.url' (with 'retort.user' and 'retort.password'; on the command line --url) to"
				+ " PostgreSQL's own host and port, not the pooler's; or connect through a pool with"
				+ " pool_mode = session.");
	}

}
