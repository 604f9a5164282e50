package dev.retort.runtime;

import java.util.List;

import dev.retort.script.InvalidRevisionFileException;

/**
 * A transactional Java revision that runs {@code op.execute("COMMIT")} (or {@code BEGIN},
 * {@code ROLLBACK}, …): refused before anything of the plan runs, as the same line in a SQL file
 * is. It carries the SQL the revision rendered up to that call, so that {@code retort lint}
 * reports it (PG104, as it does the SQL file's line) and lints what came before, rather than
 * stopping with no findings at all.
 */
public final class TransactionControlException extends InvalidRevisionFileException {

	private final String command;

	private final transient RenderedJava rendered;

	TransactionControlException(String problem, String command) {
		this(problem, command, null);
	}

	private TransactionControlException(String problem, String command, RenderedJava rendered) {
		super(List.of(problem));
		this.command = command;
		this.rendered = rendered;
	}

	/** The transaction control statement it runs, as {@code TransactionControl} names it: {@code COMMIT}. */
	public String command() {
		return this.command;
	}

	/**
	 * What the revision rendered before the refused call, ending with a comment saying why it stops
	 * there; {@code null} when it was not rendered offline ({@link MigrationRunner#renderJava} sets it).
	 */
	public RenderedJava rendered() {
		return this.rendered;
	}

	TransactionControlException rendered(RenderedJava upToIt) {
		TransactionControlException refused = new TransactionControlException(getMessage(), this.command, upToIt);
		refused.setStackTrace(getStackTrace());
		return refused;
	}

}
