package dev.retort.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample's {@code Makefile}, as a developer uses it between two builds of the jar: the
 * revision files it writes are the ones its next commands read.
 */
class MakefileIntegrationTests {

	private static final Pattern GENERATED = Pattern.compile("Generated revision ([0-9a-f]{12})");

	@Test
	void theSecondMakeMigrateBuildsOnTheFirstInsteadOfBranchingFromTheJarsHead(@TempDir Path revisions)
			throws Exception {
		assumeTrue(makeIsInstalled(), "make is not installed");
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/revisions"))) {
			for (Path file : files.toList()) {
				Files.copy(file, revisions.resolve(file.getFileName()));
			}
		}
		TestDatabase db = TestPostgres.freshDatabase();
		try {
			String first = migrate(db, revisions, "add tasting notes");
			String second = migrate(db, revisions, "add roast level");

			Path secondFile;
			try (Stream<Path> files = Files.list(revisions)) {
				secondFile = files.filter((file) -> file.getFileName().toString().startsWith(second))
					.findFirst()
					.orElseThrow();
			}
			assertThat(Files.readString(secondFile)).contains("-- Revises: " + first + "\n");
		}
		finally {
			db.drop();
		}
	}

	private static String migrate(TestDatabase db, Path revisions, String message) throws Exception {
		List<String> command = new ArrayList<>(List.of("make", "--no-print-directory", "-f",
				Path.of("Makefile").toAbsolutePath().toString(), "JAR=" + SampleJar.jar().toAbsolutePath(),
				"REVISIONS=" + revisions, "migrate", "m=" + message));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("RETORT_"));
		builder.environment().putAll(Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
				db.user(), "SPRING_DATASOURCE_PASSWORD", db.password()));
		// The same java as this test's, first on the PATH the Makefile's 'java -jar' uses.
		builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
				+ builder.environment().getOrDefault("PATH", "/usr/bin:/bin"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Matcher generated = GENERATED.matcher(output);
		assertThat(generated.find()).as(output).isTrue();
		return generated.group(1);
	}

	private static boolean makeIsInstalled() {
		try {
			return new ProcessBuilder("make", "--version").start().waitFor() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
