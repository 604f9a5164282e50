package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.HeadsResult;
import dev.retort.command.RevisionInfo;
import picocli.CommandLine.Command;

/** {@code retort heads [--verbose]}. */
@Command(name = "heads", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show the heads of the revision files.",
		description = "A head is a revision nothing revises yet. Several heads mean parallel branches: 'upgrade head' then refuses, 'upgrade heads' applies them all, 'merge' joins them.",
		footerHeading = "%nExamples:%n", footer = { "  retort heads", "  retort heads --verbose" })
final class HeadsCommand extends RetortCommand {

	@Override
	int run() {
		Retort retort = retort();
		HeadsResult result = retort.heads();
		if (json()) {
			printJson(result);
			return 0;
		}
		for (RevisionInfo head : result.heads()) {
			if (verbose()) {
				out().println(RevisionText.entry(head, retort.graph().children(head.revision()), false));
			}
			else {
				String labels = head.branchLabels().isEmpty() ? "" : " (" + String.join(", ", head.branchLabels()) + ")";
				out().println(head.revision() + labels + " (head)");
			}
		}
		if (result.heads().size() > 1) {
			note(result.heads().size() + " heads: join them with 'retort merge -m \"merge\" heads'.");
		}
		return 0;
	}

}
