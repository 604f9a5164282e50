package dev.retort.autogenerate;

import java.util.List;

/**
 * One difference between the database and the model, as Alembic reports it ("add column
 * users.email"), with the statements that make it and undo it.
 *
 * @param description what differs
 * @param upgrade statements that bring the database to the model
 * @param downgrade statements that undo them, in order
 * @param committedFirst whether it goes into a revision of its own, applied before the others:
 * an enum label that the other changes use, which PostgreSQL refuses before it is committed
 */
public record SchemaChange(String description, List<String> upgrade, List<String> downgrade, boolean committedFirst) {

	public SchemaChange {
		upgrade = List.copyOf(upgrade);
		downgrade = List.copyOf(downgrade);
	}

	/**
	 * Whether autogenerate reports it with no statement, for the author to write ("change type
	 * of … : PostgreSQL has no cast …; write this change by hand").
	 */
	public boolean writtenByHand() {
		return this.upgrade.isEmpty() && this.downgrade.isEmpty();
	}

	/** A change that goes into the revision with the others. */
	public SchemaChange(String description, List<String> upgrade, List<String> downgrade) {
		this(description, upgrade, downgrade, false);
	}

}
