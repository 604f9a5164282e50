package dev.retort.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Safe-DDL settings of migration statements: {@code lock_timeout} so a statement waiting for a
 * busy table gives up instead of queueing every query behind it, an optional
 * {@code statement_timeout}, and how often a revision that hit the lock timeout is retried.
 *
 * @param lockTimeout {@code lock_timeout}, or {@code null}/zero for none
 * @param statementTimeout {@code statement_timeout}, or {@code null} for none
 * @param retries retries of a revision that failed on a lock timeout
 */
public record DdlSettings(Duration lockTimeout, Duration statementTimeout, int retries) {

	/** No timeouts, no retries. */
	public static final DdlSettings NONE = new DdlSettings(null, null, 0);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/** The settings for a transaction ({@code SET LOCAL}) or a session ({@code SET}). */
	List<Bookkeeping> apply(boolean local) {
		String set = local ? "SET LOCAL " : "SET ";
		return assignments().stream().map((assignment) -> new Bookkeeping(set + assignment, Bookkeeping.ANY_ROWS))
			.toList();
	}

	/**
	 * The settings as {@code SET} writes them ({@code lock_timeout = '5s'}), none when neither is
	 * set: what a script's reader is told it sets.
	 */
	public List<String> assignments() {
		List<String> assignments = new ArrayList<>();
		if (hasLockTimeout()) {
			assignments.add("lock_timeout = " + Sql.millis(this.lockTimeout));
		}
		if (hasStatementTimeout()) {
			assignments.add("statement_timeout = " + Sql.millis(this.statementTimeout));
		}
		return List.copyOf(assignments);
	}

	/** Statements undoing {@link #apply(boolean) apply(false)}. */
	List<Bookkeeping> reset() {
		List<Bookkeeping> statements = new ArrayList<>();
		if (hasLockTimeout()) {
			statements.add(new Bookkeeping("RESET lock_timeout", Bookkeeping.ANY_ROWS));
		}
		if (hasStatementTimeout()) {
			statements.add(new Bookkeeping("RESET statement_timeout", Bookkeeping.ANY_ROWS));
		}
		return statements;
	}

	/**
	 * How long to wait before retry {@code attempt} (1-based): the lock timeout doubled each
	 * time, at most 30 seconds, so a short busy spell is waited out without hammering the table.
	 */
	Duration backoff(int attempt) {
		Duration base = hasLockTimeout() ? this.lockTimeout : Duration.ofSeconds(1);
		Duration wait = base.multipliedBy(1L << Math.min(attempt - 1, 16));
		return (wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait;
	}

	private boolean hasStatementTimeout() {
		return this.statementTimeout != null && !this.statementTimeout.isZero();
	}

	boolean hasLockTimeout() {
		return this.lockTimeout != null && !this.lockTimeout.isZero() && !this.lockTimeout.isNegative();
	}

}
