package dev.retort.cli;

import java.util.Locale;

import dev.retort.command.LintResult;
import dev.retort.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retort lint [RANGE] [--fail-on SEVERITY]}: exit 3 when a finding fails the lint. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Find statements that lock, rewrite or break tables, before they run.",
		description = {
				"Reads the upgrade statements of the revisions (all, or RANGE), base first, each followed by its downgrade statements, which a rollback runs, and flags what blocks production: a CREATE INDEX without CONCURRENTLY, a constraint validated under a lock, a column added with a volatile default, a rename, a drop, and the other rules of docs/lint.md. Never connects.",
				"Exits 3 when a finding is at or above --fail-on (a drop, PG114, fails until acknowledged), else 0. Acknowledge a finding on a line right above its statement: -- lint:ack PG101 <reason>." },
		footerHeading = "%nExamples:%n",
		footer = { "  retort lint", "  retort lint ae10:head --fail-on warning", "  retort lint --format json" })
final class LintCommand extends RetortCommand {

	@Parameters(index = "0", arity = "0..1", paramLabel = "RANGE",
			description = "Revisions to lint: [start]:[end] as for history, or one revision (e.g. the new one of a pull"
					+ " request); default all. e.g. ae10:head, ae10")
	String range;

	@Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
			description = "Lowest severity that fails the lint: error, warning or info (default ${DEFAULT-VALUE}).")
	Severity failOn;

	@Override
	boolean connects() {
		return false;
	}

	@Override
	int run() {
		LintResult result = retort().lint(this.range, this.failOn);
		LintReport report = LintReport.of(result, projectDirectory());
		if (json()) {
			printJson(report);
		}
		else {
			for (LintReport.Finding finding : report.findings()) {
				out().println(finding.place() + ": " + finding.severity() + " " + finding.rule() + " "
						+ finding.name() + ": " + finding.message());
				out().println("    fix: " + finding.fix());
			}
			out().println(summary(result));
		}
		return result.failed() ? ValidateCommand.PROBLEMS_FOUND : 0;
	}

	private static String summary(LintResult result) {
		long errors = result.findings().stream().filter((finding) -> finding.severity() == Severity.ERROR).count();
		long warnings = result.findings().stream().filter((finding) -> finding.severity() == Severity.WARNING).count();
		String revisions = result.revisions() + ((result.revisions() == 1) ? " revision" : " revisions");
		if (result.findings().isEmpty()) {
			return "No findings in " + revisions + ".";
		}
		return result.findings().size() + ((result.findings().size() == 1) ? " finding" : " findings") + " ("
				+ errors + ((errors == 1) ? " error, " : " errors, ") + warnings
				+ ((warnings == 1) ? " warning" : " warnings") + ") in " + revisions + "."
				+ (result.failed() ? belowTheThreshold(result)
						: " None fails at --fail-on " + result.failOn().name().toLowerCase(Locale.ROOT) + ".");
	}

	/**
	 * Why a lint whose counts show nothing at {@code --fail-on} fails all the same: a drop (PG114)
	 * fails until acknowledged, whatever its severity. Without it, a CI log shows "0 errors" and exit 3.
	 */
	private static String belowTheThreshold(LintResult result) {
		long below = result.findings().stream()
			.filter((finding) -> finding.failsAt(result.failOn()) && !finding.severity().atLeast(result.failOn()))
			.count();
		if (below == 0) {
			return "";
		}
		return " " + ((below == 1) ? "1 fails" : below + " fail") + " below --fail-on "
				+ result.failOn().name().toLowerCase(Locale.ROOT)
				+ ": a destructive change (PG114) fails until acknowledged (-- lint:ack PG114 <reason>).";
	}

}
