package dev.retort.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 4, Retort alone: 10,000 revisions as one long chain, or with 500 branch points and
 * 500 merges ({@link Workload.Shape#branchy}). Builds and validates the graph, plans an upgrade
 * from an empty database to the heads, lists heads and history, and does it all from the files
 * ({@code loadValidatePlan}; the directory comes as {@code -Dbench.graph.<shape>.dir}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GraphBenchmark {

	@Param({ "chain", "branchy" })
	public String shape;

	@Param({ "10000" })
	public int n;

	private List<Revision> revisions;

	private RevisionGraph graph;

	private Path dir;

	@Setup
	public void setUp() {
		Workload.Shape layout = "chain".equals(this.shape) ? Workload.Shape.chain(this.n) : Workload.Shape.branchy(this.n);
		this.revisions = new ArrayList<>(this.n);
		for (int k = 0; k < this.n; k++) {
			this.revisions.add(Revision.of(layout.ids().get(k), layout.parents().get(k).toArray(String[]::new)));
		}
		this.graph = RevisionGraph.of(this.revisions);
		String directory = System.getProperty("bench.graph." + this.shape + ".dir");
		this.dir = (directory != null) ? Path.of(directory) : null;
	}

	@Benchmark
	public RevisionGraph buildAndValidate() {
		return RevisionGraph.of(this.revisions);
	}

	@Benchmark
	public Plan planUpgradeFromBase() {
		return this.graph.upgrade(List.of(), "heads");
	}

	@Benchmark
	public List<Revision> heads() {
		return this.graph.heads();
	}

	@Benchmark
	public List<Revision> history() {
		return this.graph.history(null, List.of());
	}

	@Benchmark
	public Plan loadValidatePlan() {
		if (this.dir == null) {
			throw new IllegalStateException("System property bench.graph." + this.shape + ".dir is not set");
		}
		return Runner.loadAndPlan(this.dir);
	}

}
