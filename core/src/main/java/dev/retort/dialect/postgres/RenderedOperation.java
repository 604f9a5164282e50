package dev.retort.dialect.postgres;

import java.util.List;

/**
 * The SQL of one operation: statements without a terminating semicolon, to run one at a time in
 * order, and whether they must run outside a transaction block ({@code CONCURRENTLY}, the
 * batched backfill).
 *
 * @param statements the statements, possibly none (a bulk insert of no rows)
 * @param nonTransactional whether they cannot run inside a transaction: the runtime runs them
 * with autocommit and refuses them in a transactional revision
 */
public record RenderedOperation(List<String> statements, boolean nonTransactional) {

	public RenderedOperation {
		statements = List.copyOf(statements);
	}

	static RenderedOperation of(String... statements) {
		return new RenderedOperation(List.of(statements), false);
	}

	/**
	 * Throws when these statements cannot run in the transaction of {@code revision} (a revision
	 * id, or any label naming where they come from).
	 */
	public void ensureAllowedInTransaction(String revision) {
		if (this.nonTransactional) {
			throw new NonTransactionalOperationException(revision, this.statements.isEmpty() ? "" : this.statements.get(0));
		}
	}

}
