package dev.retort.revision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A benchmark to run by hand, not a test (no timing is asserted anywhere): builds, validates
 * and plans graphs of 5,000 to 20,000 revisions and prints the best CPU time of several runs.
 *
 * <pre>
 * mvn -q -pl core test-compile
 * java -cp core/target/classes:core/target/test-classes dev.retort.revision.GraphBenchmark
 * </pre>
 */
public final class GraphBenchmark {

	private GraphBenchmark() {
	}

	public static void main(String[] args) {
		for (int size : new int[] { 5_000, 10_000, 20_000 }) {
			run("chain", size, chain(size));
			run("diamonds", size, diamonds(size / 20, 20));
			run("wide", size, wide(size / 20, 20));
			run("depends-on", size, dependsOn(size));
		}
	}

	private static void run(String shape, int size, List<Revision> revisions) {
		RevisionGraph graph = RevisionGraph.of(revisions);
		String head = graph.realHeads().get(graph.realHeads().size() - 1).id();
		List<String> heads = graph.realHeads().stream().map(Revision::id).toList();
		double build = best(() -> RevisionGraph.of(revisions));
		double up = best(() -> graph.upgrade(List.of(), "heads"));
		double down = best(() -> graph.downgrade(heads, "base"));
		double resolve = best(() -> graph.resolve(head.substring(0, 6), heads));
		double order = best(() -> RevisionGraph.of(revisions).upgradeOrder());
		System.out.printf(Locale.ROOT,
				"%-10s %6d revisions (%3d heads): build+validate %6.1f ms, upgrade plan base->heads %6.1f ms,"
						+ " downgrade plan heads->base %6.1f ms, resolve prefix %5.2f ms, build+upgradeOrder %6.1f ms%n",
				shape, revisions.size(), heads.size(), build, up, down, resolve, order);
	}

	/**
	 * The best thread CPU time of several runs: the machine this was written on is shared,
	 * so wall-clock time mostly measures the neighbours.
	 */
	private static double best(Supplier<?> work) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 15; i++) {
			long start = threads.getCurrentThreadCpuTime();
			work.get();
			best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e6);
		}
		return best;
	}

	private static final Random RANDOM = new Random(42);

	private static String id() {
		return String.format("%012x", RANDOM.nextLong() & 0xffffffffffffL);
	}

	/** As files load: sorted by file name, that is by id. */
	private static List<Revision> loadOrder(List<Revision> revisions) {
		List<Revision> sorted = new ArrayList<>(revisions);
		sorted.sort(Comparator.comparing(Revision::id));
		return sorted;
	}

	static List<Revision> chain(int size) {
		List<Revision> revisions = new ArrayList<>();
		String previous = null;
		for (int i = 0; i < size; i++) {
			String id = id();
			revisions.add((previous == null) ? Revision.of(id) : Revision.of(id, previous));
			previous = id;
		}
		return loadOrder(revisions);
	}

	/** A branch point and a merge every {@code length} revisions: two branches in each diamond. */
	static List<Revision> diamonds(int count, int length) {
		List<Revision> revisions = new ArrayList<>();
		String previous = id();
		revisions.add(Revision.of(previous));
		for (int d = 0; d < count; d++) {
			String left = previous;
			String right = previous;
			for (int i = 0; i < (length - 1) / 2; i++) {
				String l = id();
				String r = id();
				revisions.add(Revision.of(l, left));
				revisions.add(Revision.of(r, right));
				left = l;
				right = r;
			}
			previous = id();
			revisions.add(Revision.of(previous, left, right));
		}
		return loadOrder(revisions);
	}

	/** {@code branches} long-lived branches from one base, all open (that many heads). */
	static List<Revision> wide(int branches, int length) {
		List<Revision> revisions = new ArrayList<>();
		String base = id();
		revisions.add(Revision.of(base));
		for (int b = 0; b < branches; b++) {
			String previous = base;
			for (int i = 0; i < length - 1; i++) {
				String id = id();
				revisions.add(Revision.of(id, previous));
				previous = id;
			}
		}
		return loadOrder(revisions);
	}

	/** Two chains; every tenth revision of the second depends on one of the first. */
	static List<Revision> dependsOn(int size) {
		List<Revision> revisions = new ArrayList<>();
		List<String> first = new ArrayList<>();
		String previous = null;
		for (int i = 0; i < size / 2; i++) {
			String id = id();
			revisions.add((previous == null) ? Revision.of(id) : Revision.of(id, previous));
			first.add(id);
			previous = id;
		}
		previous = null;
		for (int i = 0; i < size - size / 2; i++) {
			String id = id();
			Revision revision = (previous == null) ? Revision.of(id) : Revision.of(id, previous);
			if (i % 10 == 9) {
				revision = revision.withDependsOn(first.get(i));
			}
			revisions.add(revision);
			previous = id;
		}
		return loadOrder(revisions);
	}

}
