package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.lint.LintedRevision.Statement;

/**
 * The plain SQL statements inside the PL/pgSQL body of a {@code DO} block, each with its line in
 * the file, so that the rules read them as they read a statement of the revision: a DDL statement
 * wrapped in {@code DO $$ BEGIN … END $$} (to guard it with {@code IF NOT EXISTS}, say) takes
 * the same locks. Not a PL/pgSQL parser: the control words in front of a statement ({@code BEGIN},
 * {@code IF … THEN}, {@code ELSE}, {@code LOOP}, {@code EXCEPTION WHEN … THEN}, a label) are
 * skipped, and a statement is read when it then starts with a word the rules know. SQL built as a
 * string for {@code EXECUTE} is not read.
 */
final class DoBlocks {

	/** {@code DO [LANGUAGE name]} and the opening tag of a dollar-quoted body. */
	private static final Pattern DO_BODY = Pattern.compile(
			"(?is)DO\\s+(?:LANGUAGE\\s+(\"?\\w+\"?|'\\w+')\\s+)?(\\$[A-Za-z_0-9]*\\$)");

	private static final Pattern LANGUAGE_AFTER = Pattern.compile("(?is)\\s*LANGUAGE\\s+(\"?\\w+\"?|'\\w+')\\s*");

	/**
	 * The first words of the statements the rules read: those that lock or change tables, those
	 * that PostgreSQL refuses in a function or, in a transaction, in a block (PG104), and
	 * {@code PERFORM}, PL/pgSQL's SELECT, by which a block calls {@code set_config} (PG115, PG121).
	 */
	private static final Set<String> SQL_COMMANDS = Set.of("ALTER", "CREATE", "DROP", "TRUNCATE", "UPDATE", "DELETE",
			"INSERT", "WITH", "SET", "RESET", "LOCK", "REINDEX", "CLUSTER", "VACUUM", "DISCARD", "COMMIT", "ROLLBACK",
			"PERFORM");

	/** Control words that stand alone in front of a statement. */
	private static final Set<String> BLOCK_WORDS = Set.of("BEGIN", "DECLARE", "ELSE", "LOOP");

	/** Control words whose condition runs up to a THEN. */
	private static final Set<String> UP_TO_THEN = Set.of("IF", "ELSIF", "ELSEIF", "WHEN", "EXCEPTION", "CASE");

	/** Control words whose condition runs up to a LOOP. */
	private static final Set<String> UP_TO_LOOP = Set.of("FOR", "FOREACH", "WHILE");

	private DoBlocks() {
	}

	/**
	 * The statements of the body of {@code statement} when it is a {@code DO} block in PL/pgSQL,
	 * else none.
	 */
	static List<Statement> statementsOf(Statement statement) {
		String sql = statement.sql();
		Matcher matcher = DO_BODY.matcher(sql);
		if (!matcher.lookingAt()) {
			return List.of();
		}
		String tag = matcher.group(2);
		int bodyStart = matcher.end();
		int bodyEnd = sql.indexOf(tag, bodyStart);
		if (bodyEnd < 0) {
			return List.of();
		}
		String language = matcher.group(1);
		Matcher after = LANGUAGE_AFTER.matcher(sql).region(bodyEnd + tag.length(), sql.length());
		if (language == null && after.lookingAt()) {
			language = after.group(1);
		}
		if (language != null && !language.replaceAll("[\"']", "").equalsIgnoreCase("plpgsql")) {
			return List.of();
		}
		String body = sql.substring(bodyStart, bodyEnd);
		int bodyLine = statement.line() + newlines(sql, 0, bodyStart);
		List<SqlStatement> pieces;
		try {
			pieces = StatementSplitter.split(body, bodyLine);
		}
		catch (RuntimeException ex) {
			// A body PostgreSQL would refuse: the run says why, the lint has nothing to read.
			return List.of();
		}
		List<Statement> statements = new ArrayList<>();
		for (SqlStatement piece : pieces) {
			int at = statementStart(piece.sql());
			if (at >= 0) {
				statements.add(new Statement(piece.sql().substring(at), piece.line() + newlines(piece.sql(), 0, at),
						List.of()));
			}
		}
		return statements;
	}

	/** Where the SQL statement in {@code piece} starts once the control words in front are skipped, or -1. */
	private static int statementStart(String piece) {
		Words words = new Words(piece);
		while (true) {
			int at = words.skipSpace();
			if (piece.startsWith("<<", at)) {
				int close = piece.indexOf(">>", at);
				if (close < 0) {
					return -1;
				}
				words.moveTo(close + 2);
				continue;
			}
			String word = words.next();
			if (word == null) {
				return -1;
			}
			if (BLOCK_WORDS.contains(word)) {
				continue;
			}
			if (UP_TO_THEN.contains(word) || UP_TO_LOOP.contains(word)) {
				if (!words.skipPast(UP_TO_THEN.contains(word) ? "THEN" : "LOOP")) {
					return -1;
				}
				continue;
			}
			return SQL_COMMANDS.contains(word) ? at : -1;
		}
	}

	private static int newlines(String text, int from, int to) {
		int count = 0;
		for (int i = from; i < to; i++) {
			count += (text.charAt(i) == '\n') ? 1 : 0;
		}
		return count;
	}

	/** The words of a piece of PL/pgSQL, outside parentheses, strings, quoted names and comments. */
	private static final class Words {

		private final String text;

		private int pos;

		Words(String text) {
			this.text = text;
		}

		void moveTo(int at) {
			this.pos = at;
		}

		/** Skips whitespace and comments; the position of what follows. */
		int skipSpace() {
			int n = this.text.length();
			while (this.pos < n) {
				char c = this.text.charAt(this.pos);
				if (Character.isWhitespace(c)) {
					this.pos++;
				}
				else if (c == '-' && this.text.startsWith("--", this.pos)) {
					int end = this.text.indexOf('\n', this.pos);
					this.pos = (end < 0) ? n : end;
				}
				else if (c == '/' && this.text.startsWith("/*", this.pos)) {
					this.pos = Tokens.blockCommentEnd(this.text, this.pos);
				}
				else {
					break;
				}
			}
			return this.pos;
		}

		/** The word at the position, upper-cased, moving past it; {@code null} when something else stands there. */
		String next() {
			int start = skipSpace();
			int end = start;
			while (end < this.text.length()
					&& (Character.isLetterOrDigit(this.text.charAt(end)) || this.text.charAt(end) == '_')) {
				end++;
			}
			if (end == start) {
				return null;
			}
			this.pos = end;
			return this.text.substring(start, end).toUpperCase(Locale.ROOT);
		}

		/** Moves past the next {@code word} outside parentheses, strings and comments; false when there is none. */
		boolean skipPast(String word) {
			int depth = 0;
			int n = this.text.length();
			while (skipSpace() < n) {
				char c = this.text.charAt(this.pos);
				if (c == '(') {
					depth++;
					this.pos++;
				}
				else if (c == ')') {
					depth--;
					this.pos++;
				}
				else if (c == '\'' || c == '"') {
					int close = this.text.indexOf(c, this.pos + 1);
					// A doubled quote closes and opens again: the loop reads it as two quotes.
					this.pos = (close < 0) ? n : close + 1;
				}
				else if (c == '$' && Tokens.dollarTagEnd(this.text, this.pos) > 0) {
					String tag = this.text.substring(this.pos, Tokens.dollarTagEnd(this.text, this.pos));
					int close = this.text.indexOf(tag, this.pos + tag.length());
					this.pos = (close < 0) ? n : close + tag.length();
				}
				else if (Character.isLetterOrDigit(c) || c == '_') {
					String next = next();
					if (depth == 0 && word.equals(next)) {
						return true;
					}
				}
				else {
					this.pos++;
				}
			}
			return false;
		}

	}

}
