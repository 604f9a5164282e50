package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The executable itself, in a process of its own: exit codes and standard streams as a shell sees them. */
class MainTests {

	@TempDir
	Path directory;

	@Test
	void exitsWithTheCommandsCodeAndPrintsVersionOnStandardOutput() throws Exception {
		Run run = java("--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("retort ");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void usageErrorExits2() throws Exception {
		Run run = java("upgrade", "--no-such-option");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("ERROR: Unknown option: '--no-such-option'");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void readingRevisionsOnOtherThreadsLeavesStandardErrorToTheCommand() throws Exception {
		// Not a project: the default location, classpath:db/revisions, is read (and logs that it
		// holds nothing) on a thread of its own while the command starts.
		Run run = java("revision", "-m", "add origin");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("ERROR: No filesystem location to write into").doesNotContain("SLF4J");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void debugLogsAndStackTracesOfAnUnreachableDatabaseHideThePassword() throws Exception {
		Run run = java("--url", "postgresql://app:pw-4f9d2c@127.0.0.1:1/coffee", "-vv", "current");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).containsPattern("(?m)^(INFO|DEBUG) \\w+ - ")
			.contains("ERROR: Could not connect to", "at dev.retort")
			.doesNotContain("pw-4f9d2c");
		assertThat(run.out()).isEmpty();
	}

	private Run java(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		File out = this.directory.resolve("out.txt").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		builder.redirectOutput(out).redirectError(err);
		builder.environment().keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL"));
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
				java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {
	}

}
