package dev.retort.dialect.postgres;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * An operation that cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, a
 * batched backfill) was met in a revision that runs inside one. Refused before it runs.
 */
public class NonTransactionalOperationException extends RetortException {

	private final String revision;

	private final String statement;

	public NonTransactionalOperationException(String revision, String statement) {
		super(ErrorCode.INVALID_REVISION_FILE, ((revision != null) ? "Revision " + revision : "A revision") + " runs '"
				+ shorten(statement)
				+ "', which cannot run inside a transaction, but the revision is transactional. Declare it with"
				+ " transactional = false (SQL: '-- Transactional: false') and keep only such statements in it.");
		this.revision = revision;
		this.statement = statement;
	}

	/** The revision (or other label) the statement came from, or {@code null} when unknown. */
	public String revision() {
		return this.revision;
	}

	/** The refused statement. */
	public String statement() {
		return this.statement;
	}

	/** The refused statement on one line, cut short when long, as the message shows it. */
	public String shortStatement() {
		return shorten(this.statement);
	}

	static String shorten(String statement) {
		String oneLine = statement.replaceAll("\\s+", " ").trim();
		return (oneLine.length() > 120) ? oneLine.substring(0, 117) + "..." : oneLine;
	}

}
