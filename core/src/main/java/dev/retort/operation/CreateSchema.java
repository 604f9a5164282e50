package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE SCHEMA}.
 *
 * @param name the schema
 * @param ifNotExists whether to add {@code IF NOT EXISTS}
 */
public record CreateSchema(String name, boolean ifNotExists) implements Operation {

	public CreateSchema {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateSchema(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropSchema(this.name, false, false));
	}

}
