package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER SEQUENCE … RENAME TO}. The sequence stays in its schema; a column default
 * reading it ({@code nextval('…'::regclass)}) follows the rename, as it holds the sequence's oid.
 *
 * @param name the sequence, optionally schema-qualified
 * @param newName the new, unqualified name
 */
public record RenameSequence(String name, String newName) implements Operation {

	public RenameSequence {
		Names.require(name, "name");
		Names.require(newName, "newName");
		if (newName.contains(".")) {
			throw new IllegalArgumentException("'newName' must not be schema-qualified ('" + newName
					+ "'): a rename keeps the sequence in its schema");
		}
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitRenameSequence(this);
	}

	@Override
	public Optional<Operation> reverse() {
		QualifiedName qualified = QualifiedName.parse(this.name);
		return Optional.of(new RenameSequence(qualified.sibling(this.newName).toString(), qualified.name()));
	}

}
