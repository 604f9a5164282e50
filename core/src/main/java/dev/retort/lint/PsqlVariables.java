package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The places in SQL where psql reads a variable ({@code :name}, {@code :'name'},
 * {@code :"name"}): outside strings, quoted names, dollar-quoted bodies and comments, as psql's
 * own lexer finds them. An {@code --sql} script copies a revision's SQL as written, and psql
 * replaces each such reference with the variable's value when one is set, silently:
 * {@code arr[1:n]} becomes {@code arr[199]} with {@code -v n=99}.
 */
public final class PsqlVariables {

	/**
	 * The variables psql sets itself, with {@code -X} and no {@code -v}: a reference to one of
	 * them is replaced every time.
	 */
	private static final Set<String> SET_BY_PSQL = Set.of("AUTOCOMMIT", "COMP_KEYWORD_CASE", "DBNAME", "ECHO",
			"ECHO_HIDDEN", "ENCODING", "ERROR", "FETCH_COUNT", "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "HISTCONTROL",
			"HISTSIZE", "HOST", "IGNOREEOF", "LAST_ERROR_MESSAGE", "LAST_ERROR_SQLSTATE", "ON_ERROR_ROLLBACK",
			"ON_ERROR_STOP", "PORT", "PROMPT1", "PROMPT2", "PROMPT3", "QUIET", "ROW_COUNT", "SERVER_VERSION_NAME",
			"SERVER_VERSION_NUM", "SHOW_ALL_RESULTS", "SHOW_CONTEXT", "SINGLELINE", "SINGLESTEP", "SQLSTATE", "USER",
			"VERBOSITY", "VERSION", "VERSION_NAME", "VERSION_NUM");

	/**
	 * One reference.
	 * @param text as written, such as {@code :n} or {@code :'name'}
	 * @param name the variable's name
	 * @param line the line it stands on
	 */
	public record Reference(String text, String name, int line) {

		/** Whether psql sets this variable itself, so that it is replaced in every run. */
		public boolean setByPsql() {
			return SET_BY_PSQL.contains(this.name);
		}

	}

	private PsqlVariables() {
	}

	/** The references in {@code sql}, whose first line is {@code firstLine}, in order. */
	public static List<Reference> in(String sql, int firstLine) {
		List<Reference> references = new ArrayList<>();
		int line = firstLine;
		int n = sql.length();
		int i = 0;
		while (i < n) {
			char c = sql.charAt(i);
			int end;
			if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				end = sql.indexOf('\n', i);
				end = (end < 0) ? n : end;
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				end = Tokens.blockCommentEnd(sql, i);
			}
			else if (c == '\'' || c == '"') {
				boolean escapes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
						&& (i < 2 || !variableChar(sql.charAt(i - 2)));
				end = LintedRevision.quotedEnd(sql, i, c, escapes);
			}
			else if (c == '$' && (i == 0 || !variableChar(sql.charAt(i - 1))) && Tokens.dollarTagEnd(sql, i) > 0) {
				String tag = sql.substring(i, Tokens.dollarTagEnd(sql, i));
				int close = sql.indexOf(tag, i + tag.length());
				end = (close < 0) ? n : close + tag.length();
			}
			else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
				// A type cast, which psql reads as one token before any variable.
				end = i + 2;
			}
			else if (c == ':') {
				end = reference(sql, i);
				if (end > i + 1) {
					String text = sql.substring(i, end);
					String name = (text.charAt(1) == '\'' || text.charAt(1) == '"')
							? text.substring(2, text.length() - 1) : text.substring(1);
					references.add(new Reference(text, name, line));
				}
				else {
					end = i + 1;
				}
			}
			else {
				end = i + 1;
			}
			for (int j = i; j < end; j++) {
				line += (sql.charAt(j) == '\n') ? 1 : 0;
			}
			i = end;
		}
		return references;
	}

	/**
	 * The end of the reference whose colon is at {@code at}, or {@code at + 1} when psql reads none
	 * there. A name that starts with a digit ({@code arr[1:2]}) is left out: psql reads it as a
	 * variable too, but nothing sets one.
	 */
	private static int reference(String sql, int at) {
		int n = sql.length();
		int start = at + 1;
		char first = sql.charAt(start);
		if (first == '\'' || first == '"') {
			int j = start + 1;
			while (j < n && variableChar(sql.charAt(j))) {
				j++;
			}
			return (j > start + 1 && j < n && sql.charAt(j) == first) ? j + 1 : at + 1;
		}
		if (!variableChar(first) || Character.isDigit(first)) {
			return at + 1;
		}
		int j = start;
		while (j < n && variableChar(sql.charAt(j))) {
			j++;
		}
		return j;
	}

	/** psql's {@code variable_char}: a letter, a digit, an underscore, or any non-ASCII character. */
	private static boolean variableChar(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
	}

}
