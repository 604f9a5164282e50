package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * PG125: what a statement makes, changes or writes in a schema other than the one the revisions
 * run for ({@code retort.schema}, {@code --schema}). With a schema per tenant every tenant's run
 * runs the revision again: the qualified name reaches the same object each time, so the second
 * run fails on what the first made ({@code relation "audit_log" already exists}) or does it once
 * more (an {@code INSERT}'s rows once per tenant). What a statement only reads there (a view's
 * {@code FROM public.plans}, a foreign key's {@code REFERENCES public.plans}) is the same for every
 * tenant, and is not flagged.
 */
final class OtherSchemaNames {

	/** The kinds of object a {@code CREATE}, {@code ALTER} or {@code DROP} names right after its kind. */
	private static final Set<String> KINDS = Set.of("TABLE", "VIEW", "SEQUENCE", "TYPE", "DOMAIN", "FUNCTION",
			"PROCEDURE", "AGGREGATE", "INDEX");

	/** What {@code CREATE} may say before the kind of object. */
	private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY",
			"UNLOGGED", "MATERIALIZED", "RECURSIVE", "GLOBAL", "LOCAL");

	/** The session's own temporary schema is every run's own. */
	private static final String TEMPORARY_SCHEMA = "pg_temp";

	private OtherSchemaNames() {
	}

	/**
	 * The first name the statement makes, changes or writes that is qualified with a schema other
	 * than {@code schema}, as written ({@code public.audit_log}), or {@code null}.
	 */
	static String of(List<Token> tokens, String schema) {
		for (int at : targets(tokens)) {
			String qualifier = qualifier(tokens, at);
			if (qualifier != null && !qualifier.equals(schema) && !qualifier.equals(TEMPORARY_SCHEMA)) {
				return qualifier + "." + tokens.get(afterName(tokens, at) - 1).name();
			}
		}
		return null;
	}

	/**
	 * The extension a {@code CREATE EXTENSION} makes when every schema's run cannot make it alike, or
	 * {@code null}: an extension is the database's, created in one schema. Without {@code IF NOT
	 * EXISTS} the second schema's run fails; with it but in the run's own schema (no {@code SCHEMA},
	 * or {@code schema}), the others go on without its types and functions, which are off their
	 * {@code search_path}. {@code IF NOT EXISTS … SCHEMA} another schema is made once, alike for all.
	 */
	static String extension(List<Token> tokens, String schema) {
		if (!startsWith(tokens, 0, "CREATE", "EXTENSION")) {
			return null;
		}
		int at = skip(tokens, 2, "IF", "NOT", "EXISTS");
		if (at >= tokens.size()) {
			return null;
		}
		boolean ifNotExists = at > 2;
		int schemaWord = indexOfWordAtDepth(tokens, "SCHEMA", 0);
		String into = (schemaWord > 0 && schemaWord + 1 < tokens.size()) ? tokens.get(schemaWord + 1).name() : null;
		return (ifNotExists && into != null && !into.equals(schema)) ? null : tokens.get(at).name();
	}

	/** Where the names the statement makes, changes or writes start. */
	private static List<Integer> targets(List<Token> tokens) {
		List<Integer> targets = new ArrayList<>();
		if (startsWith(tokens, 0, "CREATE")) {
			int at = 1;
			while (at < tokens.size() && CREATE_MODIFIERS.contains(tokens.get(at).text())
					&& tokens.get(at).kind() == Tokens.Kind.WORD) {
				at++;
			}
			if (startsWith(tokens, at, "INDEX") || startsWith(tokens, at, "TRIGGER")) {
				// The index, or the trigger, is made in its table's schema.
				int on = indexOfWordAtDepth(tokens, "ON", 0);
				if (on > 0) {
					targets.add(skip(tokens, on + 1, "ONLY"));
				}
			}
			else if (at < tokens.size() && KINDS.contains(tokens.get(at).text())) {
				targets.add(skip(tokens, at + 1, "IF", "NOT", "EXISTS"));
			}
		}
		else if (startsWith(tokens, 0, "ALTER") || startsWith(tokens, 0, "DROP")) {
			int at = skip(tokens, 1, "MATERIALIZED");
			if (at < tokens.size() && KINDS.contains(tokens.get(at).text())) {
				at = skip(tokens, at + 1, "CONCURRENTLY");
				at = skip(tokens, skip(tokens, at, "IF", "EXISTS"), "ONLY");
				names(tokens, at, targets, startsWith(tokens, 0, "DROP"));
			}
		}
		else if (startsWith(tokens, 0, "INSERT", "INTO") || startsWith(tokens, 0, "MERGE", "INTO")) {
			targets.add(2);
		}
		else if (startsWith(tokens, 0, "UPDATE")) {
			targets.add(skip(tokens, 1, "ONLY"));
		}
		else if (startsWith(tokens, 0, "DELETE", "FROM")) {
			targets.add(skip(tokens, 2, "ONLY"));
		}
		else if (startsWith(tokens, 0, "TRUNCATE")) {
			names(tokens, skip(tokens, skip(tokens, 1, "TABLE"), "ONLY"), targets, true);
		}
		else if (startsWith(tokens, 0, "WITH")) {
			writesOfWith(tokens, targets);
		}
		return targets;
	}

	/**
	 * The tables {@code WITH … AS (…) INSERT | UPDATE | DELETE | MERGE …} writes: its main statement's,
	 * which follows the closing parenthesis of the last WITH query, and those of the WITH queries
	 * that write ({@code WITH moved AS (UPDATE public.plans … RETURNING id) …}), which open theirs.
	 * Not the {@code UPDATE} of {@code ON CONFLICT DO UPDATE} or {@code FOR UPDATE}, which follow
	 * other words.
	 */
	private static void writesOfWith(List<Token> tokens, List<Integer> targets) {
		for (int i = 1; i < tokens.size(); i++) {
			Token before = tokens.get(i - 1);
			if (!before.isSymbol('(') && !before.isSymbol(')')) {
				continue;
			}
			if (startsWith(tokens, i, "INSERT", "INTO") || startsWith(tokens, i, "MERGE", "INTO")) {
				targets.add(i + 2);
			}
			else if (startsWith(tokens, i, "UPDATE")) {
				targets.add(skip(tokens, i + 1, "ONLY"));
			}
			else if (startsWith(tokens, i, "DELETE", "FROM")) {
				targets.add(skip(tokens, i + 2, "ONLY"));
			}
		}
	}

	/** The name at {@code at}, and with {@code list} the names after it, comma-separated. */
	private static void names(List<Token> tokens, int at, List<Integer> targets, boolean list) {
		targets.add(at);
		while (list) {
			at = afterName(tokens, at);
			if (at >= tokens.size() || !tokens.get(at).isSymbol(',')) {
				return;
			}
			at++;
			targets.add(at);
		}
	}

	/** The schema of the qualified name at {@code at}, as PostgreSQL folds it, or {@code null} if unqualified. */
	private static String qualifier(List<Token> tokens, int at) {
		if (at < 0 || at + 2 >= tokens.size() || !isName(tokens.get(at)) || !tokens.get(at + 1).isSymbol('.')
				|| !isName(tokens.get(at + 2))) {
			return null;
		}
		// database.schema.name: the part before the last.
		int schema = at;
		while (schema + 4 < tokens.size() && tokens.get(schema + 3).isSymbol('.') && isName(tokens.get(schema + 4))) {
			schema += 2;
		}
		return tokens.get(schema).name();
	}

	private static boolean isName(Token token) {
		return token.kind() == Tokens.Kind.WORD || token.kind() == Tokens.Kind.QUOTED;
	}

}
