package dev.retort.operation;

import java.util.List;

/**
 * {@code ALTER TABLE … ADD CONSTRAINT … UNIQUE (…)}, or {@code … UNIQUE USING INDEX} to attach a
 * unique index built concurrently beforehand (the safe way on a large table).
 *
 * <p>The reverse drops the constraint; PostgreSQL drops an index the constraint took over with
 * it.
 *
 * @param name the constraint name, or {@code null}
 * @param table the table, optionally schema-qualified
 * @param columns the columns (empty when {@code usingIndex} is given)
 * @param deferrable whether to add {@code DEFERRABLE}
 * @param initiallyDeferred whether to add {@code INITIALLY DEFERRED}
 * @param usingIndex an existing unique index to attach, or {@code null}
 */
public record CreateUniqueConstraint(String name, String table, List<String> columns, boolean deferrable,
		boolean initiallyDeferred, String usingIndex) implements AddConstraint {

	public CreateUniqueConstraint {
		Names.require(table, "table");
		columns = (usingIndex != null) ? Names.copy(columns) : Names.requireAll(columns, "columns");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateUniqueConstraint(this);
	}

}
