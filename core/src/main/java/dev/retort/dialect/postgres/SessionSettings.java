package dev.retort.dialect.postgres;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session settings a statement changes, read from its text: {@code SET} (session or
 * {@code LOCAL}), {@code RESET}, {@code SET ROLE}, {@code SET SESSION AUTHORIZATION},
 * {@code DISCARD ALL} and {@code set_config('name', …)} with the name written as a literal. A
 * {@code COMMIT} keeps a session {@code SET}, so what one revision sets would reach the
 * revisions after it on the same session: the runner puts these back after the revision, in the
 * round trip of its last statement. What a function or {@code DO} block sets from inside its
 * body (other than through {@code set_config} with a literal name), or dynamic SQL, is not seen.
 * Read from the text alone, so that a revision with no such statement costs nothing more.
 */
public final class SessionSettings {

	/** {@code SET ROLE}, {@code RESET ROLE}, {@code set_config('role', …)}. */
	public static final String ROLE = "role";

	/** {@code SET SESSION AUTHORIZATION} (which also resets the role). */
	public static final String SESSION_AUTHORIZATION = "session_authorization";

	/** {@code RESET ALL} or {@code DISCARD ALL}: every setting (no setting is named {@code all}). */
	public static final String ALL = "all";

	/**
	 * The first words after which there is more to read: here, and for {@link TransactionControl}.
	 * An array, not a set: every statement applied is compared with them, and a loop over it
	 * allocates nothing.
	 */
	private static final String[] COMMANDS = { "set", "reset", "discard", "rollback", "start", "prepare", "begin",
			"commit", "end", "abort", "lock", "savepoint", "release" };

	/** Case-insensitive: a function name is; the name as a literal, as most write it. */
	private static final Pattern SET_CONFIG = Pattern.compile("(?i)\\bset_config\\s*\\(\\s*'([^']+)'");

	private static final Pattern READ_ONLY = Pattern.compile("(?i)\\bread\\s+only\\b");

	/** What {@code RESET} can name unquoted: a setting, or a custom one ({@code app.tenant}). */
	private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)*");

	private SessionSettings() {
	}

	/** The settings the statements change, in the order they first change them. */
	public static Set<String> changedBy(List<SqlStatement> statements) {
		Set<String> changed = Set.of();
		for (SqlStatement statement : statements) {
			Set<String> names = changedBy(statement.sql());
			if (!names.isEmpty()) {
				if (changed.isEmpty()) {
					changed = new LinkedHashSet<>();
				}
				changed.addAll(names);
			}
		}
		return changed;
	}

	/** The settings one statement changes; empty for nearly every statement. */
	public static Set<String> changedBy(String sql) {
		List<String> words = leadingWords(sql, 4);
		boolean setConfig = mentionsSetConfig(sql);
		if (words.isEmpty() && !setConfig) {
			return Set.of();
		}
		Set<String> changed = new LinkedHashSet<>();
		if (!words.isEmpty()) {
			switch (words.get(0)) {
				case "set" -> set(words, changed);
				case "reset" -> reset(words, changed);
				case "discard" -> {
					if (words.size() > 1 && words.get(1).equals("all")) {
						changed.addAll(List.of(SESSION_AUTHORIZATION, ROLE, ALL));
					}
				}
				default -> {
				}
			}
		}
		if (setConfig) {
			Matcher matcher = SET_CONFIG.matcher(sql);
			while (matcher.find()) {
				add(matcher.group(1), changed);
			}
		}
		return changed;
	}

	/**
	 * Whether {@code set_config} appears in any case: every statement of every revision applied
	 * passes here, and a case-insensitive pattern is slow to search, so it runs only on a hit.
	 */
	private static boolean mentionsSetConfig(String sql) {
		for (int at = sql.indexOf('_'); at >= 0; at = sql.indexOf('_', at + 1)) {
			if (at >= 3 && sql.regionMatches(true, at - 3, "set_config", 0, 10)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the statement makes the transaction read-only: {@code SET TRANSACTION READ ONLY},
	 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY}, {@code BEGIN READ ONLY}.
	 */
	public static boolean makesTransactionReadOnly(String sql) {
		List<String> words = leadingWords(sql, 2);
		boolean transactionModes = !words.isEmpty() && (words.get(0).equals("set") || words.get(0).equals("begin")
				|| words.get(0).equals("start"));
		return transactionModes && READ_ONLY.matcher(sql).find();
	}

	private static void set(List<String> words, Set<String> changed) {
		int at = 1;
		String scope = word(words, at);
		boolean sessionCommand = word(words, at + 1).equals("authorization")
				|| word(words, at + 1).equals("characteristics");
		if (scope.equals("local") || (scope.equals("session") && !sessionCommand)) {
			at++;
		}
		String name = word(words, at);
		switch (name) {
			// A transaction's own settings and constraint modes end with it.
			case "transaction", "constraints", "" -> {
			}
			case "time" -> changed.add("timezone");
			case "schema" -> changed.add("search_path");
			case "names" -> changed.add("client_encoding");
			case "xml" -> changed.add("xmloption");
			case "session" -> {
				if (word(words, at + 1).equals("authorization")) {
					changed.add(SESSION_AUTHORIZATION);
					changed.add(ROLE);
				}
				else if (word(words, at + 1).equals("characteristics")) {
					changed.addAll(List.of("default_transaction_isolation", "default_transaction_read_only",
							"default_transaction_deferrable"));
				}
			}
			default -> add(name, changed);
		}
	}

	private static void reset(List<String> words, Set<String> changed) {
		String name = word(words, 1);
		switch (name) {
			case "time" -> changed.add("timezone");
			case "session" -> {
				changed.add(SESSION_AUTHORIZATION);
				changed.add(ROLE);
			}
			default -> add(name, changed);
		}
	}

	private static void add(String name, Set<String> changed) {
		String lower = name.toLowerCase(java.util.Locale.ROOT);
		if (NAME.matcher(lower).matches()) {
			changed.add(lower);
		}
	}

	/** The word at {@code index} of {@link #leadingWords}, or {@code ""} past the last. */
	static String word(List<String> words, int index) {
		return (index < words.size()) ? words.get(index) : "";
	}

	/**
	 * Up to {@code limit} words the statement starts with, lower-cased, comments and whitespace
	 * skipped; a quoted identifier as written; stops at the first character of anything else.
	 * Empty when the first word is none of {@link #COMMANDS}: no caller reads more of those, and
	 * every statement applied passes here, so nearly all return before anything is allocated.
	 */
	static List<String> leadingWords(String sql, int limit) {
		return leadingWords(sql, limit, COMMANDS);
	}

	/**
	 * As {@link #leadingWords(String, int)}, for a statement whose first word is one of
	 * {@code commands} (lower case).
	 */
	static List<String> leadingWords(String sql, int limit, String[] commands) {
		List<String> words = new ArrayList<>(limit);
		int i = 0;
		int length = sql.length();
		while (words.size() < limit && i < length) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int newline = sql.indexOf('\n', i);
				i = (newline < 0) ? length : newline + 1;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				i = BlockComments.end(sql, i);
			}
			else if (c == '"') {
				StringBuilder quoted = new StringBuilder();
				i++;
				while (i < length) {
					if (sql.charAt(i) == '"' && i + 1 < length && sql.charAt(i + 1) == '"') {
						quoted.append('"');
						i += 2;
					}
					else if (sql.charAt(i) == '"') {
						i++;
						break;
					}
					else {
						quoted.append(sql.charAt(i++));
					}
				}
				words.add(quoted.toString());
			}
			else if (Character.isLetterOrDigit(c) || c == '_') {
				int start = i;
				while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
						|| sql.charAt(i) == '$' || sql.charAt(i) == '.')) {
					i++;
				}
				if (words.isEmpty() && !isCommand(sql, start, i, commands)) {
					// Nearly every statement: nothing more to read.
					return List.of();
				}
				words.add(sql.substring(start, i).toLowerCase(java.util.Locale.ROOT));
			}
			else {
				break;
			}
		}
		return words;
	}

	private static boolean isCommand(String sql, int start, int end, String[] commands) {
		int length = end - start;
		for (String command : commands) {
			if (command.length() == length && sql.regionMatches(true, start, command, 0, length)) {
				return true;
			}
		}
		return false;
	}

}
