package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER INDEX … RENAME TO}. The index stays in its schema.
 *
 * @param name the index, optionally schema-qualified
 * @param newName the new, unqualified name
 */
public record RenameIndex(String name, String newName) implements Operation {

	public RenameIndex {
		Names.require(name, "name");
		Names.require(newName, "newName");
		if (newName.contains(".")) {
			throw new IllegalArgumentException("'newName' must not be schema-qualified ('" + newName
					+ "'): a rename keeps the index in its schema");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitRenameIndex(this);
	}

	@Override
	public Optional<Operation> reverse() {
		QualifiedName qualified = QualifiedName.parse(this.name);
		return Optional.of(new RenameIndex(qualified.sibling(this.newName).toString(), qualified.name()));
	}

}
