package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.ShowResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code retort show REV}. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show one revision: its headers, where it is, and its SQL.",
		description = { "Java revisions show the SQL their operations render.",
				"'current' is the revision the database is at (it reads the database)." },
		footerHeading = "%nExamples:%n", footer = { "  retort show ae10", "  retort show head", "  retort show payments@head",
				"  retort show current", "  retort show 1975ea83b712 --format json" })
final class ShowCommand extends RetortCommand {

	@Parameters(index = "0", paramLabel = "REV",
			description = "An id, a prefix of at least 4 characters, head, label@head, or current. e.g. ae10")
	String revision;

	@Override
	boolean connects() {
		return "current".equals(this.revision);
	}

	@Override
	int run() {
		boolean current = "current".equals(this.revision.strip());
		if (current) {
			requireDatabase("show current");
		}
		Retort retort = retort();
		ShowResult result = retort.show(this.revision);
		if (json()) {
			printJson(result);
			return 0;
		}
		out().println(RevisionText.entry(result.revision(), retort.graph(), current));
		out().println("-- +upgrade");
		out().println(result.upgradeSql().strip());
		out().println();
		out().println("-- +downgrade");
		out().println((result.downgradeSql() != null) ? result.downgradeSql().strip()
				: "-- (none: this revision is irreversible)");
		return 0;
	}

}
