package dev.retort.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;

/**
 * Runs every scenario of issue 7 against one PostgreSQL (the tests' provider:
 * {@code RETORT_TEST_JDBC_URL}, else embedded), prints the table and writes
 * {@code docs/benchmarks.md}. Started by {@code benchmarks/run.sh}:
 * {@code Bench [--quick] [--only 1,2,3] [--out FILE]}.
 */
public final class Bench {

	static final List<Tool> TOOLS = List.of(Tool.RETORT, Tool.FLYWAY, Tool.LIQUIBASE, Tool.JDBC);

	/** The settings of this run, for the tool filter of {@link Scenarios#interleave}. */
	static Settings selected;

	final Settings settings;

	final Report report = new Report();

	final String classPath = System.getProperty("java.class.path");

	final Path work;

	final Map<String, Path> dirs = new LinkedHashMap<>();

	/** Per tool, a database with 1,000 (index 0) and 5,000 (index 1) revisions applied. */
	final Map<Tool, TestDatabase[]> applied = new EnumMap<>(Tool.class);

	final Map<String, Double> scenarioSeconds = new LinkedHashMap<>();

	private Bench(Settings settings) throws Exception {
		this.settings = settings;
		this.work = Files.createTempDirectory("retort-bench");
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		selected = settings;
		Bench bench = new Bench(settings);
		long start = System.nanoTime();
		bench.run();
		double minutes = (System.nanoTime() - start) / 60e9;
		System.out.println();
		System.out.println(bench.report.table());
		bench.report.targets().forEach(System.out::println);
		if (settings.out() != null) {
			Files.createDirectories(settings.out().toAbsolutePath().getParent());
			Files.writeString(settings.out(), Docs.render(bench, minutes));
			System.out.println("Wrote " + settings.out());
		}
		System.exit(0);
	}

	private void run() throws Exception {
		TestDatabase probe = TestPostgres.freshDatabase();
		Machine machine = Machine.describe(probe);
		this.settings.machine(machine);
		probe.drop();
		System.out.println("PostgreSQL: " + machine.postgres());
		timed("generate", this::generate);
		Scenarios scenarios = new Scenarios(this);
		if (this.settings.runs(1)) {
			timed("1 apply", scenarios::apply);
		}
		if (this.settings.runs(2)) {
			timed("2 no-op (set-up)", scenarios::applyForNoOp);
			timed("2 no-op (process)", scenarios::noOpProcess);
			timed("2 no-op (round trips)", scenarios::noOpRoundTrips);
			timed("2 no-op (JMH)", scenarios::noOpWarm);
		}
		if (this.settings.runs(3)) {
			timed("3 Spring Boot", new BootScenario(this)::run);
		}
		if (this.settings.runs(4)) {
			timed("4 graph (cold)", scenarios::graphCold);
			timed("4 graph (JMH)", scenarios::graphWarm);
		}
		if (this.settings.runs(5)) {
			timed("5 memory", scenarios::memory);
		}
		if (this.settings.runs(6)) {
			timed("6 concurrency", scenarios::concurrency);
		}
		Targets.evaluate(this.report);
		// An external server (RETORT_TEST_JDBC_URL) keeps its databases: leave nothing behind.
		this.applied.values().forEach((databases) -> {
			for (TestDatabase db : databases) {
				if (db != null) {
					db.drop();
				}
			}
		});
		this.settings.machine(machine.withLoadAfter());
		deleteWorkloads();
	}

	// The generated revision files (about 45,000) go; the children's logs stay for reading.
	private void deleteWorkloads() throws IOException {
		for (Path dir : this.dirs.values()) {
			try (Stream<Path> walk = Files.walk(dir)) {
				for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
		System.out.println("Logs of every child JVM: " + this.work.resolve("logs"));
	}

	private void generate() throws Exception {
		for (int n : List.of(100, 1000, 5000)) {
			for (Tool tool : TOOLS) {
				Path dir = this.work.resolve(tool.name().toLowerCase(Locale.ROOT) + "-" + n);
				Workload.write(tool, n, dir);
				this.dirs.put(tool + "-" + n, dir);
			}
		}
		// Scenario 3's starter with no revision files: an empty location.
		this.dirs.put(Tool.RETORT + "-0", Files.createDirectories(this.work.resolve("retort-0")));
		for (String shape : List.of("chain", "branchy")) {
			Path dir = this.work.resolve("graph-" + shape);
			Workload.writeRetort(dir, "chain".equals(shape) ? Workload.Shape.chain(10_000) : Workload.Shape.branchy(10_000));
			this.dirs.put(shape, dir);
		}
	}

	Path dir(Tool tool, int n) {
		return this.dirs.get(tool + "-" + n);
	}

	private void timed(String name, Step step) throws Exception {
		System.out.println("== " + name + " (" + Instant.now() + ")");
		long start = System.nanoTime();
		try {
			step.run();
		}
		finally {
			double seconds = (System.nanoTime() - start) / 1e9;
			this.scenarioSeconds.put(name, seconds);
			System.out.printf(Locale.ROOT, "   %s took %.0f s%n", name, seconds);
		}
	}

	/** A child JVM running {@link Runner} with the class path an application of {@code tool} has. */
	Child runner(Tool tool, String scenario, Path dir, TestDatabase db, List<String> jvmOptions, String logName) {
		List<String> options = new ArrayList<>(jvmOptions);
		if (db != null) {
			options.add("-Dbench.url=" + db.jdbcUrl());
			options.add("-Dbench.user=" + db.user());
			options.add("-Dbench.password=" + db.password());
		}
		return Child.of(this.classPath, tool::onClassPath, options, Runner.class.getName(),
				List.of(tool.name().toLowerCase(Locale.ROOT), scenario, dir.toString()), log(logName));
	}

	/**
	 * A child JVM running {@code mainClass} on the entries of the class path that {@code keep}
	 * accepts, logging through the module's logback.xml (at WARN; not the INFO of the
	 * logback-test.xml in retort-core's test jar).
	 */
	Child child(Predicate<String> keep, List<String> jvmOptions, String mainClass, List<String> args, String logName) {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add(0, "-D" + Child.LOGBACK_CONFIGURATION);
		return Child.of(this.classPath, keep, options, mainClass, args, log(logName));
	}

	Path log(String name) {
		return this.work.resolve("logs").resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".log");
	}

	/** {@code [rows, distinct revisions]} of the ledger every revision writes to. */
	static long[] ledger(TestDatabase db) {
		if (!db.tableExists("bench_ledger")) {
			return new long[] { 0, 0 };
		}
		List<String> values = db.queryStrings("SELECT count(*) || ' ' || count(DISTINCT revision) FROM bench_ledger");
		String[] parts = values.get(0).split(" ");
		return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
	}

	/** The tools in the order of round {@code round}: A B C D, then B C D A, … */
	static List<Tool> rotate(List<Tool> tools, int round) {
		List<Tool> order = new ArrayList<>();
		for (int i = 0; i < tools.size(); i++) {
			order.add(tools.get((i + round) % tools.size()));
		}
		return order;
	}

	static String firstLine(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		return message.lines().findFirst().orElse(message);
	}

	boolean classPathHas(String jarPrefix) {
		for (String entry : this.classPath.split(File.pathSeparator)) {
			if (new File(entry).getName().startsWith(jarPrefix)) {
				return true;
			}
		}
		return false;
	}

	@FunctionalInterface
	interface Step {

		void run() throws Exception;

	}

}
