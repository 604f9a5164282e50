package dev.retort.script;

import java.util.List;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.dialect.postgres.StatementSplitter.PsqlCommand;
import dev.retort.dialect.postgres.StatementSplitter.UnterminatedSqlException;

/**
 * One section of a SQL revision file ({@code -- +upgrade} or {@code -- +downgrade}): its text as
 * written and its statements, split on first use.
 *
 * <p>Why not at load: a start with nothing pending reads every file for its header and checksum
 * but runs none of them, and splitting statements was most of what reading a file cost. The
 * split happens when a revision is about to run or be printed, and for {@code validate}. A
 * section that cannot be split (a quote never closed) fails then with its {@code file:line};
 * the runner splits every revision of a plan before the first one runs, so such a file still
 * changes nothing.
 */
public final class SqlSection {

	private final String source;

	private final String text;

	private final int firstLine;

	/** Written once by whichever thread splits first; a second split gives an equal list. */
	private volatile List<SqlStatement> statements;

	private SqlSection(String source, String text, int firstLine, List<SqlStatement> statements) {
		this.source = source;
		this.text = text;
		this.firstLine = firstLine;
		this.statements = statements;
	}

	/**
	 * A section to split on first use.
	 * @param source the file, as shown in messages
	 * @param text the section's text
	 * @param firstLine the line of the file {@code text} starts on
	 */
	static SqlSection of(String source, String text, int firstLine) {
		return new SqlSection(source, text, firstLine, null);
	}

	/** A section whose statements are already known (a revision built in code). */
	static SqlSection split(String text, List<SqlStatement> statements) {
		return new SqlSection("", text, 1, List.copyOf(statements));
	}

	/** The line of the file {@link #text()} starts on. */
	int firstLine() {
		return this.firstLine;
	}

	/** The section as written, without the blank lines around it. */
	public String text() {
		return this.text;
	}

	/**
	 * The statements, in order, each with its line in the file.
	 * @throws InvalidRevisionFileException naming {@code file:line} when a quote, dollar-quoted
	 * body or block comment is never closed
	 */
	public List<SqlStatement> statements() {
		List<SqlStatement> split = this.statements;
		if (split == null) {
			try {
				split = StatementSplitter.split(this.text, this.firstLine);
			}
			catch (UnterminatedSqlException ex) {
				throw new InvalidRevisionFileException(List.of(problem(ex)));
			}
			PsqlCommand command = StatementSplitter.psqlCommand(this.text, this.firstLine);
			if (command != null) {
				throw new InvalidRevisionFileException(List.of(this.source + ":" + command.line() + ": " + command.problem()));
			}
			this.statements = split;
		}
		return split;
	}

	/** Splits now; the problem ({@code file:line: …}), or {@code null} when the section splits. */
	String splitProblem() {
		try {
			statements();
			return null;
		}
		catch (InvalidRevisionFileException ex) {
			return ex.problems().get(0);
		}
	}

	private String problem(UnterminatedSqlException ex) {
		return this.source + ":" + ex.line() + ": " + ex.getMessage();
	}

}
