package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP INDEX}. An unqualified index name takes the schema of {@code table} when that is
 * qualified.
 *
 * @param name the index name, optionally schema-qualified
 * @param table the index's table, or {@code null}
 * @param concurrently whether to add {@code CONCURRENTLY} (outside a transaction only)
 * @param ifExists whether to add {@code IF EXISTS}
 * @param definition the index as it was, which makes the drop reversible; or {@code null}
 */
public record DropIndex(String name, String table, boolean concurrently, boolean ifExists, CreateIndex definition)
		implements Operation {

	public DropIndex {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropIndex(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

	/** The options of {@code op.dropIndex(name, table, index -> index.concurrently())}. */
	public static final class Builder {

		private boolean concurrently;

		private boolean ifExists;

		Builder() {
		}

		/** {@code CONCURRENTLY}; the revision must be {@code transactional = false}. */
		public Builder concurrently() {
			this.concurrently = true;
			return this;
		}

		/** {@code IF EXISTS}. */
		public Builder ifExists() {
			this.ifExists = true;
			return this;
		}

		DropIndex build(String name, String table) {
			return new DropIndex(name, table, this.concurrently, this.ifExists, null);
		}

	}

}
