package dev.retort.operation;

import java.util.Optional;

/**
 * The directives that add a table constraint; they also appear inside {@link CreateTable}. The
 * reverse drops the constraint by name.
 */
public sealed interface AddConstraint extends Operation
		permits CreatePrimaryKey, CreateForeignKey, CreateUniqueConstraint, CreateCheckConstraint,
		CreateExclusionConstraint {

	/** The constraint name, or {@code null} to let PostgreSQL name it. */
	String name();

	/** The table, optionally schema-qualified. */
	String table();

	@Override
	default Optional<Operation> reverse() {
		if (name() == null) {
			return Optional.empty();
		}
		return Optional.of(new DropConstraint(name(), table(), false, false, this));
	}

}
