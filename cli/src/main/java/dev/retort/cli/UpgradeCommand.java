package dev.retort.cli;

import java.util.List;

import dev.retort.Retort;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retort upgrade [REV] [--sql]}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Apply pending revisions up to REV (default: every head).",
		description = "Runs the upgrade of every revision between the database's current revisions and REV, each in its own transaction (retort.transaction-mode), under an advisory lock, printing one line per step with its duration. A revision that fails is rolled back and the command exits 1. With --sql, prints the script instead, for psql, and changes nothing.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort upgrade", "  retort upgrade head", "  retort upgrade +1", "  retort upgrade payments@head",
				"  retort upgrade head --sql > upgrade.sql", "  retort upgrade current:heads --sql",
				"  retort upgrade ae1027a6acf3:head --sql" })
final class UpgradeCommand extends RetortCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "REV", defaultValue = "heads",
			description = { "Where to go: heads (default), head, an id or prefix, +N, label@head;",
					"with --sql also FROM:TO. e.g. 1975ea83b712" })
	String target;

	@Option(names = "--sql", description = "Print the SQL script instead of running it, without connecting. It "
			+ "starts from base; REV as FROM:TO sets the start, and current:TO starts where the database stands "
			+ "(only read). e.g. --sql > upgrade.sql")
	boolean sql;

	@Override
	boolean connects() {
		return readsDatabaseFor(this.sql, List.of(this.target));
	}

	@Override
	int run() {
		if (this.sql) {
			refuseJsonWithSql();
			Retort retort = retort();
			noteSeveralHeads(retort);
			return printSql(retort.upgradeSql(this.target));
		}
		return migrate("upgrade", (retort) -> {
			noteSeveralHeads(retort);
			return retort.upgrade(this.target);
		});
	}

	/**
	 * With no REV, an upgrade goes to every head of the files: two pull requests that each added a
	 * revision on the same head, both merged, are applied side by side in silence. Noted as validate
	 * notes them, from the graph the upgrade plans with (no query). Not when REV names the heads
	 * ('heads', 'current:heads'): the user asked for all of them, as a project that keeps branches
	 * apart on purpose (branch labels) does, and a note on each run would be noise.
	 */
	private void noteSeveralHeads(Retort retort) {
		if (this.spec.commandLine().getParseResult().hasMatchedPositional(0)) {
			return;
		}
		noteSeveralHeads(retort.graph(), config());
	}

}
