package dev.retort.schema;

import java.util.List;

/**
 * A table.
 *
 * @param name its name
 * @param columns its columns, in order
 * @param constraints its constraints (primary key, unique, foreign keys, checks, exclusions)
 * @param indexes its indexes that no constraint owns
 */
public record TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
		List<IndexModel> indexes) {

	public TableModel {
		columns = List.copyOf(columns);
		constraints = List.copyOf(constraints);
		indexes = List.copyOf(indexes);
	}

	/** The column of that name, or {@code null}. */
	public ColumnModel column(String columnName) {
		return this.columns.stream().filter((column) -> column.name().equals(columnName)).findFirst().orElse(null);
	}

}
