package dev.retort.schema;

import java.util.List;

/**
 * A table.
 *
 * @param name its name
 * @param columns its columns, in order
 * @param constraints its constraints (primary key, unique, foreign keys, checks, exclusions)
 * @param indexes its indexes that no constraint owns
 * @param comment its comment, or {@code null}
 */
public record TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
		List<IndexModel> indexes, String comment) {

	public TableModel {
		columns = List.copyOf(columns);
		constraints = List.copyOf(constraints);
		indexes = List.copyOf(indexes);
	}

	/** A table without a comment. */
	public TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
			List<IndexModel> indexes) {
		this(name, columns, constraints, indexes, null);
	}

	/** The column of that name, or {@code null}. */
	public ColumnModel column(String columnName) {
		return this.columns.stream().filter((column) -> column.name().equals(columnName)).findFirst().orElse(null);
	}

}
