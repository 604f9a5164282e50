package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.BranchesResult;
import dev.retort.command.RevisionInfo;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import picocli.CommandLine.Command;

/** {@code retort branches [--verbose]}. */
@Command(name = "branches", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show the branch points: revisions two or more revisions revise.",
		description = "Prints each branch point and, below it, the revisions branching from it.",
		footerHeading = "%nExamples:%n", footer = { "  retort branches", "  retort branches --verbose" })
final class BranchesCommand extends RetortCommand {

	@Override
	boolean connects() {
		return false;
	}

	@Override
	int run() {
		Retort retort = retort();
		BranchesResult result = retort.branches();
		if (json()) {
			printJson(result);
			return 0;
		}
		RevisionGraph graph = retort.graph();
		for (RevisionInfo point : result.branchPoints()) {
			if (verbose()) {
				out().println(RevisionText.entry(point, graph, false));
			}
			else {
				out().println(RevisionText.node(point, false, graph));
			}
			String indent = " ".repeat(point.revision().length());
			for (String child : graph.children(point.revision())) {
				out().println(indent + " -> " + child(graph, child));
			}
			// A blank line after each branch point, as alembic branches prints: with several, each
			// block stands apart, and a script that reads Alembic's output reads this one.
			out().println();
		}
		if (result.branchPoints().isEmpty()) {
			// Without a branch point, only several bases (joined by merges or not) make it a graph.
			note((graph.bases().size() > 1) ? "No branch points: no revision has more than one child."
					: "No branch points: the history is a straight line.");
		}
		return 0;
	}

	private String child(RevisionGraph graph, String id) {
		Revision revision = graph.get(id);
		StringBuilder text = new StringBuilder(id);
		text.append(RevisionText.labels(graph.branchLabels(id)));
		text.append(RevisionText.headMarker(id, graph));
		if (graph.isBranchPoint(id)) {
			text.append(" (branchpoint)");
		}
		if (revision.isMerge()) {
			text.append(" (mergepoint)");
		}
		if (verbose()) {
			text.append(", ").append(revision.message());
		}
		return text.toString();
	}

}
