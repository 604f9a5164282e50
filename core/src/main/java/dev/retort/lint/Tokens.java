package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.retort.dialect.postgres.BlockComments;
import dev.retort.dialect.postgres.DollarQuotes;

/**
 * A statement as the rules read it: words (keywords and unquoted names, upper-cased), quoted
 * names, string literals, numbers and single symbols, each with its parenthesis depth; comments
 * dropped. Not a parser: the rules look for a few shapes of DDL, and anything else passes.
 */
final class Tokens {

	enum Kind {

		WORD, QUOTED, STRING, NUMBER, SYMBOL

	}

	/**
	 * One token.
	 * @param kind what it is
	 * @param text a word upper-cased; a quoted name or a string without its quotes; a symbol
	 * @param depth how many parentheses enclose it
	 */
	record Token(Kind kind, String text, int depth) {

		boolean is(String word) {
			return this.kind == Kind.WORD && this.text.equals(word);
		}

		boolean isSymbol(char symbol) {
			return this.kind == Kind.SYMBOL && this.text.length() == 1 && this.text.charAt(0) == symbol;
		}

		/** A name as PostgreSQL folds it: unquoted lower-cased, quoted as written. */
		String name() {
			return (this.kind == Kind.WORD) ? this.text.toLowerCase(Locale.ROOT) : this.text;
		}

	}

	private Tokens() {
	}

	static List<Token> of(String sql) {
		List<Token> tokens = new ArrayList<>();
		int depth = 0;
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				while (i < n && sql.charAt(i) != '\n') {
					i++;
				}
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				i = blockCommentEnd(sql, i);
			}
			else if (c == '\'' || ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
				int start = (c == '\'') ? i + 1 : i + 2;
				StringBuilder text = new StringBuilder();
				int j = start;
				while (j < n) {
					char d = sql.charAt(j);
					if (d == '\\' && c != '\'' && j + 1 < n) {
						text.append(sql.charAt(j + 1));
						j += 2;
					}
					else if (d == '\'' && j + 1 < n && sql.charAt(j + 1) == '\'') {
						text.append('\'');
						j += 2;
					}
					else if (d == '\'') {
						break;
					}
					else {
						text.append(d);
						j++;
					}
				}
				tokens.add(new Token(Kind.STRING, text.toString(), depth));
				i = j + 1;
			}
			else if (c == '"') {
				// A doubled quote inside stands for one: "my""table" is the name my"table.
				StringBuilder name = new StringBuilder();
				int j = i + 1;
				while (j < n && (sql.charAt(j) != '"' || (j + 1 < n && sql.charAt(j + 1) == '"'))) {
					name.append(sql.charAt(j));
					j += (sql.charAt(j) == '"') ? 2 : 1;
				}
				tokens.add(new Token(Kind.QUOTED, name.toString(), depth));
				i = j + 1;
			}
			else if (c == '$' && dollarTagEnd(sql, i) > 0) {
				int tagEnd = dollarTagEnd(sql, i);
				String tag = sql.substring(i, tagEnd);
				int end = sql.indexOf(tag, tagEnd);
				end = (end < 0) ? n : end;
				tokens.add(new Token(Kind.STRING, sql.substring(tagEnd, end), depth));
				i = Math.min(n, end + tag.length());
			}
			else if (Character.isLetter(c) || c == '_') {
				int j = i + 1;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
						|| sql.charAt(j) == '$')) {
					j++;
				}
				tokens.add(new Token(Kind.WORD, sql.substring(i, j).toUpperCase(Locale.ROOT), depth));
				i = j;
			}
			else if (Character.isDigit(c)) {
				int j = i + 1;
				while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
					j++;
				}
				tokens.add(new Token(Kind.NUMBER, sql.substring(i, j), depth));
				i = j;
			}
			else {
				if (c == ')') {
					depth = Math.max(0, depth - 1);
				}
				tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), depth));
				if (c == '(') {
					depth++;
				}
				i++;
			}
		}
		return tokens;
	}

	/** Where the block comment at {@code at} ends: {@link BlockComments#end}. */
	static int blockCommentEnd(String sql, int at) {
		return BlockComments.end(sql, at);
	}

	/** The index after the dollar quote's {@code $tag$} at {@code at}, or -1: {@link DollarQuotes#tagEnd}. */
	static int dollarTagEnd(String sql, int at) {
		return DollarQuotes.tagEnd(sql, at);
	}

}
