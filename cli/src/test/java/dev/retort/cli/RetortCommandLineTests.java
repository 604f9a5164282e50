package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing, help and exit codes: what needs no database. */
class RetortCommandLineTests {

	@TempDir
	Path directory;

	@Test
	void helpListsEveryCommandOfTheSpecWithExamplesAndExitCodes() {
		CliRun.Result result = CliRun.in(this.directory).run("--help");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("init", "revision", "upgrade", "downgrade", "current", "history", "heads",
				"branches", "show", "stamp", "merge", "check", "lint", "validate");
		assertThat(result.out()).contains("Examples:", "retort upgrade head --sql > upgrade.sql",
				"Exit codes: 0 done, 1 failed at run time, 2 bad usage or input, 3 a check found something.");
		assertThat(result.err()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "init", "revision", "upgrade", "downgrade", "current", "history", "heads", "branches",
			"show", "stamp", "merge", "validate", "check", "lint" })
	void everyCommandExplainsItselfWithAnExample(String command) {
		CliRun.Result result = CliRun.in(this.directory).run(command, "--help");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Usage: retort " + command, "Examples:", "  retort ", "--url=URL",
				"--format=FORMAT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "current", "history", "heads", "branches" })
	void theListingsSayWhatVerboseShows(String command) {
		// SPEC 5 gives these commands a --verbose of their own (Alembic's): their help must say what it prints.
		CliRun.Result result = CliRun.in(this.directory).run(command, "--help");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out().replaceAll("\\s+", " ")).contains(
				"-v, --verbose current, history, heads and branches show each revision in full (Rev, Parent, Path, header)");
	}

	@Test
	void noCommandIsAUsageErrorShowingTheUsage() {
		CliRun.Result result = CliRun.in(this.directory).run();
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: Missing command.").contains("Usage: retort");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void unknownOptionShowsTheCommandsUsageAndExits2() {
		CliRun.Result result = CliRun.in(this.directory).run("upgrade", "--sqll");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("ERROR: Unknown option: '--sqll'", "Usage: retort upgrade");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void unknownCommandSuggestsTheNearestOne() {
		CliRun.Result result = CliRun.in(this.directory).run("upgrdae");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Unmatched argument", "upgrade");
	}

	@Test
	void missingRequiredArgumentIsAUsageError() {
		CliRun.Result result = CliRun.in(this.directory).run("downgrade");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("ERROR: Missing required parameter: 'REV'", "Usage: retort downgrade");
	}

	@Test
	void revisionNeedsAMessage() {
		CliRun.Result result = CliRun.in(this.directory).run("revision");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Missing required option: '--message=MSG'");
	}

	@Test
	void outsideAProjectWithNoLocationItSaysNoRevisionWasFound() throws IOException {
		CliRun.Result outside = CliRun.in(this.directory).run("upgrade", "heads", "--sql");
		assertThat(outside.exitCode()).as(outside.toString()).isZero();
		assertThat(outside.err()).isEqualTo("No revision files found: classpath:db/revisions is read from"
				+ " src/main/resources of the project directory, and this is not one. Run retort in the project, or give"
				+ " --location DIR.\nNothing to upgrade: the script starts at base, where 'heads' leads already. This"
				+ " script only creates the version tables when they are missing.\n");
		Files.createDirectories(this.directory.resolve("db/revisions"));
		CliRun.Result located = CliRun.in(this.directory).run("history", "--location", "db/revisions", "-q");
		assertThat(located.err()).as(located.toString()).doesNotContain("No revision files found");
	}

	@Test
	void aFirstRevisionOutsideAProjectSaysWhereToRunItOrWhatToCreate() throws IOException {
		CliRun.Result outside = CliRun.in(this.directory).run("revision", "-m", "first");
		assertThat(outside.exitCode()).as(outside.toString()).isEqualTo(2);
		assertThat(outside.err()).isEqualTo("ERROR: " + this.directory + " is not a project (no pom.xml, build.gradle or"
				+ " src/main), so there is no revisions directory to write into. Run retort in the project, or create one"
				+ " here with 'retort init db/revisions' and name it on every command: --location db/revisions. Nothing"
				+ " was written.\n");
		assertThat(CliRun.in(this.directory).run("init", "db/revisions").exitCode()).isZero();
		CliRun.Result located = CliRun.in(this.directory).run("revision", "-m", "first", "--location", "db/revisions");
		assertThat(located.exitCode()).as(located.toString()).isZero();
		assertThat(located.out()).startsWith("Generated revision ");
	}

	@Test
	void offlineDowngradeNeedsARange() {
		CliRun.Result result = CliRun.in(this.directory).run("downgrade", "ae1027a6acf3", "--sql");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("ERROR: 'downgrade --sql' needs FROM:TO: 'retort downgrade"
				+ " current:ae1027a6acf3 --sql' starts where the database stands (it is only read), 'head:ae1027a6acf3'"
				+ " at the head, without a database.");
	}

	@Test
	void offlineDowngradeWithSeveralHeadsAdvisesARangeFromThemAll() throws IOException {
		Path revisions = Files.createDirectories(this.directory.resolve("db/revisions"));
		for (String id : List.of("aaaa00000001", "bbbb00000001")) {
			Files.writeString(revisions.resolve(id + "_base.sql"), "-- base " + id + "\n--\n-- Revision ID: " + id
					+ "\n-- Revises:\n\n-- +upgrade\nSELECT 1;\n\n-- +downgrade\nSELECT 1;\n");
		}
		CliRun.Result result = CliRun.in(this.directory).run("downgrade", "base", "--sql", "--location", "db/revisions");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		// 'head:base' would only fail again with "Multiple heads are present".
		assertThat(result.err()).contains("'heads:base' at the heads, without a database.");
		CliRun.Result advised = CliRun.in(this.directory).run("downgrade", "heads:base", "--sql", "--location",
				"db/revisions");
		assertThat(advised.exitCode()).as(advised.toString()).isZero();
	}

	@Test
	void purgeCannotBeOffline() {
		CliRun.Result result = CliRun.in(this.directory).run("stamp", "head", "--purge", "--sql");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("ERROR: --purge cannot be combined with --sql");
	}

	@Test
	void initOutsideAProjectAsksForTheDirectory() {
		CliRun.Result result = CliRun.in(this.directory).run("init");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("is not a project", "retort init db/revisions");
	}

	@Test
	void commandsNeedingADatabaseSayHowToGiveOne() {
		CliRun.Result result = CliRun.in(this.directory).run("current");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("ERROR: No database to connect to for 'current'", "--url", "DATABASE_URL",
				"spring.datasource.url");
		// The hint's placeholder is not a password: the output's secret masking must leave it readable.
		assertThat(result.err()).contains("USER:PASSWORD@").doesNotContain(Secrets.MASK);
	}

	@Test
	void checkAndAutogenerateWithoutADatabaseSayHowToGiveOne() throws IOException {
		Files.writeString(this.directory.resolve("model.sql"), "CREATE TABLE t (id int);");
		CliRun.Result check = CliRun.in(this.directory).run("check", "--model", "model.sql");
		assertThat(check.exitCode()).isEqualTo(2);
		assertThat(check.err()).contains("ERROR: No database to connect to for 'check'", "--url", "DATABASE_URL");
		CliRun.Result revision = CliRun.in(this.directory)
			.run("revision", "--autogenerate", "-m", "m", "--model", "model.sql", "--version-path", ".");
		assertThat(revision.exitCode()).isEqualTo(2);
		assertThat(revision.err()).contains("ERROR: No database to connect to for 'revision --autogenerate'",
				"--url", "DATABASE_URL");
	}

	@Test
	void badFormatIsAUsageError() {
		CliRun.Result result = CliRun.in(this.directory).run("heads", "--format", "xml");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Invalid value for option '--format'", "text, json");
	}

	@Test
	void negativeRelativeRevisionsAreValuesNotOptions() {
		CommandLine commandLine = RetortCommandLine.commandLine(CliRun.in(this.directory).environment(), new Secrets(),
				false);
		CommandLine.ParseResult history = commandLine.parseArgs("history", "-r", "-3:current");
		assertThat(history.subcommand().matchedOptionValue("-r", "")).isEqualTo("-3:current");
		CommandLine.ParseResult downgrade = RetortCommandLine
			.commandLine(CliRun.in(this.directory).environment(), new Secrets(), false)
			.parseArgs("downgrade", "-1");
		assertThat(downgrade.subcommand().matchedPositionalValue(0, "")).isEqualTo("-1");
	}

	@Test
	void versionNamesTheTool() {
		CliRun.Result result = CliRun.in(this.directory).run("--version");
		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).startsWith("retort ");
	}

}
