package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP MATERIALIZED VIEW}.
 *
 * @param name the materialized view, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE} (drops the views built on it too)
 * @param definition the materialized view as it was, which makes the drop reversible; or
 * {@code null}. Its indexes are not part of it: recreate them after the reverse.
 */
public record DropMaterializedView(String name, boolean ifExists, boolean cascade, CreateMaterializedView definition)
		implements Operation {

	public DropMaterializedView {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropMaterializedView(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
