package dev.retort.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.retort.revision.Plan;
import dev.retort.revision.RevisionGraph;
import dev.retort.script.ScriptDirectory;

/**
 * One measured run in a JVM of its own, started by {@link Bench}:
 * {@code java -cp <module classpath> -Dbench.url=… -Dbench.user=… -Dbench.password=…
 * dev.retort.benchmarks.Runner <tool> <scenario> <dir>}. It prints one line
 * {@code RESULT key=value …} on standard output for the caller to read.
 *
 * <p>The caller also times the whole process, so this class adds as little as it can to a JVM's
 * life: logging is set up in code ({@link WarnLogging}) and CPU time is read without the
 * management beans.
 *
 * <ul>
 * <li>{@code migrate}: bring the database to the latest revision ({@code ms} is the tool's
 * work, from configuration to done; {@code cpuMs} the CPU time the JVM spent meanwhile)</li>
 * <li>{@code load} (Retort): load, validate and plan the revisions of {@code dir}, cold</li>
 * <li>{@code memory} (Retort): heap retained by the loaded revisions and the peak heap</li>
 * </ul>
 */
public final class Runner {

	private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");

	private Runner() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 3) {
			System.err.println("usage: Runner <retort|flyway|liquibase|jdbc> <migrate|load|memory> <dir>");
			System.exit(2);
		}
		Tool tool = Tool.of(args[0]);
		Path dir = Path.of(args[2]);
		switch (args[1]) {
			case "migrate" -> migrate(tool, dir);
			case "load" -> load(dir);
			case "memory" -> memory(dir);
			default -> {
				System.err.println("unknown scenario " + args[1]);
				System.exit(2);
			}
		}
	}

	private static void migrate(Tool tool, Path dir) throws Exception {
		Migrators.Db db = new Migrators.Db(System.getProperty("bench.url"), System.getProperty("bench.user"),
				System.getProperty("bench.password", ""));
		Migrators.initLogging();
		// The first call loads the classes that read the CPU time: not the tool's work.
		processCpuNanos();
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		Migrators.migrate(tool, db, dir);
		long end = System.nanoTime();
		long cpuEnd = processCpuNanos();
		result("ms", millis(end - start), "cpuMs", millis(cpuEnd - cpuStart));
	}

	private static void load(Path dir) {
		Migrators.initLogging();
		processCpuNanos();
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		Plan plan = loadAndPlan(dir);
		long end = System.nanoTime();
		long cpuEnd = processCpuNanos();
		result("ms", millis(end - start), "cpuMs", millis(cpuEnd - cpuStart), "steps", plan.steps().size());
	}

	private static void memory(Path dir) {
		long before = usedAfterGc();
		ScriptDirectory scripts = ScriptDirectory.load(List.of("filesystem:" + dir.toAbsolutePath()), List.of(), List.of(),
				Runner.class.getClassLoader());
		RevisionGraph graph = scripts.graph();
		Plan plan = graph.upgrade(List.of(), "heads");
		long after = usedAfterGc();
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		int revisions = graph.revisions().size();
		// Everything stays reachable until after the measurement.
		Reference.reachabilityFence(scripts);
		Reference.reachabilityFence(plan);
		result("retainedMiB", mib(after - before), "peakMiB", mib(peak), "maxHeapMiB",
				mib(Runtime.getRuntime().maxMemory()), "revisions", revisions);
	}

	static Plan loadAndPlan(Path dir) {
		ScriptDirectory scripts = ScriptDirectory.load(List.of("filesystem:" + dir.toAbsolutePath()), List.of(), List.of(),
				Runner.class.getClassLoader());
		RevisionGraph graph = scripts.graph();
		return graph.upgrade(List.of(), "heads");
	}

	/**
	 * CPU time of this whole JVM (every thread: the tool's, JIT, GC): unlike wall time it does
	 * not grow when other processes share the cores. On Linux it is read from
	 * {@code /proc/self/stat}, in the same 10 ms clock ticks the management bean reports, because
	 * loading the management beans costs a new JVM about 30 ms of the whole-process time; elsewhere
	 * from the bean.
	 */
	private static long processCpuNanos() {
		try {
			String stat = Files.readString(PROC_SELF_STAT);
			// Fields after the command name, which is in parentheses and may hold spaces: the
			// 14th and 15th of the line, user and system time in clock ticks of 1/100 s.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * 10_000_000L;
		}
		catch (IOException | RuntimeException ex) {
			return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
		}
	}

	private static long usedAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String mib(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
	}

	private static void result(Object... pairs) {
		StringBuilder line = new StringBuilder("RESULT");
		for (int i = 0; i < pairs.length; i += 2) {
			line.append(' ').append(pairs[i]).append('=').append(pairs[i + 1]);
		}
		System.out.println(line);
	}

}
