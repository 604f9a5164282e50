package dev.retort.runtime;

/**
 * The SQL a Java revision renders to offline ({@code show}, {@code lint}).
 *
 * @param sql the statements, as a script; when rendering stopped, it ends with a comment saying why
 * @param stoppedBecause why rendering stopped short (the revision asked for the JDBC connection, or
 * threw), or {@code null} when it rendered in full
 * @param refusedInTransaction when rendering stopped at an operation that cannot run inside the
 * revision's transaction ({@code CONCURRENTLY}, a batched backfill), that operation, on one line
 * (its first statement, or the backfill named): the revision fails there when it runs; else {@code null}
 */
public record RenderedJava(String sql, String stoppedBecause, String refusedInTransaction) {

	/** Whether the SQL is all the revision runs. */
	public boolean complete() {
		return this.stoppedBecause == null;
	}

}
