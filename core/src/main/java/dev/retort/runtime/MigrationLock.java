package dev.retort.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;

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
 */
public final class MigrationLock implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MigrationLock.class);

	private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

	private static final long MAX_POLL_MILLIS = 1000;

	private final Session session;

	private final long key;

	private boolean held;

	private MigrationLock(Session session, long key) {
		this.session = session;
		this.key = key;
	}

	/** The advisory lock key of a schema and version table: the first 8 bytes of a SHA-256. */
	public static long key(TableNames names) {
		byte[] digest = Sha256
			.digest(("retort:" + names.schema() + "." + names.versionTable()).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest, 0, 8).getLong();
	}

	/**
	 * Acquires the lock on {@code session} (which it then owns and closes), waiting up to
	 * {@code timeout} and logging the holder every ten seconds while it waits.
	 */
	public static MigrationLock acquire(Session session, TableNames names, Duration timeout) {
		MigrationLock lock = new MigrationLock(session, key(names));
		try {
			lock.waitFor(timeout, names);
			return lock;
		}
		catch (RuntimeException ex) {
			session.close();
			throw ex;
		}
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
				if (tryLock()) {
					this.held = true;
					return;
				}
				long now = System.nanoTime();
				if (now - deadline >= 0) {
					LockHolder holder = holder(this.session, this.key);
					throw new LockTimeoutException("Could not acquire the migration lock of "
							+ names.qualifiedVersionTable() + " within " + Sql.describe(timeout) + ": it is held by "
							+ describe(holder) + ". Wait for that migration to finish, or end that session"
							+ " (SELECT pg_terminate_backend(" + holder.pid() + ")) if it is stuck;"
							+ " raise 'retort.lock.wait-timeout' to wait longer.", holder, Duration.ofNanos(now - start));
				}
				if (now - nextLog >= 0) {
					logger.info("Waiting for the migration lock of {}: held by {}", names.qualifiedVersionTable(),
							describe(holder(this.session, this.key)));
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
			Thread.currentThread().interrupt();
			throw new RetortException(ErrorCode.RUNTIME, "Interrupted while waiting for the migration lock of "
					+ names.qualifiedVersionTable() + ".");
		}
	}

	private boolean tryLock() throws SQLException {
		return this.session.query("SELECT pg_try_advisory_lock(" + this.key + ")", (row) -> row.getBoolean(1)).get(0);
	}

	/** Who holds the lock of a key, read from {@code pg_locks} and {@code pg_stat_activity}. */
	public static LockHolder holder(Session session, long key) throws SQLException {
		// A bigint advisory key is split over classid (high half) and objid (low half), objsubid 1.
		List<LockHolder> holders = session.query("SELECT a.pid, a.application_name, a.backend_start"
				+ " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
				+ " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1" + " AND l.classid::bigint = "
				+ (key >>> 32) + " AND l.objid::bigint = " + (key & 0xFFFFFFFFL)
				+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())", (row) -> {
					Timestamp since = row.getTimestamp(3);
					return new LockHolder(true, row.getInt(1), row.getString(2),
							(since != null) ? since.toInstant() : null);
				});
		return holders.isEmpty() ? LockHolder.FREE : holders.get(0);
	}

	static String describe(LockHolder holder) {
		if (!holder.held()) {
			return "a session that has just ended";
		}
		return "pid " + holder.pid() + " (application_name '" + holder.application() + "', connected since "
				+ holder.since() + ")";
	}

	/** Releases the lock and closes its session. */
	@Override
	public void close() {
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
