package dev.retort.script;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.operation.Operations;
import dev.retort.revision.Revision;
import dev.retort.revision.Revision.Kind;
import dev.retort.script.fixtures.bad.NeedsArguments;
import dev.retort.script.fixtures.good.AddCoffeeTable;
import dev.retort.script.fixtures.good.BackfillCoffee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JavaRevisionLoaderTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void annotatedClassesOfAPackageAndItsSubpackagesAreRevisionsSortedByClassName() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("dev.retort.script.fixtures.good"), List.of(),
				this.classLoader, problems);

		assertThat(problems).isEmpty();
		assertThat(scripts).extracting((script) -> script.revision().origin().source()).containsExactly(
				"dev.retort.script.fixtures.good.AddCoffeeTable", "dev.retort.script.fixtures.good.BackfillCoffee",
				"dev.retort.script.fixtures.good.Helpers$Nested", "dev.retort.script.fixtures.good.sub.DeeperRevision");
		assertThat(scripts).extracting((script) -> script.revision().id())
			.containsExactly("java00000001", "java00000002", "java00000003", "java00000004");
	}

	@Test
	void annotationGivesTheSameRevisionModelAsAFile() {
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("dev.retort.script.fixtures.good"), List.of(),
				this.classLoader, new ArrayList<>());
		Revision add = scripts.get(0).revision();
		Revision backfill = scripts.get(1).revision();

		assertThat(add).isEqualTo(new Revision("java00000001", List.of("aaa000000002"), List.of(), List.of("coffee"),
				"Add coffee table", null, Revision.Origin.of(AddCoffeeTable.class.getName()), Kind.JAVA, true, true,
				null));
		assertThat(backfill.reversible()).isFalse();
		assertThat(backfill.transactional()).isFalse();
		assertThat(backfill.dependsOn()).containsExactly("aaa000000001");
		assertThat(scripts.get(0).body()).isInstanceOfSatisfying(RevisionScript.JavaBody.class,
				(body) -> assertThat(body.migration()).isInstanceOf(AddCoffeeTable.class));
	}

	@Test
	void misusedAnnotationsAreReportedPerClass() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("dev.retort.script.fixtures.bad"), List.of(),
				this.classLoader, problems);

		assertThat(scripts).extracting((script) -> script.revision().id())
			.containsExactly("bad_id_that_is_longer_than_32_chars", "bad000000005");
		assertThat(problems).containsExactlyInAnyOrder(
				"dev.retort.script.fixtures.bad.NotAMigration: annotated with @Revision but does not implement "
						+ "dev.retort.script.Migration. Implement Migration (upgrade(Operations), and downgrade(Operations) "
						+ "if reversible).",
				"dev.retort.script.fixtures.bad.NeedsArguments: a @Revision class needs a no-argument constructor to be "
						+ "created from its package. Add one, or hand the object over as a Migration bean.",
				"dev.retort.script.fixtures.bad.Unannotated: implements Migration but has no @Revision annotation, so it "
						+ "has no id or parents. Annotate it with @Revision(id = \"…\", revises = \"…\").",
				"dev.retort.script.fixtures.bad.BadId: revision id 'bad_id_that_is_longer_than_32_chars' is 35 characters "
						+ "long; Retort's version tables hold ids of at most 32 (varchar(32), as Alembic's), even where "
						+ "alembic_version was widened. Use a shorter id.",
				"dev.retort.script.fixtures.bad.BlankParent: @Revision(revises = {\"bad000000001\", \"\"}) has a blank "
						+ "entry. Write the revision that is missing, or remove the entry.");
	}

	@Test
	void objectsAreRevisionsAndReplaceTheScannedInstanceOfTheirClass() {
		AddCoffeeTable bean = new AddCoffeeTable();
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("dev.retort.script.fixtures.good"),
				List.of(bean, new BeanRevision()), this.classLoader, new ArrayList<>());

		assertThat(scripts).extracting((script) -> script.revision().id()).containsExactly("bean00000001", "java00000001",
				"java00000002", "java00000003", "java00000004");
		assertThat(((RevisionScript.JavaBody) scripts.get(1).body()).migration()).isSameAs(bean);
	}

	@Test
	void aClassGivenAsAnObjectNeedsNoNoArgumentConstructorInAScannedPackage() {
		List<String> problems = new ArrayList<>();
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("dev.retort.script.fixtures.bad"),
				List.of(new NeedsArguments("origins")), this.classLoader, problems);

		assertThat(problems).noneMatch((problem) -> problem.contains("NeedsArguments"));
		assertThat(scripts).extracting((script) -> script.revision().id()).contains("bad000000002");
	}

	@Test
	void proxySubclassOfAnAnnotatedClassIsFoundThroughItsSuperclass() {
		BackfillCoffee proxy = new BackfillCoffee() {
			// Stands for a Spring CGLIB proxy, which overrides every method.
			@Override
			public void downgrade(Operations op) {
				super.downgrade(op);
			}
		};
		List<RevisionScript> scripts = JavaRevisionLoader.load(List.of(), List.of(proxy), this.classLoader,
				new ArrayList<>());

		assertThat(scripts).singleElement().satisfies((script) -> {
			assertThat(script.revision().id()).isEqualTo("java00000002");
			assertThat(script.revision().origin().source()).isEqualTo(BackfillCoffee.class.getName());
			assertThat(script.revision().reversible()).isFalse();
		});
	}

	@Test
	void objectWithoutAnnotationIsAProblem() {
		List<String> problems = new ArrayList<>();
		Migration anonymous = (op) -> {
		};

		JavaRevisionLoader.load(List.of(), List.of(anonymous), this.classLoader, problems);

		assertThat(problems).singleElement().asString().endsWith(": a Migration object without @Revision. Annotate its "
				+ "class with @Revision(id = \"…\", revises = \"…\") so it has a place in the graph.");
	}

	@Test
	void packageNameThatIsNotOneIsAConfigurationError() {
		assertThatExceptionOfType(ScriptLocationException.class)
			.isThrownBy(() -> JavaRevisionLoader.load(List.of("com/example"), List.of(), this.classLoader, new ArrayList<>()))
			.withMessage("Java package 'com/example' is not a package name. Use a dotted name such as "
					+ "'com.example.db.revisions'.");
	}

	@Test
	void revisionsInsideAJarAreFound(@TempDir Path dir) throws Exception {
		Path sources = dir.resolve("src");
		Path classes = Files.createDirectories(dir.resolve("classes"));
		TestJars.write(sources, Map.of("jarred/revisions/InJar.java", """
				package jarred.revisions;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "jar000000010", revises = "jar000000001", message = "From a jar")
				public class InJar implements Migration {
					@Override public void upgrade(Operations op) { }
				}
				"""));
		TestJars.compile(sources, classes);
		Path jar = TestJars.jar(classes, dir.resolve("revisions.jar"));

		try (URLClassLoader jarLoader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, this.classLoader)) {
			List<String> problems = new ArrayList<>();
			List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("jarred"), List.of(), jarLoader, problems);

			assertThat(problems).isEmpty();
			assertThat(scripts).singleElement().satisfies((script) -> {
				assertThat(script.revision().id()).isEqualTo("jar000000010");
				assertThat(script.revision().message()).isEqualTo("From a jar");
				assertThat(script.revision().reversible()).isFalse();
			});
		}
	}

	@Test
	void aClassThatCannotBeInitialisedIsReportedByName(@TempDir Path dir) throws Exception {
		Path sources = dir.resolve("src");
		Path classes = Files.createDirectories(dir.resolve("classes"));
		TestJars.write(sources, Map.of("broken/revisions/ThrowsWhenLoaded.java", """
				package broken.revisions;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "brk000000001", message = "Reads a number")
				public class ThrowsWhenLoaded implements Migration {
					static final int BATCH = Integer.parseInt("ten");
					@Override public void upgrade(Operations op) { }
				}
				""", "broken/revisions/NeedsALibrary.java", """
				package broken.revisions;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "brk000000002", revises = "brk000000001", message = "Uses a library")
				public class NeedsALibrary implements Migration {
					private final library.Helper helper = new library.Helper();
					@Override public void upgrade(Operations op) { }
				}
				""", "library/Helper.java", """
				package library;

				public class Helper {
				}
				"""));
		TestJars.compile(sources, classes);
		// The library is on the application's class path, not on the one the revisions are read with.
		Files.delete(classes.resolve("library/Helper.class"));

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, this.classLoader)) {
			List<String> problems = new ArrayList<>();
			List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("broken"), List.of(), loader, problems);

			assertThat(scripts).isEmpty();
			assertThat(problems).containsExactly("broken.revisions.NeedsALibrary: cannot be created: it uses"
					+ " library.Helper, which is not on the class path (java.lang.NoClassDefFoundError: library/Helper)."
					+ " Put what it uses on the class path (the command line reads it from --classpath), or move the"
					+ " class out of the package.", "broken.revisions.ThrowsWhenLoaded: cannot be created: its static"
							+ " initialization threw java.lang.NumberFormatException: For input string: \"ten\". Fix"
							+ " the class, or move it out of the package.");
		}
	}

	@Test
	void aConstructorThatThrowsIsReportedAtItsLineWithWhatToDo(@TempDir Path dir) throws Exception {
		Path sources = dir.resolve("src");
		Path classes = Files.createDirectories(dir.resolve("classes"));
		TestJars.write(sources, Map.of("configured/revisions/ArchiveSchema.java", """
				package configured.revisions;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "cfg000000001", message = "Archive schema")
				public class ArchiveSchema implements Migration {
					private final String schema;
					public ArchiveSchema() {
						this.schema = System.getProperty("retort.test.no.such.property");
						if (this.schema == null) {
							throw new IllegalStateException("the archive schema is not configured");
						}
					}
					@Override public void upgrade(Operations op) { op.createSchema(this.schema); }
				}
				"""));
		TestJars.compile(sources, classes);

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, this.classLoader)) {
			List<String> problems = new ArrayList<>();
			List<RevisionScript> scripts = JavaRevisionLoader.load(List.of("configured"), List.of(), loader, problems);

			assertThat(scripts).isEmpty();
			assertThat(problems).containsExactly("configured.revisions.ArchiveSchema: its constructor threw"
					+ " java.lang.IllegalStateException: the archive schema is not configured"
					+ " (configured.revisions.ArchiveSchema:13). Every command that reads the revisions creates the"
					+ " class (show, lint and history too, and the command line, which runs without the application's"
					+ " configuration): keep the constructor from failing, and do the work in upgrade(Operations);"
					+ " a revision that needs the application's beans or configuration is a Migration bean.");
		}
	}

	@dev.retort.script.Revision(id = "bean00000001", message = "A bean")
	static final class BeanRevision implements Migration {

		@Override
		public void upgrade(Operations op) {
		}

	}

}
