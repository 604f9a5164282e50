package dev.retort.dialect.postgres;

/**
 * Where the delimiter of a PostgreSQL dollar quote ({@code $$}, {@code $tag$}) ends, for readers
 * that skip quoted text in SQL without splitting it (lint's tokens, the schema-qualified names of
 * an autogenerate model, a {@code COPY}'s direction).
 */
public final class DollarQuotes {

	private DollarQuotes() {
	}

	/**
	 * @param sql the text
	 * @param at the index of a {@code $}
	 * @return the index after {@code $tag$} (or {@code $$}) starting at {@code at}, or -1: a tag
	 * does not start with a digit ({@code $1} is a parameter)
	 */
	public static int tagEnd(String sql, int at) {
		int j = at + 1;
		if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
			return -1;
		}
		while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
			j++;
		}
		return (j < sql.length() && sql.charAt(j) == '$') ? j + 1 : -1;
	}

}
