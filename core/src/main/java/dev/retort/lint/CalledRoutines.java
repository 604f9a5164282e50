package dev.retort.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.containsSequence;
import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.tableKeyword;

/**
 * The functions and procedures a revision creates whose body PostgreSQL reads at the first call,
 * not at the {@code CREATE}: PL/pgSQL, and SQL whose body {@link SqlFunctionBody} finds unread (a
 * polymorphic argument, check_function_bodies off). A value the body cannot read yet fails the
 * statement that calls it, so PG118 reads the body there. What the linted revisions create, kept
 * across them in the {@link Catalog}: a call in a later revision reads the body as well. A routine
 * made before the linted range, or one called by another routine or a trigger, is not followed.
 */
final class CalledRoutines {

	/**
	 * A routine whose body is read at a call.
	 * @param name its name, the last part
	 * @param kind {@code function} or {@code procedure}
	 * @param whenRead why its body is read at the call, for the message
	 * @param body its body's text
	 */
	record Routine(String name, String kind, String whenRead, String body) {

		/**
		 * The statements of the body, each as the rules read a statement; one that starts after
		 * PL/pgSQL's words ({@code BEGIN INSERT INTO …}) also from its {@code INSERT}, which is
		 * where an INSERT's values are read as its columns'.
		 */
		List<List<Token>> statements() {
			List<List<Token>> statements = new ArrayList<>();
			try {
				for (SqlStatement piece : StatementSplitter.split(this.body, 1)) {
					List<Token> tokens = Tokens.of(piece.sql());
					statements.add(tokens);
					int insert = indexOfWordAtDepth(tokens, "INSERT", 0);
					if (insert > 0) {
						statements.add(tokens.subList(insert, tokens.size()));
					}
				}
			}
			catch (RuntimeException ex) {
				// A body PostgreSQL would refuse: the run says why, the lint has nothing to read.
			}
			return statements;
		}

	}

	/** The routines created so far, by name (the last part, as PostgreSQL folds it). */
	private final Map<String, Routine> routines = new HashMap<>();

	/** What is known so far, apart: a downgrade's routines must not reach the revisions after it. */
	CalledRoutines copy() {
		CalledRoutines copy = new CalledRoutines();
		copy.routines.putAll(this.routines);
		return copy;
	}

	/**
	 * Records the routine {@code tokens} creates when PostgreSQL reads its body at the first call
	 * ({@code readAtCreation}: whether it reads a SQL body at this {@code CREATE}); forgets one that
	 * {@code CREATE OR REPLACE} gives a body read at once.
	 */
	void created(List<Token> tokens, boolean readAtCreation) {
		int kind = startsWith(tokens, 1, "OR", "REPLACE") ? 3 : 1;
		if (!startsWith(tokens, 0, "CREATE")
				|| !(startsWith(tokens, kind, "FUNCTION") || startsWith(tokens, kind, "PROCEDURE"))) {
			return;
		}
		String name = nameAt(tokens, kind + 1);
		int languageAt = indexOfWordAtDepth(tokens, "LANGUAGE", 0);
		int as = indexOfWordAtDepth(tokens, "AS", 0);
		if (name == null || languageAt < 0 || languageAt + 1 >= tokens.size() || as < 0 || as + 1 >= tokens.size()
				|| tokens.get(as + 1).kind() != Tokens.Kind.STRING) {
			return;
		}
		String language = tokens.get(languageAt + 1).text().toLowerCase(Locale.ROOT);
		String routine = tokens.get(kind).text().toLowerCase(Locale.ROOT);
		if (language.equals("plpgsql")) {
			this.routines.put(name, new Routine(name, routine, "PostgreSQL reads a PL/pgSQL body at the call",
					tokens.get(as + 1).text()));
		}
		else if (language.equals("sql") && !readAtCreation) {
			this.routines.put(name, new Routine(name, routine, "PostgreSQL reads this SQL body at the call, not at the"
					+ " CREATE", tokens.get(as + 1).text()));
		}
		else {
			this.routines.remove(name);
		}
	}

	/**
	 * The routine recorded here that {@code tokens} calls ({@code name(…)}, {@code CALL name(…)}),
	 * or {@code null}. Not a statement that names one without running it: a {@code CREATE} other
	 * than of a table {@code AS} a query or a materialized view (a routine's own, a trigger's
	 * {@code EXECUTE FUNCTION}, a view's query), {@code DROP}, {@code ALTER}, {@code COMMENT},
	 * {@code GRANT}, {@code REVOKE}.
	 */
	Routine calledBy(List<Token> tokens) {
		if (this.routines.isEmpty() || tokens.isEmpty() || namesWithoutCalling(tokens)) {
			return null;
		}
		for (int i = 0; i + 1 < tokens.size(); i++) {
			Token token = tokens.get(i);
			boolean name = token.kind() == Tokens.Kind.WORD || token.kind() == Tokens.Kind.QUOTED;
			if (name && tokens.get(i + 1).isSymbol('(')) {
				Routine routine = this.routines.get(token.name());
				if (routine != null) {
					return routine;
				}
			}
		}
		return null;
	}

	private static boolean namesWithoutCalling(List<Token> tokens) {
		Token first = tokens.get(0);
		if (first.is("CREATE")) {
			// Of what CREATE makes, only a table made AS a query and a materialized view run the query now;
			// a view, a routine, a trigger, a column's default run nothing yet.
			boolean tableAsQuery = tableKeyword(tokens) >= 0 && indexOfWordAtDepth(tokens, "AS", 0) >= 0;
			return !tableAsQuery && !containsSequence(tokens, "MATERIALIZED", "VIEW");
		}
		return first.is("DROP") || first.is("ALTER") || first.is("COMMENT") || first.is("GRANT") || first.is("REVOKE");
	}

}
