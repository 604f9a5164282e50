package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP TRIGGER name ON table}.
 *
 * @param name the trigger
 * @param table its table, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param definition the trigger as it was, which makes the drop reversible; or {@code null}
 */
public record DropTrigger(String name, String table, boolean ifExists, CreateTrigger definition) implements Operation {

	public DropTrigger {
		Names.require(name, "name");
		Names.require(table, "table");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropTrigger(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
