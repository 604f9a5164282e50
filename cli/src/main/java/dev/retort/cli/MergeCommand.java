package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;

import dev.retort.command.NewRevision;
import dev.retort.command.WrittenRevision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retort merge -m MSG REV...}: writes a revision whose parents are the given heads. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Write a merge revision joining two or more heads.",
		description = "Writes a revision that revises every REV, so the branches become one again. Its upgrade section starts empty: add what reconciles the branches, if anything.",
		footerHeading = "%nExamples:%n",
		footer = { "  retort merge -m \"merge payments and users\" heads",
				"  retort merge -m \"merge\" 1975ea83b712 9c2d55e0aa41" })
final class MergeCommand extends RetortCommand {

	@Option(names = { "-m", "--message" }, required = true, paramLabel = "MSG", order = 1,
			description = "The message of the merge revision. e.g. -m \"merge payments and users\"")
	String message;

	@Parameters(arity = "1..*", paramLabel = "REV",
			description = "The revisions to join, usually heads. e.g. heads, or 1975ea83b712 9c2d55e0aa41")
	List<String> revisions = new ArrayList<>();

	@Option(names = "--branch-label", paramLabel = "LABEL", order = 2,
			description = "A branch label for the merge revision (repeatable). e.g. --branch-label release-2")
	List<String> branchLabels = new ArrayList<>();

	@Option(names = "--rev-id", paramLabel = "ID", order = 3,
			description = "Use this id instead of a fresh one. e.g. --rev-id 0005")
	String revId;

	@Override
	boolean connects() {
		return false;
	}

	@Override
	int run() {
		WrittenRevision written = retort().merge(new NewRevision(this.message, this.revisions, false,
				this.branchLabels, List.of(), this.revId, null, null));
		if (json()) {
			printJson(written);
		}
		else {
			out().println("Generated merge revision " + written.revision() + ": " + display(written.path()));
		}
		return 0;
	}

}
