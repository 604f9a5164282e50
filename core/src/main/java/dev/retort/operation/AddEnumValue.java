package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TYPE … ADD VALUE}. It runs inside a transaction (PostgreSQL 12+), but the new label
 * cannot be used before that transaction commits: use it in a later revision. PostgreSQL cannot
 * remove an enum label, so there is no reverse.
 *
 * @param type the enum type, optionally schema-qualified
 * @param value the new label
 * @param before the label to place it before, or {@code null}
 * @param after the label to place it after, or {@code null}
 * @param ifNotExists whether to add {@code IF NOT EXISTS}
 */
public record AddEnumValue(String type, String value, String before, String after, boolean ifNotExists)
		implements Operation {

	public AddEnumValue {
		Names.require(type, "type");
		Names.require(value, "value");
		if (before != null && after != null) {
			throw new IllegalArgumentException(
					"Label '" + value + "' of enum '" + type + "' can go before or after another label, not both");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitAddEnumValue(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

}
