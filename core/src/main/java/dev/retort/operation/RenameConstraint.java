package dev.retort.operation;

import java.util.Optional;

/**
 * {@code ALTER TABLE … RENAME CONSTRAINT … TO}. A constraint that owns an index (primary key,
 * unique, exclusion) renames that index with it, as PostgreSQL does.
 *
 * @param name the constraint
 * @param table its table, optionally schema-qualified
 * @param newName the new name
 */
public record RenameConstraint(String name, String table, String newName) implements Operation {

	public RenameConstraint {
		Names.require(name, "name");
		Names.require(table, "table");
		Names.require(newName, "newName");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitRenameConstraint(this);
	}

	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new RenameConstraint(this.newName, this.table, this.name));
	}

}
