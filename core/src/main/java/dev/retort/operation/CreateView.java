package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE VIEW … AS} (the {@code create_view} and {@code replace_view} of Alembic's
 * replaceable-objects recipe), or {@code CREATE OR REPLACE VIEW}.
 *
 * @param name the view, optionally schema-qualified
 * @param definition the query, written as given ({@code SELECT …}): code, never data
 * @param orReplace whether to add {@code OR REPLACE}, which keeps the view's grants and dependent
 * views (PostgreSQL allows new columns only at the end, and no type change of a column)
 */
public record CreateView(String name, String definition, boolean orReplace) implements Operation {

	public CreateView {
		Names.require(name, "name");
		Names.require(definition, "definition");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateView(this);
	}

	/**
	 * The drop, carrying this definition; none for {@code OR REPLACE}, which may have replaced a
	 * view this record does not describe.
	 */
	@Override
	public Optional<Operation> reverse() {
		return this.orReplace ? Optional.empty() : Optional.of(new DropView(this.name, false, false, this));
	}

}
