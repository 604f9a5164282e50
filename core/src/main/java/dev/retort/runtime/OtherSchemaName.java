package dev.retort.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For an "already exists" failure in a run that migrates a configured schema (a schema per
 * tenant), the name of the failing statement that puts the object in another schema:
 * {@code CREATE TABLE public.audit_log} in a tenant's revision. Every tenant's run runs the
 * revision, so the second tenant meets the table the first one made, and "built before Retort,
 * stamp it" would be the wrong advice. Read from the statement's text, on failure only.
 */
final class OtherSchemaName {

	private static final String PART = "(\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";

	private static final Pattern QUALIFIED = Pattern.compile(PART + "\\s*\\.\\s*" + PART);

	/** The names PostgreSQL's message quotes: {@code relation "audit_log"}, {@code column "kind" of relation "t"}. */
	private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")+)\"");

	private OtherSchemaName() {
	}

	/**
	 * @param statement the failing statement
	 * @param databaseMessage PostgreSQL's message (first line)
	 * @param schema the schema the run migrates
	 * @return the name as the statement writes it ({@code public.audit_log}) when its schema is not
	 * {@code schema} and its last part is an object the message names, else {@code null}
	 */
	static String find(String statement, String databaseMessage, String schema) {
		if (statement == null || schema == null) {
			return null;
		}
		List<String> named = new ArrayList<>();
		Matcher quoted = QUOTED.matcher(databaseMessage);
		while (quoted.find()) {
			named.add(quoted.group(1).replace("\"\"", "\""));
		}
		Matcher qualified = QUALIFIED.matcher(statement);
		while (qualified.find()) {
			String in = name(qualified.group(1));
			if (!in.equals(schema) && !in.equals("pg_catalog") && named.contains(name(qualified.group(2)))) {
				return qualified.group();
			}
		}
		return null;
	}

	/** A name part as PostgreSQL reads it: quoted as written, unquoted folded to lower case. */
	private static String name(String part) {
		return part.startsWith("\"") ? part.substring(1, part.length() - 1).replace("\"\"", "\"")
				: part.toLowerCase(Locale.ROOT);
	}

}
