package dev.retort.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started for one measured run: {@code java -cp <class path> <options> <main> <args>}.
 * Its standard error goes to a log file; its {@code RESULT} line is parsed into numbers.
 */
final class Child {

	/**
	 * The Spring Boot app and the JMH forks log through the module's logback.xml (a {@link Runner}
	 * sets up the same logging in code: {@link WarnLogging}).
	 */
	static final String LOGBACK_CONFIGURATION = "logback.configurationFile=logback.xml";

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private Process process;

	private long startNanos;

	private Child(List<String> command, Map<String, String> environment, Path log) {
		this.command = command;
		this.environment = environment;
		this.log = log;
	}

	/** A child running {@code command} as it is, with {@code environment} added to this process's. */
	static Child command(List<String> command, Map<String, String> environment, Path log) {
		return new Child(List.copyOf(command), Map.copyOf(environment), log);
	}

	/**
	 * A child on {@code classPath} (entries for which {@code keep} is false left out).
	 */
	static Child of(String classPath, Predicate<String> keep, List<String> jvmOptions, String mainClass,
			List<String> args, Path log) {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			if (keep.test(new File(entry).getName())) {
				entries.add(entry);
			}
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(String.join(File.pathSeparator, entries));
		command.addAll(jvmOptions);
		command.add(mainClass);
		command.addAll(args);
		return new Child(command, Map.of(), log);
	}

	Child start() {
		try {
			Files.createDirectories(this.log.getParent());
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectError(this.log.toFile())
				.redirectInput(ProcessBuilder.Redirect.PIPE);
			builder.environment().putAll(this.environment);
			this.startNanos = System.nanoTime();
			this.process = builder.start();
			this.process.getOutputStream().close();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for the child; throws with the tail of its log when it failed. */
	Outcome await(long timeoutSeconds) {
		try {
			byte[] out = this.process.getInputStream().readAllBytes();
			if (!this.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + tail());
			}
			long wallNanos = System.nanoTime() - this.startNanos;
			String stdout = new String(out, StandardCharsets.UTF_8);
			if (this.process.exitValue() != 0) {
				throw new IllegalStateException("exit " + this.process.exitValue() + ": " + tail());
			}
			Map<String, String> values = new HashMap<>();
			for (String line : stdout.split("\n")) {
				if (line.startsWith("RESULT ")) {
					for (String pair : line.substring(7).trim().split(" ")) {
						int eq = pair.indexOf('=');
						values.put(pair.substring(0, eq), pair.substring(eq + 1));
					}
				}
			}
			return new Outcome(wallNanos / 1e6, values, this.startNanos, System.nanoTime());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Outcome run(long timeoutSeconds) {
		return start().await(timeoutSeconds);
	}

	/** The interesting end of the child's standard error: the first error line and the last lines. */
	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			String firstError = lines.stream()
				.filter((line) -> line.contains("Exception") || line.contains("ERROR"))
				.findFirst()
				.orElse("");
			int from = Math.max(0, lines.size() - 3);
			return (firstError + " | " + String.join(" | ", lines.subList(from, lines.size()))).trim()
					+ " (log: " + this.log + ")";
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * What a child reported.
	 *
	 * @param wallMs whole-process time, from spawn to exit
	 * @param values the {@code key=value} pairs of its {@code RESULT} line
	 * @param startNanos when it was spawned
	 * @param endNanos when it was seen to exit
	 */
	record Outcome(double wallMs, Map<String, String> values, long startNanos, long endNanos) {

		double number(String key) {
			String value = this.values.get(key);
			if (value == null) {
				throw new IllegalStateException("no '" + key + "' in the child's result " + this.values);
			}
			return Double.parseDouble(value);
		}

	}

}
