package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … RENAME TO}. The table stays in its schema.
 *
 * @param table the table, optionally schema-qualified
 * @param newName the new, unqualified name
 */
public record RenameTable(String table, String newName) implements Operation {

	public RenameTable {
		Names.require(table, "table");
		Names.require(newName, "newName");
		if (newName.contains(".")) {
			throw new IllegalArgumentException("'newName' must not be schema-qualified ('" + newName
					+ "'): a rename keeps the table in its schema");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitRenameTable(this);
	}

	@Override
	public Optional<Operation> reverse() {
		QualifiedName name = QualifiedName.parse(this.table);
		return Optional.of(new RenameTable(name.sibling(this.newName).toString(), name.name()));
	}

}
