package dev.retort.boot.command;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.retort.boot.jpa.JpaApplication;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar app.jar retort upgrade --sql > script.sql} in a process without a locale (a
 * container, a cron job): the script keeps a revision's non-ASCII text, as the standalone tool's
 * does. Java 17 makes the default charset US-ASCII there, which wrote 'é' as '?'.
 */
@ExtendWith(PostgresExtension.class)
class RetortCommandCharsetTests {

	@TempDir
	Path directory;

	@Test
	void anInAppSqlScriptIsUtf8WithoutALocale(TestDatabase db) throws Exception {
		Path revisions = Files.createDirectories(this.directory.resolve("revisions"));
		Files.writeString(revisions.resolve("c0ffee000001_cups.sql"), """
				-- Cups of caf\u00e9
				--
				-- Revision ID: c0ffee000001
				-- Revises:

				-- +upgrade
				CREATE TABLE cups (id int, note text DEFAULT 'caf\u00e9 \u2615');

				-- +downgrade
				DROP TABLE cups;
				""", StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), CommandMain.class.getName(),
				"--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password(), "--retort.locations=filesystem:" + revisions,
				// spring-boot-docker-compose is on the test class path, and there is no compose file here.
				"--spring.docker.compose.enabled=false",
				"retort", "upgrade", "heads", "--sql"));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL"));
		builder.environment().put("LC_ALL", "C");
		builder.environment().put("LANG", "C");
		File out = this.directory.resolve("out.sql").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		Process process = builder.redirectOutput(out).redirectError(err).start();
		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		String script = Files.readString(out.toPath(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(Files.readString(err.toPath(), StandardCharsets.UTF_8)).isZero();
		assertThat(script).contains("DEFAULT 'caf\u00e9 \u2615'").contains("Cups of caf\u00e9").doesNotContain("caf?");
	}

	/** {@code main} of an application with the starter's auto-configuration, as {@code java -jar app.jar} runs it. */
	public static final class CommandMain {

		private CommandMain() {
		}

		public static void main(String[] args) {
			SpringApplication.run(JpaApplication.class, args);
		}

	}

}
