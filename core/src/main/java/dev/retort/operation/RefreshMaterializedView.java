package dev.retort.operation;

import java.util.Optional;

/**
 * {@code REFRESH MATERIALIZED VIEW}: runs the view's query again. Plain, it holds an
 * {@code ACCESS EXCLUSIVE} lock on the view for the whole refresh; {@code CONCURRENTLY} lets
 * reads go on, and needs a unique index on the view (of columns, no {@code WHERE}) and a view
 * that has data already. Both run inside a transaction block.
 *
 * @param name the materialized view, optionally schema-qualified
 * @param concurrently whether to add {@code CONCURRENTLY}
 */
public record RefreshMaterializedView(String name, boolean concurrently) implements Operation {

	public RefreshMaterializedView {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitRefreshMaterializedView(this);
	}

	/** None: the data it replaced is gone (a downgrade refreshes again if it needs to). */
	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

	/** The options of {@code op.refreshMaterializedView(name, refresh -> refresh.concurrently())}. */
	public static final class Builder {

		private boolean concurrently;

		Builder() {
		}

		/** {@code CONCURRENTLY}: reads of the view go on; it needs a unique index on the view. */
		public Builder concurrently() {
			this.concurrently = true;
			return this;
		}

		RefreshMaterializedView build(String name) {
			return new RefreshMaterializedView(name, this.concurrently);
		}

	}

}
