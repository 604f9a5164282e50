package dev.retort.dialect.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code COPY … FROM STDIN} and {@code COPY … TO STDOUT}: statements whose rows travel between
 * the server and the client. Neither can run in a revision. Over JDBC Retort has no rows to send
 * (the server waits for copy data, and pgjdbc ends the session with a protocol error that reads
 * as a lost connection); printed into an {@code --sql} script, psql would take the script's next
 * lines, the revision's version-table change among them, as the rows.
 */
public final class ClientCopy {

	private static final String[] COPY = { "copy" };

	private ClientCopy() {
	}

	/**
	 * The direction ({@code COPY ... FROM STDIN}, {@code COPY ... TO STDOUT}) when the statement copies
	 * to or from the client; else {@code null}. Read from its words outside quotes and comments.
	 */
	public static String of(String sql) {
		if (SessionSettings.leadingWords(sql, 1, COPY).isEmpty()) {
			return null;
		}
		List<String> words = words(sql);
		for (int i = 0; i + 1 < words.size(); i++) {
			if (words.get(i).equals("from") && words.get(i + 1).equals("stdin")) {
				return "COPY ... FROM STDIN";
			}
			if (words.get(i).equals("to") && words.get(i + 1).equals("stdout")) {
				return "COPY ... TO STDOUT";
			}
		}
		return null;
	}

	/** The statement's words, lower-cased, without strings, quoted identifiers, dollar quotes and comments. */
	private static List<String> words(String sql) {
		List<String> words = new ArrayList<>();
		int i = 0;
		int length = sql.length();
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int newline = sql.indexOf('\n', i);
				i = (newline < 0) ? length : newline + 1;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				i = BlockComments.end(sql, i);
			}
			else if (c == '\'' || c == '"') {
				// A doubled quote stays inside; a backslash escape (E'…\'…') ends up the same way,
				// at worst splitting a string in two, which holds no word either.
				int end = sql.indexOf(c, i + 1);
				while (end >= 0 && end + 1 < length && sql.charAt(end + 1) == c) {
					end = sql.indexOf(c, end + 2);
				}
				i = (end < 0) ? length : end + 1;
			}
			else if (c == '$' && DollarQuotes.tagEnd(sql, i) > 0) {
				int tagEnd = DollarQuotes.tagEnd(sql, i);
				int close = sql.indexOf(sql.substring(i, tagEnd), tagEnd);
				i = (close < 0) ? length : close + (tagEnd - i);
			}
			else if (c == '$') {
				i++;
			}
			else if (Character.isLetter(c) || c == '_') {
				int start = i;
				while (i < length && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '$')) {
					i++;
				}
				words.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
			}
			else {
				i++;
			}
		}
		return words;
	}

	private static boolean isWordChar(int c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

}
