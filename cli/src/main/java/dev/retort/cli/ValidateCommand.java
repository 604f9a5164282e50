package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;

import dev.retort.Retort;
import dev.retort.command.ValidateResult;
import dev.retort.config.RetortConfig;
import dev.retort.revision.InvalidGraphException;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.ConnectionFailedException;
import dev.retort.script.InvalidRevisionFileException;
import picocli.CommandLine.Command;

/** {@code retort validate}: exit 3 when a problem is found. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Check the revisions: graph, headers, checksums, applied revisions missing on disk.",
		description = "Lists every problem at once and exits 3 when there is one (0 when there is none), so CI can run it on every change. Reads the database when one is configured; when the configuration file's cannot be reached, checks the revisions alone and says so in a warning (one given by --url or the environment must answer).",
		footerHeading = "%nExamples:%n", footer = { "  retort validate", "  retort validate --format json" })
final class ValidateCommand extends RetortCommand {

	static final int PROBLEMS_FOUND = 3;

	/** The graph of the revisions, once they loaded; {@code null} when they did not. */
	private RevisionGraph graph;

	@Override
	boolean readsRevisions() {
		return false;
	}

	@Override
	int run() {
		// Revisions that do not even load are what validate is for: reported as problems, exit 3.
		// The project's Java revisions are read as every other command reads them, so a SQL
		// revision that revises one is not reported as revising a missing revision.
		RetortConfig withClasses = projectConfig();
		ValidateResult result;
		try {
			result = validate(withClasses);
		}
		catch (LinkageError ex) {
			if (withClasses == config()) {
				throw ex;
			}
			// A class that needs the application's class path: as the other commands, without them.
			noteJavaRevisionsUnreadable(ex);
			result = validate(config());
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
		if (this.graph != null) {
			noteSeveralHeads(this.graph, withClasses);
		}
		return result.valid() ? 0 : PROBLEMS_FOUND;
	}

	/**
	 * The checks of {@code config}; those of the revisions alone when the database that the
	 * project's configuration file names cannot be reached (a CI job without one, where the
	 * project's application.yml names a developer's). What was not checked is a warning, so the
	 * job still fails on every problem of the files (exit 3) and sees that the database was not
	 * read. A database given for this run (--url, an environment variable) that cannot be reached
	 * fails as for every command (exit 1): the job asked for its checks, and passing without them
	 * would be a green build that checked less than it says. So does a server that answered and
	 * refused (a wrong password, no such database): a configuration to fix.
	 */
	private ValidateResult validate(RetortConfig config) {
		try {
			return validateLoaded(this.root.connecting(config));
		}
		catch (ConnectionFailedException ex) {
			ConnectionSources sources = this.root.connectionSources();
			if (ex.refusal().isPresent() || sources == null || !sources.urlFromConfigurationFile()) {
				throw ex;
			}
			ValidateResult files = validateLoaded(config.toBuilder().dataSource(null).url(null).build());
			List<String> warnings = new ArrayList<>(files.warnings());
			warnings.add("The database was not read, so the checks that need it were not made (applied revisions"
					+ " changed on disk, applied revisions missing on disk, the version rows, INVALID indexes): "
					+ this.root.secrets().scrub(ex.getMessage()) + " " + sources.describe()
					+ " Run 'retort validate' where the database can be reached for them.");
			return new ValidateResult(files.problems(), warnings);
		}
	}

	/**
	 * The facade's validate, keeping the heads of the revisions it loaded (loaded once, for both).
	 * Revisions that do not load are the facade's problems to list, as {@link Retort#validate} lists them.
	 */
	private ValidateResult validateLoaded(RetortConfig config) {
		Retort retort;
		try {
			retort = Retort.load(config).withListener(notices());
			retort.scripts();
		}
		catch (InvalidRevisionFileException | InvalidGraphException ex) {
			return Retort.validate(config, notices());
		}
		this.graph = retort.graph();
		return retort.validate();
	}

}
