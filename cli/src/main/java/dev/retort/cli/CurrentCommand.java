package dev.retort.cli;

import dev.retort.Retort;
import dev.retort.command.CurrentResult;
import dev.retort.error.RetortException;
import picocli.CommandLine.Command;

/** {@code retort current [--verbose]}. */
@Command(name = "current", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show the database's current revision(s).",
		description = "Prints each revision in the version table, marked (head) when it is a head of the files. Never changes the database (not even to create the version table).",
		footerHeading = "%nExamples:%n",
		footer = { "  retort current", "  retort current --verbose", "  retort current --format json" })
final class CurrentCommand extends RetortCommand {

	@Override
	int run() {
		requireDatabase();
		Retort retort = retort();
		CurrentResult result = retort.current();
		if (json()) {
			printJson(result);
			return 0;
		}
		if (verbose()) {
			out().println("Current revision(s) for " + databaseDescription() + ":");
		}
		for (String revision : result.current()) {
			if (verbose()) {
				out().println(entry(retort, revision));
			}
			else {
				out().println(revision + (result.heads().contains(revision) ? " (head)" : ""));
			}
		}
		if (result.current().isEmpty()) {
			note("No revision applied: the database is at base. 'retort upgrade' applies every revision.");
		}
		else if (!result.upToDate()) {
			note("Not up to date: the heads are " + String.join(", ", result.heads())
					+ "; 'retort upgrade' applies what is pending.");
		}
		return 0;
	}

	private static String entry(Retort retort, String revision) {
		try {
			return RevisionText.entry(retort.show(revision).revision(), retort.graph(), true);
		}
		catch (RetortException ex) {
			// The database may be ahead of these files (an older checkout): say so, don't fail.
			return "Rev: " + revision + " (not in the revision files: " + ex.getMessage() + ")\n";
		}
	}

}
