package dev.retort.benchmarks;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How much to run: the number of runs per scenario and JMH's iterations, full or
 * {@code --quick} (a smoke run of every scenario in a few minutes), {@code --only} scenarios,
 * {@code --tools} (for trying the harness), and where the report goes ({@code --out}).
 */
final class Settings {

	private final boolean quick;

	private final Set<Integer> only;

	private final Path out;

	private Machine machine;

	private final Set<Tool> tools;

	private Settings(boolean quick, Set<Integer> only, Path out, Set<Tool> tools) {
		this.tools = tools;
		this.quick = quick;
		this.only = only;
		this.out = out;
	}

	static Settings parse(String[] args) {
		boolean quick = false;
		Set<Integer> only = new HashSet<>();
		Path out = null;
		Set<Tool> tools = java.util.EnumSet.noneOf(Tool.class);
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--only" -> {
					for (String number : args[++i].split(",")) {
						only.add(Integer.parseInt(number.trim()));
					}
				}
				case "--out" -> out = Path.of(args[++i]);
				case "--tools" -> {
					for (String name : args[++i].split(",")) {
						tools.add(Tool.of(name.trim()));
					}
				}
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "'; use --quick, --only 1,2,…, --tools retort,flyway,… or --out FILE");
			}
		}
		return new Settings(quick, only, out, tools);
	}

	boolean quick() {
		return this.quick;
	}

	boolean runs(int scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
	}

	/** Whether {@code tool} takes part ({@code --tools}; all by default). */
	boolean includes(Tool tool) {
		return this.tools.isEmpty() || this.tools.contains(tool);
	}

	Path out() {
		return this.out;
	}

	int applyRuns(int n) {
		if (this.quick) {
			return 1;
		}
		return (n <= 100) ? 7 : 5;
	}

	int noOpRuns() {
		return this.quick ? 2 : 7;
	}

	/**
	 * More starts than other scenarios: the added startup of a 1.4-second process, read as a
	 * difference of two medians, moved from +2 to +278 ms between two runs of 7.
	 */
	int bootRuns() {
		return this.quick ? 2 : 15;
	}

	/**
	 * Extra rounds of only the app alone and Retort's, after the rounds of every variant: the
	 * target reads the median of their paired starts, which still moved by ±40 ms with 15 pairs.
	 */
	int bootPairs() {
		return this.quick ? 0 : 15;
	}

	int concurrencyRuns() {
		return this.quick ? 1 : 3;
	}

	/** Five: a second each, and a median of two moved by 100 ms when another build took a core. */
	int coldLoadRuns() {
		return this.quick ? 1 : 5;
	}

	int jmhWarmupIterations() {
		return 1;
	}

	/** Seconds of no-ops before measuring: until the JIT has compiled what a no-op runs. */
	int jmhNoOpWarmupIterations() {
		return this.quick ? 2 : 5;
	}

	int jmhMeasurementIterations() {
		return this.quick ? 2 : 3;
	}

	/**
	 * Seconds after which a scenario starts no new round: the full run must finish in about 15
	 * minutes on 2 busy cores, whatever the machine's load.
	 */
	double budget(String scenario) {
		double seconds = switch (scenario) {
			case "apply-100" -> 60;
			case "apply-1000" -> 120;
			case "noop-1000", "noop-5000" -> 60;
			case "boot" -> 180;
			case "boot-pairs" -> 90;
			case "concurrency" -> 60;
			default -> 60;
		};
		return this.quick ? seconds / 4 : seconds;
	}

	void machine(Machine machine) {
		this.machine = machine;
	}

	Machine machine() {
		return this.machine;
	}

}
