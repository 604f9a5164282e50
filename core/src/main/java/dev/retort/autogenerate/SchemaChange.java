package dev.retort.autogenerate;

import java.util.List;

/**
 * One difference between the database and the model, as Alembic reports it ("add column
 * users.email"), with the statements that make it and undo it.
 *
 * @param description what differs
 * @param upgrade statements that bring the database to the model
 * @param downgrade statements that undo them, in order
 */
public record SchemaChange(String description, List<String> upgrade, List<String> downgrade) {

	public SchemaChange {
		upgrade = List.copyOf(upgrade);
		downgrade = List.copyOf(downgrade);
	}

}
