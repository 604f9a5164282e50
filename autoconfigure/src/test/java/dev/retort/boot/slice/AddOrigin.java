package dev.retort.boot.slice;

import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import static dev.retort.operation.Column.column;
import static dev.retort.operation.Type.TEXT;

/**
 * The application's newest revision, a bean with a constructor argument: nothing revises it, so a
 * slice without it would migrate without a word, and its tests would meet an older schema.
 */
@Component
@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Add origin")
class AddOrigin implements Migration {

	private final String origin;

	AddOrigin(Environment environment) {
		this.origin = environment.getProperty("coffee.default-origin", "unknown");
	}

	@Override
	public void upgrade(Operations op) {
		op.addColumn("beverages", column("origin", TEXT));
		op.execute("UPDATE beverages SET origin = '" + this.origin + "'");
	}

	@Override
	public void downgrade(Operations op) {
		op.dropColumn("beverages", "origin");
	}

}
