package dev.retort.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 2 in a warm JVM: every revision is applied; configure the tool from scratch and
 * migrate again, as an application does at each start. {@link Bench} passes the database and
 * the directory of each tool and size as {@code -Dbench.noop.<tool>.<n>.url} and {@code .dir}.
 * Average time over one-second iterations, after five seconds of warm-up: a JVM that has
 * started the tool many times (a single shot right after one warm-up operation still runs
 * interpreted code and measured the JIT as much as the tool). A slow tool's iteration holds one
 * operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NoOpBenchmark {

	@Param({ "RETORT", "FLYWAY", "LIQUIBASE", "JDBC" })
	public String tool;

	@Param({ "1000", "5000" })
	public int n;

	private Tool selected;

	private Migrators.Db db;

	private Path dir;

	@Setup
	public void setUp() {
		this.selected = Tool.of(this.tool);
		String prefix = "bench.noop." + this.selected.name().toLowerCase(java.util.Locale.ROOT) + "." + this.n + ".";
		this.db = new Migrators.Db(required(prefix + "url"), System.getProperty("bench.user"),
				System.getProperty("bench.password", ""));
		this.dir = Path.of(required(prefix + "dir"));
	}

	@Benchmark
	public void noOpMigrate() throws Exception {
		Migrators.migrate(this.selected, this.db, this.dir);
	}

	static String required(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			throw new IllegalStateException("System property " + property + " is not set; run through Bench");
		}
		return value;
	}

}
