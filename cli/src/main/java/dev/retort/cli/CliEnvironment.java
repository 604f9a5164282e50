package dev.retort.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import dev.retort.config.RetortConfig;

/**
 * What a run of the command line sees of the world outside its arguments: the environment
 * variables, the working directory, and (inside an application) the application's own
 * configuration. Passed in rather than read from {@code System}, so that tests can set it and so
 * that the Spring Boot module can run commands with its {@code DataSource}.
 *
 * @param variables environment variables ({@code DATABASE_URL}, {@code SPRING_DATASOURCE_URL},
 * {@code RETORT_*}); ignored when {@code base} is given, since the application resolved them
 * already
 * @param workingDirectory the directory relative paths are resolved against, and where a project
 * ({@code src/main/resources}) is looked for
 * @param base the application's configuration, or {@code null} when run as a standalone tool
 */
public record CliEnvironment(Map<String, String> variables, Path workingDirectory, RetortConfig base) {

	public CliEnvironment {
		variables = Map.copyOf(variables);
		workingDirectory = Objects.requireNonNull(workingDirectory, "'workingDirectory' must not be null")
			.toAbsolutePath()
			.normalize();
	}

	/** The process's own environment and working directory. */
	public static CliEnvironment system() {
		return new CliEnvironment(System.getenv(), Path.of(System.getProperty("user.dir")), null);
	}

	/** Whether the command runs inside an application, with its configuration as the base. */
	public boolean embedded() {
		return this.base != null;
	}

}
