package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static dev.retort.cli.CommandsTests.compact;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --format json} when the command fails: still one document on standard output (a
 * pipeline into {@code jq} must get one), with the exit code of SPEC §5, and the {@code ERROR:}
 * line on standard error as without JSON.
 */
@ExtendWith(PostgresExtension.class)
class JsonFailureTests {

	@TempDir
	Path project;

	private Revisions revisions;

	@BeforeEach
	void linearProject() {
		this.revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		this.revisions.write("ae1027a6acf3", "", "create coffee logs",
				"CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text);", "DROP TABLE coffee_logs;");
		this.revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", "ALTER TABLE coffee_logs DROP COLUMN user_id;");
	}

	@Test
	void anUpgradeFailingPartWaySaysWhatItAppliedBeforeTheFailure(TestDatabase db) {
		Path broken = this.revisions.write("5eed5eed5eed", "1975ea83b712", "broken",
				"SELECT 1;\nALTER TABLE coffee_logs ADD COLUMN x nosuchtype;", "SELECT 1;");
		CliRun.Result result = cli(db).run("upgrade", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(compact(result.out())).matches("\\{\"from\":\\[],\"to\":\\[\"1975ea83b712\"],\"steps\":\\["
				+ "\\{\"revision\":\"ae1027a6acf3\",\"operation\":\"upgrade\",\"durationMs\":\\d+},"
				+ "\\{\"revision\":\"1975ea83b712\",\"operation\":\"upgrade\",\"durationMs\":\\d+}],"
				+ "\"error\":\\{\"code\":\"MIGRATION_FAILED\",\"message\":\"Revision 5eed5eed5eed .*nosuchtype.*\","
				+ "\"exitCode\":1,\"revision\":\"5eed5eed5eed\",\"location\":\"[^\"]*" + broken.getFileName()
				+ ":11\",\"sqlState\":\"42704\",\"rolledBack\":true}}");
		assertThat(result.out().strip()).startsWith("{").endsWith("}");
		assertThat(result.err()).contains("FAILED upgrade 1975ea83b712 -> 5eed5eed5eed", "ERROR: Revision 5eed5eed5eed");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("1975ea83b712");
	}

	@Test
	void aDowngradeFailingPartWaySaysWhereItStopped(TestDatabase db) {
		this.revisions.write("ae1027a6acf3", "", "create coffee logs",
				"CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text);", "DROP TABLE no_such_table;");
		assertThat(cli(db).run("upgrade", "-q").exitCode()).isZero();
		CliRun.Result result = cli(db).run("downgrade", "base", "--format", "json", "-q");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(compact(result.out())).matches("\\{\"from\":\\[\"1975ea83b712\"],\"to\":\\[\"ae1027a6acf3\"],"
				+ "\"steps\":\\[\\{\"revision\":\"1975ea83b712\",\"operation\":\"downgrade\",\"durationMs\":\\d+}],"
				+ "\"error\":\\{\"code\":\"MIGRATION_FAILED\",.*\"revision\":\"ae1027a6acf3\",.*}}");
		assertThat(result.err()).startsWith("ERROR: ");
	}

	@Test
	void aMigrationRefusedBeforeItsFirstStepRanNothing(TestDatabase db) {
		CliRun.Result result = cli(db).run("upgrade", "zzzz9999", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		// SPEC §5's lists: the database is at base, and stays there.
		assertThat(compact(result.out())).matches("\\{\"from\":\\[],\"to\":\\[],\"steps\":\\[],\"error\":\\{"
				+ "\"code\":\"UNKNOWN_REVISION\",\"message\":\"No revision or branch label 'zzzz9999' is known[^\"]*\","
				+ "\"exitCode\":2}}");
		assertThat(result.err()).startsWith("ERROR: No revision or branch label 'zzzz9999'");
	}

	@Test
	void aDowngradeRefusedAcrossARevisionWithoutADowngradeSaysWhereTheDatabaseStaysInLists(TestDatabase db) {
		this.revisions.write("0ddba11c0ffe", "1975ea83b712", "one way", "ALTER TABLE coffee_logs ADD COLUMN note text;",
				null);
		assertThat(cli(db).run("upgrade", "-q").exitCode()).isZero();
		CliRun.Result result = cli(db).run("downgrade", "base", "--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(compact(result.out())).matches("\\{\"from\":\\[\"0ddba11c0ffe\"],\"to\":\\[\"0ddba11c0ffe\"],"
				+ "\"steps\":\\[],\"error\":\\{\"code\":\"IRREVERSIBLE_REVISION\",\"message\":\"Cannot downgrade to"
				+ " 'base':[^\"]*0ddba11c0ffe [^\"]*has no downgrade[^\"]*\",\"exitCode\":2}}");
		// And an upgrade refused before its first step: a relative move past the head.
		CliRun.Result upgrade = cli(db).run("upgrade", "+1", "--format", "json");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(2);
		assertThat(compact(upgrade.out())).startsWith("{\"from\":[\"0ddba11c0ffe\"],\"to\":[\"0ddba11c0ffe\"],"
				+ "\"steps\":[],\"error\":{");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("0ddba11c0ffe");
	}

	@Test
	void aStampThatFailsIsADocumentToo(TestDatabase db) {
		CliRun.Result result = cli(db).run("stamp", "nope", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(compact(result.out())).startsWith("{\"from\":[],\"to\":[],\"steps\":[],\"error\":{")
			.contains("\"exitCode\":2");
	}

	@Test
	void anUnknownOptionIsAUsageErrorDocument() {
		CliRun.Result result = CliRun.in(this.project).run("upgrade", "--sqll", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).isEqualTo("""
				{
				  "error": {
				    "code": "CONFIGURATION",
				    "message": "Unknown option: '--sqll'",
				    "exitCode": 2
				  }
				}
				""");
		assertThat(result.err()).contains("ERROR: Unknown option: '--sqll'", "Usage: retort upgrade");
		CliRun.Result before = CliRun.in(this.project).run("--format=JSON", "upgrdae");
		assertThat(before.exitCode()).isEqualTo(2);
		assertThat(compact(before.out())).startsWith("{\"error\":{\"code\":\"CONFIGURATION\",\"message\":\"Unmatched");
		CliRun.Result text = CliRun.in(this.project).run("upgrade", "--sqll", "--format", "text");
		assertThat(text.out()).isEmpty();
	}

	@Test
	void noCommandIsAUsageErrorDocument() {
		CliRun.Result result = CliRun.in(this.project).run("--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(compact(result.out()))
			.isEqualTo("{\"error\":{\"code\":\"CONFIGURATION\",\"message\":\"Missing command.\",\"exitCode\":2}}");
	}

	@Test
	void jsonRefusedWithSqlStillAnswersInJson() {
		CliRun.Result result = CliRun.in(this.project).run("upgrade", "head", "--sql", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(compact(result.out())).startsWith("{\"error\":{\"code\":\"CONFIGURATION\",\"message\":\"--format json"
				+ " cannot be combined with --sql");
	}

	@Test
	void aBadRevisionFileNamesItsLineInTheDocument() throws IOException {
		Files.writeString(this.revisions.directory().resolve("0bad_bad.sql"), "-- bad\n--\n-- Revision ID: 0bad0bad0bad\n"
				+ "-- Revises: 1975ea83b712\n-- Bogus Header: 1\n\n-- +upgrade\nSELECT 1;\n");
		CliRun.Result result = CliRun.in(this.project).run("history", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(compact(result.out())).matches("\\{\"error\":\\{\"code\":\"INVALID_REVISION_FILE\",\"message\":"
				+ "\"[^\"]*0bad_bad.sql:5:unknown header key 'Bogus Header'[^\"]*\",\"exitCode\":2,\"problems\":\\["
				+ "\"[^\"]*0bad_bad.sql:5:unknown header key 'Bogus Header'[^\"]*\"]}}");
		assertThat(result.err()).startsWith("ERROR: ").contains("0bad_bad.sql:5");
	}

	@Test
	void anUnreachableDatabaseIsARunTimeFailureWithoutThePassword() {
		CliRun.Result result = CliRun.in(this.project)
			.env("DATABASE_URL", "postgresql://app:hunter2-secret@127.0.0.1:1/coffee")
			.run("current", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(compact(result.out())).matches("\\{\"error\":\\{\"code\":\"CONNECTION_FAILED\",\"message\":"
				+ "\"Could not connect to[^\"]*127.0.0.1:1[^\"]*\",\"exitCode\":1}}");
		CliRun.Result upgrade = CliRun.in(this.project)
			.run("upgrade", "--url", "jdbc:postgresql://127.0.0.1:1/coffee?password=hunter2-secret", "--format",
					"json", "-v");
		assertThat(upgrade.exitCode()).isEqualTo(1);
		// Never read: lists all the same (SPEC §5), empty; the error says the database was not reached.
		assertThat(compact(upgrade.out())).startsWith("{\"from\":[],\"to\":[],\"steps\":[],\"error\":{\"code\":"
				+ "\"CONNECTION_FAILED\"");
		assertThat(result.toString() + upgrade).doesNotContain("hunter2-secret");
	}

	@Test
	void checksWithFindingsKeepTheirOwnDocument(TestDatabase db) {
		this.revisions.write("0badc0ffee00", "ae1027a6acfX", "orphan", "SELECT 1;", "SELECT 1;");
		CliRun.Result result = cli(db).run("validate", "--format", "json");
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(compact(result.out())).startsWith("{\"problems\":[").doesNotContain("\"error\"");
	}

	private CliRun cli(TestDatabase db) {
		return CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
	}

}
