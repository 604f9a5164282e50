package dev.retort.operation;

/**
 * {@code ALTER TABLE … ADD CONSTRAINT … CHECK (…)}. With {@code notValid} existing rows are not
 * scanned; validate later with {@link ValidateConstraint}, which does not block writes.
 *
 * @param name the constraint name, or {@code null}
 * @param table the table, optionally schema-qualified
 * @param condition the condition, as SQL
 * @param notValid whether to add {@code NOT VALID}
 */
public record CreateCheckConstraint(String name, String table, String condition, boolean notValid)
		implements AddConstraint {

	public CreateCheckConstraint {
		Names.require(table, "table");
		Names.require(condition, "condition");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateCheckConstraint(this);
	}

}
