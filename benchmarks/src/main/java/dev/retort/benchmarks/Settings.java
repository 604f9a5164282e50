package dev.retort.benchmarks;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How much to run: the number of runs per scenario and JMH's iterations, full or
 * {@code --quick} (a smoke run of every scenario in a few minutes), {@code --only} scenarios,
 * and where the report goes ({@code --out}).
 */
final class Settings {

	private final boolean quick;

	private final Set<Integer> only;

	private final Path out;

	private Machine machine;

	private Settings(boolean quick, Set<Integer> only, Path out) {
		this.quick = quick;
		this.only = only;
		this.out = out;
	}

	static Settings parse(String[] args) {
		boolean quick = false;
		Set<Integer> only = new HashSet<>();
		Path out = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--only" -> {
					for (String number : args[++i].split(",")) {
						only.add(Integer.parseInt(number.trim()));
					}
				}
				case "--out" -> out = Path.of(args[++i]);
				default -> throw new IllegalArgumentException(
						"Unknown argument '" + args[i] + "'; use --quick, --only 1,2,… or --out FILE");
			}
		}
		return new Settings(quick, only, out);
	}

	boolean quick() {
		return this.quick;
	}

	boolean runs(int scenario) {
		return this.only.isEmpty() || this.only.contains(scenario);
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

	int bootRuns() {
		return this.quick ? 2 : 7;
	}

	int concurrencyRuns() {
		return this.quick ? 1 : 3;
	}

	int coldLoadRuns() {
		return this.quick ? 1 : 3;
	}

	int jmhWarmupIterations() {
		return this.quick ? 1 : 2;
	}

	int jmhMeasurementIterations() {
		return this.quick ? 2 : 4;
	}

	/**
	 * Seconds after which a scenario starts no new round: the full run must finish in about 15
	 * minutes on 2 busy cores, whatever the machine's load.
	 */
	double budget(String scenario) {
		double seconds = switch (scenario) {
			case "apply-100" -> 60;
			case "apply-1000" -> 200;
			case "noop-1000", "noop-5000" -> 60;
			case "boot" -> 80;
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
