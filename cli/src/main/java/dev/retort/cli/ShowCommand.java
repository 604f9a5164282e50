package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.ShowResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code retort show REV}. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show a revision: its headers, where it is, and its SQL.",
		description = { "Java revisions show the SQL their operations render.",
				"'current' is the revision the database is at (it reads the database).",
				"A REV naming several (heads, current at several revisions) shows each, as Alembic's show; --format json takes one." },
		footerHeading = "%nExamples:%n", footer = { "  retort show ae10", "  retort show head", "  retort show payments@head",
				"  retort show current", "  retort show 1975ea83b712 --format json" })
final class ShowCommand extends RetortCommand {

	@Parameters(index = "0", paramLabel = "REV",
			description = "An id, a prefix of at least 4 characters, head, heads, label@head, or current. e.g. ae10")
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
		if (json()) {
			// One document of SPEC's {revision}: it names exactly one.
			printJson(retort.show(this.revision));
			return 0;
		}
		boolean first = true;
		for (ShowResult result : retort.showAll(this.revision)) {
			if (!first) {
				out().println();
			}
			first = false;
			out().println(RevisionText.entry(result.revision(), retort.graph(), current));
			out().println("-- +upgrade");
			out().println(result.upgradeSql().strip());
			out().println();
			out().println("-- +downgrade");
			out().println((result.downgradeSql() != null) ? result.downgradeSql().strip()
					: "-- (none: this revision is irreversible)");
		}
		return 0;
	}

}
