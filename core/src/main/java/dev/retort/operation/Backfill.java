package dev.retort.operation;

import java.util.Optional;

/**
 * A batched {@code UPDATE} (the safe form of "populate the new column" on a large table):
 * {@code UPDATE table SET setClause WHERE key >= ? AND key < ? AND (whereClause)}, one key range
 * of {@code batchSize} per transaction, so no lock is held on the whole table for the whole run.
 * The key is the single-column integer primary key unless {@code keyColumn} names another
 * indexed integer column.
 *
 * <p>Each batch commits on its own, so a revision holding a backfill must be
 * {@code transactional = false}; the runner refuses a connection inside a transaction. The
 * {@code whereClause} should exclude rows already done ({@code "status IS NULL"}) so that a run
 * stopped half-way can simply be started again.
 *
 * @param table the table, optionally schema-qualified
 * @param setClause what to set, as SQL ({@code "status = 'new'"})
 * @param whereClause which rows, as SQL, or {@code null} for all of them
 * @param batchSize how many key values each batch covers
 * @param keyColumn the key column, or {@code null} for the primary key
 */
public record Backfill(String table, String setClause, String whereClause, int batchSize, String keyColumn)
		implements Operation {

	public Backfill {
		Names.require(table, "table");
		Names.require(setClause, "setClause");
		if (whereClause != null && whereClause.isBlank()) {
			whereClause = null;
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException(
					"'batchSize' of the backfill of '" + table + "' must be at least 1, was " + batchSize);
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitBackfill(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

}
