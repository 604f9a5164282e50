package dev.retort.dialect.postgres;

import java.util.List;

/**
 * Splits SQL text into statements the way PostgreSQL reads it: dollar-quoted bodies with any
 * tag, quoted identifiers, standard and {@code E''} strings, nested block comments and line
 * comments never split a statement.
 *
 * <p>SKELETON: implemented with the script work (issue 2).
 */
public final class StatementSplitter {

	private StatementSplitter() {
	}

	/**
	 * The statements of {@code sql}; {@code firstLine} is the line of the file {@code sql}
	 * starts on. Statements holding only comments or whitespace are dropped.
	 */
	public static List<SqlStatement> split(String sql, int firstLine) {
		throw new IllegalStateException("skeleton");
	}

}
