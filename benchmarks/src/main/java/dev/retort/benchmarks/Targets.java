package dev.retort.benchmarks;

import java.util.Locale;
import java.util.Optional;

/** Issue 7's targets for Retort, checked against the rows of a run: met, missed, or not measured. */
final class Targets {

	private static final String RETORT = Tool.RETORT.displayName();

	private Targets() {
	}

	static void evaluate(Report report) {
		for (String n : new String[] { "100", "1,000" }) {
			String scenario = "1. apply " + n + " pending, one transaction each";
			ratio(report, scenario, Tool.JDBC.displayName(), 1.15, "Apply " + n + ": Retort ≤ 1.15× plain JDBC");
			ratio(report, scenario, Tool.FLYWAY.displayName(), 1.0, "Apply " + n + ": Retort faster than Flyway");
			ratio(report, scenario, Tool.LIQUIBASE.displayName(), 1.0, "Apply " + n + ": Retort faster than Liquibase");
		}
		for (String kind : new String[] { "warm JVM (JMH)", "tool's work in that JVM", "whole process",
				"whole process, each tool's command line" }) {
			String scenario = kind.startsWith("warm") ? "2. no-op, 1,000 applied: " + kind
					: "2. no-op start, 1,000 applied: " + kind;
			for (Tool other : new Tool[] { Tool.FLYWAY, Tool.LIQUIBASE }) {
				ratio(report, scenario, other.displayName(), 1.0 / 3,
						"No-op 1,000, " + kind + ": Retort ≤ 1/3 of " + other.displayName());
			}
		}
		Optional<Report.Row> small = report.find("2. no-op start, 1,000 applied: database round trips", RETORT);
		Optional<Report.Row> large = report.find("2. no-op start, 5,000 applied: database round trips", RETORT);
		if (small.isPresent() && large.isPresent()) {
			boolean constant = small.get().median() == large.get().median();
			report.target(line(constant, "No-op: constant database round trips", String.format(Locale.ROOT,
					"%.0f with 1,000 applied, %.0f with 5,000", small.get().median(), large.get().median())));
		}
		else {
			report.target(missing("No-op: constant database round trips"));
		}
		Optional<Report.Row> boot = report.find(BootScenario.SCENARIO, RETORT);
		Optional<Report.Row> none = report.find(BootScenario.SCENARIO, BootScenario.NO_TOOL);
		Optional<Report.Row> paired = report.find(BootScenario.ADDED, RETORT);
		if (boot.isPresent() && none.isPresent() && paired.isPresent()) {
			double added = paired.get().median();
			report.target(line(added < 100, "Spring Boot startup added by the starter, 1,000 applied: < 100 ms",
					String.format(Locale.ROOT, "%+.0f ms (median of %d paired starts; difference of the medians %+.0f ms)",
							added, paired.get().samples().size(), boot.get().median() - none.get().median())));
		}
		else {
			report.target(missing("Spring Boot startup added by the starter, 1,000 applied: < 100 ms"));
		}
		for (String shape : new String[] { "chain", "branchy" }) {
			below(report, "4. load+validate+plan 10,000 (" + shape + "), cold JVM", 500, "ms",
					"10,000 revisions (" + shape + ") load+validate+plan < 500 ms, cold JVM");
			below(report, "4. loadValidatePlan, 10,000 (" + shape + "), warm JVM (JMH)", 500, "ms",
					"10,000 revisions (" + shape + ") load+validate+plan < 500 ms, warm JVM");
			below(report, "5. heap retained by 10,000 loaded revisions (" + shape + "), -Xmx64m", 64, "MiB",
					"10,000 revisions (" + shape + ") < 64 MiB of heap (and the run fits in -Xmx64m)");
		}
	}

	private static void ratio(Report report, String scenario, String other, double limit, String target) {
		Optional<Report.Row> retort = report.find(scenario, RETORT);
		Optional<Report.Row> base = report.find(scenario, other);
		if (retort.isEmpty() || base.isEmpty()) {
			report.target(missing(target));
			return;
		}
		double ratio = retort.get().median() / base.get().median();
		report.target(line(ratio <= limit, target, String.format(Locale.ROOT, "Retort %s vs %s %s: %.2f×",
				Report.format(retort.get().median(), "ms"), other, Report.format(base.get().median(), "ms"), ratio)));
	}

	private static void below(Report report, String scenario, double limit, String unit, String target) {
		Optional<Report.Row> row = report.find(scenario, RETORT);
		if (row.isEmpty()) {
			report.target(missing(target));
			return;
		}
		report.target(line(row.get().median() < limit, target, Report.format(row.get().median(), unit)
				+ ((row.get().note() != null && !row.get().note().isEmpty()) ? " (" + row.get().note() + ")" : "")));
	}

	private static String line(boolean met, String target, String measured) {
		return "- " + (met ? "**met**" : "**missed**") + " — " + target + ": " + measured;
	}

	private static String missing(String target) {
		return "- **not measured** — " + target + " (see the failed rows above)";
	}

}
