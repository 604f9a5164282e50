package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … DROP COLUMN}.
 *
 * @param table the table, optionally schema-qualified
 * @param column the column name
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE}
 * @param definition the column as it was, which makes the drop reversible; or {@code null}
 */
public record DropColumn(String table, String column, boolean ifExists, boolean cascade, Column definition)
		implements Operation {

	public DropColumn {
		Names.require(table, "table");
		Names.require(column, "column");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropColumn(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition).map((definition) -> new AddColumn(this.table, definition, false));
	}

}
