package dev.retort.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.dialect.postgres.BlockComments;
import dev.retort.dialect.postgres.DollarQuotes;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The tables, views and sequences of the migrated schema that a statement of the model names
 * with that schema: {@code alter table if exists public.orders add constraint …}, as Hibernate
 * writes with {@code hibernate.default_schema=public}, or pg_dump's {@code public.orders}. Such a
 * statement acts on the database's own table, not on the model's, whatever the search_path: it
 * would take a lock there that blocks the application's writes for as long as the comparison
 * runs (or, for a unique constraint on a big table, while it builds the index). Found in the text,
 * before anything of the model runs; strings, comments and dollar-quoted bodies are skipped.
 */
final class SchemaQualifiedNames {

	private SchemaQualifiedNames() {
	}

	/**
	 * Refuses a model with a statement that names a table, view or sequence of the migrated
	 * schema by that schema, at the line of the first such name, before any statement runs.
	 * @param before what the migrated schema holds ({@code kind name}, as
	 * {@code AutogenerateCommand} lists it)
	 */
	static void requireNone(String modelSource, List<SqlStatement> statements, String schema, Set<String> before) {
		List<String> locations = new ArrayList<>();
		Set<String> named = new LinkedHashSet<>();
		for (SqlStatement statement : statements) {
			for (Name name : of(statement.sql(), schema)) {
				if (before.contains("table " + name.name()) || before.contains("view " + name.name())
						|| before.contains("sequence " + name.name())) {
					int line = statement.line() + (int) statement.sql().substring(0, name.at()).chars()
						.filter((c) -> c == '\n')
						.count();
					locations.add(modelSource + ":" + line);
					named.add(schema + "." + name.name());
				}
			}
		}
		if (!locations.isEmpty()) {
			String others = (locations.size() == 1) ? ""
					: " (so do " + String.join(", ", locations.subList(1, locations.size())) + ")";
			throw new RetortException(ErrorCode.CONFIGURATION, locations.get(0) + ": the model names "
					+ String.join(", ", named) + " of schema " + schema + ", the schema Retort migrates" + others
					+ ": such a statement acts on the database's own table, not on the model's, and would hold its lock,"
					+ " blocking your application's writes, until the comparison ends. Refused before the model ran;"
					+ " nothing was changed. Leave the names in the model unqualified (orders, not " + schema
					+ ".orders; Hibernate qualifies them when hibernate.default_schema is set, pg_dump always).");
		}
	}

	/**
	 * A name qualified with the schema.
	 * @param name the object's name as PostgreSQL folds it
	 * @param at where the schema's name starts in the statement
	 */
	record Name(String name, int at) {
	}

	/** The names the statement qualifies with {@code schema} ({@code public.orders}, {@code "public"."Orders"}). */
	static List<Name> of(String sql, String schema) {
		List<Name> names = new ArrayList<>();
		// The last two tokens: a name equal to the schema, then a dot.
		int schemaAt = -1;
		boolean dot = false;
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			int start = i;
			String identifier = null;
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				while (i < n && sql.charAt(i) != '\n') {
					i++;
				}
				continue;
			}
			if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				i = BlockComments.end(sql, i);
				continue;
			}
			if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
				i = stringEnd(sql, (c == '\'') ? i : i + 1, c != '\'');
			}
			else if (c == '$' && DollarQuotes.tagEnd(sql, i) > 0) {
				int tagEnd = DollarQuotes.tagEnd(sql, i);
				int end = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
				i = (end < 0) ? n : end + (tagEnd - i);
			}
			else if (c == '"') {
				StringBuilder quoted = new StringBuilder();
				int j = i + 1;
				while (j < n && (sql.charAt(j) != '"' || (j + 1 < n && sql.charAt(j + 1) == '"'))) {
					quoted.append(sql.charAt(j));
					j += (sql.charAt(j) == '"') ? 2 : 1;
				}
				identifier = quoted.toString();
				i = j + 1;
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i + 1;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
					j++;
				}
				identifier = sql.substring(i, j).toLowerCase(Locale.ROOT);
				i = j;
			}
			else if (c == '.' && schemaAt >= 0 && !dot) {
				dot = true;
				i++;
				continue;
			}
			else {
				i++;
			}
			if (identifier != null && dot) {
				names.add(new Name(identifier, schemaAt));
			}
			// A name after a dot is never a schema's (public.public.x is a column reference, not ours).
			schemaAt = (identifier != null && !dot && identifier.equals(schema)) ? start : -1;
			dot = false;
		}
		return names;
	}

	/** The index after the string whose opening quote is at {@code quote}. */
	private static int stringEnd(String sql, int quote, boolean backslashEscapes) {
		int j = quote + 1;
		while (j < sql.length()) {
			char d = sql.charAt(j);
			if (d == '\\' && backslashEscapes) {
				j += 2;
			}
			else if (d == '\'' && j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
				j += 2;
			}
			else if (d == '\'') {
				return j + 1;
			}
			else {
				j++;
			}
		}
		return sql.length();
	}

}
