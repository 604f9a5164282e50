package dev.retort.operation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Inserts rows (Alembic's {@code bulk_insert}). Online the values are bound as parameters, never
 * written into the SQL; offline they are rendered as quoted literals. Every row names the same
 * columns; the columns are inserted in alphabetical order so that a script is the same on every
 * run. Values may be {@code null}, numbers, booleans, strings, {@code java.time} values,
 * {@link java.util.UUID}, {@code byte[]}, for an array column a {@code List} or Java array of
 * those ({@code List.of("a", "b")}, {@code new int[] {1, 2}}), and for a {@code json} or
 * {@code jsonb} column a {@code Map}, written as JSON.
 *
 * @param table the table, optionally schema-qualified
 * @param rows the rows, each a map from column name to value
 */
public record BulkInsert(String table, List<Map<String, Object>> rows) implements Operation {

	public BulkInsert {
		Names.require(table, "table");
		Objects.requireNonNull(rows, "'rows' must not be null");
		List<Map<String, Object>> copies = new ArrayList<>(rows.size());
		TreeSet<String> expected = null;
		for (int i = 0; i < rows.size(); i++) {
			Map<String, Object> row = Objects.requireNonNull(rows.get(i), () -> "Row must not be null");
			TreeSet<String> columns = new TreeSet<>(row.keySet());
			if (expected == null) {
				if (columns.isEmpty()) {
					throw new IllegalArgumentException("Row 0 of the bulk insert into '" + table + "' has no columns");
				}
				expected = columns;
			}
			else if (!expected.equals(columns)) {
				throw new IllegalArgumentException("Row " + i + " of the bulk insert into '" + table
						+ "' has the columns " + columns + ", row 0 has " + expected
						+ "; give every row the same columns");
			}
			// Map.copyOf would reject null values, which are legitimate here.
			copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
		}
		rows = Collections.unmodifiableList(copies);
	}

	/** The inserted columns, in alphabetical order; empty when there are no rows. */
	public List<String> columns() {
		return this.rows.isEmpty() ? List.of() : List.copyOf(new TreeSet<>(this.rows.get(0).keySet()));
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitBulkInsert(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.empty();
	}

}
