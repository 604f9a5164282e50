package dev.retort.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.retort.testing.TestDatabase;

/**
 * The machine a run measured: cores, memory, CPU, Java and PostgreSQL versions.
 *
 * @param cores available processors
 * @param memory total memory
 * @param cpu CPU model
 * @param java Java runtime
 * @param postgres PostgreSQL version string
 * @param loadBefore load averages (1, 5, 15 minutes) when the run started
 * @param loadAfter load averages when it ended
 */
record Machine(int cores, String memory, String cpu, String java, String postgres, String loadBefore,
		String loadAfter) {

	Machine withLoadAfter() {
		return new Machine(this.cores, this.memory, this.cpu, this.java, this.postgres, this.loadBefore, load());
	}

	static String load() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	static Machine describe(TestDatabase db) {
		String memory = "unknown";
		String cpu = "unknown";
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
					memory = String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
				}
			}
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).trim();
					break;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: leave "unknown".
		}
		String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
		List<String> version = db.queryStrings("SELECT version()");
		return new Machine(Runtime.getRuntime().availableProcessors(), memory, cpu, java, version.get(0), load(), "");
	}

}
