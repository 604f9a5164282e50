package dev.retort.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

/**
 * The kit's lock on its database, held while an assertion runs (a session-level advisory lock, of
 * a key of two integers, which Retort's own lock never uses): test classes run in parallel
 * (JUnit's {@code junit.jupiter.execution.parallel.*}) or in several forks, sharing the kit's
 * database, would otherwise empty it under each other's round trip. One waits for the other.
 */
final class KitLock {

	private static final String LOCK = "SELECT pg_advisory_lock(hashtext('" + KitSessions.APPLICATION_NAME + "'), 0)";

	private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('" + KitSessions.APPLICATION_NAME + "'), 0)";

	/**
	 * A lock for the kits of each {@code DataSource} of this JVM ({@link #exclusively}); weakly held,
	 * so that a test context closed and its pool dropped takes its entry along.
	 */
	private static final Map<DataSource, ReentrantLock> KITS_OF_A_POOL = Collections.synchronizedMap(new WeakHashMap<>());

	private final DataSource dataSource;

	private final KitSessions sessions;

	KitLock(DataSource dataSource, KitSessions sessions) {
		this.dataSource = dataSource;
		this.sessions = sessions;
	}

	/**
	 * Runs an assertion holding the kit's lock on its database. Kits of one {@code DataSource} in
	 * this JVM wait for each other here first, holding no connection: each waiting on the advisory
	 * lock with a connection of the pool took it from the one running, which then waited for the
	 * pool's timeout and failed for a pool too small.
	 */
	void exclusively(Runnable assertion) {
		if (this.sessions.locked()) {
			// assertAll(): the lock is held already.
			assertion.run();
			return;
		}
		if (this.dataSource != null) {
			// Before any wait: a pool too small waited its connection timeout (30 s) before failing.
			String shortfall = PoolCapacity.shortfall(this.dataSource);
			if (shortfall != null) {
				throw new IllegalStateException(shortfall);
			}
		}
		ReentrantLock pool = (this.dataSource != null)
				? KITS_OF_A_POOL.computeIfAbsent(this.dataSource, (key) -> new ReentrantLock(true)) : null;
		if (pool != null) {
			pool.lock();
		}
		try {
			lockedInTheDatabase(assertion);
		}
		finally {
			if (pool != null) {
				pool.unlock();
			}
		}
	}

	private void lockedInTheDatabase(Runnable assertion) {
		try (Connection session = this.sessions.open()) {
			try (Statement statement = session.createStatement()) {
				statement.execute(LOCK);
			}
			this.sessions.lockedBy(session);
			try {
				assertion.run();
			}
			finally {
				this.sessions.lockedBy(null);
				// Explicitly: a pool's connection goes back to the pool with its session, and its lock.
				try (Statement statement = session.createStatement()) {
					statement.execute(UNLOCK);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not lock the test database: " + ex.getMessage(), ex);
		}
	}

}
