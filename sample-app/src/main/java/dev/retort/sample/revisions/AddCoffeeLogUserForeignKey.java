package dev.retort.sample.revisions;

import java.util.List;

import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;

/**
 * Link coffee logs to users, so a log cannot name a user who does not exist.
 */
@Revision(id = "5e8f1b2c7d90", revises = "3a9c5e7d2b14", message = "Link coffee logs to users")
public final class AddCoffeeLogUserForeignKey implements Migration {

	@Override
	public void upgrade(Operations op) {
		op.createForeignKey("fk_coffee_logs_user_id", "coffee_logs", "users", List.of("user_id"), List.of("id"));
	}

	@Override
	public void downgrade(Operations op) {
		op.dropConstraint("fk_coffee_logs_user_id", "coffee_logs");
	}

}
