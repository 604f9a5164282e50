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
 * @param partitionKey how a partitioned table is partitioned ({@code RANGE (at)}), {@code null} for a plain table
 */
public record TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
		List<IndexModel> indexes, String comment, String partitionKey) {

	public TableModel {
		columns = List.copyOf(columns);
		constraints = List.copyOf(constraints);
		indexes = List.copyOf(indexes);
	}

	/** A plain table, not partitioned. */
	public TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
			List<IndexModel> indexes, String comment) {
		this(name, columns, constraints, indexes, comment, null);
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
