package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code retort lint} as a developer or a CI step runs it: findings, exit codes, JSON. */
class LintCommandTests {

	@TempDir
	Path directory;

	private Revisions revisions;

	@BeforeEach
	void baseRevisionCreatesTheTable() {
		this.revisions = Revisions.in(this.directory.resolve("revisions"));
		this.revisions.write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email_idx ON users (email);",
				"DROP TABLE users;");
	}

	@Test
	void aLockingStatementFailsTheLintNamingFileLineRuleAndFix() {
		Path file = this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);",
				"DROP INDEX users_name_idx;");
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		// Its downgrade's DROP INDEX is a warning of its own (PG102).
		assertThat(result.out()).contains(file + ":10: ERROR PG101 create-index-not-concurrent: CREATE INDEX takes a "
				+ "SHARE lock on \"users\"", "    fix: CREATE INDEX CONCURRENTLY",
				"2 findings (1 error, 1 warning) in 2 revisions.");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void aDowngradeIsLintedAsARollbackRunsItWithItsFindingsSaidSo() {
		// Dropping what the upgrade added is the downgrade's job (no PG114); building an index the quick way is not.
		Path file = this.revisions.write("b2", "a1", "nickname", "ALTER TABLE users ADD COLUMN nickname text;",
				"ALTER TABLE users DROP COLUMN nickname;\nCREATE INDEX users_email_lower_idx ON users (lower(email));");
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).isEqualTo(file + ":14: ERROR PG101 create-index-not-concurrent: In the downgrade,"
				+ " CREATE INDEX takes a SHARE lock on \"users\" and blocks its INSERT, UPDATE and DELETE for the whole"
				+ " build.\n    fix: CREATE INDEX CONCURRENTLY in a revision of its own with 'Transactional: false'.\n"
				+ "1 finding (1 error, 0 warnings) in 2 revisions.\n");
	}

	@Test
	void warningsFailOnlyWhenAskedTo() {
		this.revisions.write("b2", "a1", "drop old index", "DROP INDEX users_email_idx;", null);
		CliRun.Result byDefault = lint();
		assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
		assertThat(byDefault.out()).contains("WARNING PG102", "None fails at --fail-on error.");
		CliRun.Result strict = lint("--fail-on", "warning");
		assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(3);
	}

	@Test
	void aDropBelowTheThresholdSaysWhyTheLintFails() {
		Path file = this.revisions.write("b2", "a1", "drop email", "ALTER TABLE users DROP COLUMN email;", null);
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		// A warning alone, yet exit 3: the summary says why, where a CI log shows it last.
		assertThat(result.out()).startsWith(file + ":10: WARNING PG114 destructive-change: ")
			.endsWith("\n1 finding (0 errors, 1 warning) in 2 revisions. 1 fails below --fail-on error: a destructive"
					+ " change (PG114) fails until acknowledged (-- lint:ack PG114 <reason>).\n");
	}

	@Test
	void anAcknowledgedFindingPasses() {
		this.revisions.write("b2", "a1", "drop email",
				"-- lint:ack PG114 no release since 2.3 reads users.email\nALTER TABLE users DROP COLUMN email;", null);
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("No findings in 2 revisions.\n");
	}

	@Test
	void aRangeLintsOnlyItsRevisions() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		CliRun.Result result = lint("base:a1");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("No findings in 1 revision.\n");
	}

	@Test
	void oneIdentifierLintsTheRevisionsItNames() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		this.revisions.write("c3", "b2", "drop old index", "DROP INDEX users_email_idx;", null);
		CliRun.Result result = lint("b2");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).contains("ERROR PG101", "1 finding (1 error, 0 warnings) in 1 revision.")
			.doesNotContain("PG102");
		CliRun.Result base = lint("base");
		assertThat(base.exitCode()).as(base.toString()).isEqualTo(2);
		assertThat(base.err()).contains("'base' names no revision to lint.");
	}

	@Test
	void jsonIsOneDocumentWithEveryFinding() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		CliRun.Result result = lint("--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).startsWith("{").contains("\"revisions\": 2", "\"failOn\": \"ERROR\"",
				"\"failed\": true", "\"revision\": \"b2\"", "\"rule\": \"PG101\"",
				"\"name\": \"create-index-not-concurrent\"", "\"severity\": \"ERROR\"");
	}

	@Test
	void jsonSaysOfEachFindingWhetherItFailsThisLint() {
		// An ERROR fails the default --fail-on error, a WARNING only --fail-on warning: a reader of
		// the JSON need not compare severities with failOn itself.
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		this.revisions.write("c3", "b2", "drop old index", "DROP INDEX users_email_idx;", null);
		String byDefault = lint("--format", "json").out();
		assertThat(byDefault).containsSubsequence("\"rule\": \"PG101\"", "\"fails\": true", "\"rule\": \"PG102\"",
				"\"fails\": false");
		assertThat(lint("--format", "json", "--fail-on", "warning").out()).doesNotContain("\"fails\": false");
	}

	@Test
	void aJavaRevisionsFindingIsOnItsSourceFileSoAProblemMatcherPlacesIt() throws IOException {
		Path project = this.directory.resolve("project");
		Revisions.in(project.resolve("src/main/resources/db/revisions"))
			.write("a1", "", "create users", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		Files.writeString(project.resolve("src/main/resources/application.yml"),
				"retort:\n  java-packages: com.example.db\n");
		Path addIndex = javaSource(project, "com/example/db/AddIndex.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				@Revision(id = "b2", revises = "a1", message = "index email")
				public final class AddIndex implements Migration {
					@Override
					public void upgrade(Operations op) {
						op.execute("CREATE INDEX users_email_idx ON users (email)");
					}
				}
				""");
		// A nested revision class is in its top-level class's file.
		Path nested = javaSource(project, "com/example/db/Indexes.java", """
				package com.example.db;

				import dev.retort.operation.Operations;
				import dev.retort.script.Migration;
				import dev.retort.script.Revision;

				public final class Indexes {
					@Revision(id = "c3", revises = "b2", message = "index id")
					public static final class ById implements Migration {
						@Override
						public void upgrade(Operations op) {
							op.execute("SELECT 1");
							op.execute("CREATE INDEX users_id_idx ON users (id)");
						}
					}
				}
				""");
		Path classes = project.resolve("target/classes");
		Files.createDirectories(classes);
		assertThat(ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
					addIndex.toString(), nested.toString())).isZero();
		CliRun cli = CliRun.in(project);

		CliRun.Result text = cli.run("lint");
		assertThat(text.exitCode()).as(text.toString()).isEqualTo(3);
		assertThat(text.out()).containsSubsequence(addIndex + ":11 (com.example.db.AddIndex, rendered SQL:1): ERROR PG101"
				+ " create-index-not-concurrent: ", nested + ":13 (com.example.db.Indexes$ById, rendered SQL:3): ERROR"
				+ " PG101 create-index-not-concurrent: ");
		// docs/ci.md's problem matcher, on the lines as printed: the file and line are the call's.
		java.util.regex.Pattern matcher = java.util.regex.Pattern
			.compile("^(.+?):(\\d+)(?: \\([^)]*\\))?: (ERROR|WARNING) ((\\S+) .+)$", java.util.regex.Pattern.MULTILINE);
		assertThat(matcher.matcher(text.out()).results().map((found) -> found.group(1) + ":" + found.group(2)))
			.containsExactly(addIndex + ":11", nested + ":13");

		String json = cli.run("lint", "--format", "json").out();
		// The source as before, and the file and line beside it.
		assertThat(json).containsSubsequence("\"source\": \"com.example.db.AddIndex:11 (rendered SQL:1)\"",
				"\"file\": \"" + addIndex + "\"", "\"line\": 11", "\"rule\": \"PG101\"");

		// Without the sources (classes compiled elsewhere, read with --classpath), the class as before.
		Files.delete(addIndex);
		Files.delete(nested);
		CliRun.Result withoutSources = cli.run("lint");
		assertThat(withoutSources.out()).startsWith("com.example.db.AddIndex:11 (rendered SQL:1): ERROR PG101 ")
			.contains("\ncom.example.db.Indexes$ById:13 (rendered SQL:3): ERROR PG101 ");
		assertThat(cli.run("lint", "--format", "json").out()).contains("\"file\": null", "\"line\": null");
	}

	@Test
	void jsonNamesTheFileAndLineOfASqlRevisionsFindingToo() {
		Path file = this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		assertThat(lint("--format", "json").out()).containsSubsequence("\"source\": \"" + file + ":10\"",
				"\"file\": \"" + file + "\"", "\"line\": 10");
	}

	private static Path javaSource(Path project, String path, String source) throws IOException {
		Path file = project.resolve("src/main/java").resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, source);
		return file;
	}

	private CliRun.Result lint(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--location";
		all[1] = this.revisions.directory().toString();
		all[2] = "lint";
		System.arraycopy(args, 0, all, 3, args.length);
		return CliRun.in(this.directory).run(all);
	}

}
