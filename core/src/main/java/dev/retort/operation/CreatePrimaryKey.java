package dev.retort.operation;

import java.util.List;

/**
 * {@code ALTER TABLE … ADD CONSTRAINT … PRIMARY KEY (…)}, or {@code … PRIMARY KEY USING INDEX}
 * to promote a unique index built concurrently beforehand.
 *
 * <p>The reverse drops the constraint; PostgreSQL drops an index the constraint took over with
 * it.
 *
 * @param name the constraint name, or {@code null}
 * @param table the table, optionally schema-qualified
 * @param columns the key columns (empty when {@code usingIndex} is given)
 * @param usingIndex an existing unique index to promote, or {@code null}
 */
public record CreatePrimaryKey(String name, String table, List<String> columns, String usingIndex)
		implements AddConstraint {

	public CreatePrimaryKey {
		Names.require(table, "table");
		columns = (usingIndex != null) ? Names.copy(columns) : Names.requireAll(columns, "columns");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreatePrimaryKey(this);
	}

}
