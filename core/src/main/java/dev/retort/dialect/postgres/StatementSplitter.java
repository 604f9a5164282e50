package dev.retort.dialect.postgres;

import java.util.ArrayList;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Splits SQL text into statements the way PostgreSQL reads it: dollar-quoted bodies with any
 * tag, quoted identifiers, standard and {@code E''} strings, nested block comments and line
 * comments never split a statement.
 *
 * <p>The rules are those of {@code psql}'s lexer ({@code psqlscan.l}), so a file that runs with
 * {@code psql -f} splits the same way here: a semicolon ends a statement only outside quotes and
 * comments, outside parentheses (so a {@code CREATE RULE … DO ALSO (…; …)} stays whole) and
 * outside the {@code BEGIN ATOMIC … END} body of a SQL-standard function. Backslashes escape only
 * inside {@code E''} strings, as with {@code standard_conforming_strings} on (PostgreSQL's
 * default since 9.1). psql's own backslash commands ({@code \connect}) are not SQL and are not
 * supported.
 */
public final class StatementSplitter {

	private final String sql;

	private final int firstLine;

	private final List<SqlStatement> statements = new ArrayList<>();

	private int pos;

	private int line;

	/** Start offset and line of the current statement's first token, or -1 before it. */
	private int start = -1;

	private int startLine;

	/** End offset (exclusive) of the current statement's last token. */
	private int end;

	private int parenDepth;

	private int beginDepth;

	/**
	 * How far the statement's first words read CREATE [OR REPLACE] {FUNCTION|PROCEDURE}: one of
	 * the {@code LEAD_} states; {@link #LEAD_ROUTINE} once they did.
	 */
	private int lead = LEAD_START;

	/** Where the first backslash outside quotes and comments stands (a psql command), or -1. */
	private int backslash = -1;

	private int backslashLine;

	/** Where each {@code ?} outside quotes and comments stands: JDBC's parameter placeholders. */
	private final List<Integer> questionMarks = new ArrayList<>();

	private static final int LEAD_START = 0;

	private static final int LEAD_CREATE = 1;

	private static final int LEAD_CREATE_OR = 2;

	private static final int LEAD_CREATE_OR_REPLACE = 3;

	private static final int LEAD_ROUTINE = 4;

	private static final int LEAD_OTHER = 5;

	private StatementSplitter(String sql, int firstLine) {
		this.sql = sql;
		this.firstLine = firstLine;
		this.line = firstLine;
	}

	/**
	 * The statements of {@code sql}; {@code firstLine} is the line of the file {@code sql}
	 * starts on. Statements holding only comments or whitespace are dropped.
	 * @throws UnterminatedSqlException when a quote, a dollar-quoted body or a block comment is
	 * never closed
	 */
	public static List<SqlStatement> split(String sql, int firstLine) {
		StatementSplitter splitter = new StatementSplitter(sql, firstLine);
		splitter.run();
		return List.copyOf(splitter.statements);
	}

	/**
	 * The first psql command of {@code sql} ({@code \! rm …}, {@code \connect}, {@code \set}): a
	 * backslash outside quotes, identifiers, dollar-quoted bodies and comments, which PostgreSQL
	 * never accepts, but {@code psql} runs when the statement is printed into an {@code --sql}
	 * script.
	 * @param sql the SQL text
	 * @param firstLine the line of the file {@code sql} starts on
	 * @return the command and its line, or {@code null} when there is none
	 */
	public static PsqlCommand psqlCommand(String sql, int firstLine) {
		if (sql.indexOf('\\') < 0) {
			return null;
		}
		StatementSplitter splitter = new StatementSplitter(sql, firstLine);
		splitter.run();
		if (splitter.backslash < 0) {
			return null;
		}
		int end = splitter.backslash + 1;
		while (end < sql.length() && end - splitter.backslash < 20 && !Character.isWhitespace(sql.charAt(end))) {
			end++;
		}
		return new PsqlCommand(sql.substring(splitter.backslash, end), splitter.backslashLine);
	}

	/**
	 * A psql command in SQL text.
	 * @param command its first word, as written ({@code \!}, {@code \connect})
	 * @param line the line of the file it stands on
	 */
	public record PsqlCommand(String command, int line) {

		/**
		 * Why it is refused and what to do, for a SQL revision's line and a Java revision's call
		 * alike: online the server refuses it; printed into an {@code --sql} script, psql would run
		 * it ({@code \! …} a shell command, {@code \set ON_ERROR_STOP off} the script's own guard).
		 */
		public String problem() {
			if (this.command.equals("\\.")) {
				// pg_dump's data section: the rows of a COPY ... FROM stdin, ended by '\.'. Saying only
				// that '\.' is a psql command sent people to remove a line, not the copy.
				return "'\\.' ends the rows of a COPY ... FROM STDIN, as pg_dump writes them: a revision cannot copy"
						+ " rows from the client (PostgreSQL reads the rows above it as SQL, and psql would read an --sql"
						+ " script's next lines as rows). Write the rows as INSERT ... VALUES (pg_dump --inserts writes"
						+ " them so), or COPY them from a file on the server.";
			}
			return "'" + this.command + "' is a psql command, not SQL: PostgreSQL refuses it, and psql would run"
					+ " it from an --sql script. Remove it, or write what it does as SQL.";
		}

	}

	private void run() {
		while (this.pos < this.sql.length()) {
			char c = this.sql.charAt(this.pos);
			if (c == '\n') {
				this.line++;
				this.pos++;
			}
			else if (Character.isWhitespace(c)) {
				this.pos++;
			}
			else if (c == '-' && peek(1) == '-') {
				skipLineComment();
			}
			else if (c == '/' && peek(1) == '*') {
				skipBlockComment();
			}
			else if (c == ';' && this.parenDepth == 0 && this.beginDepth == 0) {
				endStatement();
				this.pos++;
			}
			else {
				token(c);
			}
		}
		endStatement();
	}

	private void token(char c) {
		markToken();
		if (c == '\'') {
			skipString(this.pos + 1, false);
		}
		else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
			skipString(this.pos + 2, true);
		}
		else if (c == '"') {
			skipQuoted('"', "quoted identifier");
		}
		else if (c == '$' && dollarTagEnd(this.pos) > 0) {
			skipDollarQuoted();
		}
		else if (isIdentifierStart(c)) {
			word();
		}
		else {
			if (c == '?') {
				this.questionMarks.add(this.pos);
			}
			if (c == '\\' && this.backslash < 0) {
				this.backslash = this.pos;
				this.backslashLine = this.line;
			}
			if (c == '(') {
				this.parenDepth++;
			}
			else if (c == ')' && this.parenDepth > 0) {
				this.parenDepth--;
			}
			this.pos++;
		}
		this.end = this.pos;
	}

	private void markToken() {
		if (this.start < 0) {
			this.start = this.pos;
			this.startLine = this.line;
		}
	}

	/** A keyword or identifier; {@code $} may continue one, so {@code a$b$} is not a quote. */
	private void word() {
		int from = this.pos;
		while (this.pos < this.sql.length() && isIdentifierPart(this.sql.charAt(this.pos))) {
			this.pos++;
		}
		trackBeginAtomic(from, this.pos);
	}

	/**
	 * psql's heuristic: inside CREATE [OR REPLACE] {FUNCTION|PROCEDURE}, BEGIN (and CASE within
	 * it) opens a block that END closes, so the semicolons of a BEGIN ATOMIC body stay inside.
	 */
	private void trackBeginAtomic(int from, int to) {
		if (this.lead != LEAD_ROUTINE) {
			this.lead = nextLead(from, to);
			return;
		}
		if (this.parenDepth != 0) {
			return;
		}
		if (is(from, to, "begin")) {
			this.beginDepth++;
		}
		else if (is(from, to, "case") && this.beginDepth > 0) {
			this.beginDepth++;
		}
		else if (is(from, to, "end") && this.beginDepth > 0) {
			this.beginDepth--;
		}
	}

	/** The lead after the word at {@code from..to}; a word the routine header does not allow ends it. */
	private int nextLead(int from, int to) {
		switch (this.lead) {
			case LEAD_START:
				return is(from, to, "create") ? LEAD_CREATE : LEAD_OTHER;
			case LEAD_CREATE:
				return routineKind(from, to) ? LEAD_ROUTINE : is(from, to, "or") ? LEAD_CREATE_OR : LEAD_OTHER;
			case LEAD_CREATE_OR:
				return is(from, to, "replace") ? LEAD_CREATE_OR_REPLACE : LEAD_OTHER;
			case LEAD_CREATE_OR_REPLACE:
				return routineKind(from, to) ? LEAD_ROUTINE : LEAD_OTHER;
			default:
				return LEAD_OTHER;
		}
	}

	private boolean routineKind(int from, int to) {
		return is(from, to, "function") || is(from, to, "procedure");
	}

	/** Whether the word at {@code from..to} is {@code keyword}, in any case. */
	private boolean is(int from, int to, String keyword) {
		return to - from == keyword.length() && Keywords.matchAt(this.sql, from, keyword);
	}

	private void skipLineComment() {
		while (this.pos < this.sql.length() && this.sql.charAt(this.pos) != '\n') {
			this.pos++;
		}
	}

	private void skipBlockComment() {
		int openedAt = this.line;
		int depth = 0;
		while (this.pos < this.sql.length()) {
			char c = this.sql.charAt(this.pos);
			if (c == '/' && peek(1) == '*') {
				depth++;
				this.pos += 2;
			}
			else if (c == '*' && peek(1) == '/') {
				depth--;
				this.pos += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				advance();
			}
		}
		throw new UnterminatedSqlException("block comment", "*/", openedAt);
	}

	/** A string from {@code from} (just after the opening quote); {@code ''} always escapes. */
	private void skipString(int from, boolean backslashEscapes) {
		int openedAt = this.line;
		this.pos = from;
		while (this.pos < this.sql.length()) {
			char c = this.sql.charAt(this.pos);
			if (backslashEscapes && c == '\\' && this.pos + 1 < this.sql.length()) {
				this.pos++;
				advance();
			}
			else if (c == '\'') {
				if (peek(1) == '\'') {
					this.pos += 2;
				}
				else {
					this.pos++;
					return;
				}
			}
			else {
				advance();
			}
		}
		throw new UnterminatedSqlException(backslashEscapes ? "E'' string" : "string", "'", openedAt);
	}

	private void skipQuoted(char quote, String what) {
		int openedAt = this.line;
		this.pos++;
		while (this.pos < this.sql.length()) {
			char c = this.sql.charAt(this.pos);
			if (c == quote) {
				if (peek(1) == quote) {
					this.pos += 2;
				}
				else {
					this.pos++;
					return;
				}
			}
			else {
				advance();
			}
		}
		throw new UnterminatedSqlException(what, String.valueOf(quote), openedAt);
	}

	private void skipDollarQuoted() {
		int openedAt = this.line;
		int tagEnd = dollarTagEnd(this.pos);
		String tag = this.sql.substring(this.pos, tagEnd);
		int close = this.sql.indexOf(tag, tagEnd);
		if (close < 0) {
			throw new UnterminatedSqlException("dollar-quoted string", tag, openedAt);
		}
		for (int i = this.pos; i < close; i++) {
			if (this.sql.charAt(i) == '\n') {
				this.line++;
			}
		}
		this.pos = close + tag.length();
	}

	/**
	 * Where each {@code ?} of {@code sql} stands outside strings, quoted identifiers, dollar quotes
	 * and comments, in order: where JDBC reads a parameter placeholder ({@code ??}, two of them side
	 * by side, is its escape for the operator {@code ?}).
	 * @throws UnterminatedSqlException when a quote or comment is not closed
	 */
	public static List<Integer> questionMarks(String sql) {
		StatementSplitter splitter = new StatementSplitter(sql, 1);
		splitter.run();
		return List.copyOf(splitter.questionMarks);
	}

	/**
	 * The end (exclusive) of a dollar-quote delimiter {@code $tag$} at {@code at}, or -1. The tag
	 * is empty or an identifier without {@code $}; a digit cannot start it, so {@code $1} is a
	 * parameter. A {@code $} continuing an identifier ({@code a$b}) never opens a quote.
	 */
	private int dollarTagEnd(int at) {
		if (at > 0 && isIdentifierPart(this.sql.charAt(at - 1))) {
			return -1;
		}
		int i = at + 1;
		if (i < this.sql.length() && this.sql.charAt(i) == '$') {
			return i + 1;
		}
		if (i >= this.sql.length() || !isIdentifierStart(this.sql.charAt(i))) {
			return -1;
		}
		while (i < this.sql.length() && isIdentifierPart(this.sql.charAt(i)) && this.sql.charAt(i) != '$') {
			i++;
		}
		return (i < this.sql.length() && this.sql.charAt(i) == '$') ? i + 1 : -1;
	}

	private void advance() {
		if (this.sql.charAt(this.pos) == '\n') {
			this.line++;
		}
		this.pos++;
	}

	private char peek(int offset) {
		int i = this.pos + offset;
		return (i < this.sql.length()) ? this.sql.charAt(i) : '\0';
	}

	private void endStatement() {
		if (this.start >= 0) {
			this.statements.add(new SqlStatement(this.sql.substring(this.start, this.end), this.startLine));
		}
		this.start = -1;
		this.parenDepth = 0;
		this.beginDepth = 0;
		this.lead = LEAD_START;
	}

	// Below 0x80, Character.isLetter and isDigit are exactly these ranges.
	private static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
	}

	private static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
	}

	/**
	 * A quote, dollar-quoted body or block comment that is never closed: PostgreSQL would read
	 * the rest of the file as part of it.
	 */
	public static final class UnterminatedSqlException extends RetortException {

		private final int line;

		UnterminatedSqlException(String what, String closer, int line) {
			super(ErrorCode.INVALID_REVISION_FILE, "Unterminated " + what + " starting at line " + line
					+ ": it is never closed, so the rest of the script would belong to it. Add the closing " + closer
					+ ".");
			this.line = line;
		}

		/** The line where the unterminated construct starts. */
		public int line() {
			return this.line;
		}

	}

}
