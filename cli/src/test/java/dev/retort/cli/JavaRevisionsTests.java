package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Java revisions compiled outside the CLI, found through --classpath and --java-package. */
@ExtendWith(PostgresExtension.class)
class JavaRevisionsTests {

	@TempDir
	Path project;

	@Test
	void javaRevisionsJoinTheSqlRevisionsInOneGraph(TestDatabase db) throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Path classes = compile("com/example/db/CreateCups.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffeec0ffee", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
					}
					@Override
					public void downgrade(Operations op) {
						op.execute("DROP TABLE cups");
					}
				}
				""");
		CliRun cli = CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
		CliRun.Result history = cli.run("history", "--classpath", classes.toString(), "--java-package",
				"com.example.db");
		assertThat(history.out()).isEqualTo("""
				ae1027a6acf3 -> c0ffeec0ffee (head), create cups
				<base> -> ae1027a6acf3, create coffee logs
				""");
		CliRun.Result upgrade = cli.run("--classpath", classes.toString(), "--java-package", "com.example.db",
				"upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(upgrade.err()).contains("Running upgrade ae1027a6acf3 -> c0ffeec0ffee, create cups (");
		assertThat(db.tableExists("cups")).isTrue();
		CliRun.Result withoutClasses = cli.run("current");
		assertThat(withoutClasses.exitCode()).isEqualTo(0);
		assertThat(withoutClasses.out()).isEqualTo("c0ffeec0ffee\n");
	}

	@Test
	void anExceptionInAJavaRevisionNamesTheClassAndLeavesTheDatabaseAtTheLastGoodRevision(TestDatabase db)
			throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Path classes = compile("com/example/db/Broken.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "b0b0b0b0b0b0", revises = "ae1027a6acf3", message = "broken")
				public final class Broken implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
						throw new IllegalStateException("no cups today");
					}
				}
				""");
		CliRun cli = CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
		CliRun.Result upgrade = cli.run("--classpath", classes.toString(), "--java-package", "com.example.db",
				"upgrade");
		// A failure that is not an SQLException has no SQLSTATE: the CLI once died on it with a
		// NullPointerException and its stack trace instead of the revision's error.
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
		assertThat(upgrade.err()).contains("ERROR: Revision b0b0b0b0b0b0 (com.example.db.Broken:12) failed and was"
				+ " rolled back: java.lang.IllegalStateException: no cups today")
			.contains("the database stays at ae1027a6acf3")
			.doesNotContain("NullPointerException")
			.doesNotContain("retort stamp");
		assertThat(db.tableExists("cups")).isFalse();
		assertThat(cli.run("current", "--classpath", classes.toString(), "--java-package", "com.example.db").out())
			.isEqualTo("ae1027a6acf3\n");
	}

	@Test
	void inAProjectTheJavaPackagesAreReadFromItsCompiledClasses() throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		CliRun cli = CliRun.in(this.project);
		// Not compiled yet: said, rather than a graph that quietly lacks the Java revisions.
		CliRun.Result beforeBuild = cli.run("heads");
		assertThat(beforeBuild.out()).isEqualTo("ae1027a6acf3 (head)\n");
		assertThat(beforeBuild.err()).contains("No Java revision found in com.example.db on the class path (neither"
				+ " --classpath nor target/classes nor build/classes/java/main exists). Compile the project first");
		compile("com/example/db/CreateCups.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffeec0ffee", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
					}
				}
				""");
		CliRun.Result history = cli.run("history");
		assertThat(history.out()).isEqualTo("""
				ae1027a6acf3 -> c0ffeec0ffee (head), create cups
				<base> -> ae1027a6acf3, create coffee logs
				""");
		assertThat(history.err()).isEmpty();
		// The next revision continues the graph instead of branching off below the Java one.
		CliRun.Result next = cli.run("revision", "-m", "next", "--rev-id", "d00d00d00d00");
		assertThat(next.exitCode()).as(next.toString()).isZero();
		assertThat(this.project.resolve("src/main/resources/db/revisions/d00d00d00d00_next.sql"))
			.content()
			.contains("-- Revises: c0ffeec0ffee\n");
	}

	@Test
	void validateReadsTheProjectsCompiledJavaRevisions(TestDatabase db) throws IOException {
		Revisions revisions = projectRevisionsAroundAJavaOne();
		revisions.write("d00d00d00d00", "c0ffeec0ffee", "after the cups", "SELECT 1;", "SELECT 1;");
		CliRun cli = cli(db);
		assertThat(cli.run("upgrade").exitCode()).isZero();
		CliRun.Result validate = cli.run("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isZero();
		assertThat(validate.out()).isEqualTo("No problems found.\n");
		assertThat(validate.err()).isEmpty();
	}

	@Test
	void aBrokenRevisionFileIsReportedAloneWhenTheProjectHasJavaRevisions(TestDatabase db) throws IOException {
		Revisions revisions = projectRevisionsAroundAJavaOne();
		revisions.write("d00d00d00d00", "c0ffeec0ffee", "after the cups", "SELECT 1;", "SELECT 1;");
		Files.writeString(this.project.resolve("src/main/resources/db/revisions/badbadbadbad_bad.sql"), """
				-- bad
				--
				-- Revision ID: badbadbadbad
				-- Revises: d00d00d00d00
				-- Foo: bar

				-- +upgrade
				SELECT 1;
				""");
		CliRun cli = cli(db);
		String problem = "badbadbadbad_bad.sql:5: unknown header key 'Foo'.";
		// Not blamed on the Java revisions, and no 'revises c0ffeec0ffee, which does not exist'.
		CliRun.Result history = cli.run("history");
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(2);
		assertThat(history.err()).contains(problem)
			.doesNotContain("could not be read")
			.doesNotContain("does not exist");
		CliRun.Result validate = cli.run("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(3);
		assertThat(validate.out()).contains(problem).endsWith("\n1 problem found.\n");
		assertThat(validate.err()).isEmpty();
	}

	@Test
	void sqlRevisionsAboveJavaOnesNameThePackageWhenTheClassesAreNotCompiled() throws IOException {
		Revisions revisions = projectRevisionsAroundAJavaOne();
		revisions.write("d00d00d00d00", "c0ffeec0ffee", "after the cups", "SELECT 1;", "SELECT 1;");
		// As after 'mvn clean': the sources are there, the classes not.
		deleteRecursively(this.project.resolve("target"));
		CliRun.Result history = CliRun.in(this.project).run("history");
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(2);
		assertThat(history.err()).contains("revises c0ffeec0ffee, which does not exist.")
			.contains("The revisions named as missing may never have been read: Java package 'com.example.db' holds no"
					+ " @Revision class on the class path. Check the package names (retort.java-packages, --java-package)"
					+ " and that the Java revisions are compiled and on the class path");
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/** ae1027a6acf3 (SQL), then c0ffeec0ffee (Java, compiled into target/classes), in a project. */
	private Revisions projectRevisionsAroundAJavaOne() throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		compile("com/example/db/CreateCups.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffeec0ffee", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
					}
					@Override
					public void downgrade(Operations op) {
						op.execute("DROP TABLE cups");
					}
				}
				""");
		return revisions;
	}

	@Test
	void javaRevisionsThatNeedTheApplicationsClassPathAreLeftOutWithANote() throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		// A Migration bean taking a collaborator the CLI's class path lacks (a Spring bean, in an application).
		compile("com/example/db/NeedsTheApplication.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "beanbeanbean", revises = "ae1027a6acf3", message = "a bean")
				public final class NeedsTheApplication implements Migration {
					public NeedsTheApplication(Collaborator collaborator) {
					}
					@Override
					public void upgrade(Operations op) {
					}
				}

				final class Collaborator {
				}
				""");
		Files.delete(this.project.resolve("target/classes/com/example/db/Collaborator.class"));
		CliRun.Result history = CliRun.in(this.project).run("history");
		// As before the compiled classes were read: the SQL revisions, and a note instead of a failure.
		assertThat(history.exitCode()).as(history.toString()).isZero();
		assertThat(history.out()).isEqualTo("<base> -> ae1027a6acf3 (head), create coffee logs\n");
		assertThat(history.err()).isEqualTo("The Java revisions in com.example.db could not be read from"
				+ " target/classes (java.lang.NoClassDefFoundError: com/example/db/Collaborator); this command runs"
				+ " without them. Revisions that need the application's class path (Migration beans) are read by its"
				+ " in-app commands: java -jar app.jar retort COMMAND.\n");
		// validate reads them as history does: the same note, and the files it can read checked.
		CliRun.Result validate = CliRun.in(this.project).run("validate");
		assertThat(validate.exitCode()).as(validate.toString()).isZero();
		assertThat(validate.out()).isEqualTo("No problems found.\n");
		assertThat(validate.err()).isEqualTo(history.err());
	}

	@Test
	void aMigrationBeanWithConstructorArgumentsIsLeftOutWithANoteToo() throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		// Its collaborator is compiled too: the application creates it as a bean, the command line cannot.
		compile("com/example/db/NeedsTheApplication.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "beanbeanbean", revises = "ae1027a6acf3", message = "a bean")
				public final class NeedsTheApplication implements Migration {
					public NeedsTheApplication(String greeting) {
					}
					@Override
					public void upgrade(Operations op) {
					}
				}
				""");
		CliRun.Result history = CliRun.in(this.project).run("history");
		assertThat(history.exitCode()).as(history.toString()).isZero();
		assertThat(history.out()).isEqualTo("<base> -> ae1027a6acf3 (head), create coffee logs\n");
		assertThat(history.err()).startsWith("The Java revisions in com.example.db could not be read from target/classes"
				+ " (com.example.db.NeedsTheApplication: a @Revision class needs a no-argument constructor");
	}

	@Test
	void aJavaRevisionThatIsWrongWhereverItRunsIsAnErrorNotLeftOut() throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		compile("com/example/db/CreateCups.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffee000002", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
					}
				}
				""");
		// The next revision forgot 'implements Migration': left out with the others, the graph would
		// lose c0ffee000002 too, and upgrade would call a database at it ahead of the files.
		compile("com/example/db/AddHandles.java", """
				package com.example.db;

				import dev.retort.script.Revision;

				@Revision(id = "c0ffee000003", revises = "c0ffee000002", message = "add handles")
				public final class AddHandles {
				}
				""");
		CliRun.Result heads = CliRun.in(this.project).run("heads");
		assertThat(heads.exitCode()).as(heads.toString()).isEqualTo(2);
		assertThat(heads.out()).isEmpty();
		assertThat(heads.err()).isEqualTo("ERROR: com.example.db.AddHandles: annotated with @Revision but does not implement"
				+ " dev.retort.script.Migration. Implement Migration (upgrade(Operations), and downgrade(Operations) if"
				+ " reversible).\n");
		// A parent misspelt in the annotation is the graph's error, not a reason to leave the classes out.
		Files.delete(this.project.resolve("target/classes/com/example/db/AddHandles.class"));
		compile("com/example/db/AddHandles.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffee000003", revises = "c0ffee00002", message = "add handles")
				public final class AddHandles implements Migration {
					@Override
					public void upgrade(Operations op) {
					}
				}
				""");
		CliRun.Result misspelt = CliRun.in(this.project).run("heads");
		assertThat(misspelt.exitCode()).as(misspelt.toString()).isEqualTo(2);
		assertThat(misspelt.err()).startsWith("ERROR: ").contains("c0ffee000003 (com.example.db.AddHandles) revises"
				+ " c0ffee00002, which does not exist.");
	}

	@Test
	void aJavaRevisionOfTheSourcesThatIsNotCompiledOrChangedSinceIsRefusedNotLeftOut(TestDatabase db)
			throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		Path source = this.project.resolve("src/main/java/com/example/db/CreateCups.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffeec0ffee", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
					}
				}
				""");
		CliRun cli = cli(db);
		// Before the first build: the graph would end at ae1027a6acf3, and upgrade would call that done.
		CliRun.Result notBuilt = cli.run("upgrade");
		assertThat(notBuilt.exitCode()).as(notBuilt.toString()).isEqualTo(2);
		assertThat(notBuilt.err()).isEqualTo("ERROR: The Java revisions of com.example.db are not all compiled:"
				+ " src/main/java/com/example/db/CreateCups.java (no target/classes nor build/classes/java/main)."
				+ " Without them the revision graph would lack revisions (or hold them as they were) and this command"
				+ " would work on the wrong graph, so nothing was done. Build the project first (mvn compile, or gradle"
				+ " classes), or give --classpath with the directory or jar that holds the compiled revisions.\n");
		assertThat(db.tableExists("retort_version")).isFalse();
		// A new revision would revise ae1027a6acf3, beside the Java one: a second head.
		CliRun.Result revision = cli.run("revision", "-m", "next", "--rev-id", "d00d00d00d00");
		assertThat(revision.exitCode()).as(revision.toString()).isEqualTo(2);
		assertThat(this.project.resolve("src/main/resources/db/revisions/d00d00d00d00_next.sql")).doesNotExist();
		compileSources(source);
		CliRun.Result built = cli.run("upgrade");
		assertThat(built.exitCode()).as(built.toString()).isZero();
		assertThat(db.tableExists("cups")).isTrue();
		// Edited (or a branch checked out) since the build: its class says what it was.
		Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.fromMillis(
				Files.getLastModifiedTime(this.project.resolve("target/classes/com/example/db/CreateCups.class"))
					.toMillis() + 60_000));
		CliRun.Result stale = cli.run("heads");
		assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(2);
		assertThat(stale.err()).startsWith("ERROR: The Java revisions of com.example.db are not all compiled:"
				+ " src/main/java/com/example/db/CreateCups.java changed after its class in target/classes was built.");
		// --classpath says which classes to read: taken as given.
		CliRun.Result given = cli.run("heads", "--classpath", this.project.resolve("target/classes").toString());
		assertThat(given.exitCode()).as(given.toString()).isZero();
		assertThat(given.out()).isEqualTo("c0ffeec0ffee (head)\n");
	}

	private void compileSources(Path source) throws IOException {
		Path classes = this.project.resolve("target/classes");
		Files.createDirectories(classes);
		int status = ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
					source.toString());
		assertThat(status).as("javac of " + source).isZero();
	}

	private CliRun cli(TestDatabase db) {
		return CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
	}

	@Test
	void javaRevisionsOutsideTheScannedPackagesOrAmongTheRevisionFilesAreNamed() throws IOException {
		Path location = this.project.resolve("src/main/resources/db/revisions");
		Revisions.in(location).write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);",
				"DROP TABLE coffee_logs;");
		// The newest revision, in a package nobody scans: nothing revises it, so no error ever names it.
		compile("com/example/db/newer/CreateCups.java", """
				package com.example.db.newer;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "c0ffeec0ffee", revises = "ae1027a6acf3", message = "create cups")
				public final class CreateCups implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE TABLE cups (id int)");
					}
				}
				""");
		// A class of the application that reads the annotation carries none: never named.
		compile("com/example/tools/RevisionIds.java", """
				package com.example.tools;

				import dev.retort.script.Revision;

				public class RevisionIds {

					private Revision last;

					public String id() {
						return this.last.id();
					}

				}
				""");
		Files.writeString(location.resolve("AddMugs.java"), "// a revision written where the SQL files are\n");
		CliRun cli = CliRun.in(this.project);

		CliRun.Result unconfigured = cli.run("heads");
		assertThat(unconfigured.out()).isEqualTo("ae1027a6acf3 (head)\n");
		assertThat(unconfigured.err()).contains("Java revisions that this command does not read:"
				+ " com.example.db.newer.CreateCups carries @Revision, but no Java package is configured. Add"
				+ " com.example.db.newer to retort.java-packages (--java-package), or move it into a scanned package"
				+ " (a Migration bean is read by the application instead: java -jar app.jar retort COMMAND).")
			.contains("Java source in a script location is never read: " + location.resolve("AddMugs.java")
					+ ". A script location holds *.sql files; a Java revision is a compiled @Revision class: put it"
					+ " under src/main/java in a package named in retort.java-packages (--java-package).");

		CliRun.Result elsewhere = cli.run("heads", "--java-package", "com.example.db.revisions");
		assertThat(elsewhere.err()).contains("com.example.db.newer.CreateCups carries @Revision, but stands outside"
				+ " the scanned Java packages (com.example.db.revisions). Add com.example.db.newer to");

		Files.delete(location.resolve("AddMugs.java"));
		CliRun.Result scanned = cli.run("heads", "--java-package", "com.example.db");
		assertThat(scanned.out()).isEqualTo("c0ffeec0ffee (head)\n");
		assertThat(scanned.err()).doesNotContain("does not read").doesNotContain("never read")
			.doesNotContain("No Java revision");

		CliRun.Result misspelt = cli.run("heads", "--java-package", "com.example.db", "--java-package",
				"com.example.dbb");
		assertThat(misspelt.err()).contains("No Java revision was read from com.example.dbb (retort.java-packages,"
				+ " --java-package): check the package name, and that its @Revision classes are compiled and on the"
				+ " class path.");
	}

	private Path compile(String path, String source) throws IOException {
		Path sources = this.project.resolve("java");
		Path file = sources.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, source);
		Path classes = this.project.resolve("target/classes");
		Files.createDirectories(classes);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
				classes.toString(), file.toString());
		assertThat(status).as("javac of " + path).isZero();
		assertThat(classes.resolve(path.replace(".java", ".class"))).exists();
		assertThat(System.getProperty("java.class.path")).contains(File.pathSeparator);
		return classes;
	}

}
