package dev.retort.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.lint.Tokens.Token;

/**
 * How the rules read a statement's tokens: its leading words, names (the last part of a
 * qualified one), an {@code ALTER TABLE}'s actions, a column definition's type and default. Not
 * a parser: shapes of DDL, and anything else reads as nothing.
 */
final class TokenReading {

	/**
	 * What a column DEFAULT may call without rewriting the table (stable or immutable): the SQL
	 * functions written as keywords or type names, and pg_catalog's non-volatile functions.
	 */
	static final Set<String> NON_VOLATILE = nonVolatile("NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
			"LOCALTIMESTAMP", "LOCALTIME", "COALESCE", "NULLIF", "GREATEST", "LEAST", "CAST", "ARRAY", "ROW", "TRIM",
			"POSITION", "OVERLAY", "CURRENT_USER", "SESSION_USER", "CURRENT_SCHEMA", "INTERVAL", "TIMESTAMP",
			"TIMESTAMPTZ", "DATE", "NUMERIC", "DECIMAL", "VARCHAR", "CHAR", "CHARACTER", "BIT", "VARBIT", "TIME",
			"TIMETZ");

	/** Column types whose ADD COLUMN creates a sequence and fills every row. */
	static final Set<String> SERIAL_TYPES = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4",
			"SERIAL8");

	/** Words that end a column's type in a column definition. */
	static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT",
			"PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE", "USING", "STORAGE", "COMPRESSION");

	private TokenReading() {
	}

	/**
	 * {@code keywords} and the functions of {@code non-volatile-functions.txt} (generated from
	 * pg_proc, as squawk's list is), upper-cased as words are.
	 */
	private static Set<String> nonVolatile(String... keywords) {
		Set<String> names = new HashSet<>(List.of(keywords));
		try (InputStream in = TokenReading.class.getResourceAsStream("non-volatile-functions.txt")) {
			if (in == null) {
				throw new IllegalStateException("non-volatile-functions.txt is missing from the classpath");
			}
			new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.forEach((line) -> names.add(line.toUpperCase(Locale.ROOT)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(names);
	}

	/** A name as findings show it: in double quotes, as PostgreSQL quotes it (a quote inside doubled). */
	static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	static boolean isTableConstraint(Token token) {
		return token.is("CONSTRAINT") || token.is("PRIMARY") || token.is("UNIQUE") || token.is("CHECK")
				|| token.is("FOREIGN") || token.is("EXCLUDE") || token.is("LIKE");
	}

	/** The index of {@code TABLE} in {@code CREATE [modifiers] TABLE}, or -1. */
	static int tableKeyword(List<Token> tokens) {
		for (int i = 1; i < tokens.size() && i < 5; i++) {
			Token token = tokens.get(i);
			if (token.is("TABLE")) {
				return i;
			}
			if (!(token.is("UNLOGGED") || token.is("TEMP") || token.is("TEMPORARY") || token.is("GLOBAL")
					|| token.is("LOCAL"))) {
				return -1;
			}
		}
		return -1;
	}

	/** The index of {@code ON} in {@code CREATE [UNIQUE] INDEX …}, or -1 when it is not one. */
	static int indexOn(List<Token> tokens) {
		int at = skip(tokens, 1, "UNIQUE");
		if (!startsWith(tokens, at, "INDEX")) {
			return -1;
		}
		return indexOfWord(tokens, "ON", at);
	}

	static String alterTableName(List<Token> tokens) {
		int at = skip(tokens, 2, "IF", "EXISTS");
		at = skip(tokens, at, "ONLY");
		return nameAt(tokens, at);
	}

	/** The actions of {@code ALTER TABLE name action, action …}. */
	static List<List<Token>> actions(List<Token> tokens) {
		int at = skip(tokens, 2, "IF", "EXISTS");
		at = skip(tokens, at, "ONLY");
		at = afterName(tokens, at);
		if (at < tokens.size() && tokens.get(at).isSymbol('*')) {
			at++;
		}
		return split(tokens, at, 0);
	}

	/** Splits {@code tokens} from {@code from} at the commas of {@code depth}, until it closes. */
	static List<List<Token>> split(List<Token> tokens, int from, int depth) {
		List<List<Token>> parts = new ArrayList<>();
		List<Token> part = new ArrayList<>();
		for (int i = from; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.depth() < depth) {
				break;
			}
			if (token.depth() == depth && token.isSymbol(',')) {
				parts.add(part);
				part = new ArrayList<>();
			}
			else {
				part.add(token);
			}
		}
		parts.add(part);
		return parts;
	}

	/** The tokens inside the parentheses that open at {@code open}, or none when no parenthesis opens there. */
	static List<Token> parenthesized(List<Token> tokens, int open) {
		if (open < 0 || open >= tokens.size() || !tokens.get(open).isSymbol('(')) {
			return List.of();
		}
		int end = open + 1;
		while (end < tokens.size() && tokens.get(end).depth() > tokens.get(open).depth()) {
			end++;
		}
		return tokens.subList(open + 1, end);
	}

	/** The column type that starts at {@code from} of a column definition, lower-cased. */
	static String typeOf(List<Token> definition, int from) {
		StringBuilder type = new StringBuilder();
		int depth = (from < definition.size()) ? definition.get(from).depth() : 0;
		for (int i = from; i < definition.size(); i++) {
			Token token = definition.get(i);
			if (token.depth() == depth && token.kind() == Tokens.Kind.WORD
					&& COLUMN_CONSTRAINT_WORDS.contains(token.text())) {
				break;
			}
			if (type.length() > 0 && token.kind() == Tokens.Kind.WORD && type.charAt(type.length() - 1) != '(') {
				type.append(' ');
			}
			type.append((token.kind() == Tokens.Kind.WORD) ? token.text().toLowerCase(Locale.ROOT) : token.text());
		}
		return TypeChanges.normalise(type.toString());
	}

	/**
	 * Whether the column definition whose type starts at {@code typeAt} is a virtual generated
	 * column: {@code GENERATED ALWAYS AS (…)} with {@code VIRTUAL} or, PostgreSQL 18's default,
	 * neither {@code VIRTUAL} nor {@code STORED}.
	 */
	static boolean declaresVirtual(List<Token> definition, int typeAt) {
		int depth = (typeAt < definition.size()) ? definition.get(typeAt).depth() : 0;
		boolean generated = false;
		for (int i = typeAt; i < definition.size(); i++) {
			Token token = definition.get(i);
			if (token.depth() == depth && (token.is("STORED") || token.is("IDENTITY"))) {
				return false;
			}
			generated |= token.depth() == depth && token.is("GENERATED");
		}
		return generated;
	}

	/**
	 * Whether the column definition whose type starts at {@code typeAt} makes the column NOT NULL:
	 * {@code NOT NULL}, {@code PRIMARY KEY}, an identity or a serial type.
	 */
	static boolean declaresNotNull(List<Token> definition, int typeAt) {
		if (typeAt < definition.size() && SERIAL_TYPES.contains(definition.get(typeAt).text())) {
			return true;
		}
		int depth = (typeAt < definition.size()) ? definition.get(typeAt).depth() : 0;
		for (int i = typeAt; i + 1 < definition.size(); i++) {
			if (definition.get(i).depth() == depth && (startsWith(definition, i, "NOT", "NULL")
					|| startsWith(definition, i, "PRIMARY", "KEY") || startsWith(definition, i, "AS", "IDENTITY"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The plain columns of the parenthesised list at {@code open}, such as an index's or a
	 * primary key's; {@code null} when it is not there or holds an expression.
	 */
	static List<String> columnList(List<Token> tokens, int open) {
		if (open < 0 || open >= tokens.size() || !tokens.get(open).isSymbol('(')) {
			return null;
		}
		List<String> columns = new ArrayList<>();
		for (List<Token> part : split(tokens, open + 1, tokens.get(open).depth() + 1)) {
			if (part.isEmpty() || indexOfSymbol(part, '(', 0) >= 0 || nameAt(part, 0) == null
					|| afterName(part, 0) != 1) {
				return null;
			}
			columns.add(part.get(0).name());
		}
		return columns;
	}

	/** The first function a DEFAULT calls that may be volatile, or {@code null}. */
	static String volatileDefault(List<Token> action) {
		int at = indexOfWord(action, "DEFAULT", 0);
		if (at < 0) {
			return null;
		}
		int depth = action.get(at).depth();
		for (int i = at + 1; i + 1 < action.size(); i++) {
			Token token = action.get(i);
			if (token.depth() == depth && token.kind() == Tokens.Kind.WORD
					&& COLUMN_CONSTRAINT_WORDS.contains(token.text())) {
				return null;
			}
			boolean cast = i > 1 && action.get(i - 1).isSymbol(':') && action.get(i - 2).isSymbol(':');
			// A function of another schema than pg_catalog is not the built-in of that name.
			boolean otherSchema = i > 1 && action.get(i - 1).isSymbol('.') && !action.get(i - 2).is("PG_CATALOG");
			if (token.kind() == Tokens.Kind.WORD && action.get(i + 1).isSymbol('(') && !cast
					&& (otherSchema || !NON_VOLATILE.contains(token.text()))) {
				return token.text();
			}
		}
		return null;
	}

	/** The column {@code c} of {@code CHECK (c IS NOT NULL)} starting at {@code open}, or {@code null}. */
	static String notNullCheckColumn(List<Token> tokens, int open) {
		if (open + 5 < tokens.size() && tokens.get(open).isSymbol('(') && startsWith(tokens, open + 2, "IS", "NOT", "NULL")
				&& tokens.get(open + 5).isSymbol(')')) {
			return tokens.get(open + 1).name();
		}
		return null;
	}

	/** The last part of the (possibly qualified) name starting at {@code at}, or {@code null}. */
	static String nameAt(List<Token> tokens, int at) {
		if (at < 0 || at >= tokens.size()) {
			return null;
		}
		Token token = tokens.get(at);
		if (token.kind() != Tokens.Kind.WORD && token.kind() != Tokens.Kind.QUOTED) {
			return null;
		}
		String name = token.name();
		while (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol('.')) {
			at += 2;
			name = tokens.get(at).name();
		}
		return name;
	}

	static int afterName(List<Token> tokens, int at) {
		if (at >= tokens.size()) {
			return at;
		}
		at++;
		while (at + 1 < tokens.size() && tokens.get(at).isSymbol('.')) {
			at += 2;
		}
		return at;
	}

	static boolean startsWith(List<Token> tokens, int at, String... words) {
		if (at < 0 || at + words.length > tokens.size()) {
			return false;
		}
		for (int i = 0; i < words.length; i++) {
			if (!tokens.get(at + i).is(words[i])) {
				return false;
			}
		}
		return true;
	}

	/** {@code at} moved past {@code words} when they are there. */
	static int skip(List<Token> tokens, int at, String... words) {
		return startsWith(tokens, at, words) ? at + words.length : at;
	}

	static boolean containsWord(List<Token> tokens, String word) {
		return indexOfWord(tokens, word, 0) >= 0;
	}

	static boolean containsSequence(List<Token> tokens, String... words) {
		for (int i = 0; i < tokens.size(); i++) {
			if (startsWith(tokens, i, words)) {
				return true;
			}
		}
		return false;
	}

	static int indexOfWord(List<Token> tokens, String word, int from) {
		for (int i = Math.max(0, from); i < tokens.size(); i++) {
			if (tokens.get(i).is(word)) {
				return i;
			}
		}
		return -1;
	}

	static int indexOfWordAtDepth(List<Token> tokens, String word, int depth) {
		for (int i = 0; i < tokens.size(); i++) {
			if (tokens.get(i).is(word) && tokens.get(i).depth() == depth) {
				return i;
			}
		}
		return -1;
	}

	static int indexOfSymbol(List<Token> tokens, char symbol, int from) {
		for (int i = from; i < tokens.size(); i++) {
			if (tokens.get(i).isSymbol(symbol)) {
				return i;
			}
		}
		return -1;
	}


}
