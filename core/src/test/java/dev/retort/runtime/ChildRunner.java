package dev.retort.runtime;

import dev.retort.Retort;
import dev.retort.command.MigrationResult;

/**
 * A runner in a JVM of its own, for the tests that kill a runner or start several at once:
 * {@code ChildRunner <jdbcUrl> <user> <password> <location> <applicationName>} upgrades to
 * heads, prints the steps it ran and exits 0, or prints the error and exits with its code.
 */
public final class ChildRunner {

	private ChildRunner() {
	}

	public static void main(String[] args) {
		try {
			MigrationResult result = Retort.configure()
				.url(args[0])
				.user(args[1])
				.password(args[2])
				.locations(args[3])
				.applicationName(args[4])
				.load()
				.upgrade("heads");
			System.out.println("STEPS " + result.steps().size());
			System.exit(0);
		}
		catch (dev.retort.error.RetortException ex) {
			System.out.println("FAILED " + ex.getMessage());
			System.exit(ex.exitCode());
		}
	}

}
