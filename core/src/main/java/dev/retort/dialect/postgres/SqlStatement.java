package dev.retort.dialect.postgres;

/**
 * One SQL statement cut from a script, with the line it starts on (1-based, in its file), so
 * that an error can point at {@code file:line}.
 *
 * @param sql the statement text, without the terminating semicolon
 * @param line the line where the statement starts
 */
public record SqlStatement(String sql, int line) {
}
