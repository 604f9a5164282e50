package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE MATERIALIZED VIEW … AS}, filled by running its query unless {@code withNoData}:
 * then it cannot be read until a {@link RefreshMaterializedView} without {@code CONCURRENTLY}.
 *
 * @param name the materialized view, optionally schema-qualified
 * @param definition the query, written as given ({@code SELECT …}): code, never data
 * @param withNoData whether to add {@code WITH NO DATA}
 */
public record CreateMaterializedView(String name, String definition, boolean withNoData) implements Operation {

	public CreateMaterializedView {
		Names.require(name, "name");
		Names.require(definition, "definition");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateMaterializedView(this);
	}

	/** The drop, carrying this definition. */
	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropMaterializedView(this.name, false, false, this));
	}

	/** The options of {@code op.createMaterializedView(name, query, view -> view.withNoData())}. */
	public static final class Builder {

		private boolean withNoData;

		Builder() {
		}

		/** {@code WITH NO DATA}: the query is not run; refresh the view before reading it. */
		public Builder withNoData() {
			this.withNoData = true;
			return this;
		}

		CreateMaterializedView build(String name, String definition) {
			return new CreateMaterializedView(name, definition, this.withNoData);
		}

	}

}
