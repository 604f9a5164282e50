package dev.retort.cli;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code retort lint [RANGE]}: registered so scripts find it; it comes with the lint rules. */
@Command(name = "lint", mixinStandardHelpOptions = true,
		header = "Find unsafe migration statements (arrives with the lint rules).",
		description = "Will exit 3 on findings at or above the failing severity, such as a lock-taking ALTER TABLE on a large table. This version of Retort does not include the lint rules, so 'lint' answers with exit 2.",
		footerHeading = "%nExamples:%n", footer = { "  retort validate        what you can check today" })
final class LintCommand extends RetortCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "RANGE",
			description = "Revisions to lint, [start]:[end]; default all. e.g. ae10:head")
	String range;

	@Override
	int run() {
		throw new RetortException(ErrorCode.CONFIGURATION, "'retort lint' checks revisions for statements that "
				+ "lock or rewrite tables; it arrives together with the lint rules, which this version of Retort "
				+ "does not include. 'retort validate' checks the revision graph, the checksums and the applied "
				+ "revisions today.");
	}

}
