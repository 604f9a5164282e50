package dev.retort.runtime;

import java.util.List;

import dev.retort.script.InvalidRevisionFileException;

/**
 * A Java revision's {@code op.execute} of a statement that every run refuses before anything of
 * the plan runs, as the same line in a SQL file is: a transactional revision's {@code COMMIT}
 * ({@link TransactionControlException}), a {@code COPY … FROM STDIN} ({@link ClientCopyException}).
 * Rendered offline it carries the SQL the revision rendered up to that call, so that
 * {@code retort lint} reports it as a finding and lints what came before, and {@code retort show}
 * prints it, rather than both stopping with the refusal.
 */
public abstract class RefusedStatementException extends InvalidRevisionFileException {

	private final String statement;

	private final transient RenderedJava rendered;

	RefusedStatementException(String problem, String statement, RenderedJava rendered) {
		super(List.of(problem));
		this.statement = statement;
		this.rendered = rendered;
	}

	/** The refused statement, short: {@code COMMIT}, {@code COPY ... FROM STDIN}. */
	public String statement() {
		return this.statement;
	}

	/**
	 * What the revision rendered before the refused call, ending with a comment saying why it stops
	 * there; {@code null} when it was not rendered offline ({@link MigrationRunner#renderJava} sets it).
	 */
	public RenderedJava rendered() {
		return this.rendered;
	}

	/** This refusal, with what the revision rendered before it. */
	abstract RefusedStatementException rendered(RenderedJava upToIt);

}
