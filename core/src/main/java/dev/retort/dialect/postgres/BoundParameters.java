package dev.retort.dialect.postgres;

import java.util.List;

/**
 * The {@code ?} placeholders of {@code op.execute(sql, values…)}, read as pgjdbc reads them: a
 * {@code ?} outside strings, quoted identifiers, dollar quotes and comments is a parameter, and
 * {@code ??} is a {@code ?} (the jsonb operator). Online the statement is prepared with the values
 * bound; offline each placeholder becomes the value's literal, written by
 * {@link PostgresLiterals#value} as a bulk insert's are.
 */
final class BoundParameters {

	private BoundParameters() {
	}

	/**
	 * {@code sql} with each placeholder replaced by its value's literal and each {@code ??} by
	 * {@code ?}.
	 * @throws IllegalArgumentException when the placeholders and the values do not pair up
	 */
	static String inline(String sql, List<Object> values) {
		List<Integer> marks = StatementSplitter.questionMarks(sql);
		ensureCount(sql, marks, values);
		StringBuilder inlined = new StringBuilder(sql.length() + 16 * values.size());
		int from = 0;
		int value = 0;
		for (int i = 0; i < marks.size(); i++) {
			int at = marks.get(i);
			inlined.append(sql, from, at);
			if (i + 1 < marks.size() && marks.get(i + 1) == at + 1) {
				inlined.append('?');
				i++;
				from = at + 2;
				continue;
			}
			String literal = PostgresLiterals.value(values.get(value++));
			// After a '-' (a - ?), a negative number's sign would start a '--' comment.
			inlined.append(literal.startsWith("-") ? "(" + literal + ")" : literal);
			from = at + 1;
		}
		return inlined.append(sql, from, sql.length()).toString();
	}

	/** Throws unless {@code sql} has one placeholder for each of {@code values}. */
	static void ensureCount(String sql, List<Object> values) {
		ensureCount(sql, StatementSplitter.questionMarks(sql), values);
	}

	private static void ensureCount(String sql, List<Integer> marks, List<Object> values) {
		int placeholders = 0;
		for (int i = 0; i < marks.size(); i++) {
			if (i + 1 < marks.size() && marks.get(i + 1) == marks.get(i) + 1) {
				i++;
			}
			else {
				placeholders++;
			}
		}
		if (placeholders != values.size()) {
			throw new IllegalArgumentException("op.execute was given " + values.size()
					+ ((values.size() == 1) ? " value" : " values") + " for " + placeholders + " '?' placeholder"
					+ ((placeholders == 1) ? "" : "s") + " in '" + shorten(sql) + "': give one value per '?' (a '?'"
					+ " inside quotes or a comment is not a placeholder; write the jsonb operator ? as ??)");
		}
	}

	private static String shorten(String sql) {
		String line = sql.strip().replaceAll("\\s+", " ");
		return (line.length() > 120) ? line.substring(0, 117) + "..." : line;
	}

}
