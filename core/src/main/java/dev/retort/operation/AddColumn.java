package dev.retort.operation;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code ALTER TABLE … ADD COLUMN}: the column's type, identity, default, nullability and
 * comment. Its primary key, unique and foreign key flags are not rendered here:
 * {@link Operations#addColumn} sends them as separate constraint operations, as Alembic does.
 *
 * @param table the table, optionally schema-qualified
 * @param column the column
 * @param ifNotExists whether to add {@code IF NOT EXISTS}
 */
public record AddColumn(String table, Column column, boolean ifNotExists) implements Operation {

	public AddColumn {
		Names.require(table, "table");
		Objects.requireNonNull(column, "'column' must not be null");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitAddColumn(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropColumn(this.table, this.column.name(), false, false, this.column));
	}

}
