package dev.retort.runtime;

/**
 * A Java revision that runs {@code op.execute("COPY … FROM STDIN")} (or {@code TO STDOUT}), whose
 * rows travel between the server and the client: refused before anything of the plan runs, in any
 * revision, as the same line in a SQL file is ({@link PlanChecks#clientCopy}). {@code retort lint}
 * reports it as LINT006, as it does the SQL file's line.
 */
public final class ClientCopyException extends RefusedStatementException {

	ClientCopyException(String problem, String copy) {
		this(problem, copy, null);
	}

	private ClientCopyException(String problem, String copy, RenderedJava rendered) {
		super(problem, copy, rendered);
	}

	@Override
	ClientCopyException rendered(RenderedJava upToIt) {
		ClientCopyException refused = new ClientCopyException(getMessage(), statement(), upToIt);
		refused.setStackTrace(getStackTrace());
		return refused;
	}

}
