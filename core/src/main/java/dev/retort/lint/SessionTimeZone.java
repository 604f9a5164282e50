package dev.retort.lint;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.startsWith;

/**
 * Whether a statement sets the session's {@code TimeZone} to one of offset zero ({@code SET LOCAL
 * TimeZone = 'UTC'}, {@code SET TIME ZONE 'UTC'}, its {@code set_config}), under which PostgreSQL
 * changes a column between {@code timestamp} and {@code timestamptz} without rewriting the table:
 * it reads the stored values as UTC, and keeps them as they are (PG112).
 */
final class SessionTimeZone {

	/** The zones of offset zero, always, upper-cased. */
	private static final Set<String> UTC = Set.of("UTC", "ETC/UTC", "UCT", "ETC/UCT", "GMT", "ETC/GMT", "GMT0",
			"ETC/GMT0", "ZULU", "ETC/ZULU", "UNIVERSAL", "ETC/UNIVERSAL", "GREENWICH", "ETC/GREENWICH", "0");

	private SessionTimeZone() {
	}

	/**
	 * {@link Boolean#TRUE} when the statement sets a zone of offset zero, {@link Boolean#FALSE} when
	 * it sets another or resets it (to the runner's, the JVM's as pgjdbc sets it), {@code null} when
	 * it leaves it.
	 * @param transactional whether a {@code SET LOCAL} lasts past the statement (PostgreSQL ignores
	 * one outside a transaction block)
	 */
	static Boolean setsUtc(List<Token> tokens, boolean transactional) {
		if (startsWith(tokens, 0, "RESET", "TIMEZONE") || startsWith(tokens, 0, "RESET", "ALL")) {
			return Boolean.FALSE;
		}
		Token value = null;
		boolean local = false;
		if (startsWith(tokens, 0, "SET")) {
			local = startsWith(tokens, 1, "LOCAL");
			int at = (local || startsWith(tokens, 1, "SESSION")) ? 2 : 1;
			if (startsWith(tokens, at, "TIME", "ZONE")) {
				value = (at + 2 < tokens.size()) ? tokens.get(at + 2) : null;
			}
			else if (startsWith(tokens, at, "TIMEZONE") && at + 2 < tokens.size()) {
				value = tokens.get(at + 2);
			}
			if (value == null) {
				return null;
			}
		}
		else {
			SetConfigCall call = SetConfigCall.of(tokens, "timezone");
			if (call == null) {
				return null;
			}
			local = call.local();
			if (call.value() == null) {
				return Boolean.FALSE;
			}
			value = new Token(Tokens.Kind.STRING, call.value(), 0);
		}
		if (local && !transactional) {
			return null;
		}
		return UTC.contains(value.text().toUpperCase(Locale.ROOT));
	}

}
