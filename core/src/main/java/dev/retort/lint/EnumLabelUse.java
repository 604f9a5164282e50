package dev.retort.lint;

import java.util.List;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * PG118: whether a string equal to an enum label that the revision adds is read as a value of
 * that enum, which PostgreSQL refuses until the label is committed ({@code unsafe use of new value},
 * SQLSTATE 55P04). The same text as another column's value ({@code UPDATE plans SET name =
 * 'shipped'}), a comment's ({@code COMMENT ON … IS 'shipped'}) or compared as text
 * ({@code status::text = 'shipped'}) is only a string, and PostgreSQL runs it.
 */
final class EnumLabelUse {

	private EnumLabelUse() {
	}

	/** What may stand between a column and the value it is compared with or given. */
	private static final Set<String> BETWEEN = Set.of("IN", "ANY", "ALL", "NOT", "DEFAULT", "SET", "ARRAY", "IS",
			"DISTINCT", "FROM");

	/**
	 * Whether the string at {@code at} is read as a value of enum {@code type}: cast to it; compared
	 * with, assigned to or the default of a column the linted revisions declared of that type
	 * ({@code status = 'x'}, {@code status IN ('a', 'x')}, {@code SET DEFAULT 'x'}, {@code s
	 * order_status DEFAULT 'x'}); or inserted into a table with such a column. Where the linted
	 * revisions declared no column of the type (a range that starts after them), the lint cannot
	 * tell, and takes it for a use.
	 * @param type the enum's name, its last part, as PostgreSQL folds it
	 */
	static boolean isUse(List<Token> tokens, int at, String type, Catalog catalog) {
		if (castTo(tokens, at, type)) {
			return true;
		}
		Set<String> columns = catalog.columnsOfType(type);
		if (columns.isEmpty()) {
			return true;
		}
		String before = nameBefore(tokens, at);
		String after = nameAfterOperator(tokens, at);
		if ((before != null && (columns.contains(before) || before.equals(type)))
				|| (after != null && columns.contains(after))) {
			return true;
		}
		if (startsWith(tokens, 0, "INSERT", "INTO") && "VALUES".equals(keywordBefore(tokens, at))) {
			String table = nameAt(tokens, 2);
			int list = TokenReading.afterName(tokens, 2);
			if (list < tokens.size() && tokens.get(list).isSymbol('(')) {
				List<String> named = TokenReading.columnList(tokens, list);
				return named != null && named.stream().anyMatch(columns::contains);
			}
			return table != null && catalog.hasColumnOfType(table, type);
		}
		return false;
	}

	/**
	 * The name left of the string at {@code at}, past operators, other values of a list and the
	 * words of {@link #BETWEEN}: the column it is compared with or given, or {@code null}.
	 */
	private static String nameBefore(List<Token> tokens, int at) {
		for (int i = at - 1; i >= 0; i--) {
			Token token = tokens.get(i);
			if (token.kind() == Tokens.Kind.QUOTED || (token.kind() == Tokens.Kind.WORD && !BETWEEN.contains(token.text()))) {
				return token.name();
			}
			if (token.kind() == Tokens.Kind.SYMBOL && !"=<>!,([".contains(token.text())) {
				return null;
			}
		}
		return null;
	}

	/** The name right of the string at {@code at} after a comparison ({@code 'x' = status}), or {@code null}. */
	private static String nameAfterOperator(List<Token> tokens, int at) {
		int i = at + 1;
		boolean operator = false;
		while (i < tokens.size() && tokens.get(i).kind() == Tokens.Kind.SYMBOL && "=<>!".contains(tokens.get(i).text())) {
			operator = true;
			i++;
		}
		return (operator && i < tokens.size() && (tokens.get(i).kind() == Tokens.Kind.WORD
				|| tokens.get(i).kind() == Tokens.Kind.QUOTED)) ? tokens.get(i).name() : null;
	}

	/** The first word left of the string at {@code at} past values, commas and parentheses. */
	private static String keywordBefore(List<Token> tokens, int at) {
		for (int i = at - 1; i >= 0; i--) {
			Token token = tokens.get(i);
			if (token.kind() == Tokens.Kind.WORD) {
				return token.text();
			}
			if (token.kind() == Tokens.Kind.QUOTED) {
				return null;
			}
		}
		return null;
	}

	/** {@code 'label'::type} or {@code CAST('label' AS type)}. */
	private static boolean castTo(List<Token> tokens, int at, String type) {
		if (at + 3 < tokens.size() && tokens.get(at + 1).isSymbol(':') && tokens.get(at + 2).isSymbol(':')) {
			return type.equals(nameAt(tokens, at + 3));
		}
		return at >= 2 && tokens.get(at - 2).is("CAST") && tokens.get(at - 1).isSymbol('(')
				&& startsWith(tokens, at + 1, "AS") && type.equals(nameAt(tokens, at + 2));
	}

}
