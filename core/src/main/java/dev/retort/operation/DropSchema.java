package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP SCHEMA}. Without {@code cascade} PostgreSQL only drops an empty schema, so the
 * reverse is an empty {@code CREATE SCHEMA}; with it, what was inside is gone and there is no
 * reverse.
 *
 * @param name the schema
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE}
 */
public record DropSchema(String name, boolean ifExists, boolean cascade) implements Operation {

	public DropSchema {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropSchema(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return this.cascade ? Optional.empty() : Optional.of(new CreateSchema(this.name, false));
	}

}
