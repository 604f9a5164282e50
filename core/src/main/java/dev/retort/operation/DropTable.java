package dev.retort.operation;

import java.util.Optional;

/**
 * {@code DROP TABLE}.
 *
 * @param table the table, optionally schema-qualified
 * @param ifExists whether to add {@code IF EXISTS}
 * @param cascade whether to add {@code CASCADE} (drops dependent views and foreign keys)
 * @param definition the table as it was, which makes the drop reversible; or {@code null}
 */
public record DropTable(String table, boolean ifExists, boolean cascade, CreateTable definition) implements Operation {

	public DropTable {
		Names.require(table, "table");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitDropTable(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.ofNullable(this.definition);
	}

}
