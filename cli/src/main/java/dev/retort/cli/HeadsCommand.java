package dev.retort.cli;

import java.util.Set;
import java.util.stream.Collectors;

import dev.retort.Retort;
import dev.retort.command.HeadsResult;
import dev.retort.command.RevisionInfo;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retort heads [--verbose] [--resolve-dependencies]}. */
@Command(name = "heads", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show the heads of the revision files.",
		description = "A head is a revision nothing revises yet. Several heads mean parallel branches: 'upgrade head' then refuses, 'upgrade heads' applies them all, 'merge' joins them.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort heads", "  retort heads --verbose", "  retort heads --resolve-dependencies" })
final class HeadsCommand extends RetortCommand {

	@Option(names = "--resolve-dependencies", order = 1,
			description = "Leave out effective heads (heads another revision only depends on), as alembic heads"
					+ " --resolve-dependencies: the heads an upgrade to 'heads' aims at.")
	boolean resolveDependencies;

	@Override
	boolean connects() {
		return false;
	}

	@Override
	int run() {
		Retort retort = retort();
		HeadsResult all = retort.heads();
		RevisionGraph graph = retort.graph();
		HeadsResult result = this.resolveDependencies ? realHeads(all, graph) : all;
		if (json()) {
			printJson(result);
			return 0;
		}
		for (RevisionInfo head : result.heads()) {
			if (verbose()) {
				out().println(RevisionText.entry(head, graph, false));
			}
			else {
				out().println(head.revision() + RevisionText.labels(head.branchLabels())
						+ RevisionText.headMarker(head.revision(), graph));
			}
		}
		// An effective head needs no merge: the row of the revision depending on it implies it.
		int heads = graph.realHeads().size();
		if (heads > 1) {
			note(heads + " heads: join them with 'retort merge -m \"merge\" heads'.");
		}
		return 0;
	}

	/** The heads no other revision only depends on: those an upgrade to 'heads' aims at. */
	private static HeadsResult realHeads(HeadsResult all, RevisionGraph graph) {
		Set<String> real = graph.realHeads().stream().map(Revision::id).collect(Collectors.toSet());
		return new HeadsResult(all.heads().stream().filter((head) -> real.contains(head.revision())).toList());
	}

}
