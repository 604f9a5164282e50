package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of the settings a revision gives its session: a lock_timeout turned off or too long
 * before a statement that locks a table (PG115), and a search_path that lasts past the revision
 * when its file runs by other means (PG121). Part of {@link RevisionLint}, whose findings and
 * knowledge of the revision it uses.
 */
final class SessionSettingRules {

	/** The longest lock_timeout that still counts as one (strong_migrations' limit). */
	private static final long MAX_LOCK_TIMEOUT_MS = 10_000;

	private final RevisionLint lint;

	SessionSettingRules(RevisionLint lint) {
		this.lint = lint;
	}

	/** Whether the statement sets lock_timeout (PG115), by SET, RESET or set_config (SELECT, or PERFORM in a DO block). */
	static boolean setsLockTimeout(List<Token> tokens) {
		return ((startsWith(tokens, 0, "SET") || startsWith(tokens, 0, "RESET")) && containsWord(tokens, "LOCK_TIMEOUT"))
				|| SetConfigCall.of(tokens, "lock_timeout") != null;
	}

	// PG115
	void lockTimeout(List<Token> tokens) {
		if ((startsWith(tokens, 0, "SET") || startsWith(tokens, 0, "RESET")) && containsWord(tokens, "LOCK_TIMEOUT")) {
			setOrReset(tokens);
			return;
		}
		SetConfigCall call = SetConfigCall.of(tokens, "lock_timeout");
		// A NULL value gives the server's setting back, as RESET does. PERFORM is a DO block's SELECT.
		String verb = tokens.get(0).is("PERFORM") ? "PERFORM " : "SELECT ";
		lockTimeout(verb + call.text(), (call.value() != null) ? call.value() : "DEFAULT", call.local());
	}

	private void setOrReset(List<Token> tokens) {
		if (tokens.get(0).is("RESET")) {
			lockTimeout("RESET lock_timeout", "DEFAULT", false);
			return;
		}
		int at = indexOfWord(tokens, "LOCK_TIMEOUT", 0) + 1;
		if (at < tokens.size() && (tokens.get(at).isSymbol('=') || tokens.get(at).is("TO"))) {
			at++;
		}
		if (at < tokens.size()) {
			String value = tokens.get(at).text();
			lockTimeout("SET lock_timeout = " + value, value, startsWith(tokens, 0, "SET", "LOCAL"));
		}
	}

	/**
	 * PG115 of a setting that gives lock_timeout {@code value} (DEFAULT for RESET), by SET or by
	 * set_config, which PostgreSQL applies alike.
	 * @param local whether the setting ends with the transaction (SET LOCAL, is_local)
	 */
	private void lockTimeout(String setting, String value, boolean local) {
		// DEFAULT is the server's setting, as RESET is: 0 unless the server says otherwise.
		long millis = value.equalsIgnoreCase("DEFAULT") ? 0 : Durations.millis(value);
		// Off (0, RESET, DEFAULT) the wait has no end; above the limit it has one, too far off.
		boolean off = millis == 0;
		if (!off && millis <= MAX_LOCK_TIMEOUT_MS) {
			return;
		}
		// In a revision without a transaction, a DO block runs in one of its own: a local setting there
		// ends with the block.
		StatementShape current = this.lint.current();
		boolean endsWithBlock = local && current.doBlock != null && !this.lint.inTransaction();
		for (StatementShape later : this.lint.laterStatements()) {
			if (endsWithBlock && later.doBlock != current.doBlock) {
				return;
			}
			String table = later.locksTable;
			if (table != null) {
				this.lint.find(LintRule.PG115, setting + " lets the lock that a later statement asks on " + quote(table)
						+ (off ? " wait in the queue without end, and every query of the table waits behind it."
								: " wait in the queue for up to " + value + ", and every query of the table waits behind"
										+ " it that long."));
				return;
			}
		}
	}

	/**
	 * PG121: a session's search_path set by a revision and not given back in it. Retort puts it
	 * back after the revision (SessionSettings), online and in an --sql script, so there it reaches
	 * only the revision's own later statements; the file run by other means (psql -f on it) leaves
	 * it set for whatever runs next in that session. A RESET later in the revision gives it back.
	 */
	void sessionSearchPath(List<Token> tokens) {
		boolean set = (startsWith(tokens, 0, "SET", "SEARCH_PATH") || startsWith(tokens, 0, "SET", "SESSION", "SEARCH_PATH"))
				&& !containsWord(tokens, "DEFAULT");
		boolean setConfig = containsWord(tokens, "SET_CONFIG") && containsWord(tokens, "FALSE")
				&& tokens.stream().anyMatch((token) -> token.kind() == Tokens.Kind.STRING
						&& token.text().equalsIgnoreCase("search_path"));
		if (!set && !setConfig) {
			return;
		}
		for (StatementShape laterShape : this.lint.laterStatements()) {
			List<Token> later = laterShape.tokens;
			if (startsWith(later, 0, "RESET", "SEARCH_PATH") || startsWith(later, 0, "RESET", "ALL")
					|| (startsWith(later, 0, "SET", "SEARCH_PATH") && containsWord(later, "DEFAULT"))) {
				return;
			}
		}
		// Not "outlasts the revision": Retort puts it back before the next revision and its own
		// bookkeeping, so saying that the next revisions or the script's bookkeeping meet it is false.
		this.lint.find(LintRule.PG121, "the search_path this sets lasts to the end of the revision: Retort puts it back after"
				+ " the revision (online and in --sql scripts), but the file run by other means (psql -f on it) leaves it"
				+ " set for whatever runs next in that session.");
	}

}
