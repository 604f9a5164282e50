package dev.retort.script;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.error.ErrorCode;
import dev.retort.revision.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SqlRevisionLoaderTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void classpathDirectoryIsScannedWithSubdirectoriesSortedByPath() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = load(List.of("classpath:script/locations/a"), this.classLoader, problems);

		assertThat(problems).isEmpty();
		assertThat(scripts).extracting((script) -> script.revision().id()).containsExactly("aaa000000002", "aaa000000001");
		assertThat(scripts).extracting((script) -> script.revision().origin().source())
			.containsExactly("script/locations/a/2_second.sql", "script/locations/a/sub/1_first.sql");
	}

	@Test
	void severalLocationsLoadInTheOrderGiven() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = load(List.of("classpath:script/locations/b", "classpath:/script/locations/a/"),
				this.classLoader, problems);

		assertThat(scripts).extracting((script) -> script.revision().id())
			.containsExactly("bbb000000003", "aaa000000002", "aaa000000001");
	}

	@Test
	void missingClasspathLocationIsAnApplicationWithoutRevisions() {
		List<String> problems = new ArrayList<>();

		assertThat(load(List.of("classpath:script/no/such/dir"), this.classLoader, problems)).isEmpty();
		assertThat(problems).isEmpty();
	}

	@Test
	void filesMountedAsSymbolicLinksLoadOnceEach(@TempDir Path dir) throws IOException {
		// A Kubernetes ConfigMap volume: the files live in ..data (a link to a timestamped
		// directory), and each name at the top is a link into it.
		Path stamp = Files.createDirectories(dir.resolve("..2026_11_26_01_00_00.123"));
		Files.writeString(stamp.resolve("1_first.sql"), "-- First\n-- Revision ID: ccc000000001\n-- +upgrade\nSELECT 1;\n");
		Files.createSymbolicLink(dir.resolve("..data"), stamp.getFileName());
		Files.createSymbolicLink(dir.resolve("1_first.sql"), Path.of("..data/1_first.sql"));
		List<String> problems = new ArrayList<>();

		List<RevisionScript> scripts = load(List.of("filesystem:" + dir), this.classLoader, problems);

		assertThat(problems).isEmpty();
		assertThat(scripts).singleElement().satisfies((script) -> {
			assertThat(script.revision().id()).isEqualTo("ccc000000001");
			assertThat(script.revision().origin().source()).endsWith("/1_first.sql").doesNotContain("/..");
		});
	}

	@Test
	void aLinkToAFileThatIsGoneIsNamedNotReadAsADirectory(@TempDir Path dir) throws IOException {
		// A link into a checkout or volume that moved: it once failed as "cannot read directory".
		Files.writeString(dir.resolve("1_first.sql"), "-- First\n-- Revision ID: ddd000000001\n-- +upgrade\nSELECT 1;\n");
		Files.createSymbolicLink(dir.resolve("2_second.sql"), Path.of("gone/2_second.sql"));
		String location = "filesystem:" + dir;

		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of(location), null, new ArrayList<>()))
			.withMessage("Revision file '" + dir + "/2_second.sql' is a symbolic link to gone/2_second.sql, which does"
					+ " not exist. Restore what it points to, or remove the link.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION));
	}

	@Test
	void filesystemLocationAndPlainPathAreTheSame(@TempDir Path dir) throws IOException {
		Path revisions = Files.createDirectories(dir.resolve("db/revisions/nested"));
		Files.writeString(revisions.resolve("x.sql"), "-- X\n-- Revision ID: fff000000001\n-- +upgrade\nSELECT 1;\n");
		Files.writeString(revisions.resolve(".#x.sql"), "editor lock file");
		Files.writeString(revisions.resolve("notes.txt"), "ignored");

		List<String> problems = new ArrayList<>();
		List<RevisionScript> viaPrefix = load(List.of("filesystem:" + dir.resolve("db/revisions")), null, problems);
		List<RevisionScript> viaPath = load(List.of(dir.resolve("db/revisions").toString()), null, problems);

		assertThat(problems).isEmpty();
		assertThat(viaPrefix).extracting((script) -> script.revision().origin().source())
			.containsExactly(dir.resolve("db/revisions") + "/nested/x.sql");
		assertThat(viaPath).extracting((script) -> script.revision().id()).containsExactly("fff000000001");
	}

	@Test
	void missingFilesystemLocationIsAConfigurationErrorNamingIt(@TempDir Path dir) {
		String location = "filesystem:" + dir.resolve("nope");

		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of(location), null, new ArrayList<>()))
			.withMessage("Script location '" + location + "' does not exist. Create it (retort init "
					+ dir.resolve("nope") + ") or fix the configured locations.")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.satisfies((ex) -> assertThat(ex.location()).isEqualTo(location));
		// A relative location is resolved against the working directory: the message says where it looked.
		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of("filesystem:no-such-dir"), null, new ArrayList<>()))
			.withMessageStartingWith("Script location 'filesystem:no-such-dir' does not exist (looked for "
					+ Path.of("no-such-dir").toAbsolutePath() + "). ");
	}

	@Test
	void aSpringResourceStringIsRefusedNamingRetortsFormRatherThanReadAsAFolderOfThatName(@TempDir Path dir) {
		// It was "'filesystem:file:/srv/revisions' does not exist … Create it (retort init file:/srv/revisions)",
		// and a pattern a folder holding no revision.
		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of("file:" + dir), null, new ArrayList<>()))
			.withMessage("Script location 'file:" + dir + "' is not a folder Retort reads. Use 'filesystem:" + dir
					+ "': Retort's prefix for a folder on disk ('file:' is Spring's resource prefix, which Retort does not"
					+ " read).")
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION));
		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of("classpath*:script/locations/a"), this.classLoader, new ArrayList<>()))
			.withMessageStartingWith("Script location 'classpath*:script/locations/a' is not a folder Retort reads. "
					+ "Use 'classpath:script/locations/a': it reads the folder in every class path root");
		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of("classpath:script/locations/a/*.sql"), this.classLoader, new ArrayList<>()))
			.withMessageStartingWith("Script location 'classpath:script/locations/a/*.sql' is not a folder Retort "
					+ "reads. Name the folder, as 'classpath:script/locations/a': a location is a folder, not a pattern");
	}

	@Test
	void aFolderWhoseNameHoldsAWildcardIsReadWhenItExists(@TempDir Path dir) throws IOException {
		// '*' and '?' are legal in a Linux folder's name: such a folder that exists is the folder, not a pattern.
		Path revisions = Files.createDirectories(dir.resolve("release*2?/nested"));
		Files.writeString(revisions.resolve("x.sql"), "-- X\n-- Revision ID: fff000000002\n-- +upgrade\nSELECT 1;\n");

		List<String> problems = new ArrayList<>();
		List<RevisionScript> viaPrefix = load(List.of("filesystem:" + dir.resolve("release*2?")), null, problems);
		List<RevisionScript> viaPath = load(List.of(dir.resolve("release*2?") + "/"), null, problems);

		assertThat(problems).isEmpty();
		assertThat(viaPrefix).extracting((script) -> script.revision().origin().source())
			.containsExactly(dir.resolve("release*2?") + "/nested/x.sql");
		assertThat(viaPath).extracting((script) -> script.revision().id()).containsExactly("fff000000002");
		assertThat(ScriptLocation.springResourceAdvice("filesystem:" + dir.resolve("release*2?"))).isEmpty();
	}

	@Test
	void aPatternThatNamesNoFolderIsStillRefused(@TempDir Path dir) throws IOException {
		// A folder of the pattern's name would be read: a pattern that matches a folder's files is not one.
		Files.createDirectories(dir.resolve("revisions"));
		Files.writeString(dir.resolve("revisions/x.sql"), "-- X\n-- Revision ID: fff000000003\n-- +upgrade\nSELECT 1;\n");

		for (String pattern : List.of(dir + "/revisions/*.sql", "filesystem:" + dir + "/revision?", dir + "/rev*")) {
			assertThatExceptionOfType(ScriptLocationException.class).as(pattern)
				.isThrownBy(() -> load(List.of(pattern), null, new ArrayList<>()))
				.withMessageStartingWith("Script location '" + pattern + "' is not a folder Retort reads. Name the folder, as '")
				.withMessageContaining("a location is a folder, not a pattern");
		}
	}

	@Test
	void filesystemLocationThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("a.sql"), "");

		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> load(List.of(file.toString()), null, new ArrayList<>()))
			.withMessageContaining("is not a directory");
	}

	@Test
	void classpathLocationInsideAJar(@TempDir Path dir) throws IOException {
		Path jar = dir.resolve("revisions.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			directory(out, "db/");
			directory(out, "db/revisions/");
			directory(out, "db/revisions/2026/");
			file(out, "db/revisions/2026/b.sql", "-- B\n-- Revision ID: jar000000002\n-- Revises: jar000000001\n-- +upgrade\nSELECT 2;\n");
			file(out, "db/revisions/a.sql", "-- A\n-- Revision ID: jar000000001\n-- +upgrade\nSELECT 1;\n-- +downgrade\n");
			file(out, "db/revisions/readme.txt", "ignored");
			file(out, "db/other/c.sql", "-- not in the location\n");
		}
		try (URLClassLoader jarLoader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			List<String> problems = new ArrayList<>();
			List<RevisionScript> scripts = load(List.of("classpath:db/revisions"), jarLoader, problems);

			assertThat(problems).isEmpty();
			assertThat(scripts).extracting((script) -> script.revision().id()).containsExactly("jar000000002", "jar000000001");
			assertThat(scripts).extracting((script) -> script.revision().origin().source())
				.containsExactly("db/revisions/2026/b.sql", "db/revisions/a.sql");
			Revision a = scripts.get(1).revision();
			assertThat(a.reversible()).isTrue();
			assertThat(((RevisionScript.SqlBody) scripts.get(1).body()).upgrade()).singleElement()
				.satisfies((statement) -> assertThat(statement.line()).isEqualTo(4));
		}
	}

	@Test
	void sameFileReachedThroughOverlappingLocationsLoadsOnce() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = load(List.of("classpath:script/locations/a", "classpath:script/locations/a/sub"),
				this.classLoader, problems);

		assertThat(scripts).extracting((script) -> script.revision().id()).containsExactly("aaa000000002", "aaa000000001");
	}

	@Test
	void sameFileReachedThroughClasspathAndFilesystemLoadsOnce() throws Exception {
		Path onDisk = Path.of(this.classLoader.getResource("script/locations/a").toURI());
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = load(List.of("classpath:script/locations/a", "filesystem:" + onDisk), this.classLoader,
				problems);

		assertThat(scripts).extracting((script) -> script.revision().origin().source())
			.containsExactly("script/locations/a/2_second.sql", "script/locations/a/sub/1_first.sql");
	}

	@Test
	void fileProblemsOfEveryFileAreCollected() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = load(List.of("classpath:script/locations/bad"), this.classLoader, problems);

		assertThat(scripts).extracting((script) -> script.revision().id()).containsExactly("ccc000000001", "ccc000000002");
		assertThat(problems).containsExactly(
				"script/locations/bad/bad_key.sql:3: unknown header key 'Revisez' (did you mean 'Revises'?). Valid keys are Revision ID, Revises, "
						+ "Create Date, Branch Labels, Depends On, Transactional, Notes; free text goes after 'Notes:'.",
				"script/locations/bad/no_id.sql:1: missing 'Revision ID' header. Add a line '-- Revision ID: <id>' under "
						+ "the message (retort revision -m \"message\" writes a new file with a fresh id).");
	}

	@Test
	void fileThatIsNotUtf8IsAProblem(@TempDir Path dir) throws IOException {
		Files.write(dir.resolve("latin1.sql"), "-- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
		List<String> problems = new ArrayList<>();

		load(List.of(dir.toString()), null, problems);

		assertThat(problems).containsExactly(dir + "/latin1.sql:1: the file is not UTF-8 text: byte 0xE9 on this line "
				+ "is not UTF-8 (the file may be Latin-1 or Windows-1252). Save it as UTF-8.");
	}

	@Test
	void theLineOfTheFirstByteThatIsNotUtf8IsNamed(@TempDir Path dir) throws IOException {
		// A U+FFFD of the file's own is UTF-8; the byte to fix is the Latin-1 one, far below the header.
		String text = "-- m \uFFFD\n-- Revision ID: a1\n\n-- +upgrade\nINSERT INTO t VALUES ('caf\u00e9');\n";
		byte[] utf8Part = text.substring(0, text.indexOf("caf")).getBytes(StandardCharsets.UTF_8);
		byte[] latin1Part = text.substring(text.indexOf("caf")).getBytes(StandardCharsets.ISO_8859_1);
		byte[] content = new byte[utf8Part.length + latin1Part.length];
		System.arraycopy(utf8Part, 0, content, 0, utf8Part.length);
		System.arraycopy(latin1Part, 0, content, utf8Part.length, latin1Part.length);
		Files.write(dir.resolve("mixed.sql"), content);
		List<String> problems = new ArrayList<>();

		load(List.of(dir.toString()), null, problems);

		assertThat(problems).singleElement().asString().startsWith(dir + "/mixed.sql:5: the file is not UTF-8 text: "
				+ "byte 0xE9 on this line");
	}

	@Test
	void aFileHoldingTheReplacementCharacterInUtf8IsRead(@TempDir Path dir) throws IOException {
		Files.writeString(dir.resolve("a.sql"), "-- odd \uFFFD\n-- Revision ID: a1\n\n-- +upgrade\nSELECT 1;\n");
		List<String> problems = new ArrayList<>();

		List<RevisionScript> scripts = load(List.of(dir.toString()), null, problems);

		assertThat(problems).isEmpty();
		assertThat(scripts).singleElement().satisfies((script) -> assertThat(script.revision().message())
			.isEqualTo("odd \uFFFD"));
	}

	private static List<RevisionScript> load(List<String> locations, ClassLoader classLoader, List<String> problems) {
		return SqlRevisionLoader.load(locations.stream().map(ScriptLocation::parse).toList(), classLoader, problems);
	}

	static void directory(JarOutputStream out, String name) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.closeEntry();
	}

	static void file(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		OutputStream stream = out;
		stream.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

}
