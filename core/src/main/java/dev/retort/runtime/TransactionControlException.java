package dev.retort.runtime;

/**
 * A transactional Java revision that runs {@code op.execute("COMMIT")} (or {@code BEGIN},
 * {@code ROLLBACK}, …): refused before anything of the plan runs, as the same line in a SQL file
 * is. {@code retort lint} reports it as PG104, as it does the SQL file's line.
 */
public final class TransactionControlException extends RefusedStatementException {

	TransactionControlException(String problem, String command) {
		this(problem, command, null);
	}

	private TransactionControlException(String problem, String command, RenderedJava rendered) {
		super(problem, command, rendered);
	}

	@Override
	TransactionControlException rendered(RenderedJava upToIt) {
		TransactionControlException refused = new TransactionControlException(getMessage(), statement(), upToIt);
		refused.setStackTrace(getStackTrace());
		return refused;
	}

}
