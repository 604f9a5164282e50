package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

/**
 * A call of {@code set_config('name', value, is_local)} in a statement ({@code SELECT
 * set_config(...)}, {@code PERFORM pg_catalog.set_config(...)} in a DO block): the function form of
 * {@code SET [LOCAL] name = value}, which PostgreSQL applies the same way, and which pg_dump's
 * output and hand-written revisions use as often.
 *
 * @param value the value as written, or {@code null} for a NULL value (the setting's default, as
 * RESET gives)
 * @param text the call as written ({@code set_config('lock_timeout', '10min', false)}), for messages
 * @param local whether {@code is_local} is {@code true}: the setting ends with the transaction, as
 * {@code SET LOCAL}'s does
 */
record SetConfigCall(String value, String text, boolean local) {

	/**
	 * The first call of the statement that sets {@code setting} with a literal value, or
	 * {@code null} when it makes none (a value computed by an expression is not read).
	 */
	static SetConfigCall of(List<Token> tokens, String setting) {
		for (int i = 0; i + 6 < tokens.size(); i++) {
			if (!tokens.get(i).is("SET_CONFIG") || !tokens.get(i + 1).isSymbol('(')
					|| tokens.get(i + 2).kind() != Tokens.Kind.STRING
					|| !tokens.get(i + 2).text().equalsIgnoreCase(setting) || !tokens.get(i + 3).isSymbol(',')
					|| !tokens.get(i + 5).isSymbol(',')) {
				continue;
			}
			Token value = tokens.get(i + 4);
			String local = tokens.get(i + 6).is("TRUE") ? "true" : tokens.get(i + 6).is("FALSE") ? "false" : "...";
			if (value.kind() == Tokens.Kind.STRING) {
				return new SetConfigCall(value.text(), "set_config('" + setting + "', '" + value.text() + "', " + local
						+ ")", local.equals("true"));
			}
			if (value.is("NULL")) {
				return new SetConfigCall(null, "set_config('" + setting + "', NULL, " + local + ")", local.equals("true"));
			}
		}
		return null;
	}

}
