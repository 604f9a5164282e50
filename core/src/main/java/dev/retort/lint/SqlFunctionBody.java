package dev.retort.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The quoted body of {@code CREATE [OR REPLACE] FUNCTION | PROCEDURE … LANGUAGE sql AS '…'} (or
 * {@code $$…$$}) that PostgreSQL reads when it creates the routine: it parses and analyses the
 * body's statements then (check_function_bodies, on unless a session turns it off), so a value it
 * cannot read yet fails the {@code CREATE} itself. Not with a polymorphic argument, whose type
 * is known only at a call, nor in another language (PL/pgSQL reads its body at the first call).
 * A body written {@code BEGIN ATOMIC … END} or {@code RETURN …} is not quoted: it is read with the
 * statement's own tokens.
 */
final class SqlFunctionBody {

	/** The pseudo-types an argument may have that leave the body unread until a call. */
	private static final Set<String> POLYMORPHIC = Set.of("ANYELEMENT", "ANYARRAY", "ANYNONARRAY", "ANYENUM",
			"ANYRANGE", "ANYMULTIRANGE", "ANYCOMPATIBLE", "ANYCOMPATIBLEARRAY", "ANYCOMPATIBLENONARRAY",
			"ANYCOMPATIBLERANGE", "ANYCOMPATIBLEMULTIRANGE");

	private SqlFunctionBody() {
	}

	/**
	 * The tokens of the body that PostgreSQL reads when the statement creates a SQL function or
	 * procedure, or {@code null} when the statement creates none, or one whose body it reads later.
	 */
	static List<Token> readAtCreation(List<Token> tokens) {
		int kind = startsWith(tokens, 1, "OR", "REPLACE") ? 3 : 1;
		if (!startsWith(tokens, 0, "CREATE")
				|| !(startsWith(tokens, kind, "FUNCTION") || startsWith(tokens, kind, "PROCEDURE"))) {
			return null;
		}
		int language = indexOfWordAtDepth(tokens, "LANGUAGE", 0);
		int as = indexOfWordAtDepth(tokens, "AS", 0);
		if (language < 0 || language + 1 >= tokens.size() || !tokens.get(language + 1).text().equalsIgnoreCase("SQL")
				|| as < 0 || as + 1 >= tokens.size() || tokens.get(as + 1).kind() != Tokens.Kind.STRING) {
			return null;
		}
		for (int i = kind + 1; i < as; i++) {
			if (tokens.get(i).depth() > 0 && tokens.get(i).kind() == Tokens.Kind.WORD
					&& POLYMORPHIC.contains(tokens.get(i).text())) {
				return null;
			}
		}
		return Tokens.of(tokens.get(as + 1).text());
	}

	/**
	 * Whether the statement turns check_function_bodies off for what follows it in the session
	 * ({@code SET check_function_bodies = false}, as pg_dump's output starts, or its set_config),
	 * {@link Boolean#TRUE}; turns it back on ({@code RESET}, {@code = on}, {@code DEFAULT}),
	 * {@link Boolean#FALSE}; or leaves it, {@code null}.
	 */
	static Boolean turnsChecksOff(List<Token> tokens) {
		String value = null;
		if (startsWith(tokens, 0, "RESET", "CHECK_FUNCTION_BODIES") || startsWith(tokens, 0, "RESET", "ALL")) {
			return Boolean.FALSE;
		}
		if (startsWith(tokens, 0, "SET")) {
			int at = startsWith(tokens, 1, "LOCAL") || startsWith(tokens, 1, "SESSION") ? 2 : 1;
			if (startsWith(tokens, at, "CHECK_FUNCTION_BODIES") && at + 2 < tokens.size()) {
				value = tokens.get(at + 2).text();
			}
		}
		else {
			SetConfigCall call = SetConfigCall.of(tokens, "check_function_bodies");
			value = (call != null) ? ((call.value() != null) ? call.value() : "DEFAULT") : null;
		}
		if (value == null) {
			return null;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "off", "false", "0", "no", "f", "n" -> Boolean.TRUE;
			default -> Boolean.FALSE;
		};
	}

}
