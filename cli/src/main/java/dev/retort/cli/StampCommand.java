package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retort stamp REV... [--purge] [--sql]}. */
@Command(name = "stamp", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Set the database's revision(s) without running any migration.",
		description = "Moves the version table to REV... as if they had been applied: for a database built another way (stamp head after creating the schema), or to take over from Alembic or Flyway. --purge first empties the version table, the way past a revision the files no longer know.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort stamp head", "  retort stamp ae1027a6acf3", "  retort stamp --purge 1975ea83b712",
				"  retort stamp base", "  retort stamp heads --sql" })
final class StampCommand extends RetortCommand {

	@Parameters(arity = "1..*", paramLabel = "REV",
			description = "The revision(s) to stamp: head, heads, base, ids or prefixes. e.g. head")
	List<String> revisions = new ArrayList<>();

	@Option(names = "--purge", description = "Delete every row of the version table first.")
	boolean purge;

	@Option(names = "--sql", description = "Print the SQL instead of running it, without connecting. It starts "
			+ "from base; FROM:TO on the targets (one FROM for all) sets the start, and current:REV starts where "
			+ "the database stands (only read). e.g. --sql > stamp.sql")
	boolean sql;

	@Override
	boolean connects() {
		return readsDatabaseFor(this.sql, this.revisions);
	}

	@Override
	int run() {
		if (this.sql) {
			refuseJsonWithSql();
			if (this.purge) {
				throw usage("--purge cannot be combined with --sql: the script would not know which rows to keep; "
						+ "run 'retort stamp --purge " + String.join(" ", this.revisions) + "' against the database.");
			}
			return printSql(retort().stampSql(this.revisions));
		}
		return migrate("stamp", (retort) -> retort.stamp(this.revisions, this.purge));
	}

}
