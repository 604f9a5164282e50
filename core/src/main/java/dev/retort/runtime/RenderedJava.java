package dev.retort.runtime;

/**
 * The SQL a Java revision renders to offline ({@code show}, {@code lint}).
 *
 * @param sql the statements, as a script; when rendering stopped, it ends with a comment saying why
 * @param stoppedBecause why rendering stopped short (the revision asked for the JDBC connection, or
 * threw), or {@code null} when it rendered in full
 */
public record RenderedJava(String sql, String stoppedBecause) {

	/** Whether the SQL is all the revision runs. */
	public boolean complete() {
		return this.stoppedBecause == null;
	}

}
