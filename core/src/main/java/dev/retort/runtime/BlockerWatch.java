package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches, from a session of its own, which sessions block the lock waits of the migration
 * session: the last try of a revision that keeps hitting {@code lock_timeout} fails with nothing
 * to wait for any more, so {@code pg_blocking_pids()} must be read while it still waits. Started
 * for each try that may hit {@code lock_timeout}; the blockers it saw last are what the retry's
 * warning, or the last try's failure, names.
 */
final class BlockerWatch implements AutoCloseable {

	/** A watch that sees nothing (offline, or no session to watch from). */
	static final BlockerWatch NONE = new BlockerWatch(null, null, Duration.ZERO);

	private final JdbcSqlSink.SessionOpener opener;

	private final String query;

	private volatile List<Blocker> seen = List.of();

	private boolean stopped;

	/** The session it reads from, once open; guarded by {@code this}. */
	private Session watcher;

	private final Thread thread;

	/**
	 * @param opener gives the session to read from, on the watch's own thread (released with the
	 * watch): the migration lock's idle session when the run holds the lock, else a new one,
	 * which a pool with no connection to spare makes that thread wait for, never the migration's
	 * last try
	 * @param migrating the migration session's pid, or a SQL expression that gives it on the watch's session
	 * @param every how often to look
	 * @param delay how long to wait before the session is opened: a try that ends sooner costs none
	 */
	static BlockerWatch start(JdbcSqlSink.SessionOpener opener, String migrating, Duration every, Duration delay) {
		BlockerWatch watch = new BlockerWatch(opener, "SELECT pid, application_name, query_start, state, query, usename"
				+ " FROM pg_catalog.pg_stat_activity WHERE pid = ANY (pg_catalog.pg_blocking_pids(" + migrating
				+ ")) ORDER BY pid", every);
		if (delay.isZero() || delay.isNegative()) {
			watch.thread.start();
		}
		else {
			// Every first try of a revision is watched: one that ends within the delay, as nearly all
			// do, costs a scheduled task, not a thread.
			watch.scheduled = DELAYED_STARTS.schedule(watch.thread::start, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		return watch;
	}

	/** Starts the watches that wait; its one thread ends when idle, so nothing stays behind in a JVM. */
	private static final ScheduledThreadPoolExecutor DELAYED_STARTS = delayedStarts();

	private static ScheduledThreadPoolExecutor delayedStarts() {
		ScheduledThreadPoolExecutor starts = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "retort-blocker-watch-start");
			thread.setDaemon(true);
			return thread;
		});
		starts.setRemoveOnCancelPolicy(true);
		starts.setKeepAliveTime(1, TimeUnit.SECONDS);
		starts.allowCoreThreadTimeOut(true);
		return starts;
	}

	/** The start of a watch that waits, until it starts or is cancelled. */
	private volatile Future<?> scheduled;

	private final Duration every;

	private BlockerWatch(JdbcSqlSink.SessionOpener opener, String query, Duration every) {
		this.opener = opener;
		this.query = query;
		this.every = every;
		this.thread = (opener != null) ? new Thread(this::watch, "retort-blocker-watch") : null;
		if (this.thread != null) {
			this.thread.setDaemon(true);
		}
	}

	private void watch() {
		synchronized (this) {
			if (this.stopped) {
				// The try ended before its delay was out.
				return;
			}
		}
		Session session;
		try {
			session = this.opener.open();
		}
		catch (SQLException | RuntimeException ex) {
			// Only a better message was at stake.
			return;
		}
		synchronized (this) {
			if (this.stopped) {
				// The try ended while the pool kept this thread waiting: nothing left to watch.
				this.opener.release(session);
				return;
			}
			this.watcher = session;
		}
		while (true) {
			synchronized (this) {
				if (this.stopped) {
					return;
				}
			}
			try {
				List<Blocker> now = session.query(this.query, (row) -> new Blocker(row.getInt(1), row.getString(2),
						(row.getTimestamp(3) != null) ? row.getTimestamp(3).toInstant().toString() : null,
						row.getString(4), row.getString(5), row.getString(6)));
				if (!now.isEmpty()) {
					this.seen = List.copyOf(now);
				}
			}
			catch (SQLException ex) {
				// Only a better message was at stake.
				return;
			}
			synchronized (this) {
				if (!this.stopped) {
					try {
						wait(Math.max(1, this.every.toMillis()));
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}
	}

	/** The sessions that blocked the migration session when last seen blocked; empty if never. */
	List<Blocker> seen() {
		return this.seen;
	}

	@Override
	public void close() {
		if (this.thread == null) {
			return;
		}
		Session opened;
		synchronized (this) {
			this.stopped = true;
			notifyAll();
			opened = this.watcher;
		}
		Future<?> start = this.scheduled;
		if (start != null) {
			// Not started yet: it never will be. Started meanwhile: it sees 'stopped' and ends.
			start.cancel(false);
		}
		if (opened == null) {
			// Still waiting for its session: it closes that itself when it comes.
			return;
		}
		try {
			// A query on the catalog: it ends at once.
			this.thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.opener.release(opened);
	}

	/**
	 * A session that blocked the migration session.
	 *
	 * @param pid its backend pid
	 * @param application its {@code application_name}
	 * @param queryStart when its current (or, idle, last) query started
	 * @param state {@code active}, {@code idle in transaction}, …
	 * @param query its current or last query
	 * @param role the role it logged in as ({@code usename}), visible even where the rest is hidden
	 */
	record Blocker(int pid, String application, String queryStart, String state, String query, String role) {

		/** Whether PostgreSQL hid what it runs from the migration's role ({@link Visibility}). */
		boolean hidden() {
			return Visibility.hidden(this.state, this.query);
		}

		/** {@code pg_cancel_backend} stops a running statement; an idle transaction only ends with its session. */
		String howToEnd() {
			String terminate = "SELECT pg_terminate_backend(" + this.pid + ")";
			// A hidden session may be running a statement or idle in a transaction: both ways.
			return ("active".equals(this.state) || hidden())
					? "SELECT pg_cancel_backend(" + this.pid + ") to cancel its statement, " + terminate
							+ " to end its session"
					: terminate + " to end its session and roll back its transaction";
		}

	}

}
