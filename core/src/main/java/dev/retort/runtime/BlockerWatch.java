package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

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

	/** Written under {@code this}; volatile for {@link DelayedStarts}, which reads it without. */
	private volatile boolean stopped;

	/** The session it reads from, once open; guarded by {@code this}. */
	private Session watcher;

	/** Its thread, once started: the first try of a revision that ends within the delay has none. */
	private volatile Thread thread;

	/** When a watch with a delay is due to start ({@link System#nanoTime()}). */
	private long startAt;

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
		if (opener == null) {
			return watch;
		}
		if (delay.isZero() || delay.isNegative()) {
			watch.startThread();
		}
		else {
			DelayedStarts.add(watch, delay.toNanos());
		}
		return watch;
	}

	private final Duration every;

	private BlockerWatch(JdbcSqlSink.SessionOpener opener, String query, Duration every) {
		this.opener = opener;
		this.query = query;
		this.every = every;
	}

	private void startThread() {
		if (this.stopped) {
			return;
		}
		Thread started = new Thread(this::watch, "retort-blocker-watch");
		started.setDaemon(true);
		this.thread = started;
		started.start();
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
		if (this.opener == null) {
			return;
		}
		Session opened;
		synchronized (this) {
			this.stopped = true;
			notifyAll();
			opened = this.watcher;
		}
		// Not started yet: it never will be. Started meanwhile: it sees 'stopped' and ends.
		if (opened == null) {
			// Still waiting for its session: it closes that itself when it comes.
			return;
		}
		try {
			// A query on the catalog: it ends at once.
			Thread started = this.thread;
			if (started != null) {
				started.join(Duration.ofSeconds(5).toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.opener.release(opened);
	}

	/**
	 * Starts the watches of first tries that outlast their delay, on one daemon thread that sleeps
	 * until the earliest is due and ends when it wakes to find none added or waiting. Every
	 * revision's first try is watched, and nearly all end within the delay: adding a watch (due
	 * after the ones before it) or stopping one (its {@code stopped} flag, seen when the thread
	 * wakes) sends no signal to another thread, where a scheduled executor signals its thread for
	 * each task.
	 */
	private static final class DelayedStarts implements Runnable {

		/** Watches not yet due; guarded by {@code DelayedStarts.class}, as are the fields below. */
		private static final List<BlockerWatch> waiting = new ArrayList<>();

		private static Thread sleeper;

		/** When the sleeper wakes next ({@link System#nanoTime()}). */
		private static long wakeAt;

		private static boolean addedSinceWake;

		static void add(BlockerWatch watch, long delayNanos) {
			watch.startAt = System.nanoTime() + delayNanos;
			synchronized (DelayedStarts.class) {
				waiting.add(watch);
				addedSinceWake = true;
				if (sleeper == null) {
					wakeAt = watch.startAt;
					sleeper = new Thread(new DelayedStarts(delayNanos), "retort-blocker-watch-start");
					sleeper.setDaemon(true);
					sleeper.start();
				}
				else if (watch.startAt - wakeAt < 0) {
					// Due before the sleeper wakes (a run with a shorter lock_timeout): wake it.
					wakeAt = watch.startAt;
					LockSupport.unpark(sleeper);
				}
			}
		}

		/** How long the sleeper waits, with nothing waiting, for a watch to be added before it ends. */
		private final long idleNanos;

		private DelayedStarts(long idleNanos) {
			this.idleNanos = idleNanos;
		}

		@Override
		public void run() {
			List<BlockerWatch> due = new ArrayList<>();
			while (true) {
				long wake;
				boolean idle = false;
				synchronized (DelayedStarts.class) {
					long now = System.nanoTime();
					if (now - wakeAt >= 0) {
						wake = now + this.idleNanos;
						for (Iterator<BlockerWatch> it = waiting.iterator(); it.hasNext();) {
							BlockerWatch watch = it.next();
							if (watch.stopped || now - watch.startAt >= 0) {
								it.remove();
								if (!watch.stopped) {
									due.add(watch);
								}
							}
							else if (watch.startAt - wake < 0) {
								wake = watch.startAt;
							}
						}
						if (waiting.isEmpty() && !addedSinceWake) {
							// Ends, but only after starting what fell due at this wake: the last watch
							// waiting is due at a wake with none added since the one before.
							sleeper = null;
							idle = true;
						}
						addedSinceWake = false;
						wakeAt = wake;
					}
					wake = wakeAt;
				}
				due.forEach(BlockerWatch::startThread);
				due.clear();
				if (idle) {
					return;
				}
				// Returns early when unparked (or spuriously): the loop looks again.
				LockSupport.parkNanos(wake - System.nanoTime());
			}
		}

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
