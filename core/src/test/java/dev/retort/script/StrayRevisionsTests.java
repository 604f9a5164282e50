package dev.retort.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @Revision} classes outside the scanned packages, found in compiled classes read as
 * bytes and only as far as needed ({@link ClassFileAnnotation}).
 */
class StrayRevisionsTests {

	private static final String MIGRATION = """
			@Override
			public void upgrade(dev.retort.operation.Operations op) {
			}
			""";

	@TempDir
	Path temp;

	@Test
	void findsTheRevisionClassesOutsideTheScannedPackagesAndTheirSubpackages() throws IOException {
		Path classes = compile(Map.of(
				"com/example/db/Scanned.java", revision("com.example.db", "Scanned", "a1"),
				"com/example/db/sub/AlsoScanned.java", revision("com.example.db.sub", "AlsoScanned", "a2"),
				"com/example/dbb/Sibling.java", revision("com.example.dbb", "Sibling", "a3"),
				"com/example/other/Holder.java", """
						package com.example.other;

						public class Holder {
							@dev.retort.script.Revision(id = "a4", revises = "a3")
							public static final class Nested implements dev.retort.script.Migration {
								%s
							}
						}
						""".formatted(MIGRATION),
				"Root.java", revision("", "Root", "a5")));

		assertThat(StrayRevisions.classesOutside(List.of(classes), List.of(" com.example.db ")))
			.containsExactly("Root", "com.example.dbb.Sibling", "com.example.other.Holder$Nested");
		assertThat(StrayRevisions.classesOutside(List.of(classes), List.of())).containsExactly("Root",
				"com.example.db.Scanned", "com.example.db.sub.AlsoScanned", "com.example.dbb.Sibling",
				"com.example.other.Holder$Nested");
		assertThat(StrayRevisions.classesOutside(List.of(classes.resolve("missing"), classes.resolve("Root.class")),
				List.of())).isEmpty();
	}

	@Test
	void aClassThatOnlyUsesTheRevisionTypeCarriesNoRevision() throws IOException {
		// Compiled with -g: the local variable's type is in the constant pool as the annotation's
		// descriptor would be, and so is the field's.
		Path classes = compile(Map.of("com/example/tools/RevisionIds.java", """
				package com.example.tools;

				import dev.retort.script.Revision;

				public class RevisionIds {

					private Revision last;

					public static String id(Class<?> type) {
						Revision revision = type.getAnnotation(Revision.class);
						return (revision != null) ? revision.id() : null;
					}

					public static String message(Revision revision) {
						return revision.message();
					}

				}
				"""), "-g");
		assertThat(StrayRevisions.classesOutside(List.of(classes), List.of("com.example.db"))).isEmpty();
	}

	@Test
	void aRevisionIsFoundWhereverItsDescriptorStandsInTheConstantPool() throws IOException {
		// Wide constants (two pool entries), a string longer than the reader's buffer before the
		// annotation, other annotations with nested values around it, members with attributes.
		String longText = "x".repeat(20_000);
		Path classes = compile(Map.of("com/example/big/Busy.java", """
				package com.example.big;

				@Deprecated(since = "1", forRemoval = false)
				@SuppressWarnings({ "unused", "rawtypes" })
				@dev.retort.script.Revision(id = "b1", revises = { "a1", "a2" }, message = "busy", branchLabels = "big")
				public class Busy implements dev.retort.script.Migration {

					static final long WIDE = 1234567890123L;

					static volatile double ratio = 2.5d;

					static final String TEXT = "%s";

					long counter = WIDE;

					%s

					@Override
					public String toString() {
						return TEXT + this.counter + ratio;
					}

				}
				""".formatted(longText, MIGRATION)));
		assertThat(Files.size(classes.resolve("com/example/big/Busy.class"))).isGreaterThan(20_000);
		assertThat(StrayRevisions.classesOutside(List.of(classes), List.of())).containsExactly("com.example.big.Busy");
	}

	@Test
	void anonymousAndLocalClassesAndFilesThatAreNoClassesAreNotRead() throws IOException {
		Path classes = compile(Map.of("com/example/inner/Outer.java", """
				package com.example.inner;

				public class Outer {

					Object anonymous = new Object() {
					};

					Object local() {
						@dev.retort.script.Revision(id = "c1")
						class Local implements dev.retort.script.Migration {
							%s
						}
						return new Local();
					}

				}
				""".formatted(MIGRATION)));
		assertThat(classes.resolve("com/example/inner/Outer$1Local.class")).exists();
		assertThat(classes.resolve("com/example/inner/Outer$1.class")).exists();
		Files.writeString(classes.resolve("com/example/inner/Text.class"), "Ldev/retort/script/Revision; not a class");
		Path cafe = classes.resolve("com/example/inner/Cut.class");
		byte[] revision = Files.readAllBytes(compile(Map.of("com/example/cut/Cut.java", revision("com.example.cut",
				"Cut", "c2"))).resolve("com/example/cut/Cut.class"));
		Files.write(cafe, Arrays.copyOf(revision, revision.length / 2));
		Files.createDirectories(classes.resolve("com/example/inner/Dir.class"));
		// The local class is never read as a revision (JavaRevisionLoader skips it), so adding its
		// package would not help: not named. A truncated class file is not named either.
		assertThat(StrayRevisions.classesOutside(List.of(classes), List.of())).isEmpty();
	}

	private static String revision(String packageName, String name, String id) {
		return (packageName.isEmpty() ? "" : "package " + packageName + ";\n\n")
				+ "@dev.retort.script.Revision(id = \"" + id + "\")\npublic final class " + name
				+ " implements dev.retort.script.Migration {\n" + MIGRATION + "}\n";
	}

	private Path compile(Map<String, String> sources, String... options) throws IOException {
		Path root = Files.createTempDirectory(this.temp, "project");
		Path sourceRoot = root.resolve("src");
		Path classes = root.resolve("classes");
		Files.createDirectories(classes);
		TestJars.write(sourceRoot, sources);
		TestJars.compile(sourceRoot, classes, List.of(options));
		return classes;
	}

}
