package dev.retort.boot.strays;

import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;

/**
 * The newest revision of the test graph, in a package of the application that
 * {@code retort.java-packages} may leave out: nothing revises it, so only the startup's warning
 * tells that it is never read.
 */
@Revision(id = "dddd00000009", revises = "aaaa00000002", message = "Add mugs")
public final class AddMugs implements Migration {

	@Override
	public void upgrade(Operations op) {
		op.execute("CREATE TABLE mugs (id int)");
	}

}
