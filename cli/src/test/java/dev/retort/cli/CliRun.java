package dev.retort.cli;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.retort.config.RetortConfig;

/**
 * Runs {@code retort} in-process the way a user would from a shell, with captured standard
 * output and error, a chosen working directory and environment.
 */
final class CliRun {

	private final Path workingDirectory;

	private final Map<String, String> environment = new HashMap<>();

	private RetortConfig base;

	private CliRun(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	static CliRun in(Path workingDirectory) {
		return new CliRun(workingDirectory);
	}

	CliRun env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	CliRun base(RetortConfig base) {
		this.base = base;
		return this;
	}

	CliEnvironment environment() {
		return new CliEnvironment(this.environment, this.workingDirectory, this.base);
	}

	Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = RetortCommandLine.execute(args, environment(), out, err);
		return new Result(exitCode, out.toString(), err.toString());
	}

	/**
	 * What a run left behind.
	 *
	 * @param exitCode the exit code
	 * @param out standard output
	 * @param err standard error
	 */
	record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out:\n" + this.out + "--- err:\n" + this.err;
		}

	}

}
