package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.ValidateResult;
import dev.retort.config.RetortConfig;
import picocli.CommandLine.Command;

/** {@code retort validate}: exit 3 when a problem is found. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Check the revisions: graph, headers, checksums, applied revisions missing on disk.",
		description = "Lists every problem at once and exits 3 when there is one (0 when there is none), so CI can run it on every change. Reads the database when one is configured.",
		footerHeading = "%nExamples:%n", footer = { "  retort validate", "  retort validate --format json" })
final class ValidateCommand extends RetortCommand {

	static final int PROBLEMS_FOUND = 3;

	@Override
	int run() {
		// Revisions that do not even load are what validate is for: reported as problems, exit 3.
		// The project's Java revisions are read as every other command reads them, so a SQL
		// revision that revises one is not reported as revising a missing revision.
		RetortConfig withClasses = projectConfig();
		ValidateResult result;
		try {
			result = Retort.validate(withClasses, notices());
		}
		catch (LinkageError ex) {
			if (withClasses == config()) {
				throw ex;
			}
			// A class that needs the application's class path: as the other commands, without them.
			noteJavaRevisionsUnreadable(ex);
			result = Retort.validate(config(), notices());
		}
		if (json()) {
			printJson(result);
		}
		else {
			result.problems().forEach((problem) -> out().println("- " + problem));
			// Warnings (an INVALID index) need an operator but are not wrong revisions: exit 0.
			result.warnings().forEach((warning) -> out().println("- warning: " + warning));
			String warnings = result.warnings().isEmpty() ? ""
					: ", " + result.warnings().size() + ((result.warnings().size() == 1) ? " warning" : " warnings");
			out().println(result.valid() ? "No problems found" + warnings + "."
					: result.problems().size() + ((result.problems().size() == 1) ? " problem" : " problems")
							+ " found" + warnings + ".");
		}
		return result.valid() ? 0 : PROBLEMS_FOUND;
	}

}
