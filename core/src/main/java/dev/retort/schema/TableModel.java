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
 * @param rowSecurity its row level security and policies
 * @param options whether it is unlogged, its storage parameters and its replica identity
 */
public record TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
		List<IndexModel> indexes, String comment, String partitionKey, RowSecurity rowSecurity, TableOptions options) {

	public TableModel {
		columns = List.copyOf(columns);
		constraints = List.copyOf(constraints);
		indexes = List.copyOf(indexes);
		rowSecurity = (rowSecurity != null) ? rowSecurity : RowSecurity.NONE;
		options = (options != null) ? options : TableOptions.DEFAULT;
	}

	/** A table without options: logged, without storage parameters, of the default replica identity. */
	public TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
			List<IndexModel> indexes, String comment, String partitionKey, RowSecurity rowSecurity) {
		this(name, columns, constraints, indexes, comment, partitionKey, rowSecurity, TableOptions.DEFAULT);
	}

	/** A table without row level security. */
	public TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
			List<IndexModel> indexes, String comment, String partitionKey) {
		this(name, columns, constraints, indexes, comment, partitionKey, RowSecurity.NONE);
	}

	/** A plain table, not partitioned. */
	public TableModel(String name, List<ColumnModel> columns, List<ConstraintModel> constraints,
			List<IndexModel> indexes, String comment) {
		this(name, columns, constraints, indexes, comment, null, RowSecurity.NONE);
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
