package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … DROP CONSTRAINT}, for any kind of constraint.
 *
 * @param name the constraint name
 * @param table the table, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE}
 * @param definition the constraint as it was, which makes the drop reversible; or {@code null}
 */
public record DropConstraint(String name, String table, boolean ifExists, boolean cascade, AddConstraint definition)
		implements Operation {

	public DropConstraint {
		Names.require(name, "name");
		Names.require(table, "table");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropConstraint(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
