package dev.retort.sample.revisions;

import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;

/**
 * Index coffee logs by user: {@code GET /api/coffee-logs?userId=} reads by {@code user_id}.
 */
@Revision(id = "3a9c5e7d2b14", revises = "1975ea83b712", message = "Index coffee logs by user")
public final class AddCoffeeLogUserIndex implements Migration {

	@Override
	public void upgrade(Operations op) {
		op.createIndex("ix_coffee_logs_user_id", "coffee_logs", "user_id");
	}

	@Override
	public void downgrade(Operations op) {
		op.dropIndex("ix_coffee_logs_user_id");
	}

}
