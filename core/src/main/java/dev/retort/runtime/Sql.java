package dev.retort.runtime;

import java.util.List;

import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.PostgresLiterals;

/**
 * Literal and identifier quoting for the statements Retort writes itself (version and history
 * rows, settings). They are rendered as text rather than bound as parameters so that the online
 * and the offline path send the very same SQL.
 */
final class Sql {

	private Sql() {
	}

	/**
	 * A string literal; {@code null} becomes {@code NULL}. One with a backslash is written
	 * {@code E'…'} with the backslash doubled, so it reads back unchanged whatever
	 * {@code standard_conforming_strings} the database or role sets: a message or an error text
	 * can never end the literal early.
	 */
	static String literal(String value) {
		if (value == null) {
			return "NULL";
		}
		// PostgreSQL text cannot hold NUL; an error message never needs one.
		return PostgresLiterals.string((value.indexOf('\0') >= 0) ? value.replace("\0", "") : value);
	}

	/** A {@code text[]} literal of the values. */
	static String textArray(List<String> values) {
		if (values.isEmpty()) {
			return "'{}'::text[]";
		}
		StringBuilder array = new StringBuilder("ARRAY[");
		for (int i = 0; i < values.size(); i++) {
			array.append((i > 0) ? ", " : "").append(literal(values.get(i)));
		}
		return array.append(']').toString();
	}

	/**
	 * An identifier, quoted only when it needs it: a schema named {@code user} or {@code order}
	 * (a reserved word) is quoted as one named {@code Tenant42} is.
	 */
	static String identifier(String name) {
		if (isPlain(name) && !PostgresIdentifiers.isReserved(name)) {
			return name;
		}
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/** {@code [a-z_][a-z0-9_$]*}, by hand: every history row names its table. */
	private static boolean isPlain(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || c == '_';
			boolean other = i > 0 && ((c >= '0' && c <= '9') || c == '$');
			if (!letter && !other) {
				return false;
			}
		}
		return true;
	}

	/** A duration as a PostgreSQL setting value: {@code '5s'}, {@code '200ms'}. */
	static String millis(java.time.Duration duration) {
		return literal(describe(duration));
	}

	/** A duration as people write it: {@code 10min}, {@code 5s}, {@code 200ms}. */
	static String describe(java.time.Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0 && millis > 0) {
			return (millis / 60_000) + "min";
		}
		return (millis % 1000 == 0 && millis > 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/** The statement shortened for an error message. */
	static String shorten(String sql) {
		String oneLine = sql.strip().replaceAll("\\s+", " ");
		return (oneLine.length() <= 200) ? oneLine : oneLine.substring(0, 197) + "...";
	}

}
