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

	private ScriptStartGuard() {
	}

	/**
	 * The check that {@code names}' version table holds every one of {@code heads} and none of
	 * {@code written}, the first statement of the script: a database without the version table
	 * (the wrong one, or one never migrated) is refused before the script creates anything in it.
	 * @param written the revisions the script writes into the version table and those built on
	 * them, {@code heads} excepted: held by the table, they say the script ran already
	 */
	public static String statement(TableNames names, List<String> heads, List<String> written) {
		String table = names.qualifiedVersionTable();
		String check = check(names, heads, written, "Retort: this script starts where " + table + " holds "
				+ String.join(", ", heads) + ", but it holds ",
				". Nothing of it was run: it ran already, or the database moved since the script was written."
						+ " 'retort current' shows where it stands; write the script again from there ('current' as FROM).");
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
						+ " step is not recorded. 'retort current' shows where the database stands.");
	}

	/**
	 * The check of a script that starts at base: the version table holds none of
	 * {@code lineage}, the revisions on the branches it writes. Without it, such a script run on
	 * a database that holds one (a stamp, an upgrade whose first statements are idempotent) adds
	 * its rows beside it: an ancestor and its descendant both as heads.
	 */
	public static String baseStatement(TableNames names, List<String> lineage) {
		String table = names.qualifiedVersionTable();
		String listed = lineage.stream().map(Sql::literal).collect(Collectors.joining(", "));
		return "DO $retort$\nDECLARE\n    held text;\nBEGIN\n"
				+ "    SELECT string_agg(version_num, ', ' ORDER BY version_num) INTO held FROM " + table
				+ "\n        WHERE version_num IN (" + listed + ");\n"
				+ "    IF held IS NOT NULL THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = "
				+ Sql.literal("Retort: this script starts at base, but " + table + " holds ") + " || held || "
				+ Sql.literal(", on the branches it writes. Nothing of it was run: it ran already, or the database"
						+ " moved since the script was written. 'retort current' shows where it stands; write the"
						+ " script again from there ('current' as FROM).")
				+ ";\n    END IF;\nEND\n$retort$";
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
			String advice) {
		String table = names.qualifiedVersionTable();
		String expected = heads.stream().map(Sql::literal).collect(Collectors.joining(", "));
		String unexpectedRows = unexpected.isEmpty() ? ""
				: "\n        OR EXISTS (SELECT 1 FROM " + table + " WHERE version_num IN ("
						+ unexpected.stream().map(Sql::literal).collect(Collectors.joining(", ")) + "))";
		return "DO $retort$\nBEGIN\n"
				+ "    IF (SELECT count(*) FROM " + table + " WHERE version_num IN (" + expected + ")) <> "
				+ heads.size() + unexpectedRows + " THEN\n"
				+ "        RAISE EXCEPTION USING MESSAGE = " + Sql.literal(message) + "\n"
				+ "            || coalesce((SELECT string_agg(version_num, ', ' ORDER BY version_num) FROM " + table
				+ "), 'no row')\n"
				+ "            || " + Sql.literal(advice) + ";\n"
				+ "    END IF;\nEND\n$retort$";
	}

}
