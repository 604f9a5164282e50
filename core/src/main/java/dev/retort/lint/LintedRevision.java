package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;

import dev.retort.dialect.postgres.SqlStatement;

/**
 * What the linter reads of one revision: its statements in order, each with the comment lines
 * just above it (where {@code -- lint:ack} goes).
 *
 * @param id the revision id
 * @param source the file (or Java class), as shown in findings
 * @param transactional whether the revision runs in one transaction
 * @param statements its upgrade statements
 */
public record LintedRevision(String id, String source, boolean transactional, List<Statement> statements) {

	public LintedRevision {
		statements = List.copyOf(statements);
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
		for (SqlStatement statement : statements) {
			List<Comment> comments = new ArrayList<>();
			for (int index = statement.line() - firstLine - 1; index >= 0 && index < lines.length; index--) {
				String line = lines[index].strip();
				if (!line.startsWith("--")) {
					break;
				}
				comments.add(0, new Comment(line.substring(2).strip(), firstLine + index));
			}
			result.add(new Statement(statement.sql(), statement.line(), comments));
		}
		return new LintedRevision(id, source, transactional, result);
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
