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
 */
public record LintedRevision(String id, String source, boolean transactional, List<Statement> statements,
		List<Comment> strayAcks) {

	public LintedRevision {
		statements = List.copyOf(statements);
		strayAcks = List.copyOf(strayAcks);
	}

	public LintedRevision(String id, String source, boolean transactional, List<Statement> statements) {
		this(id, source, transactional, statements, List.of());
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
		// An acknowledgement where no statement follows it (or beside one) would otherwise pass unseen.
		List<Comment> stray = new ArrayList<>();
		for (int index = 0; index < lines.length; index++) {
			String line = lines[index].strip();
			int dashes = line.indexOf("--");
			String comment = (dashes < 0) ? "" : line.substring(dashes + 2).strip();
			if (dashes >= 0 && !above.contains(firstLine + index) && Ack.of(comment) != null) {
				stray.add(new Comment(comment, firstLine + index));
			}
		}
		return new LintedRevision(id, source, transactional, result, stray);
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
