package dev.retort.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Renders {@code docs/benchmarks.md}: how to run, the results, the targets, the machine, the method. */
final class Docs {

	private Docs() {
	}

	static String render(Bench bench, double minutes) {
		Machine machine = bench.settings.machine();
		StringBuilder doc = new StringBuilder();
		doc.append("# Benchmarks\n\n");
		doc.append("Retort side by side with Flyway ").append(jarVersion("flyway-core-"));
		doc.append(" (community, with `flyway-database-postgresql`), Liquibase ")
			.append(jarVersion("liquibase-core-"));
		doc.append(" (formatted SQL) and plain JDBC (the floor: the same statements, no tool), against the same ");
		doc.append("PostgreSQL, in one run.\n\n");
		doc.append("This page is written by `benchmarks/run.sh`; do not edit it by hand. Run it again with\n\n");
		doc.append("```\nbenchmarks/run.sh            # everything: budgeted for about 15 minutes on 2 idle cores\n");
		doc.append("benchmarks/run.sh --quick    # every scenario once, a smoke run\n");
		doc.append("benchmarks/run.sh --only 1,4 # some scenarios\n```\n\n");
		doc.append("It builds the module, starts PostgreSQL the way the tests do (`RETORT_TEST_JDBC_URL` when set, ");
		doc.append("else embedded PostgreSQL from `io.zonky.test`), runs every scenario and rewrites this page.\n\n");
		doc.append("Run: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
		String commit = System.getProperty("bench.commit");
		if (commit != null && !commit.isBlank()) {
			doc.append(", commit `").append(commit).append('`');
		}
		doc.append(String.format(Locale.ROOT, ", %s, took %.1f minutes.\n\n", bench.settings.quick() ? "quick run (--quick)" : "full run", minutes));

		doc.append("## Results\n\n");
		doc.append("Times are medians over runs, with the smallest and largest run; the tools ran interleaved ");
		doc.append("(A B C D, B C D A, …). For JMH rows a run is one measurement iteration (graph: the average of many ");
		doc.append("operations; no-op: one operation). `× plain JDBC` and `× Retort` divide a median by that tool's median in the same ");
		doc.append("scenario: below 1 is faster.\n\n");
		doc.append(bench.report.table()).append('\n');

		doc.append("## Targets\n\n");
		bench.report.targets().forEach((line) -> doc.append(line).append('\n'));
		doc.append('\n');

		doc.append("## Machine\n\n");
		doc.append("| | |\n| --- | --- |\n");
		doc.append("| cores (`nproc`) | ").append(machine.cores()).append(" |\n");
		doc.append("| CPU | ").append(machine.cpu()).append(" |\n");
		doc.append("| memory | ").append(machine.memory()).append(" |\n");
		doc.append("| Java | ").append(machine.java()).append(" |\n");
		doc.append("| PostgreSQL | ").append(machine.postgres()).append(" |\n");
		doc.append("| load average (1, 5, 15 min) at start | ").append(machine.loadBefore()).append(" |\n");
		doc.append("| load average at end | ").append(machine.loadAfter()).append(" |\n\n");
		doc.append("The machine is shared: other builds may run at the same time (a load average above the ");
		doc.append("number of cores says so), which slows every tool and shows as spread. Ratios between tools ");
		doc.append("run interleaved hold up better than absolute times.\n\n");

		String findings = findings();
		if (!findings.isEmpty()) {
			doc.append(findings.strip()).append("\n\n");
		}
		doc.append("## What each scenario does\n\n");
		doc.append(Method.TEXT);
		if (!bench.report.notes().isEmpty()) {
			doc.append("\n## Notes on this run\n\n");
			bench.report.notes().forEach((note) -> doc.append("- ").append(note).append('\n'));
		}
		doc.append("\n## Time per part of the run\n\n| part | seconds |\n| --- | ---: |\n");
		for (Map.Entry<String, Double> entry : bench.scenarioSeconds.entrySet()) {
			doc.append("| ").append(entry.getKey()).append(" | ")
				.append(String.format(Locale.ROOT, "%.0f", entry.getValue())).append(" |\n");
		}
		return doc.toString();
	}

	/**
	 * The hand-written analysis of the last full run ({@code benchmarks/findings.md}, passed by
	 * run.sh as {@code -Dbench.findings}): profiles and causes, which numbers alone don't give.
	 */
	private static String findings() {
		String path = System.getProperty("bench.findings");
		if (path == null || !Files.isRegularFile(Path.of(path))) {
			return "";
		}
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The version in a jar's file name on the class path ({@code flyway-core-11.14.1.jar}). */
	private static String jarVersion(String prefix) {
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (name.startsWith(prefix) && name.endsWith(".jar")) {
				return name.substring(prefix.length(), name.length() - ".jar".length());
			}
		}
		return "";
	}

}
