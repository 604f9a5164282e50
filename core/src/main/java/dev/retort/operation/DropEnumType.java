package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP TYPE} of an enum.
 *
 * @param name the type, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE} (drops the columns of that type)
 * @param definition the type as it was, which makes the drop reversible; or {@code null}
 */
public record DropEnumType(String name, boolean ifExists, boolean cascade, CreateEnumType definition)
		implements Operation {

	public DropEnumType {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropEnumType(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
