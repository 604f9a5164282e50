package dev.retort.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.retort.revision.Sha256;

/**
 * The SQL a Java revision renders to offline ({@code show}, {@code lint}).
 *
 * @param sql the statements, as a script; when rendering stopped, it ends with a comment saying why
 * @param statements the statements as the revision rendered them, in order: what its checksum covers
 * @param stoppedBecause why rendering stopped short (the revision asked for the JDBC connection, or
 * threw), or {@code null} when it rendered in full
 * @param refusedInTransaction when rendering stopped at an operation that cannot run inside the
 * revision's transaction ({@code CONCURRENTLY}, a batched backfill), that operation, on one line
 * (its first statement, or the backfill named): the revision fails there when it runs; else {@code null}
 * @param calls from the line of {@code sql} where each statement (or the closing comment) starts, the
 * revision's {@code Class:line} that rendered it
 */
public record RenderedJava(String sql, List<String> statements, String stoppedBecause, String refusedInTransaction,
		NavigableMap<Integer, String> calls) {

	/** Ends what a checksum covers when rendering stopped short, so that a later stop or none reads as a change. */
	static final String STOPPED = "-- stops here";

	public RenderedJava {
		statements = List.copyOf(statements);
		calls = Collections.unmodifiableNavigableMap(new TreeMap<>(calls));
	}

	/**
	 * The checksum of a Java revision's upgrade: SHA-256 (lower-case hex) of the statements it
	 * renders offline, each followed by {@code ;} and a newline, then {@value #STOPPED} when the
	 * rendering stopped short (the revision asked for the JDBC connection, or threw). What runs,
	 * not how it was compiled: a rebuild or another JDK keeps it, an edit that changes the SQL
	 * does not. Where and why it stopped are left out: their messages hold line numbers, which
	 * move with every edit above them.
	 */
	public String checksum() {
		StringBuilder text = new StringBuilder();
		for (String statement : this.statements) {
			text.append(statement).append(";\n");
		}
		if (!complete()) {
			text.append(STOPPED);
		}
		return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8));
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
