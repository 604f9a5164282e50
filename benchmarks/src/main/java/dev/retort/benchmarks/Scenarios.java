package dev.retort.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;

/** Scenarios 1, 2, 4, 5 and 6 of issue 7 (3, Spring Boot, is {@link BootScenario}). */
final class Scenarios {

	private static final long TIMEOUT_SECONDS = 600;

	/** The scenario of each tool's own command line: a target's row ({@link Targets} reads it by its kind). */
	private static final String COMMAND_LINES = "2. no-op start, 1,000 applied: whole process, each tool's command line";

	/** liquibase-core and its dependencies (picocli for the command line), and the driver. */
	private static final List<String> LIQUIBASE_CLI_JARS = List.of("liquibase-core-", "opencsv-", "snakeyaml-",
			"jaxb-api-", "commons-collections4-", "commons-text-", "commons-lang3-", "commons-io-", "picocli-",
			"postgresql-");

	private final Bench bench;

	private final Report report;

	Scenarios(Bench bench) {
		this.bench = bench;
		this.report = bench.report;
	}

	/** 1. Apply 100 and 1,000 pending revisions to an empty database, each tool in a new JVM. */
	void apply() {
		for (int n : List.of(100, 1000)) {
			Interleaved runs = interleave(Bench.TOOLS, this.bench.settings.applyRuns(n),
					this.bench.settings.budget("apply-" + n), (tool, round) -> {
				TestDatabase db = TestPostgres.freshDatabase();
				boolean keep = false;
				try {
					Child.Outcome outcome = this.bench.runner(tool, "migrate", this.bench.dir(tool, n), db, List.of(),
							"apply-" + n + "-" + tool + "-" + round).run(TIMEOUT_SECONDS);
					requireLedger(db, n, tool);
					if (n == 1000 && round == 0) {
						this.bench.applied.computeIfAbsent(tool, (t) -> new TestDatabase[2])[0] = db;
						keep = true;
					}
					return outcome;
				}
				finally {
					if (!keep) {
						db.drop();
					}
				}
			});
			runs.rows(this.report, "1. apply " + count(n) + " pending, one transaction each", "ms",
					(outcome) -> outcome.number("ms"), "");
			runs.rows(this.report, "1. apply " + count(n) + " pending: CPU time of the tool's JVM", "ms",
					(outcome) -> outcome.number("cpuMs"), "");
		}
	}

	/**
	 * Set-up of 2: every tool applies 5,000 revisions (and 1,000 when scenario 1 did not run), all
	 * tools at once since nothing is timed here.
	 */
	void applyForNoOp() {
		Map<Child, Runnable> started = new java.util.LinkedHashMap<>();
		for (int n : List.of(1000, 5000)) {
			int index = (n == 1000) ? 0 : 1;
			for (Tool tool : Bench.TOOLS) {
				TestDatabase[] databases = this.bench.applied.computeIfAbsent(tool, (t) -> new TestDatabase[2]);
				if (databases[index] != null || !this.bench.settings.includes(tool)) {
					continue;
				}
				TestDatabase db = TestPostgres.freshDatabase();
				Child child = this.bench.runner(tool, "migrate", this.bench.dir(tool, n), db, List.of(),
						"setup-" + n + "-" + tool).start();
				started.put(child, () -> {
					requireLedger(db, n, tool);
					databases[index] = db;
				});
			}
		}
		started.forEach((child, check) -> {
			try {
				child.await(TIMEOUT_SECONDS);
				check.run();
			}
			catch (RuntimeException ex) {
				this.report.note("Set-up of scenario 2 failed: " + Bench.firstLine(ex));
			}
		});
	}

	/** 2. No-op start with 1,000 and 5,000 applied, whole process: spawn, migrate nothing, exit. */
	void noOpProcess() {
		for (int n : List.of(1000, 5000)) {
			int index = (n == 1000) ? 0 : 1;
			List<Tool> ready = ready(index);
			Interleaved runs = interleave(ready, this.bench.settings.noOpRuns(), this.bench.settings.budget("noop-" + n),
					(tool, round) -> {
				TestDatabase db = this.bench.applied.get(tool)[index];
				Child.Outcome outcome = this.bench.runner(tool, "migrate", this.bench.dir(tool, n), db, List.of(),
						"noop-" + n + "-" + tool + "-" + round).run(TIMEOUT_SECONDS);
				requireLedger(db, n, tool);
				return outcome;
			});
			runs.rows(this.report, "2. no-op start, " + count(n) + " applied: whole process", "ms",
					Child.Outcome::wallMs, "");
			runs.rows(this.report, "2. no-op start, " + count(n) + " applied: tool's work in that JVM", "ms",
					(outcome) -> outcome.number("ms"), "");
			runs.rows(this.report, "2. no-op start, " + count(n) + " applied: CPU time of the tool's JVM", "ms",
					(outcome) -> outcome.number("cpuMs"), "");
		}
		noOpThroughCommandLines();
	}

	/**
	 * 2. The same no-op as an operator or a CI step runs it, each tool through its own command
	 * line: {@code cli/bin/retort upgrade} on the packaged jar, with the JVM options the launcher
	 * gives a short-lived command and the class-data archive it records on a second run (and,
	 * interleaved, without one); {@code flyway migrate} (flyway-commandline's {@code Main}, on the
	 * class path run.sh resolves from {@code benchmarks/peer-cli}); {@code liquibase update}
	 * (liquibase-core's {@code LiquibaseCommandLine}). Each peer as its distribution's script starts
	 * it, minus what would only slow it: no other databases' drivers, no update check or telemetry
	 * over the network, no banner.
	 */
	private void noOpThroughCommandLines() {
		List<Tool> ready = ready(0);
		Map<Tool, CommandLine> commandLines = new EnumMap<>(Tool.class);
		for (Tool tool : ready) {
			CommandLine commandLine = commandLine(tool, this.bench.applied.get(tool)[0]);
			if (commandLine != null) {
				commandLines.put(tool, commandLine);
			}
		}
		if (!commandLines.containsKey(Tool.RETORT)) {
			return;
		}
		try {
			// As a user's first two Retort commands that connect: the first leaves a mark, the
			// second records the archive. Every peer once, untimed, as a check that it runs.
			for (int i = 1; i <= 2; i++) {
				commandLines.get(Tool.RETORT).run(this.bench.log("noop-1000-cli-record-" + i));
			}
		}
		catch (RuntimeException ex) {
			this.report.note("The CLI's recording run failed: " + Bench.firstLine(ex));
			return;
		}
		List<Child.Outcome> withoutArchive = new ArrayList<>();
		Interleaved runs = interleave(List.copyOf(commandLines.keySet()), this.bench.settings.noOpRuns(),
				this.bench.settings.budget("noop-1000"), (tool, round) -> {
					TestDatabase db = this.bench.applied.get(tool)[0];
					CommandLine commandLine = commandLines.get(tool);
					String log = "noop-1000-cli-" + tool.name().toLowerCase(Locale.ROOT) + "-" + round;
					if (tool != Tool.RETORT) {
						Child.Outcome outcome = commandLine.run(this.bench.log(log));
						requireLedger(db, 1000, tool);
						return outcome;
					}
					// A B, B A, …: the archive's run first in even rounds.
					Child.Outcome archived = null;
					for (int i = 0; i < 2; i++) {
						boolean archive = (i == 0) == (round % 2 == 0);
						Child.Outcome outcome = (archive ? commandLine : commandLine.withoutArchive())
							.run(this.bench.log(log + (archive ? "-cds" : "")));
						requireLedger(db, 1000, tool);
						if (archive) {
							archived = outcome;
						}
						else {
							withoutArchive.add(outcome);
						}
					}
					return archived;
				});
		runs.rows(this.report, COMMAND_LINES, "ms", Child.Outcome::wallMs, "");
		Map<Tool, List<Child.Outcome>> plain = withoutArchive.isEmpty() ? Map.of()
				: Map.of(Tool.RETORT, withoutArchive);
		new Interleaved(List.of(Tool.RETORT), plain, runs.errors()).rows(this.report,
				"2. no-op start, 1,000 applied: whole process, Retort's CLI without its class-data archive", "ms",
				Child.Outcome::wallMs, "");
	}

	/** {@code tool}'s command line bringing {@code db} to the latest of 1,000 revisions; null when not at hand. */
	private CommandLine commandLine(Tool tool, TestDatabase db) {
		String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String dir = this.bench.dir(tool, 1000).toAbsolutePath().toString();
		switch (tool) {
			case RETORT -> {
				String launcher = System.getProperty("bench.launcher");
				String jar = System.getProperty("bench.cliJar");
				if (launcher == null || jar == null || !new File(jar).isFile()) {
					return null;
				}
				// Its own archive directory, so a run never maps an archive a user's runs recorded.
				String archives = this.bench.work.resolve("cds").toString();
				return new CommandLine(List.of("/bin/sh", launcher, "upgrade", "--url", db.jdbcUrl(), "--user",
						db.user(), "--password=" + db.password(), "--location", dir),
						Map.of("RETORT_JAR", jar, "RETORT_CDS_DIR", archives));
			}
			case FLYWAY -> {
				String classPath = System.getProperty("bench.flywayCliClassPath");
				if (classPath == null || classPath.isEmpty()) {
					this.report.note("Flyway's command line was not measured: run.sh resolves its class path "
							+ "from benchmarks/peer-cli/pom.xml");
					return null;
				}
				return new CommandLine(List.of(javaCommand, "-cp", classPath, "org.flywaydb.commandline.Main",
						"-skipCheckForUpdate", "-url=" + db.jdbcUrl(), "-user=" + db.user(),
						"-password=" + db.password(), "-locations=filesystem:" + dir, "migrate"),
						Map.of("REDGATE_DISABLE_TELEMETRY", "true"));
			}
			case LIQUIBASE -> {
				List<String> entries = new ArrayList<>();
				for (String entry : this.bench.classPath.split(File.pathSeparator)) {
					String name = new File(entry).getName();
					if (entry.endsWith(".jar") && Tool.startsWithAny(name, LIQUIBASE_CLI_JARS)) {
						entries.add(entry);
					}
				}
				return new CommandLine(List.of(javaCommand, "-cp", String.join(File.pathSeparator, entries),
						"liquibase.integration.commandline.LiquibaseCommandLine", "--url=" + db.jdbcUrl(),
						"--username=" + db.user(), "--password=" + db.password(), "--search-path=" + dir,
						"--changelog-file=" + Workload.LIQUIBASE_CHANGELOG, "--analytics-enabled=false",
						"--show-banner=false", "update"), Map.of());
			}
			default -> {
				return null;
			}
		}
	}

	/** A command and its environment; {@link #withoutArchive()} only for Retort's launcher. */
	private record CommandLine(List<String> command, Map<String, String> environment) {

		Child.Outcome run(Path log) {
			return Child.command(this.command, this.environment, log).run(TIMEOUT_SECONDS);
		}

		CommandLine withoutArchive() {
			Map<String, String> environment = new java.util.HashMap<>(this.environment);
			environment.put("RETORT_CDS_DIR", "");
			return new CommandLine(this.command, environment);
		}

	}

	/** 2. Database round trips of a no-op start, counted on the wire by {@link RoundTripProxy}. */
	void noOpRoundTrips() throws Exception {
		TestPostgres.Server server = TestPostgres.server();
		try (RoundTripProxy proxy = new RoundTripProxy(server.host(), server.port())) {
			for (int n : List.of(1000, 5000)) {
				int index = (n == 1000) ? 0 : 1;
				Interleaved runs = interleave(ready(index), 1, (tool, round) -> {
					TestDatabase db = this.bench.applied.get(tool)[index];
					TestDatabase viaProxy = new TestDatabase(
							new TestPostgres.Server("127.0.0.1", proxy.port(), server.adminDatabase(), server.user(),
									server.password(), () -> {
									}),
							db.name());
					proxy.reset();
					Child.Outcome outcome = this.bench.runner(tool, "migrate", this.bench.dir(tool, n), viaProxy,
							List.of(), "roundtrips-" + n + "-" + tool).run(TIMEOUT_SECONDS);
					Map<String, String> values = new java.util.HashMap<>(outcome.values());
					values.put("roundTrips", String.valueOf(proxy.roundTrips()));
					values.put("connections", String.valueOf(proxy.connections()));
					return new Child.Outcome(outcome.wallMs(), values, outcome.startNanos(), outcome.endNanos());
				});
				runs.rows(this.report, "2. no-op start, " + count(n) + " applied: database round trips", "",
						(outcome) -> outcome.number("roundTrips"), "connections");
			}
			// The same count for applying 100 revisions: what each tool adds per revision.
			Interleaved runs = interleave(Bench.TOOLS, 1, (tool, round) -> {
				TestDatabase db = TestPostgres.freshDatabase();
				try {
					TestDatabase viaProxy = new TestDatabase(new TestPostgres.Server("127.0.0.1", proxy.port(),
							server.adminDatabase(), server.user(), server.password(), () -> {
							}), db.name());
					proxy.reset();
					Child.Outcome outcome = this.bench.runner(tool, "migrate", this.bench.dir(tool, 100), viaProxy,
							List.of(), "roundtrips-apply-100-" + tool).run(TIMEOUT_SECONDS);
					requireLedger(db, 100, tool);
					Map<String, String> values = new java.util.HashMap<>(outcome.values());
					values.put("roundTrips", String.valueOf(proxy.roundTrips()));
					values.put("connections", String.valueOf(proxy.connections()));
					return new Child.Outcome(outcome.wallMs(), values, outcome.startNanos(), outcome.endNanos());
				}
				finally {
					db.drop();
				}
			});
			runs.rows(this.report, "1. apply 100 pending: database round trips", "",
					(outcome) -> outcome.number("roundTrips"), "connections");
		}
	}

	/** 2. No-op start in a warm JVM (JMH): configure the tool and migrate, nothing pending. */
	void noOpWarm() {
		List<String> options = new ArrayList<>();
		List<String> tools = new ArrayList<>();
		for (Tool tool : Bench.TOOLS) {
			TestDatabase[] databases = this.bench.applied.get(tool);
			if (databases == null || databases[0] == null || databases[1] == null) {
				continue;
			}
			tools.add(tool.name());
			for (int index = 0; index < 2; index++) {
				int n = (index == 0) ? 1000 : 5000;
				String prefix = "-Dbench.noop." + tool.name().toLowerCase(Locale.ROOT) + "." + n + ".";
				options.add(prefix + "url=" + databases[index].jdbcUrl());
				options.add(prefix + "dir=" + this.bench.dir(tool, n));
				options.add("-Dbench.user=" + databases[index].user());
				options.add("-Dbench.password=" + databases[index].password());
			}
		}
		if (tools.isEmpty()) {
			return;
		}
		Jmh.run(this.bench, NoOpBenchmark.class, Map.of("tool", tools, "n", List.of("1000", "5000")), options,
				(result) -> "2. no-op, " + count(Integer.parseInt(result.param("n"))) + " applied: warm JVM (JMH)",
				(result) -> Tool.of(result.param("tool")).displayName());
	}

	/** 4. Load, validate and plan 10,000 revisions from files in a new JVM (what a start pays). */
	void graphCold() {
		for (String shape : List.of("chain", "branchy")) {
			Interleaved runs = interleave(List.of(Tool.RETORT), this.bench.settings.coldLoadRuns(),
					(tool, round) -> this.bench.runner(tool, "load", this.bench.dirs.get(shape), null, List.of(),
							"load-" + shape + "-" + round).run(TIMEOUT_SECONDS));
			runs.rows(this.report, "4. load+validate+plan 10,000 (" + shape + "), cold JVM", "ms",
					(outcome) -> outcome.number("ms"), "");
			runs.rows(this.report, "4. load+validate+plan 10,000 (" + shape + "), cold JVM: CPU time", "ms",
					(outcome) -> outcome.number("cpuMs"), "");
		}
	}

	/** 4. The graph work in a warm JVM (JMH). */
	void graphWarm() {
		List<String> options = List.of("-Dbench.graph.chain.dir=" + this.bench.dirs.get("chain"),
				"-Dbench.graph.branchy.dir=" + this.bench.dirs.get("branchy"));
		Jmh.run(this.bench, GraphBenchmark.class, Map.of(), options,
				(result) -> "4. " + result.method() + ", 10,000 (" + result.param("shape") + "), warm JVM (JMH)",
				(result) -> Tool.RETORT.displayName());
	}

	/** 5. Heap for 10,000 loaded revisions: runs in -Xmx64m, heap retained after GC, peak. */
	void memory() {
		for (String shape : List.of("chain", "branchy")) {
			Interleaved runs = interleave(List.of(Tool.RETORT), 1,
					(tool, round) -> this.bench.runner(tool, "memory", this.bench.dirs.get(shape), null,
							List.of("-Xmx64m"), "memory-" + shape).run(TIMEOUT_SECONDS));
			runs.rows(this.report, "5. heap retained by 10,000 loaded revisions (" + shape + "), -Xmx64m", "MiB",
					(outcome) -> outcome.number("retainedMiB"), "peakMiB");
		}
	}

	/** 6. Eight processes start at once against 1,000 pending revisions. */
	void concurrency() {
		int n = 1000;
		int instances = 8;
		Interleaved runs = interleave(List.of(Tool.RETORT, Tool.FLYWAY), this.bench.settings.concurrencyRuns(),
				this.bench.settings.budget("concurrency"), (tool, round) -> {
					TestDatabase db = TestPostgres.freshDatabase();
					try {
						List<Child> children = new ArrayList<>();
						for (int i = 0; i < instances; i++) {
							children.add(this.bench.runner(tool, "migrate", this.bench.dir(tool, n), db, List.of(),
									"concurrent-" + tool + "-" + round + "-" + i));
						}
						children.forEach(Child::start);
						long first = Long.MAX_VALUE;
						long end = Long.MIN_VALUE;
						RuntimeException failure = null;
						for (Child child : children) {
							try {
								Child.Outcome outcome = child.await(TIMEOUT_SECONDS);
								first = Math.min(first, outcome.startNanos());
								end = Math.max(end, outcome.endNanos());
							}
							catch (RuntimeException ex) {
								failure = (failure != null) ? failure : ex;
							}
						}
						if (failure != null) {
							throw failure;
						}
						long[] ledger = Bench.ledger(db);
						if (ledger[0] != n || ledger[1] != n) {
							throw new IllegalStateException("revisions did not run exactly once: the ledger has "
									+ ledger[0] + " rows for " + ledger[1] + " distinct revisions, expected " + n);
						}
						return new Child.Outcome((end - first) / 1e6, Map.of("once", "yes"), first, end);
					}
					finally {
						db.drop();
					}
				});
		runs.rows(this.report, "6. " + instances + " instances at once, " + count(n) + " pending: total", "ms",
				Child.Outcome::wallMs, "each revision ran once: yes (ledger " + n + " rows, " + n
						+ " distinct; all " + instances + " exited 0)");
	}

	private List<Tool> ready(int index) {
		List<Tool> ready = new ArrayList<>();
		for (Tool tool : Bench.TOOLS) {
			TestDatabase[] databases = this.bench.applied.get(tool);
			if (databases != null && databases[index] != null) {
				ready.add(tool);
			}
		}
		return ready;
	}

	private static void requireLedger(TestDatabase db, int n, Tool tool) {
		long[] ledger = Bench.ledger(db);
		if (ledger[0] != n || ledger[1] != n) {
			throw new IllegalStateException(tool.displayName() + " left " + ledger[0] + " ledger rows ("
					+ ledger[1] + " distinct), expected " + n);
		}
	}

	static String count(int n) {
		return String.format(Locale.ROOT, "%,d", n);
	}

	/** Runs {@code runs} rounds over {@code tools}, in a rotating order; a tool that fails is dropped. */
	static Interleaved interleave(List<Tool> tools, int runs, OneRun oneRun) {
		return interleave(tools, runs, Double.MAX_VALUE, oneRun);
	}

	/**
	 * Runs up to {@code runs} rounds over {@code tools}, in a rotating order, starting no new
	 * round once {@code budgetSeconds} have passed (so a slow machine still finishes in time);
	 * a tool that fails is dropped.
	 */
	static Interleaved interleave(List<Tool> tools, int runs, double budgetSeconds, OneRun oneRun) {
		Map<Tool, List<Child.Outcome>> outcomes = new EnumMap<>(Tool.class);
		Map<Tool, String> errors = new EnumMap<>(Tool.class);
		long start = System.nanoTime();
		for (int round = 0; round < runs; round++) {
			if (round > 0 && (System.nanoTime() - start) / 1e9 > budgetSeconds) {
				System.out.println("  (time budget of " + (long) budgetSeconds + " s spent: " + round + " of " + runs
						+ " rounds)");
				break;
			}
			for (Tool tool : Bench.rotate(tools, round)) {
				if (errors.containsKey(tool) || (Bench.selected != null && !Bench.selected.includes(tool))) {
					continue;
				}
				try {
					Child.Outcome outcome = oneRun.run(tool, round);
					if (outcome != null) {
						outcomes.computeIfAbsent(tool, (t) -> new ArrayList<>()).add(outcome);
					}
				}
				catch (RuntimeException ex) {
					errors.put(tool, Bench.firstLine(ex));
					System.out.println("  " + tool.displayName() + " failed: " + Bench.firstLine(ex));
				}
			}
		}
		return new Interleaved(tools, outcomes, errors);
	}

	@FunctionalInterface
	interface OneRun {

		Child.Outcome run(Tool tool, int round);

	}

	/**
	 * Outcomes of interleaved runs, per tool.
	 *
	 * @param tools the tools, in table order
	 * @param outcomes what each run reported
	 * @param errors why a tool could not be measured
	 */
	record Interleaved(List<Tool> tools, Map<Tool, List<Child.Outcome>> outcomes, Map<Tool, String> errors) {

		/** Adds a row per tool; {@code noteKey} names a reported value shown as a note, or is a note. */
		void rows(Report report, String scenario, String unit, ToDoubleFunction<Child.Outcome> value, String noteKey) {
			for (Tool tool : this.tools) {
				if (this.errors.containsKey(tool)) {
					report.add(Report.Row.failed(scenario, tool.displayName(), this.errors.get(tool)));
					continue;
				}
				List<Child.Outcome> runs = this.outcomes.getOrDefault(tool, List.of());
				if (runs.isEmpty()) {
					continue;
				}
				List<Double> samples = runs.stream().mapToDouble(value).boxed().toList();
				String note = noteKey;
				Child.Outcome lastRun = runs.get(runs.size() - 1);
				if (!noteKey.isEmpty() && lastRun.values().containsKey(noteKey)) {
					note = noteKey + " " + lastRun.values().get(noteKey);
				}
				report.add(Report.Row.of(scenario, tool, unit, samples, note));
			}
		}

	}

}
