package dev.retort.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a revision whose new constraint the table's rows break ({@code column "note" of relation
 * "orders" contains null values}, {@code check constraint "c" of relation "orders" is violated by
 * some row}): the statement is sound, the data stops it, and PostgreSQL names no row. Worked out
 * from the message and the statement alone, without a query.
 */
final class ExistingRows {

	private static final Pattern NULLS = Pattern.compile(
			"^(?:ERROR: )?column \"([^\"]+)\" of relation \"([^\"]+)\" contains null values");

	private static final Pattern CHECK = Pattern.compile(
			"^(?:ERROR: )?check constraint \"([^\"]+)\" of relation \"([^\"]+)\" is violated by some row");

	private ExistingRows() {
	}

	/**
	 * What to do, or {@code null} when the failure is not such a one.
	 * @param databaseMessage PostgreSQL's message, its first line
	 * @param sql the failing statement, or {@code null} when it is not known
	 */
	static String advice(String databaseMessage, String sql) {
		Matcher nulls = NULLS.matcher(databaseMessage);
		if (nulls.find()) {
			String column = Sql.identifier(nulls.group(1));
			String table = Sql.identifier(nulls.group(2));
			if (addsTheColumn(sql, nulls.group(1))) {
				// A new column is NULL in every existing row: no UPDATE can come before the ADD.
				return "The column is added NOT NULL without a DEFAULT to a table that has rows, which it would leave"
						+ " NULL. Add it with a DEFAULT, or add it nullable, fill it (UPDATE " + table + " SET " + column
						+ " = …), then SET NOT NULL; then run again.";
			}
			return "Rows of " + table + " hold NULL in " + column + ": the data, not the statement, stops it. Give"
					+ " them a value first (UPDATE " + table + " SET " + column + " = … WHERE " + column + " IS NULL),"
					+ " in this revision before this statement or by hand, then run again.";
		}
		Matcher check = CHECK.matcher(databaseMessage);
		if (check.find()) {
			String table = Sql.identifier(check.group(2));
			return "Rows of " + table + " break check constraint " + Sql.identifier(check.group(1)) + ": the data,"
					+ " not the statement, stops it. Fix those rows first, in this revision before this statement or by"
					+ " hand, then run again; or add the constraint NOT VALID, so that it holds for new rows, and"
					+ " VALIDATE CONSTRAINT it once the old ones are fixed.";
		}
		return null;
	}

	/** Whether the statement adds that column ({@code ALTER TABLE t ADD [COLUMN] [IF NOT EXISTS] note …}). */
	private static boolean addsTheColumn(String sql, String column) {
		if (sql == null) {
			return false;
		}
		String name = Pattern.quote(column);
		return Pattern.compile("(?is)\\badd\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?(?:" + name + "|\"" + name
				+ "\")\\s").matcher(sql).find();
	}

}
