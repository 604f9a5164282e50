package dev.retort.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The SQL a Java revision renders to offline ({@code show}, {@code lint}).
 *
 * @param sql the statements, as a script; when rendering stopped, it ends with a comment saying why
 * @param stoppedBecause why rendering stopped short (the revision asked for the JDBC connection, or
 * threw), or {@code null} when it rendered in full
 * @param refusedInTransaction when rendering stopped at an operation that cannot run inside the
 * revision's transaction ({@code CONCURRENTLY}, a batched backfill), that operation, on one line
 * (its first statement, or the backfill named): the revision fails there when it runs; else {@code null}
 * @param calls from the line of {@code sql} where each statement (or the closing comment) starts, the
 * revision's {@code Class:line} that rendered it
 */
public record RenderedJava(String sql, String stoppedBecause, String refusedInTransaction,
		NavigableMap<Integer, String> calls) {

	public RenderedJava {
		calls = Collections.unmodifiableNavigableMap(new TreeMap<>(calls));
	}

	/**
	 * The revision's {@code Class:line} that rendered the statement on a line of {@link #sql}.
	 * @param line a line of {@code sql}, from 1
	 * @return the call, or {@code null} above the first statement
	 */
	public String call(int line) {
		Map.Entry<Integer, String> entry = this.calls.floorEntry(line);
		return (entry != null) ? entry.getValue() : null;
	}

	/** Whether the SQL is all the revision runs. */
	public boolean complete() {
		return this.stoppedBecause == null;
	}

}
