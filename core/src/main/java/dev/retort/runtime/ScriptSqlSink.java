package dev.retort.runtime;

import java.sql.Connection;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The offline side of {@link SqlSink}: every statement is appended to a psql script, each
 * terminated by a semicolon, transactions as {@code BEGIN;}/{@code COMMIT;}.
 */
public final class ScriptSqlSink implements SqlSink {

	private final StringBuilder script = new StringBuilder();

	/** What psql's session holds between revisions: what a revision's settings go back to. */
	private final SessionBaseline baseline = new SessionBaseline();

	/** How many characters of {@link #script} {@link #lines} has counted. */
	private int counted;

	/** The line breaks in the first {@link #counted} characters of {@link #script}. */
	private int lines;

	/** A check to repeat as the first statement of the next transaction, or {@code null}. */
	private String nextTransactionGuard;

	@Override
	public boolean offline() {
		return true;
	}

	@Override
	public void begin() {
		this.script.append("BEGIN;\n\n");
		if (this.nextTransactionGuard != null) {
			append(this.nextTransactionGuard);
			this.nextTransactionGuard = null;
		}
	}

	/**
	 * Repeats {@code guard} inside the next transaction: a check that stands outside one stops
	 * the script only with {@code ON_ERROR_STOP}; inside, its error also rolls that transaction
	 * back when psql goes on.
	 */
	public void guardNextTransaction(String guard) {
		this.nextTransactionGuard = guard;
	}

	@Override
	public void commit() {
		this.script.append("COMMIT;\n\n");
	}

	@Override
	public void rollback() {
	}

	@Override
	public void execute(String sql) {
		append(sql);
	}

	@Override
	public void execute(List<String> statements, List<Bookkeeping> before, List<Bookkeeping> after) {
		write(before);
		for (String sql : statements) {
			append(sql);
		}
		write(after);
	}

	@Override
	public void write(List<Bookkeeping> statements) {
		for (Bookkeeping statement : statements) {
			append(statement.sql());
		}
	}

	@Override
	public List<String> queryRow(String sql) {
		// The runner asks only online (SqlSink#queryRow): a script has no database to read.
		throw new IllegalStateException("An offline script was asked to read the database: " + sql);
	}

	@Override
	public BlockerWatch watchBlockers(java.time.Duration every, java.time.Duration delay, boolean askNothing) {
		return BlockerWatch.NONE;
	}

	@Override
	public void writeApart(List<Bookkeeping> statements) {
		// A script has one session: what it writes goes where everything else goes.
		write(statements);
	}

	/**
	 * Notes a setting the script gives psql's session for the whole run (the
	 * {@code search_path} of {@code retort.schema}): a revision that changes it gets it back.
	 */
	public void runSetting(String name, String value) {
		this.baseline.own(name, value);
	}

	@Override
	public List<Bookkeeping> putBack(java.util.Set<String> changed) {
		return this.baseline.putBack(changed);
	}

	@Override
	public void pausing(RetryPause pause) {
		// A script waits for nothing.
	}

	@Override
	public boolean keepsComments() {
		return true;
	}

	@Override
	public void comment(String text) {
		this.script.append("-- ").append(oneLine(text)).append("\n\n");
	}

	/** {@code text} on one line: a carriage return ends a comment for PostgreSQL too, and what follows it is SQL. */
	private static String oneLine(String text) {
		return text.replace('\r', ' ').replace('\n', ' ');
	}

	/** Comment lines that read as one block, such as a list: no blank line between them. */
	public void commentBlock(List<String> lines) {
		if (lines.isEmpty()) {
			return;
		}
		for (String line : lines) {
			// A carriage return ends a comment for PostgreSQL too: what follows it would be SQL.
			this.script.append("-- ").append(oneLine(line)).append('\n');
		}
		this.script.append('\n');
	}

	@Override
	public Connection connection() {
		throw new RetortException(ErrorCode.OFFLINE_UNSUPPORTED,
				"A Java revision asked for the JDBC connection while writing an offline (--sql) script: a script "
						+ "cannot read data. Run this revision online, or write it with Operations calls only.");
	}

	/**
	 * A psql meta-command ({@code \set ON_ERROR_STOP on}): a line of its own, which psql reads
	 * up to its end, with no semicolon.
	 */
	public void psqlCommand(String command) {
		this.script.append(command).append("\n\n");
	}

	/** The line of the script the next statement or comment starts on, counting from 1. */
	public int nextLine() {
		// Counted on from where the last call stopped: a Java revision asks once per statement, and
		// counting the whole script each time made rendering 20,000 statements take minutes.
		for (int i = this.counted; i < this.script.length(); i++) {
			if (this.script.charAt(i) == '\n') {
				this.lines++;
			}
		}
		this.counted = this.script.length();
		return this.lines + 1;
	}

	/** The script so far. */
	public String script() {
		return this.script.toString();
	}

	private void append(String sql) {
		String statement = sql.strip();
		int lastLine = statement.lastIndexOf('\n');
		// A trailing line comment would swallow the semicolon.
		boolean endsInComment = statement.substring(lastLine + 1).contains("--");
		// op.execute("…;") brings its own terminator: a second one would print ';;'.
		String terminator = endsInComment ? "\n;" : statement.endsWith(";") ? "" : ";";
		this.script.append(statement).append(terminator).append("\n\n");
	}

}
