package dev.retort.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a JMH benchmark class in one forked JVM per parameter set and turns each result into a
 * row: the median and spread of the measurement iterations (each an average in ms/op).
 */
final class Jmh {

	private Jmh() {
	}

	static void run(Bench bench, Class<?> benchmarks, Map<String, List<String>> params, List<String> jvmOptions,
			Function<Result, String> scenario, Function<Result, String> tool) {
		// A no-op is the JIT's steady state only after several seconds of them; the graph benchmarks
		// repeat a short operation thousands of times per iteration and settle at once.
		boolean noOp = benchmarks == NoOpBenchmark.class;
		ChainedOptionsBuilder options = new OptionsBuilder().include(benchmarks.getName() + "\\.")
			.forks(1)
			.warmupIterations(noOp ? bench.settings.jmhNoOpWarmupIterations() : bench.settings.jmhWarmupIterations())
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(bench.settings.jmhMeasurementIterations() + (noOp ? 1 : 0))
			.measurementTime(TimeValue.seconds(1))
			.jvmArgsAppend(withLogging(jvmOptions))
			.shouldFailOnError(false)
			.output(bench.log("jmh-" + benchmarks.getSimpleName()).toString());
		params.forEach((name, values) -> options.param(name, values.toArray(String[]::new)));
		Collection<RunResult> results;
		try {
			results = new org.openjdk.jmh.runner.Runner(options.build()).run();
		}
		catch (RunnerException ex) {
			bench.report.add(Report.Row.failed(benchmarks.getSimpleName(), Tool.RETORT.displayName(), Bench.firstLine(ex)));
			return;
		}
		for (RunResult runResult : results) {
			Result result = new Result(runResult);
			List<Double> samples = new ArrayList<>();
			runResult.getBenchmarkResults()
				.forEach((benchmark) -> benchmark.getIterationResults()
					.stream()
					.map(IterationResult::getPrimaryResult)
					.forEach((primary) -> samples.add(primary.getScore())));
			String name = scenario.apply(result);
			String toolName = tool.apply(result);
			bench.report.add(new Report.Row(name, toolName, "ms", samples, "", null, true));
		}
		failures(bench.log("jmh-" + benchmarks.getSimpleName()))
			.forEach((failure) -> bench.report.add(Report.Row.failed(benchmarks.getSimpleName(), "", failure)));
	}

	private static String[] withLogging(List<String> jvmOptions) {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-D" + Child.LOGBACK_CONFIGURATION);
		return options.toArray(String[]::new);
	}

	/** The benchmarks that threw, read from JMH's output: which one, with which parameters, and why. */
	private static List<String> failures(Path log) {
		List<String> failures = new ArrayList<>();
		try {
			List<String> lines = Files.readAllLines(log);
			String benchmark = "";
			String parameters = "";
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.startsWith("# Benchmark: ")) {
					benchmark = line.substring(line.lastIndexOf('.') + 1);
				}
				else if (line.startsWith("# Parameters: ")) {
					parameters = line.substring("# Parameters: ".length());
				}
				else if (line.startsWith("<failure>") && i + 2 < lines.size()) {
					failures.add(benchmark + " " + parameters + ": " + lines.get(i + 2).trim());
				}
			}
		}
		catch (IOException ex) {
			failures.add("could not read " + log + ": " + ex.getMessage());
		}
		return failures;
	}

	/** What a JMH result is about: its method and parameters. */
	static final class Result {

		private final RunResult result;

		Result(RunResult result) {
			this.result = result;
		}

		String param(String name) {
			return this.result.getParams().getParam(name);
		}

		String method() {
			String benchmark = this.result.getParams().getBenchmark();
			return benchmark.substring(benchmark.lastIndexOf('.') + 1);
		}

	}

}
