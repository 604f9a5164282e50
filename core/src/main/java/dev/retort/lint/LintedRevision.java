package dev.retort.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.dialect.postgres.SqlStatement;

/**
 * What the linter reads of one revision: its statements in order, each with the comment lines
 * just above it (where {@code -- lint:ack} goes).
 *
 * @param id the revision id
 * @param source the file (or Java class), as shown in findings
 * @param transactional whether the revision runs in one transaction
 * @param statements its upgrade statements
 * @param strayAcks the {@code -- lint:ack} lines right above no statement, which acknowledge nothing
 * @param downgrade whether these are the statements of the revision's downgrade section, which runs
 * when a release is rolled back, against the schema the upgrade left
 */
public record LintedRevision(String id, String source, boolean transactional, List<Statement> statements,
		List<Comment> strayAcks, boolean downgrade) {

	public LintedRevision {
		statements = List.copyOf(statements);
		strayAcks = List.copyOf(strayAcks);
	}

	public LintedRevision(String id, String source, boolean transactional, List<Statement> statements,
			List<Comment> strayAcks) {
		this(id, source, transactional, statements, strayAcks, false);
	}

	public LintedRevision(String id, String source, boolean transactional, List<Statement> statements) {
		this(id, source, transactional, statements, List.of());
	}

	/**
	 * The same statements read as the revision's downgrade section. Its {@code -- lint:ack LINT005}
	 * lines say that an empty section is the downgrade ({@link EmptyDowngrade}): they are above no
	 * statement by design, not stray.
	 */
	public LintedRevision asDowngrade() {
		List<Comment> stray = this.strayAcks.stream().filter((comment) -> {
			Ack ack = Ack.of(comment.text());
			return ack == null || ack.rule() != LintRule.LINT005;
		}).toList();
		return new LintedRevision(this.id, this.source, this.transactional, this.statements, stray, true);
	}

	/**
	 * A revision from its split statements and the text they were split from, which holds the
	 * comment lines above each.
	 * @param id the revision id
	 * @param source the file, as shown in findings
	 * @param transactional whether the revision runs in one transaction
	 * @param statements the statements, with their lines in the file
	 * @param text the text they were split from
	 * @param firstLine the line of the file {@code text} starts on
	 * @return the revision to lint
	 */
	public static LintedRevision of(String id, String source, boolean transactional, List<SqlStatement> statements,
			String text, int firstLine) {
		String[] lines = text.split("\n", -1);
		List<Statement> result = new ArrayList<>();
		Set<Integer> above = new HashSet<>();
		for (SqlStatement statement : statements) {
			List<Comment> comments = new ArrayList<>();
			for (int index = statement.line() - firstLine - 1; index >= 0 && index < lines.length; index--) {
				String line = lines[index].strip();
				if (!line.startsWith("--")) {
					break;
				}
				comments.add(0, new Comment(line.substring(2).strip(), firstLine + index));
				above.add(firstLine + index);
			}
			result.add(new Statement(statement.sql(), statement.line(), comments));
		}
		// An acknowledgement where no statement follows it (or beside one) would otherwise pass unseen;
		// the same text in a string or a function's body is no comment at all.
		List<Comment> stray = new ArrayList<>();
		for (Comment comment : lineComments(text, firstLine)) {
			if (!above.contains(comment.line()) && Ack.of(comment.text()) != null) {
				stray.add(comment);
			}
		}
		return new LintedRevision(id, source, transactional, result, stray);
	}

	/**
	 * The {@code --} comments of {@code text}, in order, each with its line: outside strings, quoted
	 * names, dollar-quoted bodies and block comments, as PostgreSQL reads them.
	 */
	static List<Comment> lineComments(String text, int firstLine) {
		List<Comment> comments = new ArrayList<>();
		int line = firstLine;
		int n = text.length();
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			int end;
			if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
				end = text.indexOf('\n', i);
				end = (end < 0) ? n : end;
				comments.add(new Comment(text.substring(i + 2, end).strip(), line));
			}
			else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
				end = Tokens.blockCommentEnd(text, i);
			}
			else if (c == '\'' || c == '"') {
				boolean escapes = c == '\'' && i > 0 && (text.charAt(i - 1) == 'e' || text.charAt(i - 1) == 'E')
						&& (i < 2 || !isIdentifierPart(text.charAt(i - 2)));
				end = quotedEnd(text, i, c, escapes);
			}
			else if (c == '$' && (i == 0 || !isIdentifierPart(text.charAt(i - 1))) && Tokens.dollarTagEnd(text, i) > 0) {
				String tag = text.substring(i, Tokens.dollarTagEnd(text, i));
				int close = text.indexOf(tag, i + tag.length());
				end = (close < 0) ? n : close + tag.length();
			}
			else {
				end = i + 1;
			}
			for (int j = i; j < end; j++) {
				line += (text.charAt(j) == '\n') ? 1 : 0;
			}
			i = end;
		}
		return comments;
	}

	/** The index after the quote opened at {@code at}: a doubled quote stands for one, a backslash escapes in {@code E''}. */
	static int quotedEnd(String text, int at, char quote, boolean backslashEscapes) {
		int i = at + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
			}
			else if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
				i += 2;
			}
			else if (c == quote) {
				return i + 1;
			}
			else {
				i++;
			}
		}
		return text.length();
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	/**
	 * One statement.
	 *
	 * @param sql its text
	 * @param line the line it starts on
	 * @param commentsAbove the {@code --} comment lines directly above it, each with its line
	 */
	public record Statement(String sql, int line, List<Comment> commentsAbove) {

		public Statement {
			commentsAbove = List.copyOf(commentsAbove);
		}

	}

	/**
	 * A {@code --} comment line.
	 *
	 * @param text the text after {@code --}, trimmed
	 * @param line its line
	 */
	public record Comment(String text, int line) {
	}

}
