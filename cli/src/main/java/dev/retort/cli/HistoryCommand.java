package dev.retort.cli;

import java.util.List;
import java.util.Set;

import dev.retort.Retort;
import dev.retort.command.HistoryResult;
import dev.retort.command.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retort history [-r RANGE] [--verbose] [--indicate-current] [--graph]}. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
		header = "List revisions, newest first.",
		description = { "One line per revision, as alembic history prints it:",
				"  parent -> revision (labels) (head) (branchpoint) (mergepoint), message",
				"--graph draws branches and merges like git log --graph." },
		footerHeading = "%nExamples:%n",
		footer = { "  retort history", "  retort history --graph --indicate-current", "  retort history -r ae10:head",
				"  retort history -r-3:current", "  retort history --verbose", "  retort history --format json" })
final class HistoryCommand extends RetortCommand {

	@Option(names = { "-r", "--rev-range" }, paramLabel = "RANGE", order = 1,
			description = { "[start]:[end]; ids, prefixes, head(s), base, current, relative -N/+N.",
					"e.g. -r ae10:head, -r :1975, -r-3:current" })
	String range;

	@Option(names = { "-i", "--indicate-current" }, order = 2,
			description = "Mark the database's current revision(s) with (current); reads the database.")
	boolean indicateCurrent;

	@Option(names = "--graph", order = 3, description = "Draw the branches and merges as a graph.")
	boolean graph;

	@Override
	boolean connects() {
		// A range without its colon is refused as malformed, rather than asking for a database first.
		return this.indicateCurrent || dev.retort.command.HistoryCommand.namesCurrent(this.range);
	}

	@Override
	int run() {
		boolean readDatabase = connects();
		if (readDatabase) {
			requireDatabase();
		}
		Retort retort = retort();
		HistoryResult result = retort.history(this.range, readDatabase);
		if (json()) {
			printJson(result);
			return 0;
		}
		List<String> rows = this.indicateCurrent ? retort.current().current() : List.of();
		Set<String> current = Set.copyOf(rows);
		List<RevisionInfo> revisions = result.revisions();
		if (this.graph) {
			HistoryGraph.draw(revisions, (revision) -> RevisionText.node(revision,
					current.contains(revision.revision()), retort.graph()) + ", " + revision.message()).forEach(out()::println);
		}
		else if (verbose()) {
			for (int i = 0; i < revisions.size(); i++) {
				RevisionInfo revision = revisions.get(i);
				out().print(RevisionText.entry(revision, retort.graph(),
						current.contains(revision.revision())));
				if (i < revisions.size() - 1) {
					out().println();
				}
			}
		}
		else {
			revisions.forEach((revision) -> out().println(
					RevisionText.historyLine(revision, current.contains(revision.revision()), retort.graph())));
		}
		if (revisions.isEmpty()) {
			note("No revisions" + ((this.range != null) ? " in " + this.range : "") + ".");
		}
		List<String> unknown = rows.stream().filter((revision) -> !retort.graph().contains(revision)).toList();
		if (!unknown.isEmpty()) {
			// No line can carry (current): without this, the list reads as if nothing were applied.
			// Rows the history never recorded either are another tool's, not a newer version's.
			boolean unrecorded = !quiet() && unrecordedVersionRows(retort);
			note("The database is at " + String.join(", ", unknown) + ", which no revision file here declares, so no"
					+ " line above is marked (current): " + (unrecorded
							? "another tool (such as Alembic) or a hand-written row put it in the version table, and the"
									+ " history does not record it either."
							: "a newer version of the application (or another branch of the code) migrated it.")
					+ " 'retort current' says more.");
		}
		else if (this.indicateCurrent && rows.isEmpty()) {
			note("No revision is applied: the database is at base.");
		}
		return 0;
	}

}
