package dev.retort.runtime;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a revision whose statement the server refused for want of a privilege
 * ({@code must be owner of table orders}, {@code permission denied for schema app}): most often
 * the migration runs as the wrong role (the application's, not the one that owns the tables), and
 * the revision is not at fault. PostgreSQL's message names neither the role nor the owner, so
 * both are read on failure only, once the failed transaction is gone.
 */
final class MissingPrivilege {

	/** {@code must be owner of table orders}, {@code permission denied for schema app}. */
	private static final Pattern REFUSAL = Pattern.compile(
			"^(?:ERROR: )?(must be owner of|permission denied for) (table|relation|view|materialized view|sequence"
					+ "|index|foreign table|schema) (.+?)\\s*$");

	private MissingPrivilege() {
	}

	/**
	 * What to do, or {@code null} when the failure is not a refused privilege of the revision's
	 * own statement (Retort's rows have advice of their own).
	 * @param sink the migration session, its failed transaction rolled back
	 */
	static String advice(SqlSink sink, StatementFailure failure) {
		SQLException cause = failure.sqlException();
		if (cause == null || !FailureMessage.INSUFFICIENT_PRIVILEGE.equals(cause.getSQLState())
				|| failure.recording != null || sink.offline() || failure.sessionLost()) {
			return null;
		}
		Matcher refusal = REFUSAL.matcher(FailureMessage.firstLine(cause.getMessage()));
		boolean named = refusal.find();
		String kind = named ? refusal.group(2) : null;
		String name = named ? refusal.group(3) : null;
		List<String> found = null;
		try {
			found = sink.queryRow("SELECT current_user, " + ((name == null) ? "NULL"
					: "schema".equals(kind) ? "(SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = "
							+ Sql.literal(name) + ")"
							: "(SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = to_regclass(quote_ident("
									+ Sql.literal(name) + ")))"));
		}
		catch (SQLException | RuntimeException ex) {
			// Only the names were at stake: the advice stands without them.
		}
		String role = (found != null) ? "The role " + found.get(0) + ", which the migration runs as," : "The role the"
				+ " migration runs as";
		String owner = (found != null && found.get(1) != null) ? found.get(1) : null;
		String object = named ? kind + " " + name : null;
		StringBuilder advice = new StringBuilder(role);
		if (named && refusal.group(1).startsWith("must")) {
			advice.append(" does not own ").append(object).append(", and only its owner")
				.append((owner != null) ? " (" + owner + ")" : "").append(" may do this");
		}
		else if (named) {
			advice.append(" lacks a privilege on ").append(object)
				.append((owner != null) ? " (owned by " + owner + ")" : "").append(" that this statement needs");
		}
		else {
			advice.append(" lacks a privilege this statement needs");
		}
		return advice.append(": most often the migration runs as the wrong role (the application's instead of the one")
			.append(" that owns the tables), and the revision is not at fault. Migrate as ")
			.append((owner != null) ? "the owner, " + owner : "the role that owns them")
			.append(" ('retort.user', --user), or grant the migrating role what the statement needs; fix the revision")
			.append(" only if it should not touch ").append(named ? name : "that object").append(".")
			.toString();
	}

}
