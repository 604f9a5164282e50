package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … VALIDATE CONSTRAINT}: checks the existing rows against a constraint added
 * {@code NOT VALID}, holding only a lock that lets reads and writes go on. Validation cannot be
 * undone, so it has no reverse; a downgrade that drops the constraint needs none.
 *
 * @param name the constraint name
 * @param table the table, optionally schema-qualified
 */
public record ValidateConstraint(String name, String table) implements Operation {

	public ValidateConstraint {
		Names.require(name, "name");
		Names.require(table, "table");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitValidateConstraint(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

}
