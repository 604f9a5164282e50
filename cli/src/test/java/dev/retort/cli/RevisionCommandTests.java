package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code init}, {@code revision} and {@code merge}: files written, and refused before anything is written. */
class RevisionCommandTests {

	@TempDir
	Path project;

	private Path revisions;

	@BeforeEach
	void project() throws IOException {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		CliRun.Result init = CliRun.in(this.project).run("init");
		assertThat(init.exitCode()).as(init.toString()).isZero();
		this.revisions = this.project.resolve("src/main/resources/db/revisions");
	}

	@Test
	void initRefusesADirectoryThatIsNotEmpty() {
		CliRun.Result again = CliRun.in(this.project).run("init");
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).startsWith("ERROR: Directory '" + this.revisions + "' already exists and is not empty");
	}

	@Test
	void initOfAnEmptyDirectoryThatExistsCreatesOnlyTheTemplate() throws IOException {
		Files.createDirectories(this.project.resolve("migrations"));
		CliRun.Result init = CliRun.in(this.project).run("init", "migrations");
		assertThat(init.exitCode()).as(init.toString()).isZero();
		assertThat(init.out()).isEqualTo("Created migrations" + java.io.File.separator + "script.sql.template"
				+ System.lineSeparator());
	}

	@Test
	void initOutsideAProjectTakesTheDirectoryGiven() {
		CliRun.Result result = CliRun.in(this.project.resolve("src")).run("init", "db/revisions", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(CommandsTests.compact(result.out())).isEqualTo("{\"directory\":\"" + this.project.resolve(
				"src/db/revisions") + "\",\"created\":\"" + this.project.resolve("src/db/revisions/script.sql.template")
				+ "\"}");
	}

	@Test
	void initOfAnotherDirectorySaysHowTheNextCommandsFindIt() {
		CliRun.Result init = CliRun.in(this.project).run("init", "migrations");
		assertThat(init.exitCode()).as(init.toString()).isZero();
		assertThat(init.err()).contains("Next: retort revision --location migrations -m \"create the first tables\"")
			.contains("RETORT_LOCATIONS=filesystem:migrations");

		CliRun.Result revision = CliRun.in(this.project).run("revision", "--location", "migrations", "-m", "first");
		assertThat(revision.exitCode()).as(revision.toString()).isZero();
		assertThat(this.project.resolve("migrations")).isDirectoryContaining("glob:**_first.sql");
	}

	@Test
	void commandsThatNeverConnectRunWithoutTheDatabasePassword() throws IOException {
		// The first session of docs/cli.md: the password comes from ${DB_PASSWORD}, which a developer
		// writing revisions (or CI linting them) does not have; only what connects needs it.
		Files.writeString(this.project.resolve("src/main/resources/application.yml"), """
				spring.datasource:
				  url: jdbc:postgresql://localhost:1/coffee
				  username: coffee
				  password: ${DB_PASSWORD}
				""");
		CliRun.Result first = CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		CliRun.Result second = CliRun.in(this.project).run("revision", "-m", "second", "--rev-id", "0000c0ffee02",
				"--head", "base");
		assertThat(second.exitCode()).as(second.toString()).isZero();
		for (String[] command : new String[][] { { "history" }, { "heads" }, { "branches" }, { "show", "0000c0ffee01" },
				{ "lint" }, { "merge", "-m", "join", "heads" }, { "upgrade", "base:heads", "--sql" },
				{ "downgrade", "heads:base", "--sql" }, { "stamp", "base:heads", "--sql" }, { "upgrade", "--sql" },
				{ "stamp", "heads", "--sql" } }) {
			CliRun.Result result = CliRun.in(this.project).run(command);
			assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result).isZero();
		}

		CliRun.Result current = CliRun.in(this.project).run("current");
		assertThat(current.exitCode()).isEqualTo(2);
		assertThat(current.err()).startsWith("ERROR: Could not resolve placeholder '${DB_PASSWORD}' in "
				+ "'spring.datasource.password' (application.yml)");
		// SPEC §5: only a script asked to start where the database stands reads it.
		CliRun.Result fromDatabase = CliRun.in(this.project).run("upgrade", "current:heads", "--sql");
		assertThat(fromDatabase.exitCode()).isEqualTo(2);
		assertThat(fromDatabase.err()).startsWith("ERROR: Could not resolve placeholder '${DB_PASSWORD}'");
	}

	@Test
	void revisionWritesAFileWithTheHeadersAsked() throws IOException {
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "create payments", "--head", "base",
				"--branch-label", "payments", "--rev-id", "0000c0ffee01", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		Path file = this.revisions.resolve("0000c0ffee01_create_payments.sql");
		assertThat(CommandsTests.compact(result.out()))
			.isEqualTo("{\"revision\":\"0000c0ffee01\",\"path\":\"" + file + "\",\"before\":[]}");
		assertThat(Files.readString(file)).startsWith("-- create payments\n--\n-- Revision ID: 0000c0ffee01\n")
			.contains("-- Branch Labels: payments\n", "-- +upgrade\n", "-- +downgrade\n");
	}

	@Test
	void revisionRefusesATakenIdAndWritesNothing() throws IOException {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		long before = fileCount();
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "second", "--rev-id", "0000c0ffee01");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: Revision id 0000c0ffee01 is already used by ");
		assertThat(fileCount()).isEqualTo(before);
	}

	@Test
	void anIdLongerThanTheVersionTableHoldsIsRefusedByRevisionAndMergeAndWritesNothing() throws IOException {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		CliRun.in(this.project).run("revision", "-m", "second", "--rev-id", "0000c0ffee02", "--head", "base");
		long before = fileCount();
		String id = "add_orders_table_2024_01_15_customer_fk";
		String refusal = "ERROR: Revision id '" + id + "' is 39 characters long; the version tables hold ids of at most"
				+ " 32 (varchar(32), as Alembic's). Choose a shorter --rev-id (the message, not the id, describes the"
				+ " change), or leave it out for a fresh one; nothing was written.\n";
		CliRun.Result revision = CliRun.in(this.project).run("revision", "-m", "orders", "--rev-id", id, "--head",
				"0000c0ffee01");
		assertThat(revision.exitCode()).as(revision.toString()).isEqualTo(2);
		assertThat(revision.err()).isEqualTo(refusal);
		CliRun.Result merge = CliRun.in(this.project).run("merge", "-m", "join", "heads", "--rev-id", id);
		assertThat(merge.exitCode()).as(merge.toString()).isEqualTo(2);
		assertThat(merge.err()).isEqualTo(refusal);
		assertThat(fileCount()).isEqualTo(before);
	}

	@Test
	void anUnknownDependencyNamesTheOptionAndWritesNothing() throws IOException {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		long before = fileCount();
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "second", "--depends-on", "paymnts");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("ERROR: --depends-on 'paymnts': No revision or branch label 'paymnts' is"
				+ " known. 'retort history' lists the revisions. It takes a revision or a branch label; nothing was"
				+ " written.\n");
		assertThat(fileCount()).isEqualTo(before);
	}

	@Test
	void revisionOnANonHeadNeedsSplice() {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		CliRun.in(this.project).run("revision", "-m", "second", "--rev-id", "0000c0ffee02");
		CliRun.Result refused = CliRun.in(this.project).run("revision", "-m", "branch", "--head", "0000c0ffee01");
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.err()).contains("0000c0ffee01", "--splice");
		CliRun.Result spliced = CliRun.in(this.project).run("revision", "-m", "branch", "--head", "0000c0ffee01",
				"--splice");
		assertThat(spliced.exitCode()).as(spliced.toString()).isZero();
		CliRun.Result merge = CliRun.in(this.project).run("merge", "-m", "join", "heads", "--rev-id", "0000c0ffee09");
		assertThat(merge.exitCode()).as(merge.toString()).isZero();
		assertThat(merge.out()).isEqualTo("Generated merge revision 0000c0ffee09: "
				+ "src/main/resources/db/revisions/0000c0ffee09_join.sql\n");
	}

	@Test
	void revisionRefusesWhatTheNextLoadWouldRefuseAndWritesNothing() throws IOException {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		long before = fileCount();
		CliRun.Result reservedId = CliRun.in(this.project).run("revision", "-m", "x", "--rev-id", "head");
		assertThat(reservedId.exitCode()).as(reservedId.toString()).isEqualTo(2);
		assertThat(reservedId.err()).startsWith("ERROR: Revision id 'head' is a reserved word of the identifier grammar")
			.contains("Choose another --rev-id");
		CliRun.Result reservedLabel = CliRun.in(this.project).run("revision", "-m", "x", "--branch-label", "heads");
		assertThat(reservedLabel.exitCode()).as(reservedLabel.toString()).isEqualTo(2);
		assertThat(reservedLabel.err()).startsWith("ERROR: Branch label 'heads' is a reserved word");
		CliRun.Result at = CliRun.in(this.project).run("revision", "-m", "x", "--branch-label", "pay@v2");
		assertThat(at.exitCode()).as(at.toString()).isEqualTo(2);
		assertThat(at.err()).startsWith("ERROR: Branch label 'pay@v2' contains '@', which the identifier grammar reserves");
		CliRun.Result space = CliRun.in(this.project).run("revision", "-m", "x", "--branch-label", "pay v2");
		assertThat(space.exitCode()).as(space.toString()).isEqualTo(2);
		assertThat(space.err()).startsWith("ERROR: Branch label 'pay v2' contains ' '").doesNotContain("template");
		CliRun.Result noMessage = CliRun.in(this.project).run("revision", "-m", " ");
		assertThat(noMessage.exitCode()).as(noMessage.toString()).isEqualTo(2);
		assertThat(noMessage.err()).startsWith("ERROR: A revision needs a message").doesNotContain("template");
		assertThat(fileCount()).isEqualTo(before);
		CliRun.Result heads = CliRun.in(this.project).run("heads");
		assertThat(heads.exitCode()).as(heads.toString()).isZero();
	}

	@Test
	void mergeJoinsHeadsOnly() throws IOException {
		CliRun.in(this.project).run("revision", "-m", "first", "--rev-id", "0000c0ffee01");
		CliRun.in(this.project).run("revision", "-m", "second", "--rev-id", "0000c0ffee02");
		CliRun.in(this.project).run("revision", "-m", "branch", "--head", "0000c0ffee01", "--splice", "--rev-id",
				"0000c0ffee03");
		long before = fileCount();
		CliRun.Result ancestor = CliRun.in(this.project).run("merge", "-m", "join", "0000c0ffee01", "0000c0ffee03");
		assertThat(ancestor.exitCode()).as(ancestor.toString()).isEqualTo(2);
		assertThat(ancestor.err()).startsWith("ERROR: Revision 0000c0ffee01 (")
			.contains("is not a head: merge joins heads (0000c0ffee02, 0000c0ffee03)");
		assertThat(fileCount()).isEqualTo(before);
		CliRun.Result merge = CliRun.in(this.project).run("merge", "-m", "join", "0000c0ffee02", "0000c0ffee03");
		assertThat(merge.exitCode()).as(merge.toString()).isZero();
	}

	@Test
	void aNewRevisionGoesBesideItsParent() {
		CliRun.Result root = CliRun.in(this.project).run("revision", "-m", "create payments", "--head", "base",
				"--branch-label", "payments", "--version-path", "src/main/resources/db/revisions/payments");
		assertThat(root.exitCode()).as(root.toString()).isZero();
		CliRun.Result next = CliRun.in(this.project).run("revision", "-m", "add refunds", "--head", "payments@head");
		assertThat(next.exitCode()).as(next.toString()).isZero();
		assertThat(next.out()).matches("Generated revision \\w{12}: src/main/resources/db/revisions/payments/\\w{12}_add_refunds.sql\\n");
		CliRun.Result other = CliRun.in(this.project).run("revision", "-m", "create users", "--head", "base");
		assertThat(other.exitCode()).as(other.toString()).isZero();
		assertThat(other.out()).matches("Generated revision \\w{12}: src/main/resources/db/revisions/\\w{12}_create_users.sql\\n");
	}

	@Test
	void versionPathOutsideEveryLocationIsRefused() throws IOException {
		long before = fileCount();
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "lost", "--version-path", "db/elsewhere");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: --version-path " + this.project.resolve("db/elsewhere")
				+ " is not inside a revision location (" + this.revisions + "), so the revision would never be read.");
		assertThat(this.project.resolve("db/elsewhere")).doesNotExist();
		assertThat(fileCount()).isEqualTo(before);
	}

	@Test
	void javaRevisionSkeletonGoesUnderSrcMainJava() throws IOException {
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "backfill origins", "--java",
				"com.example.db.BackfillOrigins");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		Path file = this.project.resolve("src/main/java/com/example/db/BackfillOrigins.java");
		assertThat(result.out()).matches("Generated revision \\w{12}: src/main/java/com/example/db/BackfillOrigins.java\\n");
		assertThat(Files.readString(file)).contains("package com.example.db;", "@Revision(id = \"",
				"public final class BackfillOrigins implements Migration");
		assertThat(result.err()).isEqualTo("Package com.example.db is not in retort.java-packages, so neither the"
				+ " application nor retort reads this revision: add 'retort.java-packages: com.example.db' to"
				+ " application.yml, then compile the project. (Made a Spring bean instead, it is read by the"
				+ " application and its in-app commands, java -jar app.jar retort COMMAND, but not by this command"
				+ " line.)\n");
	}

	@Test
	void aJavaRevisionOutsideTheJavaPackagesIsToldInTheSyntaxOfTheProjectsConfiguration() throws IOException {
		Files.writeString(this.project.resolve("src/main/resources/application.properties"),
				"spring.application.name=coffee\n");
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "backfill origins", "--java",
				"com.example.db.BackfillOrigins");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).startsWith("Package com.example.db is not in retort.java-packages, so neither the"
				+ " application nor retort reads this revision: add 'retort.java-packages=com.example.db' to"
				+ " application.properties, then compile the project.");
	}

	@Test
	void aJavaRevisionNeverReplacesAClassOfTheSameName() throws IOException {
		CliRun cli = CliRun.in(this.project);
		assertThat(cli.run("revision", "-m", "first", "--java", "com.example.db.Backfill").exitCode()).isZero();
		Path file = this.project.resolve("src/main/java/com/example/db/Backfill.java");
		String first = Files.readString(file);
		CliRun.Result again = cli.run("revision", "-m", "second", "--java", "com.example.db.Backfill");
		assertThat(again.exitCode()).isEqualTo(2);
		assertThat(again.err()).isEqualTo("ERROR: File '" + file + "' already exists; Retort never overwrites a file."
				+ " Choose another class name (--java), or move the existing file.\n");
		assertThat(file).hasContent(first);
	}

	@Test
	void aJavaRevisionInAScannedPackageIsReadOnceCompiled() throws IOException {
		Files.writeString(this.project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example\n");
		CliRun.Result result = CliRun.in(this.project).run("revision", "-m", "backfill origins", "--java",
				"com.example.db.BackfillOrigins");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("Compile the project before the next command: Java revisions are read"
				+ " from the compiled classes.\n");
	}

	private long fileCount() throws IOException {
		try (Stream<Path> files = Files.list(this.revisions)) {
			return files.count();
		}
	}

}
