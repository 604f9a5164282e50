package dev.retort.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.InvalidGraphException;
import dev.retort.revision.Revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScriptDirectoryTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void sqlAndJavaRevisionsFormOneGraph() {
		ScriptDirectory directory = ScriptDirectory.load(
				List.of("classpath:script/locations/a", "classpath:script/locations/b"),
				List.of("dev.retort.script.fixtures.good"), List.of(), this.classLoader);

		assertThat(directory.scripts()).extracting((script) -> script.revision().id()).containsExactly("aaa000000002",
				"aaa000000001", "bbb000000003", "java00000001", "java00000002", "java00000003", "java00000004");
		assertThat(directory.graph().heads()).extracting(Revision::id)
			.containsExactlyInAnyOrder("bbb000000003", "java00000004");
		assertThat(directory.graph().bases()).extracting(Revision::id).containsExactly("aaa000000001");
		assertThat(directory.graph().branchPoints()).extracting(Revision::id).containsExactly("aaa000000002");
		assertThat(directory.script("java00000001").body()).isInstanceOf(RevisionScript.JavaBody.class);
		assertThat(directory.script("aaa000000001").revision().origin().source())
			.isEqualTo("script/locations/a/sub/1_first.sql");
	}

	@Test
	void loadOrderIsTheSameEveryTime() {
		List<String> locations = List.of("classpath:script/locations/b", "classpath:script/locations/a");
		List<String> first = ids(ScriptDirectory.load(locations, List.of("dev.retort.script.fixtures.good"), List.of(),
				this.classLoader));
		List<String> second = ids(ScriptDirectory.load(locations, List.of("dev.retort.script.fixtures.good"), List.of(),
				this.classLoader));

		assertThat(first).isEqualTo(second).startsWith("bbb000000003", "aaa000000002", "aaa000000001");
	}

	@Test
	void fileProblemsAndGraphProblemsAreReportedTogether() {
		assertThatExceptionOfType(InvalidRevisionFileException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of("classpath:script/locations/bad"), List.of(), List.of(),
					this.classLoader))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
				assertThat(ex.problems()).hasSize(3);
				assertThat(ex.problems().get(0)).startsWith("script/locations/bad/bad_key.sql:3: unknown header key 'Revisez'");
				assertThat(ex.problems().get(1)).startsWith("script/locations/bad/no_id.sql:1: missing 'Revision ID' header");
				assertThat(ex.problems().get(2)).contains("ccc000000002").contains("ccc000000009")
					.contains("script/locations/bad/orphan.sql:3");
				assertThat(ex.getMessage()).startsWith("Found 3 problems in the revisions:\n  - script/locations/bad/bad_key.sql:3:");
				assertThat(ex.getCause()).isInstanceOf(InvalidGraphException.class);
			});
	}

	@Test
	void graphProblemsAloneKeepTheGraphsException(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("one.sql"), "-- One\n-- Revision ID: dup000000001\n-- +upgrade\n");
		Files.writeString(dir.resolve("two.sql"), "-- Two\n-- Revision ID: dup000000001\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of(), List.of(), this.classLoader))
			.withMessageContaining(dir + "/one.sql")
			.withMessageContaining(dir + "/two.sql");
	}

	@Test
	void parentsMissingBecauseAJavaPackageGaveNoRevisionNameThePackage(@TempDir Path dir) throws Exception {
		// SQL revising Java, with the classes not read (a misspelt package, a project not compiled).
		Files.writeString(dir.resolve("next.sql"), "-- Next\n-- Revision ID: sql000000005\n-- Revises: java00000004\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of("classpath:script/locations/a", dir.toString()),
					List.of("dev.retort.script.fixtures.goood"), List.of(), this.classLoader))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(1))
			.withMessageContaining("revises java00000004, which does not exist.")
			.withMessageEndingWith("\nThe revisions named as missing may never have been read: Java package "
					+ "'dev.retort.script.fixtures.goood' holds no @Revision class on the class path. Check the package "
					+ "names (retort.java-packages, --java-package) and that the Java revisions are compiled and on the "
					+ "class path (the command line reads them from --classpath, by default target/classes or "
					+ "build/classes/java/main).");
	}

	@Test
	void parentsMissingBecauseALocationGaveNoRevisionNameTheLocation() {
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of("classpath:script/locations/aa"),
					List.of("dev.retort.script.fixtures.good"), List.of(), this.classLoader))
			.withMessageContaining("revises aaa000000002, which does not exist.")
			.withMessageEndingWith("\nThe revisions named as missing may never have been read: script location "
					+ "'classpath:script/locations/aa' holds no revision files (*.sql). Check the locations "
					+ "(retort.locations, --location).");
	}

	@Test
	void missingParentsWithEverySourceReadHaveNoHint(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("orphan.sql"), "-- Orphan\n-- Revision ID: sql000000006\n-- Revises: nowhere00001\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of("dev.retort.script.fixtures.good"),
					List.of(), this.classLoader))
			.withMessageContaining("revises nowhere00001, which does not exist.")
			.withMessageNotContaining("never have been read");
	}

	@Test
	void parentsMissingWithNoJavaPackageConfiguredSayThatNoJavaRevisionWasRead(@TempDir Path dir) throws Exception {
		// A test kit given the locations only, in a project whose SQL files revise a Java revision.
		Files.writeString(dir.resolve("next.sql"), "-- Next\n-- Revision ID: sql000000005\n-- Revises: java00000004\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of(), List.of(), this.classLoader))
			.withMessageContaining("revises java00000004, which does not exist.")
			.withMessageEndingWith("\nNo Java package was configured, so no Java revision was read: if a revision named "
					+ "as missing is a @Revision class, name its package (retort.java-packages, --java-package, the test "
					+ "kit's javaPackages(...)).");
		assertThatExceptionOfType(InvalidGraphException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of(), List.of(new dev.retort.script.fixtures.good.AddCoffeeTable()),
					this.classLoader))
			.withMessageNotContaining("No Java package");
	}

	@Test
	void emptySourcesAreListedWithFileProblemsToo(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("next.sql"), "-- Next\n-- Revision ID: sql000000005\n-- Revises: java00000004\n-- +upgrade\n");
		Files.writeString(dir.resolve("bad.sql"), "-- Bad\n-- Revision ID: sql000000007\n-- Colour: red\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidRevisionFileException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of("dev.retort.script.fixtures.goood"),
					List.of(), this.classLoader))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(3))
			.satisfies((ex) -> assertThat(ex.problems().get(2)).startsWith("The revisions named as missing may never "
					+ "have been read: Java package 'dev.retort.script.fixtures.goood' holds no @Revision class"));
	}

	@Test
	void reservedCharactersInAnIdAreReportedByTheGraphWithTheFileProblems(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("a.sql"), "-- A\n-- Revision ID: a-b\n-- +upgrade\n");
		Files.writeString(dir.resolve("b.sql"), "-- B\n-- Revision ID: b1\n-- Colour: red\n-- +upgrade\n");

		assertThatExceptionOfType(InvalidRevisionFileException.class)
			.isThrownBy(() -> ScriptDirectory.load(List.of(dir.toString()), List.of(), List.of(), this.classLoader))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(2))
			.satisfies((ex) -> assertThat(ex.problems().get(1)).contains("'a-b'").contains(dir + "/a.sql:2"));
	}

	@Test
	void noRevisionsAtAllIsAnEmptyGraph() {
		ScriptDirectory directory = ScriptDirectory.load(List.of("classpath:script/none/yet"), List.of(), List.of(),
				this.classLoader);

		assertThat(directory.scripts()).isEmpty();
		assertThat(directory.graph().heads()).isEmpty();
		assertThat(directory.firstFilesystemLocation()).isEmpty();
	}

	@Test
	void firstFilesystemLocationIsWhereNewFilesGo(@TempDir Path dir) throws Exception {
		Path one = Files.createDirectories(dir.resolve("one"));
		Path two = Files.createDirectories(dir.resolve("two"));

		ScriptDirectory directory = ScriptDirectory.load(
				List.of("classpath:script/locations/a", "filesystem:" + one, two.toString()), List.of(), List.of(),
				this.classLoader);

		assertThat(directory.firstFilesystemLocation()).contains(one);
		assertThat(directory.locations()).extracting(ScriptLocation::toString)
			.containsExactly("classpath:script/locations/a", "filesystem:" + one, "filesystem:" + two);
	}

	@Test
	void unknownScriptIdIsAnError() {
		ScriptDirectory directory = ScriptDirectory.load(List.of("classpath:script/locations/a"), List.of(), List.of(),
				this.classLoader);

		assertThatExceptionOfType(RetortException.class).isThrownBy(() -> directory.script("nope"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION))
			.withMessage("No revision 'nope' in [classpath:script/locations/a]. Run 'retort history' to list the revisions.");
	}

	@Test
	void migrationObjectsJoinTheGraph() {
		ScriptDirectory directory = ScriptDirectory.load(List.of("classpath:script/locations/a"), List.of(),
				List.of(new dev.retort.script.fixtures.good.AddCoffeeTable()), this.classLoader);

		assertThat(directory.graph().heads()).extracting(Revision::id).containsExactly("java00000001");
		assertThat(directory.graph().branchLabels("java00000001")).contains("coffee");
	}

	@Test
	void applicationJarWithSqlFilesAndJavaRevisions(@TempDir Path dir) throws Exception {
		Path sources = dir.resolve("src");
		Path contents = Files.createDirectories(dir.resolve("contents"));
		TestJars.write(sources, java.util.Map.of("app/revisions/AddIndex.java", """
				package app.revisions;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "app000000002", revises = "app000000001", message = "Add index")
				public class AddIndex implements Migration {
					@Override public void upgrade(Operations op) { }
					@Override public void downgrade(Operations op) { }
				}
				"""));
		TestJars.compile(sources, contents);
		Path revisions = Files.createDirectories(contents.resolve("db/revisions"));
		Files.writeString(revisions.resolve("first.sql"), "-- First\n-- Revision ID: app000000001\n-- +upgrade\nSELECT 1;\n");
		Path jar = TestJars.jar(contents, dir.resolve("app.jar"));

		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { jar.toUri().toURL() },
				this.classLoader)) {
			ScriptDirectory directory = ScriptDirectory.load(List.of("classpath:db/revisions"), List.of("app.revisions"),
					List.of(), loader);

			assertThat(ids(directory)).containsExactly("app000000001", "app000000002");
			assertThat(directory.graph().heads()).extracting(Revision::id).containsExactly("app000000002");
			assertThat(directory.script("app000000001").revision().origin().source()).isEqualTo("db/revisions/first.sql");
		}
	}

	@Test
	void javaSourceAmongTheRevisionFilesIsNamedWhereverTheLocationKeepsIt(@TempDir Path dir, @TempDir Path out)
			throws Exception {
		// A revision written as Main.java next to the SQL files is never compiled, never read: the
		// listing names it (CLI and starter warn), in a directory, in a subdirectory, on the class path, in a jar.
		Path revisions = Files.createDirectories(dir.resolve("db/revisions/2026"));
		Files.writeString(revisions.resolve("first.sql"), "-- First\n-- Revision ID: app000000001\n-- +upgrade\nSELECT 1;\n");
		Files.writeString(revisions.resolve("AddMugs.java"), "// a revision in the wrong place\n");
		Files.writeString(dir.resolve("db/revisions/Readme.md"), "not a revision\n");
		Path location = dir.resolve("db/revisions");

		ScriptDirectory onDisk = ScriptDirectory.load(List.of(location.toString()), List.of(), List.of(), this.classLoader);
		assertThat(ids(onDisk)).containsExactly("app000000001");
		assertThat(onDisk.javaSourcesInLocations())
			.containsExactly(location.toAbsolutePath().normalize().resolve("2026/AddMugs.java").toString());

		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { dir.toUri().toURL() },
				this.classLoader)) {
			ScriptDirectory onClassPath = ScriptDirectory.load(List.of("classpath:db/revisions"), List.of(), List.of(),
					loader);
			assertThat(ids(onClassPath)).containsExactly("app000000001");
			assertThat(onClassPath.javaSourcesInLocations()).containsExactly("db/revisions/2026/AddMugs.java");
		}

		Path jar = TestJars.jar(dir, out.resolve("app.jar"));
		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { jar.toUri().toURL() },
				this.classLoader)) {
			ScriptDirectory inJar = ScriptDirectory.load(List.of("classpath:db/revisions"), List.of(), List.of(), loader);
			assertThat(ids(inJar)).containsExactly("app000000001");
			assertThat(inJar.javaSourcesInLocations()).containsExactly("db/revisions/2026/AddMugs.java");
		}
	}

	@Test
	void locationsWithoutJavaSourceNameNone() {
		ScriptDirectory directory = ScriptDirectory.load(List.of("classpath:script/locations/a"), List.of(), List.of(),
				this.classLoader);

		assertThat(directory.javaSourcesInLocations()).isEmpty();
	}

	private static List<String> ids(ScriptDirectory directory) {
		return directory.scripts().stream().map((script) -> script.revision().id()).toList();
	}

}
