package dev.retort.cli;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import picocli.CommandLine.Command;

/** {@code retort check}: registered so scripts find it; it comes with autogenerate. */
@Command(name = "check", mixinStandardHelpOptions = true,
		header = "Check that the schema model and the revisions agree (arrives with autogenerate).",
		description = "Will exit 3 when upgrading the database to heads would not give the model's schema. This version of Retort does not include autogenerate, so 'check' answers with exit 2.",
		footerHeading = "%nExamples:%n", footer = { "  retort validate        what you can check today" })
final class CheckCommand extends RetortCommand {

	@Override
	int run() {
		throw new RetortException(ErrorCode.CONFIGURATION, "'retort check' compares a schema model with the "
				+ "revisions; it arrives together with autogenerate, which this version of Retort does not include. "
				+ "'retort validate' checks the revision graph, the checksums and the applied revisions today.");
	}

}
