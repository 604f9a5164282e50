package dev.retort.runtime;

import java.sql.SQLException;
import java.util.List;

/**
 * Why the database refused to write ({@code read_only_sql_transaction}): a hot standby, which no
 * session can write, or {@code default_transaction_read_only} set for the role, the database or
 * the connection, which the migrating role can be rid of. The two are fixed in different places,
 * and PostgreSQL's message is the same for both, so which one it is is read on failure only.
 *
 * @param standby the server is in recovery (a hot standby, a replica): only the primary is
 * writable
 * @param advice what to say, after PostgreSQL's message
 */
record ReadOnlySession(boolean standby, String advice) {

	/** When the server could not be asked: both readings, as before it was asked. */
	static final ReadOnlySession UNKNOWN = new ReadOnlySession(true, FailureMessage.READ_ONLY_ADVICE);

	/** Reads one row of a query of Retort's own, each column as text, or {@code null} for none. */
	@FunctionalInterface
	interface RowReader {

		List<String> row(String sql) throws SQLException;

	}

	/**
	 * Asks the server which of the two it is.
	 * @param reader the session that was refused, its failed transaction rolled back
	 */
	static ReadOnlySession of(RowReader reader) {
		List<String> found;
		try {
			found = reader.row("SELECT pg_is_in_recovery(), current_user, current_database(), (SELECT source FROM"
					+ " pg_settings WHERE name = 'default_transaction_read_only')");
		}
		catch (SQLException | RuntimeException ex) {
			// Only a better message was at stake.
			return UNKNOWN;
		}
		if (found == null) {
			return UNKNOWN;
		}
		if ("t".equals(found.get(0)) || "true".equals(found.get(0))) {
			return new ReadOnlySession(true, "The database refused to write: the server is a hot standby (a replica in"
					+ " recovery), which no session can write. The revisions are not at fault: point the migration's"
					+ " connection at the primary, writable server.");
		}
		String role = Sql.identifier(found.get(1));
		String database = Sql.identifier(found.get(2));
		String source = String.valueOf(found.get(3));
		// A role's setting wins over the database's and the server's; one for the role in this database wins
		// over the role's; the connection's own wins over all of them.
		String where;
		String fix;
		switch (source) {
			case "client" -> {
				where = "by the connection itself (options in the URL, or PGOPTIONS)";
				fix = "remove it from the connection's options";
			}
			case "database user" -> {
				where = "for the role " + role + " in database " + database;
				fix = "ALTER ROLE " + role + " IN DATABASE " + database + " RESET default_transaction_read_only";
			}
			case "user" -> {
				where = "for the role " + role;
				fix = "ALTER ROLE " + role + " RESET default_transaction_read_only";
			}
			default -> {
				where = "database".equals(source) ? "for the database " + database
						: "in the server's configuration (" + source + ")";
				fix = "ALTER ROLE " + role + " SET default_transaction_read_only = off";
			}
		}
		return new ReadOnlySession(false, "The database refused to write: the server is writable, but"
				+ " default_transaction_read_only is on for this session, set " + where + ". The revisions are not at"
				+ " fault: turn it off (" + fix + "), or migrate as a role without it"
				+ " ('retort.user', --user).");
	}

}
