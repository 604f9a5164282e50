package dev.retort.operation;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE TYPE … AS ENUM (…)}.
 *
 * @param name the type, optionally schema-qualified
 * @param values the labels, in order
 */
public record CreateEnumType(String name, List<String> values) implements Operation {

	public CreateEnumType {
		Names.require(name, "name");
		values = List.copyOf(values);
		if (values.size() != values.stream().distinct().count()) {
			throw new IllegalArgumentException("Enum type '" + name + "' repeats a label: " + values);
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateEnumType(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropEnumType(this.name, false, false, this));
	}

}
