package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code cli/bin/retort} as a shell runs it: the JVM options it gives a short-lived command, and
 * that a user's {@code JAVA_OPTS} still win. The jar it runs is a manifest whose
 * {@code Class-Path} is this module's test class path, so no packaging step is needed.
 */
class LauncherTests {

	private static final Path LAUNCHER = Path.of("bin", "retort").toAbsolutePath();

	@TempDir
	Path directory;

	private Path jar;

	@BeforeEach
	void jarOfTheClassPath() throws IOException {
		assumeTrue(new File("/bin/sh").canExecute(), "the launcher is a POSIX shell script");
		Manifest manifest = new Manifest();
		Attributes attributes = manifest.getMainAttributes();
		attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		attributes.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
		attributes.put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> new File(entry).toURI().toString())
			.collect(Collectors.joining(" ")));
		this.jar = this.directory.resolve("retort.jar");
		try (OutputStream out = Files.newOutputStream(this.jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			// The manifest is the whole jar.
		}
	}

	@Test
	void aCommandRunsWithTheQuickStartingCompilerAndCollector() throws Exception {
		Run run = launch(Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).containsPattern("TieredStopAtLevel\\s+= 1 ")
			.containsPattern("UseSerialGC\\s+= true ")
			.contains("retort ");
	}

	@Test
	void javaOptsWinAndACollectorTheyChooseReplacesTheSerialOne() throws Exception {
		Run run = launch(Map.of("JAVA_OPTS", "-XX:+UseG1GC -XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal"), "--version");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).containsPattern("UseG1GC\\s+= true ")
			.containsPattern("UseSerialGC\\s+= false ")
			.containsPattern("TieredStopAtLevel\\s+= 4 ");
	}

	@Test
	void emptyDefaultsLeaveTheJvmItsOwn() throws Exception {
		Run run = launch(Map.of("RETORT_JAVA_DEFAULTS", "", "JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).containsPattern("TieredStopAtLevel\\s+= 4 ").containsPattern("UseSerialGC\\s+= false ");
	}

	@Test
	void exitCodesAndStreamsPassThrough() throws Exception {
		Run run = launch(Map.of(), "upgrade", "--no-such-option");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("ERROR: Unknown option: '--no-such-option'");
		assertThat(run.out()).isEmpty();
	}

	private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(
				Stream.concat(Stream.of("/bin/sh", LAUNCHER.toString()), Stream.of(args)).toList())
			.directory(this.directory.toFile());
		File out = this.directory.resolve("out.txt").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		builder.redirectOutput(out).redirectError(err);
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL") || name.equals("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("RETORT_JAR", this.jar.toString());
		env.putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
				Files.readString(err.toPath(), StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {
	}

}
