package dev.retort.runtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The first statement of an offline script that starts above base: it stops the script, before
 * any revision runs, when the version table does not hold the rows the script starts from. Online,
 * every {@code UPDATE}/{@code DELETE} of the version table must touch its one row (the guard of
 * {@link Bookkeeping}); a script cannot count rows, and without this check one run twice, or on a
 * database that moved since it was written, would match no row and record in the history a step
 * the version table never made. Nor may the table hold a revision the script applies, or one
 * built on it: a step that adds a branch beside the start moves none of its rows, so a script
 * run a second time would run that branch again. A script that starts at base expects no row: it
 * may add a branch beside the ones the database holds, as online.
 */
public final class ScriptStartGuard {

	/** The placeholders of {@link UnrecordedRows}' messages. */
	private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern
		.compile(java.util.regex.Pattern.quote(UnrecordedRows.ROWS) + "|" + java.util.regex.Pattern.quote(UnrecordedRows.FIRST)
				+ "|" + java.util.regex.Pattern.quote(UnrecordedRows.KNOWN));

	private ScriptStartGuard() {
	}

	/**
	 * The check that {@code names}' version table holds every one of {@code heads} and none of
	 * {@code written}, the first statement of the script: a database without the version table
	 * (the wrong one, or one never migrated) is refused before the script creates anything in it.
	 * @param written the revisions the script writes into the version table and those built on
	 * them, {@code heads} excepted: held by the table, they say the script ran already
	 * @param unrecorded the rows to refuse after that, as an online upgrade does; {@code null}
	 * when the online command does not refuse them
	 */
	public static String statement(TableNames names, List<String> heads, List<String> written,
			UnrecordedRows unrecorded) {
		String table = names.qualifiedVersionTable();
		String check = check(names, heads, written, "Retort: this script starts where " + table + " holds "
				+ String.join(", ", heads) + ", but it holds ",
				". Nothing of it was run: it ran already, or the database moved since the script was written."
						+ " 'retort current' shows where it stands; write the script again from there ('current' as FROM).",
				unrecorded);
		String missing = "    IF to_regclass(" + Sql.literal(table) + ") IS NULL THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = " + Sql.literal("Retort: this script starts where " + table
						+ " holds " + String.join(", ", heads) + ", but database ")
				+ " || current_database() || "
				+ Sql.literal(" has no table " + table + ": not the database it was written for, or one never"
						+ " migrated. Nothing of it was run, and nothing was created. Connect to the right database, or"
						+ " write the script from base.")
				+ ";\n    END IF;\n";
		return check.replaceFirst("\nBEGIN\n", java.util.regex.Matcher.quoteReplacement("\nBEGIN\n" + missing));
	}

	/**
	 * The same check at the start of a step: it fails only when the script went on after a
	 * failed statement (psql without {@code ON_ERROR_STOP}) or runs a second time, and its error
	 * aborts the step's transaction, so the step is neither run nor recorded.
	 * @param step the step, as the script's comments name it ({@code a1 -> b2})
	 */
	public static String stepStatement(TableNames names, String step, List<String> heads) {
		return check(names, heads, List.of(), "Retort: step " + step + " starts where " + names.qualifiedVersionTable() + " holds "
				+ String.join(", ", heads) + ", but it holds ",
				". The script went on after an error (run it with psql -v ON_ERROR_STOP=1), or ran already: this"
						+ " step is not recorded. 'retort current' shows where the database stands.", null);
	}

	/**
	 * The check of a script that starts at base: the version table holds none of
	 * {@code lineage}, the revisions on the branches it writes. Without it, such a script run on
	 * a database that holds one (a stamp, an upgrade whose first statements are idempotent) adds
	 * its rows beside it: an ancestor and its descendant both as heads.
	 * @param unrecorded the rows to refuse after that, as an online upgrade does; {@code null}
	 * when the online command does not refuse them
	 */
	public static String baseStatement(TableNames names, List<String> lineage, UnrecordedRows unrecorded) {
		String table = names.qualifiedVersionTable();
		String listed = lineage.stream().map(Sql::literal).collect(Collectors.joining(", "));
		return "DO $retort$\nDECLARE\n    held text;\n" + declarations(unrecorded) + "BEGIN\n"
				+ "    SELECT string_agg(version_num, ', ' ORDER BY version_num) INTO held FROM " + table
				+ "\n        WHERE version_num IN (" + listed + ");\n"
				+ "    IF held IS NOT NULL THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = "
				+ Sql.literal("Retort: this script starts at base, but " + table + " holds ") + " || held || "
				+ Sql.literal(", on the branches it writes. Nothing of it was run: it ran already, or the database"
						+ " moved since the script was written. 'retort current' shows where it stands; write the"
						+ " script again from there ('current' as FROM).")
				+ ";\n    END IF;\n" + unrecordedCheck(names, unrecorded) + "END\n$retort$";
	}

	/**
	 * The check that the script is not run inside one transaction block ({@code psql -1}, that is
	 * {@code --single-transaction}, or psql's {@code AUTOCOMMIT off}). A DBA reads {@code -1} as
	 * "all or nothing", but a script of several steps commits each on its own: its first
	 * {@code COMMIT} ends psql's transaction, and a failure at the fourth step leaves the first
	 * three applied, where the DBA expected nothing to have changed. Only psql's warnings (there is
	 * already a transaction in progress) hinted at it. Two statements: the first sets a value for
	 * its transaction only, which the second sees only when both run in one transaction block.
	 * Whatever the client and its protocol: a comparison of the transaction's and the statement's
	 * start times is not, since a client using the extended protocol (JDBC) starts the statement
	 * after its transaction.
	 * @param steps how many steps the script commits apart
	 */
	public static List<String> notInOneTransactionStatements(int steps) {
		String mark = "DO $retort$\nBEGIN\n    PERFORM set_config('retort.script_transaction', 'open', true);\n"
				+ "END\n$retort$";
		String check = "DO $retort$\nBEGIN\n"
				+ "    IF current_setting('retort.script_transaction', true) = 'open' THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = "
				+ Sql.literal("Retort: this script runs inside a transaction block (psql -1 or --single-transaction,"
						+ " or AUTOCOMMIT off), but its " + steps + " steps commit each on its own: its first COMMIT"
						+ " would end that transaction, and a failure would not undo the steps before it. Nothing of"
						+ " it was run. Run it with psql -X -f FILE, without -1; for one transaction around every"
						+ " step, write the script with retort.transaction-mode: all.")
				+ ";\n    END IF;\nEND\n$retort$";
		return List.of(mark, check);
	}

	private static String check(TableNames names, List<String> heads, List<String> unexpected, String message,
			String advice, UnrecordedRows unrecorded) {
		String table = names.qualifiedVersionTable();
		String expected = heads.stream().map(Sql::literal).collect(Collectors.joining(", "));
		String unexpectedRows = unexpected.isEmpty() ? ""
				: "\n        OR EXISTS (SELECT 1 FROM " + table + " WHERE version_num IN ("
						+ unexpected.stream().map(Sql::literal).collect(Collectors.joining(", ")) + "))";
		return "DO $retort$\n" + ((unrecorded != null) ? "DECLARE\n" + declarations(unrecorded) : "") + "BEGIN\n"
				+ "    IF (SELECT count(*) FROM " + table + " WHERE version_num IN (" + expected + ")) <> "
				+ heads.size() + unexpectedRows + " THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = " + Sql.literal(message) + "\n"
				+ "            || coalesce((SELECT string_agg(version_num, ', ' ORDER BY version_num) FROM " + table
				+ "), 'no row')\n"
				+ "            || " + Sql.literal(advice) + ";\n"
				+ "    END IF;\n" + unrecordedCheck(names, unrecorded) + "END\n$retort$";
	}

	private static String declarations(UnrecordedRows unrecorded) {
		return (unrecorded == null) ? "" : "    unrecorded text[];\n    known text;\n";
	}

	/**
	 * The part of a guard that refuses the rows no revision file declares and the history does
	 * not record applied (its last successful step is no downgrade), in the online run's words:
	 * the files' ids are listed once; the history, which a database Alembic migrated lacks, is
	 * read only for the rows the files do not declare.
	 */
	private static String unrecordedCheck(TableNames names, UnrecordedRows unrecorded) {
		if (unrecorded == null) {
			return "";
		}
		String table = names.qualifiedVersionTable();
		String history = names.qualifiedHistoryTable();
		String declared = unrecorded.declared().stream().map(Sql::literal).collect(Collectors.joining(", "));
		return "    SELECT array_agg(version_num ORDER BY version_num) FILTER (WHERE NOT declared),\n"
				+ "            string_agg(version_num, ', ' ORDER BY version_num) FILTER (WHERE declared)\n"
				+ "        INTO unrecorded, known\n"
				+ "        FROM (SELECT version_num, version_num IN (" + declared + ") AS declared FROM " + table
				+ ") AS version_rows;\n"
				+ "    IF unrecorded IS NOT NULL AND to_regclass(" + Sql.literal(history) + ") IS NOT NULL THEN\n"
				+ "        SELECT array_agg(r ORDER BY r) INTO unrecorded FROM unnest(unrecorded) AS r\n"
				+ "            WHERE coalesce((SELECT operation FROM " + history + " WHERE success AND revision = r"
				+ " ORDER BY id DESC LIMIT 1), 'downgrade') = 'downgrade';\n"
				+ "    END IF;\n"
				+ "    IF unrecorded IS NOT NULL THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = 'Retort: ' || CASE WHEN known IS NULL THEN "
				+ filled(unrecorded.fromBase()) + "\n            ELSE " + filled(unrecorded.beside()) + " END;\n"
				+ "    END IF;\n";
	}

	/** {@code template} as SQL: its literal text, and the values its placeholders stand for. */
	private static String filled(String template) {
		StringBuilder sql = new StringBuilder();
		java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(template);
		int from = 0;
		while (placeholder.find()) {
			sql.append(Sql.literal(template.substring(from, placeholder.start()))).append(" || ")
				.append(switch (placeholder.group()) {
					case UnrecordedRows.ROWS -> "array_to_string(unrecorded, ', ')";
					case UnrecordedRows.FIRST -> "unrecorded[1]";
					default -> "known";
				})
				.append(" || ");
			from = placeholder.end();
		}
		return sql.append(Sql.literal(template.substring(from))).toString();
	}

	/**
	 * What an upgrade script refuses as the online upgrade does: version rows that no revision
	 * file declares and that the history does not record applied (Alembic's, or written by hand).
	 * A newer version's row, which it recorded, stands beside the rows the script moves, as online.
	 * @param declared the ids of every revision the files declare
	 * @param fromBase the message when no row is declared, with {@link #ROWS} and {@link #FIRST}
	 * @param beside the message beside declared rows, with {@link #ROWS}, {@link #FIRST} and
	 * {@link #KNOWN}
	 */
	public record UnrecordedRows(List<String> declared, String fromBase, String beside) {

		/** Stands for the rows the guard refuses. */
		public static final String ROWS = "\u0001rows\u0001";

		/** Stands for the first of them. */
		public static final String FIRST = "\u0001first\u0001";

		/** Stands for the declared rows beside them. */
		public static final String KNOWN = "\u0001known\u0001";

		public UnrecordedRows {
			declared = List.copyOf(declared);
		}

	}

}
