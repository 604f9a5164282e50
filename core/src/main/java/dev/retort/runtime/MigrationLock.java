package dev.retort.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Sha256;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration lock: a session-level advisory lock ({@code pg_try_advisory_lock}), polled
 * until a timeout, on a session of its own that stays idle outside any transaction. It dies
 * with its session, so a killed runner never leaves it behind, and because the session holds no
 * transaction, {@code CREATE INDEX CONCURRENTLY} (which waits for transactions, not sessions)
 * never waits for it. The key is derived from the schema and the version table, so runners of
 * different schemas do not block each other.
 * <p>
 * The migration session holds a second advisory lock, the <em>work</em> lock, taken after the
 * first. The idle lock session dies as soon as its runner does, but the migration session may
 * still run a statement then: the server notices a dead client only when it next talks to it
 * (a killed runner's {@code CREATE INDEX CONCURRENTLY} runs on, and commits), and an operator
 * may end the lock session alone. The next runner waits for the work lock too, so it never runs
 * a revision while such a session still runs it. The migration session also asks the server
 * (14 and later) to check every second that its client is alive, so a killed runner's statement
 * is cancelled and rolled back within a second instead of running on for minutes.
 */
public final class MigrationLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	private static final long MAX_POLL_MILLIS = 1000;

	/** How often the server checks that a migrating runner is still there. */
	static final String CLIENT_CHECK_INTERVAL = "1s";

	/** What the key of the lock, and of the work lock, hashes before the version table's name. */
	static final String LOCK_PREFIX = "retort:";

	static final String WORK_PREFIX = "retort-work:";

	private final Session session;

	private final long key;

	/** The key of the work lock, derived as {@link #key} is. */
	private final long workKey;

	/** The migration session, which takes the work lock; {@code null} for the lock alone. */
	private final Session worker;

	private final TableNames names;

	/** Asked before each try: {@code true} ends the wait (the process shuts down). */
	private final BooleanSupplier stopWaiting;

	/** Told each notice of whom the run waits for, as it is logged. */
	private final Consumer<String> waiting;

	private boolean held;

	private boolean workHeld;

	private boolean clientCheckSet;

	/** Whether the lock's session, and the migration's, have idle_session_timeout off ({@link Session#keepWhileIdle()}). */
	private boolean sessionKept;

	private boolean workerKept;

	/** Set on {@link #close()}, read by the thread a {@link #lender()} serves. */
	private volatile boolean closed;

	/** From the first try to holding the lock (and the work lock); not the connection before it. */
	private Duration waited = Duration.ZERO;

	private MigrationLock(Session session, TableNames names, Session worker, BooleanSupplier stopWaiting,
			Consumer<String> waiting) {
		this.session = session;
		this.names = names;
		this.stopWaiting = stopWaiting;
		this.waiting = waiting;
		this.key = key(names);
		this.workKey = workKey(names);
		this.worker = worker;
	}

	/** The advisory lock key of a schema and version table: the first 8 bytes of a SHA-256. */
	public static long key(TableNames names) {
		return key(LOCK_PREFIX, names);
	}

	/**
	 * The key of the work lock, held by the session that migrates: a session of a runner whose
	 * lock session has gone may still be running a revision.
	 */
	static long workKey(TableNames names) {
		return key(WORK_PREFIX, names);
	}

	/** The first 8 bytes of the SHA-256 of {@code prefix schema.table}: what {@link ScriptLock} computes in SQL too. */
	static long key(String prefix, TableNames names) {
		byte[] digest = Sha256
			.digest((prefix + names.schema() + "." + names.versionTable()).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest, 0, 8).getLong();
	}

	/**
	 * Acquires the lock on {@code session} (which it then owns and closes), waiting up to
	 * {@code timeout} and logging the holder every ten seconds while it waits.
	 */
	public static MigrationLock acquire(Session session, TableNames names, Duration timeout) {
		return acquire(session, null, names, timeout, () -> false, (notice) -> {
		});
	}

	/**
	 * Acquires the lock on {@code session} (which it then owns and closes), then the work lock on
	 * {@code migration} (released on {@link #close()}, the session stays open), waiting up to
	 * {@code timeout} in all and logging who it waits for every ten seconds. Before each try it
	 * asks {@code stopWaiting}: once that says {@code true} (the process shuts down) it gives up
	 * at once, about a second at most after, with a {@link LockWaitStoppedException}. It only ever
	 * ends a wait: nothing has run yet, so nothing has changed. Each notice of whom it waits for
	 * is logged at INFO and given to {@code waiting} too, for a caller that prints it its own way
	 * (the CLI, as its other lines).
	 */
	public static MigrationLock acquire(Session session, Session migration, TableNames names, Duration timeout,
			BooleanSupplier stopWaiting, Consumer<String> waiting) {
		MigrationLock lock = new MigrationLock(session, names, migration, stopWaiting, waiting);
		try {
			lock.waitFor(timeout, names);
			return lock;
		}
		catch (RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	/**
	 * How long taking the lock took, from its first try: what {@code retort.lock.wait} reports.
	 * Opening the lock's session is not part of it, so a runner that did not wait reports about
	 * one round trip, not a connection's set-up.
	 */
	public Duration waited() {
		return this.waited;
	}

	private void waitFor(Duration timeout, TableNames names) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		long nextLog = start;
		long poll = 50;
		try {
			// Named before it holds anything: a waiting runner's message shows who holds the lock.
			this.session.identify();
			while (true) {
				if (this.stopWaiting.getAsBoolean()) {
					throw stopped(names, Duration.ofNanos(System.nanoTime() - start), "the process is shutting down");
				}
				if (!this.held && tryLock()) {
					this.held = true;
				}
				if (!this.held && this.worker != null && !this.workerKept) {
					// The migration's session idles while this one waits, behind another runner for minutes.
					this.workerKept = true;
					String keep = this.worker.keepWhileIdle();
					if (!keep.isEmpty()) {
						this.worker.execute(keep);
					}
				}
				if (this.held && (this.worker == null || tryWorkLock())) {
					this.waited = Duration.ofNanos(System.nanoTime() - start);
					return;
				}
				long now = System.nanoTime();
				if (now - deadline >= 0) {
					throw timeout(names, timeout, Duration.ofNanos(now - start));
				}
				if (now - nextLog >= 0) {
					// How long it may still take: 'retort.lock.wait-timeout' is 10 minutes by default.
					String notice = "Waiting for the migration lock of " + names.qualifiedVersionTable() + " (for at most "
							+ ((deadline - now) / 1_000_000_000L + 1) + " s more, 'retort.lock.wait-timeout'): "
							+ waitingFor(names);
					logger.info(notice);
					this.waiting.accept(notice);
					nextLog = now + LOG_INTERVAL.toNanos();
				}
				Thread.sleep(Math.min(poll, Math.max(1, (deadline - now) / 1_000_000)));
				poll = Math.min(poll * 2, MAX_POLL_MILLIS);
			}
		}
		catch (SQLException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Could not take the migration lock of "
					+ names.qualifiedVersionTable() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			// Spring interrupts the main thread when it shuts down under a starting application: a
			// stop like the one 'stopWaiting' asks for, and the caller's to see too.
			Thread.currentThread().interrupt();
			throw stopped(names, Duration.ofNanos(System.nanoTime() - start),
					"the thread was interrupted (as when the application shuts down)");
		}
	}

	private boolean tryLock() throws SQLException {
		String sql = "SELECT pg_try_advisory_lock(" + this.key + ")";
		if (!this.sessionKept) {
			// Travels with the first try: this session idles for as long as the run migrates.
			this.sessionKept = true;
			sql = this.session.keepWhileIdle() + sql;
		}
		return this.session.lastRow(sql, (row) -> row.getBoolean(1));
	}

	private boolean tryWorkLock() throws SQLException {
		String sql = "SELECT pg_try_advisory_lock(" + this.workKey + ")";
		if (!this.clientCheckSet && this.worker.connection().getMetaData().getDatabaseMajorVersion() >= 14) {
			// Travels with the first try: a killed runner's statement is cancelled within a second.
			sql = "SET client_connection_check_interval = " + Sql.literal(CLIENT_CHECK_INTERVAL) + "; " + sql;
			this.worker.changedSetting("client_connection_check_interval", CLIENT_CHECK_INTERVAL);
		}
		this.clientCheckSet = true;
		if (!this.workerKept) {
			this.workerKept = true;
			sql = this.worker.keepWhileIdle() + sql;
		}
		this.workHeld = this.worker.lastRow(sql, (row) -> row.getBoolean(1));
		return this.workHeld;
	}

	/** What a runner asked to stop while it waits says: it leaves the database as it is. */
	/**
	 * What a runner that stops waiting says: why, that nothing changed, and who holds the lock
	 * (when it can still be read: only a better message is at stake).
	 */
	private LockWaitStoppedException stopped(TableNames names, Duration waited, String why) {
		String heldBy;
		try {
			LockHolder holder = holder(this.session, this.key);
			heldBy = holder.held() ? " (the lock is held by " + describe(holder) + ")" : "";
		}
		catch (SQLException ex) {
			heldBy = "";
		}
		return new LockWaitStoppedException("Stopped waiting for the migration lock of " + names.qualifiedVersionTable()
				+ " after " + waited.toMillis() + " ms: " + why + ". Nothing was changed: no revision ran, and the"
				+ " database is as it was" + heldBy + ".", waited);
	}

	/** What a runner that gives up says: who holds the lock, and which session migrates. */
	private LockTimeoutException timeout(TableNames names, Duration timeout, Duration waited) throws SQLException {
		LockHolder holder = holder(this.session, this.key);
		Activity migrating = this.held ? null : migrating();
		String prefix = "Could not acquire the migration lock of " + names.qualifiedVersionTable() + " within "
				+ Sql.describe(timeout) + ": ";
		String wait = " raise 'retort.lock.wait-timeout' to wait longer.";
		if (this.held) {
			Activity orphan = migrating();
			if (orphan == null) {
				return new LockTimeoutException(prefix + "the session that migrated has just ended. Run again;" + wait,
						LockHolder.FREE, waited);
			}
			return new LockTimeoutException(prefix + orphan.migratesWithoutTheLock(" (its runner's process was killed,"
					+ " or its lock session was ended)") + ". Running revisions beside it could apply"
					+ " them twice. Wait for it to end, or end it (SELECT pg_terminate_backend(" + orphan.pid()
					+ ")): a transactional revision is rolled back;" + wait,
					new LockHolder(true, orphan.pid(), orphan.application(), null, null), waited);
		}
		if (migrating != null && migrating.pause() != null) {
			// Between lock_timeout retries the migrating session idles after a ROLLBACK, as a stuck
			// one would: ending it would fail a healthy run.
			return new LockTimeoutException(prefix + "it is held by " + describe(holder) + migrating.migratesOn()
					+ ". That runner is not stuck: do not end its session. Wait for it to finish (or to give up after"
					+ " its last retry), or end what blocks its revision (its log names the blocking sessions);"
					+ wait, holder, waited);
		}
		if (migrating != null && migrating.stoppedScript(holder)) {
			// An --sql script read with psql's \i that stopped at an error: its session holds both locks and
			// waits for a person, so "wait for that migration to finish" would wait forever.
			return new LockTimeoutException(prefix + "it is held by " + describe(holder) + migrating.migratesOn()
					+ ". That session runs nothing now: an --sql script read with \\i in an interactive psql stops so at"
					+ " a failed statement, and its session keeps the lock until that psql quits. Quit that psql (or"
					+ " run ROLLBACK; SELECT pg_advisory_unlock_all(); in it), or end the session (SELECT"
					+ " pg_terminate_backend(" + migrating.pid() + ")): a failed step's transaction is rolled back."
					+ " Then run again;" + wait, holder, waited);
		}
		if (migrating != null) {
			return new LockTimeoutException(prefix + "it is held by " + describe(holder) + migrating.migratesOn()
					+ ". Wait for that migration to finish, or end"
					+ " the migrating session (SELECT pg_terminate_backend(" + migrating.pid() + ")) if it is stuck:"
					+ " its revision fails, a transactional one is rolled back, and the runner releases the lock;"
					+ wait, holder, waited);
		}
		Activity idle = holder.held() ? activity(holder.pid()) : null;
		if (idle != null && "idle".equals(idle.state())) {
			// A runner keeps its lock session idle, but migrates on another session: with none, it
			// runs nothing. A killed process's session ends with it; this one hangs, or lost its network.
			return new LockTimeoutException(prefix + "it is held by " + describe(holder) + ", idle for "
					+ idle.seconds() + " s, and no session migrates for it: it runs no revision (a runner that"
					+ " hangs, or a session someone opened by hand, keeps the lock until its session ends). End that"
					+ " session (SELECT pg_terminate_backend(" + holder.pid() + ")): it runs nothing, so nothing"
					+ " is rolled back. Then run again;" + wait, holder, waited);
		}
		if (idle != null && idle.idleInTransaction()) {
			// No runner's lock session is ever in a transaction (a script's holds the work lock too, and
			// is told above): someone took the lock by hand (BEGIN; SELECT pg_advisory_lock(…)) or left a
			// transaction open after it. Nothing migrates; ending the session rolls back that transaction,
			// and ending the transaction alone keeps the lock, which is the session's.
			boolean aborted = !"idle in transaction".equals(idle.state());
			return new LockTimeoutException(prefix + "it is held by " + describe(holder) + ", " + idle.state()
					+ " for " + idle.seconds() + " s, and no session migrates for it: it runs no revision (a session"
					+ " opened by hand that took the lock in a transaction, or left one open after taking it, keeps"
					+ " the lock until that session ends). End that session (SELECT pg_terminate_backend("
					+ holder.pid() + ")): it runs nothing, " + (aborted
							? "and its transaction failed already, so only a rollback was left for it. Or, in that"
									+ " session, run ROLLBACK"
							: "but the transaction it left open is rolled back. Or, in that session, end the transaction"
									+ " (COMMIT or ROLLBACK)")
					+ " and then SELECT pg_advisory_unlock_all(): the lock outlives the transaction. Then run again;"
					+ wait, holder, waited);
		}
		if (!holder.held()) {
			// Its holder let go between this runner's last try and the read of who held it: there is
			// no session to wait for or to end, and the next run takes the lock.
			return new LockTimeoutException(prefix + "no session holds it any more (the migration that held it"
					+ " finished, or its session ended, after this runner's last try). Nothing was changed. Run again;"
					+ wait, holder, waited);
		}
		return new LockTimeoutException(prefix + "it is held by " + describe(holder) + ". Wait for that migration to"
				+ " finish, or end that session (SELECT pg_terminate_backend(" + holder.pid() + ")) if it is stuck;"
				+ wait, holder, waited);
	}

	/** What a waiting runner logs every ten seconds. */
	private String waitingFor(TableNames names) throws SQLException {
		Activity migrating = migrating();
		if (this.held) {
			return (migrating == null) ? "the session that migrated has just ended" : migrating.migratesWithoutTheLock("");
		}
		return "held by " + describe(holder(this.session, this.key)) + ((migrating != null) ? migrating.migratesOn() : "");
	}

	/** The session that holds the work lock, with what it runs, or {@code null}. */
	private Activity migrating() throws SQLException {
		return migrating(this.session, this.workKey);
	}

	private static Activity migrating(Session session, long workKey) throws SQLException {
		List<Activity> rows = session.query("SELECT a.pid, a.application_name, a.state,"
				+ " extract(epoch FROM clock_timestamp() - a.state_change)::bigint, left(a.query, 120)"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid" + where(workKey),
				(row) -> new Activity(row.getInt(1), row.getString(2), row.getString(3), row.getLong(4),
						row.getString(5)));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * Who holds the migration lock of {@code names} and what its runner migrates now, as a waiting
	 * runner logs it ({@code held by pid 4711 (…), which migrates on pid 4712 (active for 5 s, '…')}),
	 * without taking it; {@code null} when nobody holds it and no session migrates. Read-only.
	 */
	public static String describeHolder(Session session, TableNames names) throws SQLException {
		LockHolder holder = holder(session, key(names));
		Activity migrating = migrating(session, workKey(names));
		if (!holder.held()) {
			return (migrating != null) ? migrating.migratesWithoutTheLock("") : null;
		}
		return "held by " + describe(holder) + ((migrating != null) ? migrating.migratesOn()
				: ", and no session migrates for it (a runner that hangs, or a session opened by hand, keeps it"
						+ " until its session ends)");
	}

	/** What the session of a pid does now, or {@code null} when it is gone. */
	private Activity activity(int pid) throws SQLException {
		List<Activity> rows = this.session.query("SELECT a.pid, a.application_name, a.state,"
				+ " extract(epoch FROM clock_timestamp() - a.state_change)::bigint, left(a.query, 120)"
				+ " FROM pg_stat_activity a WHERE a.pid = " + pid,
				(row) -> new Activity(row.getInt(1), row.getString(2), row.getString(3), row.getLong(4),
						row.getString(5)));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/** A session's pid and what it does now, from {@code pg_stat_activity}. */
	private record Activity(int pid, String application, String state, long seconds, String query) {

		String describe() {
			if (Visibility.hidden(this.state, this.query)) {
				return Visibility.HIDDEN;
			}
			// Another run's statement, quoted in this run's log and error: a password it sets is masked
			// (its first 120 characters may cut the literal short).
			RetryPause pause = pause();
			if (pause != null) {
				return pause.describe(this.seconds);
			}
			String oneLine = (this.query != null) ? PasswordLiterals.mask(this.query.replaceAll("\\s+", " ").strip()) : "";
			return this.state + " for " + this.seconds + " s" + (oneLine.isEmpty() ? "" : ", '" + oneLine + "'");
		}

		/** Whether the session waits for its client inside a transaction ({@code idle in transaction}, or its {@code (aborted)} form). */
		boolean idleInTransaction() {
			return this.state != null && this.state.startsWith("idle in transaction");
		}

		/** The retry backoff this idle session announced, or {@code null}. */
		RetryPause pause() {
			return RetryPause.of(this.state, this.query);
		}

		/** A session that holds the work lock while the migration lock is free; {@code why} may say how. */
		String migratesWithoutTheLock(String why) {
			return "the lock is free, but pid " + this.pid + " (application_name '" + this.application
					+ "') still migrates without the lock" + why + ": " + describe();
		}

		/**
		 * Whether this is the session of an --sql script that stopped at an error and waits for
		 * its client (psql's \i): one session holds both locks, as only a script's does, and runs
		 * nothing; its transaction failed, or it is an idle psql (a failed statement outside a
		 * transaction). An online runner never waits in a failed transaction: it rolls back at once.
		 */
		boolean stoppedScript(LockHolder holder) {
			return holder.held() && holder.pid() == this.pid && ("idle in transaction (aborted)".equals(this.state)
					|| ("idle".equals(this.state) && this.application != null && this.application.startsWith("psql")));
		}

		/** The session that migrates for the holder of the migration lock. */
		String migratesOn() {
			return ", which migrates on pid " + this.pid + " (" + describe() + ")";
		}

	}

	/** Who holds the lock of a key, read from {@code pg_locks} and {@code pg_stat_activity}. */
	public static LockHolder holder(Session session, long key) throws SQLException {
		List<LockHolder> holders = session.query("SELECT a.pid, a.application_name, a.backend_start,"
				+ " host(a.client_addr) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid" + where(key), (row) -> {
					Timestamp since = row.getTimestamp(3);
					return new LockHolder(true, row.getInt(1), row.getString(2),
							(since != null) ? since.toInstant() : null, row.getString(4));
				});
		return holders.isEmpty() ? LockHolder.FREE : holders.get(0);
	}

	/** The granted advisory lock of a key in this database. */
	private static String where(long key) {
		// A bigint advisory key is split over classid (high half) and objid (low half), objsubid 1.
		return " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1" + " AND l.classid::bigint = "
				+ (key >>> 32) + " AND l.objid::bigint = " + (key & 0xFFFFFFFFL)
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";
	}

	static String describe(LockHolder holder) {
		if (!holder.held()) {
			return "a session that has just ended";
		}
		// backend_start and client_addr are null for a session of another role unless this one
		// may read all statistics (pg_read_all_stats): say nothing rather than 'since null'.
		return "pid " + holder.pid() + " (application_name '" + holder.application() + "'"
				+ ((holder.since() != null) ? ", connected since " + holder.since() : "")
				+ ((holder.client() != null) ? " from " + holder.client() : "") + ")";
	}

	/**
	 * Lends the lock's session, idle while the run migrates, to a reader of the catalog (the
	 * blocker watch): a pool that holds only the lock's connection and the migration's has none
	 * to spare. Only queries in autocommit: a transaction left open on it would make every
	 * {@code CREATE INDEX CONCURRENTLY} of the run wait for it.
	 */
	JdbcSqlSink.SessionOpener lender() {
		return new JdbcSqlSink.SessionOpener() {

			@Override
			public Session open() throws SQLException {
				if (MigrationLock.this.closed) {
					throw new SQLException("The migration lock's session is closed", "08003");
				}
				return MigrationLock.this.session;
			}

			@Override
			public void release(Session session) {
				// Lent: it stays open, and holds the lock, until the lock is closed.
			}

			@Override
			public String migratingPid() {
				// The migration session holds the work lock while it migrates.
				return "(SELECT l.pid FROM pg_catalog.pg_locks l" + where(MigrationLock.this.workKey) + ")";
			}

		};
	}

	/** Releases the lock and closes its session. */
	@Override
	public void close() {
		this.closed = true;
		if (this.workHeld) {
			try {
				// The migration session goes on (a pooled one back to its pool): it must let go itself.
				this.worker.execute("SELECT pg_advisory_unlock(" + this.workKey + ")");
				this.workHeld = false;
			}
			catch (SQLException ex) {
				// A broken session holds nothing any more.
			}
		}
		try {
			if (this.held) {
				this.session.execute("SELECT pg_advisory_unlock(" + this.key + ")");
				this.held = false;
			}
		}
		catch (SQLException ex) {
			// The lock dies with the session closed below.
		}
		finally {
			this.session.close();
		}
	}

}
