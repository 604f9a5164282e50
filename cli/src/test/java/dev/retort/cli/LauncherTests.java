package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code cli/bin/retort} as a shell runs it: the JVM options it gives a short-lived command, that
 * a user's {@code JAVA_OPTS} still win, and the class-data archive it records and maps. The jar it
 * runs is a manifest whose {@code Class-Path} is this module's test class path, so no packaging
 * step is needed (for the archive, which takes classes from jars only, the directories of that
 * class path packed into jars).
 */
@ExtendWith(PostgresExtension.class)
class LauncherTests {

	private static final Path LAUNCHER = Path.of("bin", "retort").toAbsolutePath();

	@TempDir
	Path directory;

	private Path jar;

	@BeforeEach
	void jarOfTheClassPath() throws IOException {
		assumeTrue(new File("/bin/sh").canExecute(), "the launcher is a POSIX shell script");
		this.jar = this.directory.resolve("retort.jar");
		writeJar(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.map((entry) -> new File(entry).toURI().toString())
			.toList());
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
		assertThat(archives()).as("a failed command records no archive").isEmpty();
	}

	@Test
	void theSecondCommandThatConnectsRecordsAClassDataArchiveThatLaterCommandsMap(TestDatabase db) throws Exception {
		useJarsOnly();
		Run first = launch(Map.of(), connecting(db, "upgrade"));
		assertThat(first.exitCode()).as(first.err()).isZero();
		assertThat(archives()).as("a single command, as in a container or a CI job, records nothing").isEmpty();

		Run second = launch(Map.of(), connecting(db, "current"));
		assertThat(second.exitCode()).as(second.err()).isZero();
		assertThat(second.out()).as("the JVM's notes about the archive stay off standard output")
			.isEqualTo("ae1027a6acf3 (head)\n");
		assertThat(archives()).hasSize(1);
		assertThat(cacheFiles()).as("no partial archive left behind")
			.noneSatisfy((file) -> assertThat(file.toString()).contains(".partial"));

		Run later = launch(Map.of("JAVA_OPTS", "-Xlog:class+load=info"), connecting(db, "current"));
		assertThat(later.exitCode()).as(later.err()).isZero();
		assertThat(later.out()).containsPattern("dev\\.retort\\.cli\\.Main source: shared objects file \\(top\\)")
			.containsPattern("org\\.postgresql\\.Driver source: shared objects file \\(top\\)")
			.contains("(head)");
	}

	@Test
	void aRebuiltJarIsRecordedAgain(TestDatabase db) throws Exception {
		useJarsOnly();
		assertThat(launch(Map.of(), connecting(db, "upgrade")).exitCode()).isZero();
		assertThat(launch(Map.of(), connecting(db, "current")).exitCode()).isZero();
		Path archive = archives().get(0);
		FileTime recorded = Files.getLastModifiedTime(archive);
		Files.setLastModifiedTime(this.jar, FileTime.fromMillis(recorded.toMillis() + 60_000));

		Run run = launch(Map.of(), connecting(db, "current"));
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(archives()).containsExactly(archive);
		assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(recorded);
	}

	@Test
	void commandsThatDoNotConnectRecordNothing() throws Exception {
		useJarsOnly();
		assertThat(launch(Map.of(), "--version").exitCode()).isZero();
		Path empty = Files.createDirectories(this.directory.resolve("no-revisions"));
		Run heads = launch(Map.of(), "heads", "--location", empty.toString());
		assertThat(heads.exitCode()).as(heads.err()).isZero();
		Run script = launch(Map.of(), "upgrade", "--sql", "--location", oneRevision());
		assertThat(script.exitCode()).as(script.err()).isZero();
		assertThat(script.out()).startsWith("-- Retort").contains("CREATE TABLE coffee_logs");
		assertThat(archives()).isEmpty();
	}

	/** An empty archive directory, and options of the user's own about sharing. */
	@ParameterizedTest
	@ValueSource(strings = { "RETORT_CDS_DIR=", "JAVA_OPTS=-Xshare:auto", "JAVA_OPTS=-XX:SharedArchiveFile=/nowhere.jsa",
			"CI=true" })
	void theArchiveCanBeTurnedOff(String variable, TestDatabase db) throws Exception {
		useJarsOnly();
		String[] nameAndValue = variable.split("=", 2);
		for (String command : new String[] { "upgrade", "current", "current" }) {
			Run run = launch(Map.of(nameAndValue[0], nameAndValue[1]), connecting(db, command));
			assertThat(run.exitCode()).as(run.err()).isZero();
		}
		assertThat(cacheFiles()).isEmpty();
	}

	@Test
	void aCiJobRecordsIntoACacheItNames(TestDatabase db) throws Exception {
		useJarsOnly();
		Map<String, String> kept = Map.of("CI", "true", "RETORT_CDS_DIR", this.directory.resolve("cache/retort").toString());
		for (String command : new String[] { "upgrade", "current" }) {
			assertThat(launch(kept, connecting(db, command)).exitCode()).isZero();
		}
		assertThat(archives()).hasSize(1);
	}

	@Test
	void aCacheOthersMayWriteGetsNoArchiveAndOneThatIsMadeIsTheUsersAlone(TestDatabase db) throws Exception {
		useJarsOnly();
		// A shared directory (RETORT_CDS_DIR=/tmp/retort): another user could plant an archive
		// there, whose classes the JVM would run as this user.
		Path shared = Files.createDirectories(this.directory.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
		for (String command : new String[] { "upgrade", "current", "current" }) {
			Run run = launch(Map.of("RETORT_CDS_DIR", shared.toString()), connecting(db, command));
			assertThat(run.exitCode()).as(run.err()).isZero();
		}
		try (Stream<Path> files = Files.list(shared)) {
			assertThat(files).as("neither a mark nor an archive in a directory others may write").isEmpty();
		}

		for (String command : new String[] { "upgrade", "current" }) {
			assertThat(launch(Map.of(), connecting(db, command)).exitCode()).isZero();
		}
		assertThat(archives()).hasSize(1);
		assertThat(Files.getPosixFilePermissions(this.directory.resolve("cache/retort")))
			.as("the cache the launcher creates is the user's alone")
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
	}

	@Test
	void anArchiveThatCannotBeWrittenLeavesTheCommandAsItWas(TestDatabase db) throws Exception {
		useJarsOnly();
		// A directory that exists, where not even root can create a file (neither the mark of a
		// first command nor an archive): a JVM asked to record there would exit with 1 after the
		// command succeeded.
		assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc");
		for (String command : new String[] { "upgrade", "current", "current" }) {
			Run run = launch(Map.of("RETORT_CDS_DIR", "/proc/self"), connecting(db, command));
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(run.out() + run.err()).doesNotContain("shared archive");
		}
	}

	@Test
	void aRunThatRecordsTheArchiveEndsWhenToldToAndReadsStandardInput(TestDatabase db) throws Exception {
		useJarsOnly();
		assertThat(launch(Map.of(), connecting(db, "current")).exitCode()).as("the mark of a first command").isZero();
		Revisions.in(this.directory.resolve("revisions")).write("1975ea83b712", "ae1027a6acf3", "slow",
				"SELECT pg_sleep(300);", null);

		// The second command records the archive, so the shell waits for its JVM: a SIGTERM (a pod
		// stopped, a CI job cancelled) must still reach the JVM, which ends under the step at once.
		ProcessBuilder builder = launcher(Map.of(), "upgrade", "--url", db.jdbcUrl(), "--user", db.user(), "--password",
				"--location", oneRevision());
		builder.redirectInput(ProcessBuilder.Redirect.PIPE);
		Process process = builder.start();
		try (OutputStream in = process.getOutputStream()) {
			in.write((db.password() + "\n").getBytes(StandardCharsets.UTF_8));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE"
				+ " '%pg_sleep(300)%' AND query NOT LIKE '%pg_stat_activity%'").get(0).equals("0")) {
			assertThat(System.nanoTime() - deadline).as("the slow revision never started: " + err()).isNegative();
			Thread.onSpinWait();
		}
		process.destroy();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher passes SIGTERM on to the JVM").isTrue();
		assertThat(process.exitValue()).isEqualTo(143);
		assertThat(err()).as("the password came from standard input")
			.contains("Running upgrade <base> -> ae1027a6acf3")
			.contains("INTERRUPTED step 2: upgrade ae1027a6acf3 -> 1975ea83b712, slow after ");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
		assertThat(cacheFiles()).as("an ended run records no archive and leaves no partial one")
			.allSatisfy((file) -> assertThat(file.toString()).endsWith(".seen"));
	}

	@Test
	void aRunThatRecordsTheArchiveEndedByCtrlCSaysInItsDocumentTheCodeItExitsWith(TestDatabase db) throws Exception {
		useJarsOnly();
		assertThat(launch(Map.of(), connecting(db, "current")).exitCode()).as("the mark of a first command").isZero();
		Revisions.in(this.directory.resolve("revisions")).write("1975ea83b712", "ae1027a6acf3", "slow",
				"SELECT pg_sleep(300);", null);
		// The second command records the archive: its JVM, in the background, ignores SIGINT, so the
		// launcher passes a Ctrl-C on as SIGTERM.
		Process process = launcher(Map.of(), "--format", "json", "upgrade", "--url", db.jdbcUrl(), "--user", db.user(),
				"--password=" + db.password(), "--location", oneRevision())
			.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE"
					+ " '%pg_sleep(300)%' AND query NOT LIKE '%pg_stat_activity%'").get(0).equals("0")) {
				assertThat(System.nanoTime() - deadline).as("the slow revision never started: " + err()).isNegative();
				Thread.onSpinWait();
			}
			// A shell cannot trap a SIGINT it was started ignoring (a background job of this build's shell).
			assumeTrue(!ignoresSigint(process), "SIGINT is ignored in this build's processes");
			// The terminal's Ctrl-C reaches the launcher (and the JVM, which ignores it).
			assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher passes Ctrl-C on to the JVM").isTrue();
		}
		finally {
			process.destroy();
		}
		assertThat(process.exitValue()).isEqualTo(130);
		// The document says what the process exits with, as after a Ctrl-C of a run by exec: 143 before.
		assertThat(Files.readString(this.directory.resolve("out.txt"), StandardCharsets.UTF_8))
			.contains("\"message\": \"Interrupted step 2: upgrade ae1027a6acf3 -> 1975ea83b712, slow after ")
			.contains("\"exitCode\": 130");
		assertThat(cacheFiles()).as("the mark that said Ctrl-C is gone with the partial archive")
			.allSatisfy((file) -> assertThat(file.toString()).endsWith(".seen"));
	}

	/** Whether {@code process} ignores SIGINT (Linux's /proc tells; elsewhere it is taken not to). */
	private static boolean ignoresSigint(Process process) throws IOException {
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		if (!Files.exists(status)) {
			return false;
		}
		for (String line : Files.readAllLines(status)) {
			if (line.startsWith("SigIgn:")) {
				// Bit n - 1 stands for signal n; SIGINT is 2.
				return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0;
			}
		}
		return false;
	}

	private String err() throws IOException {
		return Files.readString(this.directory.resolve("err.txt"), StandardCharsets.UTF_8);
	}

	/** {@code command} against {@code db}, with one revision to apply. */
	private String[] connecting(TestDatabase db, String command) {
		return new String[] { command, "--url", db.jdbcUrl(), "--user", db.user(), "--password=" + db.password(),
				"--location", oneRevision() };
	}

	private String oneRevision() {
		Path location = this.directory.resolve("revisions");
		if (!Files.isDirectory(location)) {
			Revisions.in(location).write("ae1027a6acf3", "", "create coffee logs",
					"CREATE TABLE coffee_logs (id serial PRIMARY KEY);", "DROP TABLE coffee_logs;");
		}
		return location.toString();
	}

	/** The archives the launcher keeps in the user's cache ({@code XDG_CACHE_HOME}, set by {@link #launch}). */
	private List<Path> archives() throws IOException {
		return cacheFiles().stream().filter((file) -> file.toString().endsWith(".jsa")).toList();
	}

	/** Everything in the launcher's cache: archives, and the marks of first commands. */
	private List<Path> cacheFiles() throws IOException {
		Path cache = this.directory.resolve("cache").resolve("retort");
		if (!Files.isDirectory(cache)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(cache)) {
			return files.sorted().toList();
		}
	}

	/**
	 * Replaces the jar by one whose class path has jars only, as paths relative to it: the JVM
	 * archives no class from a directory or from a {@code Class-Path} entry written as a URL or an
	 * absolute path, and records no archive at all while a class path directory has files.
	 */
	private void useJarsOnly() throws IOException {
		List<String> classPath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			if (Files.isDirectory(path)) {
				Path packed = this.directory.resolve("packed-" + classPath.size() + ".jar");
				pack(path, packed);
				path = packed;
			}
			if (Files.isRegularFile(path)) {
				classPath.add(this.directory.relativize(path).toString().replace(File.separatorChar, '/'));
			}
		}
		writeJar(classPath);
	}

	/** Writes {@link #jar}: a manifest naming {@link Main} and {@code classPath}, and nothing else. */
	private void writeJar(List<String> classPath) throws IOException {
		Manifest manifest = new Manifest();
		Attributes attributes = manifest.getMainAttributes();
		attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		attributes.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
		attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
		try (OutputStream out = Files.newOutputStream(this.jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
			// The manifest is the whole jar.
		}
	}

	private static void pack(Path directory, Path jar) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
				Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				jarOut.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
				Files.copy(file, jarOut);
				jarOut.closeEntry();
			}
		}
	}

	private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
		Process process = launcher(environment, args).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(),
				Files.readString(this.directory.resolve("out.txt"), StandardCharsets.UTF_8), err());
	}

	/** The launcher with {@code args}, its output to out.txt and err.txt, in a clean environment. */
	private ProcessBuilder launcher(Map<String, String> environment, String... args) {
		ProcessBuilder builder = new ProcessBuilder(
				Stream.concat(Stream.of("/bin/sh", LAUNCHER.toString()), Stream.of(args)).toList())
			.directory(this.directory.toFile());
		builder.redirectOutput(this.directory.resolve("out.txt").toFile())
			.redirectError(this.directory.resolve("err.txt").toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL") || name.equals("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("RETORT_JAR", this.jar.toString());
		// Archives go to this test's directory, never to the user's cache; CI=true is a case of its own.
		env.put("XDG_CACHE_HOME", this.directory.resolve("cache").toString());
		env.remove("CI");
		env.putAll(environment);
		return builder;
	}

	private record Run(int exitCode, String out, String err) {
	}

}
