package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP SEQUENCE}.
 *
 * @param name the sequence, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE}
 * @param definition the sequence as it was, which makes the drop reversible; or {@code null}
 */
public record DropSequence(String name, boolean ifExists, boolean cascade, CreateSequence definition)
		implements Operation {

	public DropSequence {
		Names.require(name, "name");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropSequence(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
