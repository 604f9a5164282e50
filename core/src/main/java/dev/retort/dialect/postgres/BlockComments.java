package dev.retort.dialect.postgres;

/**
 * Where a PostgreSQL block comment ends, for readers that skip comments in SQL text without
 * splitting it (lint's tokens, the first words of a statement). Block comments nest in
 * PostgreSQL, unlike in Java or the SQL standard.
 */
public final class BlockComments {

	private BlockComments() {
	}

	/**
	 * @param sql the text
	 * @param at the index of the comment's opening {@code /*}
	 * @return the index just after its closing {@code *}{@code /}, or the text's length when it is
	 * never closed
	 */
	public static int end(String sql, int at) {
		int depth = 0;
		int i = at;
		while (i + 1 < sql.length()) {
			if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

}
