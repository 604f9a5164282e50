package dev.retort.operation;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE TABLE}: columns, then table constraints. A column flagged
 * {@link Column#primaryKey()}, {@link Column#unique()} or {@link Column#references} gets its
 * constraint rendered from the flag unless {@code constraints} already holds a matching one
 * ({@link Operations} adds them there, named by its {@link NamingConvention}).
 *
 * @param table the table, optionally schema-qualified
 * @param columns the columns, in order
 * @param constraints table constraints (their {@code table} is this table)
 * @param comment the table comment, or {@code null}
 */
public record CreateTable(String table, List<Column> columns, List<AddConstraint> constraints, String comment)
		implements Operation {

	public CreateTable {
		Names.require(table, "table");
		columns = List.copyOf(columns);
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("Table '" + table + "' needs at least one column");
		}
		constraints = (constraints != null) ? List.copyOf(constraints) : List.of();
		for (AddConstraint constraint : constraints) {
			if (!constraint.table().equals(table)) {
				throw new IllegalArgumentException("Constraint " + ((constraint.name() != null) ? "'" + constraint.name()
						+ "' " : "") + "of new table '" + table + "' names table '" + constraint.table() + "'");
			}
		}
	}

	/** The names of the columns flagged as primary key, in column order. */
	public List<String> primaryKeyColumns() {
		return this.columns.stream().filter(Column::isPrimaryKey).map(Column::name).toList();
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateTable(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropTable(this.table, false, false, this));
	}

}
