package dev.retort.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retort downgrade REV [--sql]}. */
@Command(name = "downgrade", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Revert applied revisions down to REV.",
		description = "Runs the downgrade of every applied revision above REV (and of those depending on them), newest first. Refused before anything runs when one of them has no downgrade section. With --sql, REV must be FROM:TO; FROM 'current' reads where the database stands (and changes nothing).",
		footerHeading = "%nExamples:%n",
		footer = { "  retort downgrade -1", "  retort downgrade ae1027a6acf3", "  retort downgrade base",
				"  retort downgrade payments@-1", "  retort downgrade 1975ea83b712:ae1027a6acf3 --sql",
				"  retort downgrade current:-1 --sql" })
final class DowngradeCommand extends RetortCommand {

	@Parameters(index = "0", paramLabel = "REV",
			description = { "Where to go: an id or prefix, -N, base, label@-N; with --sql FROM:TO.",
					"e.g. -1 (write '--' before it only if your shell needs it)" })
	String target;

	@Option(names = "--sql", description = "Print the SQL script instead of running it; REV is then FROM:TO. "
			+ "e.g. 1975ea83b712:base --sql")
	boolean sql;

	@Override
	boolean connects() {
		return readsDatabaseFor(this.sql, List.of(this.target));
	}

	@Override
	int run() {
		if (this.sql) {
			refuseJsonWithSql();
			if (!this.target.contains(":")) {
				// 'head' as FROM: an id from the docs' project would name nothing in the user's. With
				// several heads 'head' is itself an error, so the advice names them all.
				boolean severalHeads = retort().graph().heads().size() > 1;
				throw usage("'downgrade --sql' needs FROM:TO: 'retort downgrade current:" + this.target + " --sql'"
						+ " starts where the database stands (it is only read), '" + (severalHeads ? "heads:" : "head:")
						+ this.target + "' at the " + (severalHeads ? "heads" : "head") + ", without a database.");
			}
			return printSql(retort().downgradeSql(this.target));
		}
		return migrate("downgrade", (retort) -> retort.downgrade(this.target));
	}

}
