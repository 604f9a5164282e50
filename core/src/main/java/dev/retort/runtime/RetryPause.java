package dev.retort.runtime;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a runner's migration session shows while the runner waits to retry a revision (or a
 * statement) that gave up on {@code lock_timeout}: it rolled back and idles through its backoff,
 * and {@code pg_stat_activity} would show only {@code idle, 'ROLLBACK'}, as it does for a runner
 * that hangs. Before each backoff the session runs a statement whose text says so, and a runner
 * waiting for the migration lock reads it there: it tells an operator not to end a healthy runner.
 * One round trip per retry, none when nothing is retried.
 */
final class RetryPause {

	private static final Pattern NOTE = Pattern
		.compile("^/\\* retort: retry (\\d+) of (\\d+) in (\\d+) ms after lock_timeout \\*/");

	private final int attempt;

	private final int retries;

	private final Duration backoff;

	RetryPause(int attempt, int retries, Duration backoff) {
		this.attempt = attempt;
		this.retries = retries;
		this.backoff = backoff;
	}

	/** The statement the migration session runs before its backoff: its text is the note. */
	String statement() {
		return "/* retort: retry " + this.attempt + " of " + this.retries + " in " + this.backoff.toMillis()
				+ " ms after lock_timeout */ SELECT 1";
	}

	/** The pause an idle session's last statement announced, or {@code null} for any other statement. */
	static RetryPause of(String state, String query) {
		if (!"idle".equals(state) || query == null) {
			return null;
		}
		Matcher matcher = NOTE.matcher(query);
		if (!matcher.find()) {
			return null;
		}
		try {
			return new RetryPause(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
					Duration.ofMillis(Long.parseLong(matcher.group(3))));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * What a waiting runner says of the session that pauses, idle for {@code idleSeconds} since
	 * its note: a healthy runner, what it waits for, and when it tries again.
	 */
	String describe(long idleSeconds) {
		long left = Math.max(0, (this.backoff.toMillis() + 999) / 1000 - idleSeconds);
		return "waiting to retry after lock_timeout, retry " + this.attempt + " of " + this.retries
				+ " in about " + left + " s: healthy, it waits for a lock that another session holds"
				+ " ('retort.ddl.lock-timeout', 'retort.ddl.retries')";
	}

}
