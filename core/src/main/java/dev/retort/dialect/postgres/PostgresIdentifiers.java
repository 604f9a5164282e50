package dev.retort.dialect.postgres;

import java.util.Set;
import java.util.regex.Pattern;

import dev.retort.operation.QualifiedName;

/**
 * Writes identifiers the way PostgreSQL reads them, quoting only when needed: names that are not
 * all lower case ASCII letters, digits, {@code _} and {@code $} (or start with a digit or
 * {@code $}), and reserved words. Quoting a lower case name would be harmless but noisy;
 * leaving an upper case name unquoted would silently fold it to lower case.
 */
public final class PostgresIdentifiers {

	/**
	 * The keywords PostgreSQL 17 does not accept as a column or table name: its
	 * {@code RESERVED_KEYWORD} and {@code TYPE_FUNC_NAME_KEYWORD} lists (kwlist.h).
	 */
	static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
			"asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
			"current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
			"default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
			"foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
			"leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
			"placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
			"system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
			"when", "where", "window", "with", "authorization", "binary", "collation", "concurrently", "cross",
			"current_schema", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
			"notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose");

	private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

	private PostgresIdentifiers() {
	}

	/** {@code users} → {@code users}; {@code User} → {@code "User"}; {@code order} → {@code "order"}. */
	public static String quote(String identifier) {
		if (PLAIN.matcher(identifier).matches() && !RESERVED.contains(identifier)) {
			return identifier;
		}
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** Whether PostgreSQL reads {@code word} unquoted as a keyword rather than a table or schema name. */
	public static boolean isReserved(String word) {
		return RESERVED.contains(word);
	}

	/** {@code "billing.Invoices"} → {@code billing."Invoices"}. */
	public static String qualified(String name) {
		return qualified(QualifiedName.parse(name));
	}

	/** A qualified name, each part quoted as needed. */
	public static String qualified(QualifiedName name) {
		return (name.schema() != null) ? quote(name.schema()) + "." + quote(name.name()) : quote(name.name());
	}

	/** Whether {@code text} reads as one column name rather than an expression. */
	static boolean isColumnName(String text) {
		return Pattern.matches("[A-Za-z_][A-Za-z0-9_$]*", text);
	}

}
