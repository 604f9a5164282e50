package dev.retort.lint;

import java.util.List;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.actions;
import static dev.retort.lint.TokenReading.alterTableName;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * PG105's way out for the statement it fires on: how that statement runs a second time as it
 * ran the first. PostgreSQL gives {@code IF [NOT] EXISTS} to most statements but not to all:
 * {@code ALTER TABLE … ADD CONSTRAINT} and {@code CREATE TYPE} have none, and advice to write one
 * there sends the user to a syntax error.
 */
final class RerunnableFix {

	/** The objects whose CREATE takes IF NOT EXISTS. */
	private static final Set<String> IF_NOT_EXISTS = Set.of("TABLE", "INDEX", "UNIQUE", "SEQUENCE", "SCHEMA",
			"EXTENSION", "MATERIALIZED", "UNLOGGED", "TEMP", "TEMPORARY", "FOREIGN", "STATISTICS", "SERVER");

	/** The objects whose CREATE takes OR REPLACE instead. */
	private static final Set<String> OR_REPLACE = Set.of("VIEW", "FUNCTION", "PROCEDURE", "TRIGGER", "RULE",
			"AGGREGATE", "RECURSIVE");

	private static final Set<String> CONSTRAINT_WORDS = Set.of("CONSTRAINT", "CHECK", "FOREIGN", "PRIMARY", "UNIQUE",
			"EXCLUDE", "NOT");

	private RerunnableFix() {
	}

	/** The words of a CREATE or DROP that say what it makes, before the name. */
	private static final Set<String> KIND_WORDS = Set.of("UNIQUE", "INDEX", "CONCURRENTLY", "MATERIALIZED", "VIEW",
			"UNLOGGED", "TEMP", "TEMPORARY", "TABLE", "FOREIGN", "SEQUENCE", "SCHEMA", "EXTENSION", "STATISTICS",
			"SERVER", "TYPE", "DOMAIN", "FUNCTION", "PROCEDURE", "TRIGGER", "RULE", "AGGREGATE", "RECURSIVE", "POLICY",
			"COLLATION", "CAST", "OPERATOR", "PUBLICATION", "ROLE");

	/** The fix for {@code tokens}, a statement PG105 fires on. */
	static String of(List<Token> tokens) {
		String single = "Or one statement per non-transactional revision.";
		String kind = kind(tokens);
		if (startsWith(tokens, 0, "DROP")) {
			return kind + " IF EXISTS. " + single;
		}
		if (startsWith(tokens, 0, "CREATE") && tokens.size() > 1) {
			Token object = tokens.get(1);
			if (IF_NOT_EXISTS.contains(object.text())) {
				return kind + " IF NOT EXISTS. " + single;
			}
			if (OR_REPLACE.contains(object.text())) {
				return "CREATE OR REPLACE " + kind.substring("CREATE ".length()) + ". " + single;
			}
			return kind + " has no IF NOT EXISTS: run it in a DO block that checks the catalog first (for a type or"
					+ " a domain: DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_type WHERE typname = '...') THEN " + kind
					+ " ...; END IF; END $$;). " + single;
		}
		String table = alterTableName(tokens);
		StringBuilder guards = new StringBuilder();
		for (List<Token> action : actions(tokens)) {
			if (startsWith(action, 0, "ADD") && action.size() > 1 && CONSTRAINT_WORDS.contains(action.get(1).text())) {
				String constraint = action.get(1).is("CONSTRAINT") ? nameAt(action, 2) : null;
				return "ADD CONSTRAINT has no IF NOT EXISTS: run it in a DO block that checks pg_constraint first: DO $$"
						+ " BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = '" + table + "'::regclass AND"
						+ " conname = '" + ((constraint != null) ? constraint : "<its name>") + "') THEN ALTER TABLE "
						+ table + " ADD CONSTRAINT " + ((constraint != null) ? constraint : "<its name>") + " ...; END IF;"
						+ " END $$;" + ((constraint != null) ? "" : " (name the constraint, so that the check can find it)")
						+ " " + single;
			}
			String guard = startsWith(action, 0, "ADD") ? "ADD COLUMN IF NOT EXISTS"
					: startsWith(action, 0, "DROP", "CONSTRAINT") ? "DROP CONSTRAINT IF EXISTS"
							: startsWith(action, 0, "DROP") ? "DROP COLUMN IF EXISTS" : null;
			if (guard != null && guards.indexOf(guard) < 0) {
				guards.append((guards.length() > 0) ? ", " : "").append(guard);
			}
		}
		return ((guards.length() > 0) ? guards + " in the ALTER TABLE. " : "") + single;
	}

	/** {@code CREATE UNIQUE INDEX CONCURRENTLY}: the statement's words up to the name of what it makes. */
	private static String kind(List<Token> tokens) {
		StringBuilder kind = new StringBuilder(tokens.get(0).text());
		for (int i = 1; i < tokens.size() && tokens.get(i).kind() == Tokens.Kind.WORD
				&& KIND_WORDS.contains(tokens.get(i).text()); i++) {
			kind.append(' ').append(tokens.get(i).text());
		}
		return kind.toString();
	}

}
