package dev.retort.runtime;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For a revision that failed on a type, function or operator class PostgreSQL does not find
 * ({@code type "citext" does not exist}): the extension that provides one of that name in a
 * schema the migrations' search_path leaves out ({@code citext} in {@code extensions}, as Supabase
 * installs it, while {@code retort.schema} sets the search_path to {@code public} alone).
 * PostgreSQL's own message says nothing of it. Read on failure only, once the failed transaction
 * is gone.
 */
final class ExtensionElsewhere {

	/** undefined_object (a type, an operator class) and undefined_function. */
	private static final Set<String> UNDEFINED = Set.of("42704", "42883");

	private static final Pattern QUOTED = Pattern.compile("^(?:ERROR: )?(type|operator class) \"([^\"]+)\" does not exist");

	private static final Pattern FUNCTION = Pattern.compile("^(?:ERROR: )?function ([^\\s(]+)\\(.*\\) does not exist");

	private ExtensionElsewhere() {
	}

	/**
	 * What to do, or {@code null} when the failure is not such a one.
	 * @param sink the migration session, its failed transaction rolled back
	 * @param transactional whether the revision runs in a transaction ({@code SET LOCAL} works there)
	 * @param configuredSchema {@code retort.schema}, or {@code null}
	 */
	static String advice(SqlSink sink, StatementFailure failure, boolean transactional, String configuredSchema) {
		SQLException cause = failure.sqlException();
		if (cause == null || !UNDEFINED.contains(String.valueOf(cause.getSQLState())) || sink.offline()
				|| failure.sessionLost()) {
			return null;
		}
		String problem = FailureMessage.firstLine(cause.getMessage());
		Matcher quoted = QUOTED.matcher(problem);
		Matcher function = FUNCTION.matcher(problem);
		String kind;
		String name;
		if (quoted.find()) {
			kind = quoted.group(1);
			name = quoted.group(2);
		}
		else if (function.find()) {
			kind = "function";
			name = function.group(1);
		}
		else {
			return null;
		}
		// Named with the wrong schema (public.citext), it is still the extension's to point to.
		name = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
		List<String> found;
		try {
			found = sink.queryRow(query(kind, name));
		}
		catch (SQLException | RuntimeException ex) {
			// Only a better message was at stake.
			return null;
		}
		if (found == null) {
			return null;
		}
		String extension = found.get(0);
		String schema = Sql.identifier(found.get(1));
		String searchPath = found.get(2);
		String setting = (transactional ? "SET LOCAL search_path = " : "SET search_path = ") + searchPath + ", "
				+ schema;
		return "The " + kind + " " + name + " is extension " + extension + "'s, installed in schema " + schema
				+ ", which the search_path the revisions run with (" + searchPath + ") does not find. Name it with its"
				+ " schema in the revision (" + schema + "." + name + "), or have the search_path find " + schema + ": "
				+ ((configuredSchema != null) ? "retort.schema sets it to " + Sql.identifier(configuredSchema)
						+ " alone, so leave retort.schema unset for the database's or role's search_path (ALTER ROLE …"
						+ " SET search_path = " + searchPath + ", " + schema + "), or set it"
						: "ALTER ROLE … SET search_path = " + searchPath + ", " + schema + ", or set it")
				+ " in the revision before its first statement (" + setting + ")"
				+ (transactional ? "." : "; Retort puts it back after the revision.");
	}

	/** The extension, the schema of its object of that kind and name off the search_path, and the search_path. */
	private static String query(String kind, String name) {
		// catalog, its schema column, its name column
		List<String> columns = switch (kind) {
			case "type" -> List.of("pg_type", "typnamespace", "typname");
			case "function" -> List.of("pg_proc", "pronamespace", "proname");
			default -> List.of("pg_opclass", "opcnamespace", "opcname");
		};
		return "SELECT e.extname, n.nspname, current_setting('search_path') FROM " + columns.get(0) + " o"
				+ " JOIN pg_namespace n ON n.oid = o." + columns.get(1) + " JOIN pg_depend d ON d.classid = '"
				+ columns.get(0) + "'::regclass AND d.objid = o.oid AND d.refclassid = 'pg_extension'::regclass"
				+ " AND d.deptype = 'e' JOIN pg_extension e ON e.oid = d.refobjid WHERE o." + columns.get(2) + " = "
				+ Sql.literal(name) + " AND n.nspname <> ALL (current_schemas(true)) ORDER BY 2, 1 LIMIT 1";
	}

}
