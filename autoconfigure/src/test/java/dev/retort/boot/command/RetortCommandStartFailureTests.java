package dev.retort.boot.command;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar app.jar retort <command>} in a process of its own, when the application stops
 * before the command runs: a configuration error ends the process with exit code 2, as SPEC §5
 * says for configuration, after Spring Boot's report on standard error; any other failure with 1.
 * A Job's script tells "fix the configuration" from "try again" by the code, as with the CLI.
 */
@ExtendWith(PostgresExtension.class)
class RetortCommandStartFailureTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void aPropertyThatDoesNotBindEndsWithTheExitCodeOfConfiguration(TestDatabase db) throws Exception {
		// The start stops before it connects, so any password will do: one to look for in the output.
		Run run = run(RetortCommandCharsetTests.CommandMain.class,
				List.of("--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
						"--spring.datasource.password=hunter2-secret"),
				List.of("--retort.transaction-mode=bogus", "retort", "upgrade", "--format", "json"));
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		JsonNode error = json.readTree(run.out()).get("error");
		assertThat(error.get("code").asString()).isEqualTo("CONFIGURATION");
		assertThat(error.get("exitCode").asInt()).isEqualTo(2);
		assertThat(error.get("message").asString()).contains("'retort.transaction-mode'", "bogus");
		// Spring Boot's own report, as on any start that fails.
		assertThat(run.err()).contains("APPLICATION FAILED TO START", "retort.transaction-mode");
		assertThat(run.out() + run.err()).doesNotContain("hunter2-secret");
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void twoDataSourcesWithNonePrimaryEndWithTheExitCodeOfConfiguration(TestDatabase db) throws Exception {
		Run run = run(TwoDataSourcesMain.class, connection(db), List.of("retort", "current"));
		assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains("Retort cannot tell which DataSource to migrate: there are 2 (orders, reporting)",
				"Qualify the one to migrate with @RetortDataSource");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aFailureThatIsNotConfigurationStillEndsWithOne() throws Exception {
		Run run = run(BrokenMain.class, List.of(), List.of("retort", "current", "--format", "json"));
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		JsonNode error = json.readTree(run.out()).get("error");
		assertThat(error.get("code").asString()).isEqualTo("RUNTIME");
		assertThat(error.get("exitCode").asInt()).isEqualTo(1);
		assertThat(run.err()).contains("the grinder is jammed");
	}

	private static List<String> connection(TestDatabase db) {
		return List.of("--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password());
	}

	private Run run(Class<?> main, List<String> connection, List<String> args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), main.getName(),
				// spring-boot-docker-compose is on the test class path, and there is no compose file here.
				"--spring.docker.compose.enabled=false"));
		command.addAll(connection);
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL"));
		File out = this.directory.resolve("out.txt").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		Process process = builder.redirectOutput(out).redirectError(err).start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
				Files.readString(err.toPath(), StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {
	}

	/** An application with two databases and none of them {@code @Primary}, as {@code java -jar app.jar} runs it. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class TwoDataSourcesMain {

		public static void main(String[] args) {
			SpringApplication.run(TwoDataSourcesMain.class, args);
		}

		@Bean
		DataSource orders(Environment environment) {
			return dataSource(environment);
		}

		@Bean
		DataSource reporting(Environment environment) {
			return dataSource(environment);
		}

		private static DataSource dataSource(Environment environment) {
			return DataSourceBuilder.create()
				.url(environment.getProperty("spring.datasource.url"))
				.username(environment.getProperty("spring.datasource.username"))
				.password(environment.getProperty("spring.datasource.password"))
				.build();
		}

	}

	/** An application one of whose beans fails for a reason of its own: not configuration. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	public static class BrokenMain {

		public static void main(String[] args) {
			SpringApplication.run(BrokenMain.class, args);
		}

		@Bean
		@Lazy(false)
		String grinder() {
			throw new IllegalStateException("the grinder is jammed");
		}

	}

}
