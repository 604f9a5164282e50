package dev.retort.runtime;

/**
 * A statement Retort writes to its own tables, with the number of rows it must touch: the
 * row-count guard of Alembic's version table (an {@code UPDATE} that matches no row means
 * another process moved the version).
 *
 * @param sql the statement
 * @param expectedRows rows it must touch, or {@link #ANY_ROWS}
 */
public record Bookkeeping(String sql, int expectedRows) {

	public static final int ANY_ROWS = -1;

}
