package dev.retort.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.retort.boot.jpa.JpaApplication;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code java -jar app.jar retort <command> --format json} when it fails: standard output still
 * carries one JSON document (a Job pipes it into {@code jq}), the CLI's error shape, with the
 * exit code the process ends with. A configuration error, which ends the process with 2, is in
 * {@link RetortCommandStartFailureTests}: it runs in a process of its own.
 */
@ExtendWith(PostgresExtension.class)
class RetortCommandJsonFailureTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aFailingCommandPrintsTheErrorDocument(TestDatabase db) {
		List<String> args = List.of("upgrade", "ffffffffffff", "--format", "json");
		try (ConfigurableApplicationContext context = JpaApplication.on(db)
			.environment(commandEnvironment(args))
			.run()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exitCode = RetortCommandExecutor.execute(context, args, new PrintStream(out, true, StandardCharsets.UTF_8),
					System.err);
			assertThat(exitCode).isEqualTo(2);
			JsonNode document = document(out.toString(StandardCharsets.UTF_8));
			assertThat(document.get("steps").size()).isZero();
			assertThat(document.get("error").get("code").asString()).isEqualTo("UNKNOWN_REVISION");
			assertThat(document.get("error").get("exitCode").asInt()).isEqualTo(2);
			assertThat(document.get("error").get("message").asString()).contains("ffffffffffff");
		}
	}

	@Test
	void anApplicationWithoutRetortPrintsTheErrorDocument() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int exitCode = RetortCommandExecutor.execute(context, List.of("current", "--format=json"),
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(exitCode).isEqualTo(2);
			JsonNode error = document(out.toString(StandardCharsets.UTF_8)).get("error");
			assertThat(error.get("code").asString()).isEqualTo("CONFIGURATION");
			assertThat(error.get("exitCode").asInt()).isEqualTo(2);
			assertThat(error.get("message").asString()).startsWith("Retort is not configured in this application");
			assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ERROR: Retort is not configured");
		}
	}

	@Test
	void anApplicationThatDoesNotStartPrintsTheErrorDocumentWithoutThePassword() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			SpringApplication application = new SpringApplication(BrokenApplication.class);
			assertThatException().isThrownBy(() -> application.run("retort", "current", "--format", "json",
					"--spring.datasource.password=hunter2-secret"));
		}
		finally {
			System.setOut(stdout);
		}
		String printed = out.toString(StandardCharsets.UTF_8);
		JsonNode error = document(printed).get("error");
		assertThat(error.get("code").asString()).isEqualTo("RUNTIME");
		assertThat(error.get("exitCode").asInt()).isEqualTo(1);
		assertThat(error.get("message").asString()).startsWith("The application did not start, so 'retort current"
				+ " --format json' did not run: the coffee machine is broken, password ***");
		assertThat(printed).doesNotContain("hunter2-secret");
	}

	@Test
	void theDocumentIsUtf8WhateverTheDefaultCharset() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream stdout = System.out;
		// System.out as Java 17 makes it in a process without a locale (a container, a cron job).
		System.setOut(new PrintStream(out, true, StandardCharsets.US_ASCII));
		try {
			assertThatException().isThrownBy(() -> new SpringApplication(BrokenApplication.class).run("retort",
					"upgrade", "--format", "json", "--coffee.note=caf\u00e9"));
		}
		finally {
			System.setOut(stdout);
		}
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(document(printed).get("error").get("message").asString()).contains("caf\u00e9");
		assertThat(printed).doesNotContain("caf?");
	}

	/** The environment {@code java -jar app.jar retort <args>} prepares, before the context exists. */
	private static StandardEnvironment commandEnvironment(List<String> args) {
		String[] commandLine = new String[args.size() + 1];
		commandLine[0] = RetortCommandRunListener.COMMAND;
		System.arraycopy(args.toArray(String[]::new), 0, commandLine, 1, args.size());
		StandardEnvironment environment = new StandardEnvironment();
		new RetortCommandRunListener(new SpringApplication(), commandLine).environmentPrepared(null, environment);
		return environment;
	}

	/**
	 * An application one of whose beans fails, so its context never starts (and no command runs).
	 * Eager: a command creates only the beans it needs, and this one is not among them.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	static class BrokenApplication {

		@Bean
		@Lazy(false)
		String coffeeMachine(org.springframework.core.env.Environment environment) {
			String note = environment.getProperty("coffee.note");
			throw new IllegalStateException("the coffee machine is broken, password "
					+ environment.getProperty("spring.datasource.password") + ((note != null) ? " (" + note + ")" : ""));
		}

	}


	/**
	 * The document the command printed. Between a test's capture of standard output and the
	 * moment the command takes it over, a thread an earlier test's application left running may
	 * log a line there (seen: one in a full build): the document starts at its first line that
	 * opens an object.
	 */
	private JsonNode document(String printed) {
		int start = printed.startsWith("{") ? 0 : printed.indexOf("\n{") + 1;
		return json.readTree(printed.substring(start));
	}

}
