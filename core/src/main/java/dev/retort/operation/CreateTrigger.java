package dev.retort.operation;

import java.util.Optional;

/**
 * {@code CREATE TRIGGER name timing ON table action} (alembic_utils' {@code PGTrigger}).
 *
 * @param name the trigger, unqualified: it lives in its table
 * @param table the table (or view, for {@code INSTEAD OF}), optionally schema-qualified
 * @param timing when it fires, written as given ({@code BEFORE INSERT OR UPDATE},
 * {@code AFTER UPDATE OF status}, {@code INSTEAD OF INSERT})
 * @param action the rest, written as given ({@code FOR EACH ROW EXECUTE FUNCTION touch_updated_at()},
 * with a {@code WHEN (…)} or {@code REFERENCING …} before it where needed)
 */
public record CreateTrigger(String name, String table, String timing, String action) implements Operation {

	public CreateTrigger {
		Names.require(name, "name");
		Names.require(table, "table");
		Names.require(timing, "timing");
		Names.require(action, "action");
	}

	@Override
	public <R> R accept(OperationVisitor<R> visitor) {
		return visitor.visitCreateTrigger(this);
	}

	/** The drop, carrying this definition. */
	@Override
	public Optional<Operation> reverse() {
		return Optional.of(new DropTrigger(this.name, this.table, false, this));
	}

}
