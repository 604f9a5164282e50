package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The executable itself, in a process of its own: exit codes and standard streams as a shell sees them. */
class MainTests {

	@TempDir
	Path directory;

	@Test
	void exitsWithTheCommandsCodeAndPrintsVersionOnStandardOutput() throws Exception {
		Run run = java("--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("retort ");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void usageErrorExits2() throws Exception {
		Run run = java("upgrade", "--no-such-option");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("ERROR: Unknown option: '--no-such-option'");
		assertThat(run.out()).isEmpty();
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void anSqlScriptRedirectedToAFileIsUtf8WhateverTheLocale(TestDatabase db) throws Exception {
		Path revisions = java.nio.file.Files.createDirectories(this.directory.resolve("revisions"));
		java.nio.file.Files.writeString(revisions.resolve("a1_cups.sql"), """
				-- Cups of caf\u00e9
				--
				-- Revision ID: a1a1a1a1a1a1
				-- Revises:

				-- +upgrade
				CREATE TABLE cups (id int, note text DEFAULT 'caf\u00e9 \u2615');
				""");
		// A container, a cron job, 'sudo': no locale, which makes Java 17's default charset US-ASCII.
		Run noLocale = javaWithEnvironment(java.util.Map.of("LC_ALL", "C", "LANG", "C"), "--location", "revisions",
				"upgrade", "heads", "--sql");
		Run utf8Locale = javaWithEnvironment(java.util.Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"), "--location",
				"revisions", "upgrade", "heads", "--sql");

		assertThat(noLocale.exitCode()).as(noLocale.err()).isZero();
		assertThat(noLocale.out()).contains("'caf\u00e9 \u2615'").contains("Cups of caf\u00e9").isEqualTo(utf8Locale.out());
		// And the database gets the text of the revision.
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (dev.retort.dialect.postgres.SqlStatement each : dev.retort.dialect.postgres.StatementSplitter
				.split(noLocale.out().replace("\\set ON_ERROR_STOP on", ""), 1)) {
				statement.execute(each.sql());
			}
		}
		assertThat(db.queryStrings("SELECT column_default FROM information_schema.columns WHERE table_name = 'cups'"
				+ " AND column_name = 'note'"))
			.containsExactly("'caf\u00e9 \u2615'::text");
	}

	@Test
	void readingRevisionsOnOtherThreadsLeavesStandardErrorToTheCommand() throws Exception {
		// Not a project: a classpath location is read (and logs that it holds nothing) on a thread
		// of its own while the command starts. (The default one gets the CLI's own advice first.)
		Run run = java("revision", "-m", "add origin", "--location", "classpath:db/other");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).startsWith("ERROR: No filesystem location to write into").doesNotContain("SLF4J")
			// java -jar app.jar retort revision reads the jar's classpath:db/other: name its source.
			.contains("in a project, --location src/main/resources/db/other (the sources of classpath:db/other)");
		assertThat(run.out()).isEmpty();
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aRunnerWaitingForTheMigrationLockSaysWhomItWaitsForUnlessQuiet(TestDatabase db) throws Exception {
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "create", "SELECT 1;", null);
		java.nio.file.Files.writeString(this.directory.resolve("retort.properties"), "retort.lock.wait-timeout=1s\n");
		String[] upgrade = { "--url", db.jdbcUrl(), "--user", db.user(), "--password=" + db.password(), "--location",
				"revisions", "--config", "retort.properties", "upgrade" };
		try (Connection stuck = db.connect(); Statement statement = stuck.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + MigrationLock.key(new TableNames("public", "retort_version",
					"retort_history")) + ")");
			Run run = java(upgrade);
			assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
			// Without it, 'lock.wait-timeout' (10 minutes by default) passes in silence, like a hang.
			// A line of the tool's own, as its step lines, not a log line with a logger's prefix.
			assertThat(run.err()).containsPattern("^Waiting for the migration lock of"
					+ " public.retort_version \\(for at most \\d+ s more, 'retort.lock.wait-timeout'\\): held by pid ")
				.doesNotContain("MigrationLock")
				.contains("ERROR: Could not acquire the migration lock");
			// With -v (INFO logs) it is still said once, not once more as a log line.
			List<String> verbose = new ArrayList<>(List.of(upgrade));
			verbose.add("-v");
			assertThat(java(verbose.toArray(String[]::new)).err().lines()
				.filter((line) -> line.contains("Waiting for the migration lock"))).hasSize(1)
				.allMatch((line) -> line.startsWith("Waiting for the migration lock of public.retort_version"));
			List<String> quiet = new ArrayList<>(List.of(upgrade));
			quiet.add("-q");
			assertThat(java(quiet.toArray(String[]::new)).err()).startsWith("ERROR: Could not acquire");
		}
	}

	@Test
	void aRunnerRetryingAnUnreachableDatabaseSaysSoAtEachRetryUnlessQuiet() throws Exception {
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "create", "SELECT 1;", null);
		java.nio.file.Files.writeString(this.directory.resolve("retort.properties"),
				"retort.connect-retries=2\nretort.connect-retries-interval=100ms\n");
		// Nothing listens on port 1: refused, as by a server that is still starting.
		String[] current = { "--url", "postgresql://app:pw-7c1e0b@127.0.0.1:1/coffee", "--location", "revisions",
				"--config", "retort.properties", "current" };
		Run run = java(current);
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		// Without them, 'connect-retries' times 'connect-retries-interval' (10 s) pass in silence, like a hang.
		// A plain line of the tool's own, as the lock-wait notice, not a log line with the logger's name.
		assertThat(run.err()).containsPattern("(?m)^Could not reach 'jdbc:postgresql://127.0.0.1:1/coffee\\?loginTimeout=30'"
				+ " \\(.+\\); retry 1 of 2 in 100ms$")
			.containsPattern("(?m)^Could not reach .+; retry 2 of 2 in 100ms$")
			.doesNotContain("INFO")
			.contains("ERROR: Could not connect to 'jdbc:postgresql://127.0.0.1:1/coffee?loginTimeout=30'")
			.contains("(after 2 retries)")
			.doesNotContain("pw-7c1e0b");
		List<String> quiet = new ArrayList<>(List.of(current));
		quiet.add("-q");
		assertThat(java(quiet.toArray(String[]::new)).err()).startsWith("ERROR: Could not connect");
		// Once with -v, as the tool's line: the logger's own is kept for -vv.
		List<String> verbose = new ArrayList<>(List.of(current));
		verbose.add("-v");
		String verboseErr = java(verbose.toArray(String[]::new)).err();
		assertThat(verboseErr.lines().filter((line) -> line.contains("retry 1 of 2"))).hasSize(1);
		// An upgrade says it too, beside its step lines.
		List<String> upgrade = new ArrayList<>(List.of(current));
		upgrade.set(upgrade.size() - 1, "upgrade");
		assertThat(java(upgrade.toArray(String[]::new)).err()).containsPattern("(?m)^Could not reach .+; retry 2 of 2"
				+ " in 100ms$");
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aProcessEndedWhileAStepRunsSaysWhichStepAndWhatBecomesOfIt(TestDatabase db) throws Exception {
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "slow",
				"CREATE TABLE slow (id int);\nSELECT pg_sleep(60);", null);
		// The step runs once the server sleeps in it; then the process is ended as Ctrl-C or SIGTERM would.
		endWhen(db, "the step never started", () -> sleeps(db, "SELECT pg_sleep(60)"), "upgrade");
		File err = this.directory.resolve("err.txt").toFile();
		assertThat(java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8))
			.contains("INTERRUPTED step 1: upgrade <base> -> ae1027a6acf3, slow after ")
			.contains("The server rolls this step back. 'retort current' shows where the database stays.");
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aProcessEndedWhileAStepRunsStillPrintsOneJsonDocument(TestDatabase db) throws Exception {
		Revisions revisions = Revisions.in(this.directory.resolve("revisions"));
		revisions.write("ae1027a6acf3", "", "quick", "CREATE TABLE quick (id int);", null);
		revisions.write("1975ea83b712", "ae1027a6acf3", "slow", "SELECT pg_sleep(61);", null);
		// Quiet too: the document does not depend on the step lines.
		Process process = endWhen(db, "the step never started", () -> sleeps(db, "SELECT pg_sleep(61)"), "--format",
				"json", "-q", "upgrade");
		File out = this.directory.resolve("out.txt").toFile();
		assertThat(process.exitValue()).isEqualTo(143);
		String document = java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8);
		// One document, in the shape of every failed upgrade: what was applied, then why it stopped.
		assertThat(document).startsWith("{\n  \"from\": [],\n  \"to\": [\n    \"ae1027a6acf3\"\n  ],\n  \"steps\": [\n")
			.contains("\"revision\": \"ae1027a6acf3\"")
			.contains("\"code\": \"RUNTIME\"")
			.contains("\"message\": \"Interrupted step 2: upgrade ae1027a6acf3 -> 1975ea83b712, slow after ")
			.contains("The server rolls this step back.")
			.contains("\"exitCode\": 143")
			.endsWith("}\n");
		assertThat(document.split("\n\\{", -1)).hasSize(1);
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void theDocumentOfAProcessEndedByCtrlCSaysTheCodeTheProcessExitsWith(TestDatabase db) throws Exception {
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "slow", "SELECT pg_sleep(63);",
				null);
		Process process = cli(db, "out.txt", "err.txt", "--format", "json", "upgrade").start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!sleeps(db, "SELECT pg_sleep(63)")) {
				assertThat(System.nanoTime() - deadline).as("the step never started").isNegative();
				Thread.onSpinWait();
			}
			// A shell's background job ignores Ctrl-C, and so does every process it starts: nothing to see then.
			assumeThat(ignoresSigint(process)).as("SIGINT is ignored in this build's processes").isFalse();
			assertThat(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor()).isZero();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			process.destroy();
		}
		assertThat(process.exitValue()).isEqualTo(130);
		String document = java.nio.file.Files.readString(this.directory.resolve("out.txt"), StandardCharsets.UTF_8);
		assertThat(document).contains("\"message\": \"Interrupted step 1: upgrade <base> -> ae1027a6acf3, slow after ")
			.contains("\"exitCode\": 130");
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void eachLockTimeoutRetryNamesTheSessionThatBlocksTheRevision(TestDatabase db) throws Exception {
		Revisions revisions = Revisions.in(this.directory.resolve("revisions"));
		revisions.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id int);", null);
		revisions.write("1975ea83b712", "ae1027a6acf3", "add user column",
				"ALTER TABLE coffee_logs ADD COLUMN user_id integer;", null);
		assertThat(cli(db, "out.txt", "err.txt", "upgrade", "ae1027a6acf3").start().waitFor()).isZero();
		try (Connection reporting = db.connect(); Statement statement = reporting.createStatement()) {
			// A report left its transaction open after a read: its lock stops the ALTER TABLE of 1975ea83b712.
			statement.execute("SET application_name = 'reporting'");
			reporting.setAutoCommit(false);
			statement.execute("SELECT count(*) FROM coffee_logs");
			java.sql.ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()");
			pid.next();
			String blocker = "\n    pid " + pid.getInt(1) + " (application_name 'reporting', idle in transaction, query"
					+ " started ";
			ProcessBuilder upgrade = cli(db, "out.txt", "err.txt", "upgrade");
			upgrade.environment().put("RETORT_DDL_LOCK_TIMEOUT", "2s");
			upgrade.environment().put("RETORT_DDL_RETRIES", "1");
			Process process = upgrade.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
			// The warning of the retry (the log, on standard error) names it while the run still waits, as
			// the failure at the end does.
			assertThat(java.nio.file.Files.readString(this.directory.resolve("err.txt"), StandardCharsets.UTF_8))
				.contains("WARN MigrationRunner - Revision 1975ea83b712 waited longer than lock_timeout for a lock"
						+ " (ERROR: canceling statement due to lock timeout); rolled back, retry 1 of 1 in 2000 ms,"
						+ " blocked by:" + blocker)
				.contains("It gave up waiting for a lock 2 time(s), blocked at the last try by:" + blocker)
				.contains(", 'SELECT pg_backend_pid()'): SELECT pg_terminate_backend(" + pid.getInt(1) + ") to end its"
						+ " session and roll back its transaction\n");
			reporting.rollback();
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("ae1027a6acf3");
	}

	/** Whether {@code process} ignores SIGINT (Linux's /proc tells; elsewhere it is taken not to). */
	private static boolean ignoresSigint(Process process) throws IOException {
		Path status = Path.of("/proc", Long.toString(process.pid()), "status");
		if (!java.nio.file.Files.exists(status)) {
			return false;
		}
		for (String line : java.nio.file.Files.readAllLines(status)) {
			if (line.startsWith("SigIgn:")) {
				// Bit n - 1 stands for signal n; SIGINT is 2.
				return (Long.parseLong(line.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0;
			}
		}
		return false;
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aProcessEndedWhileAStepWaitsToRetryNumbersTheStepOnceInTheLineAndTheDocument(TestDatabase db)
			throws Exception {
		Revisions revisions = Revisions.in(this.directory.resolve("revisions"));
		revisions.write("ae1027a6acf3", "", "quick", "SELECT 1;", null);
		revisions.write("1975ea83b712", "ae1027a6acf3", "blocked", "ALTER TABLE quick ADD COLUMN note text;", null);
		java.nio.file.Files.writeString(this.directory.resolve("retort.properties"),
				"retort.ddl.lock-timeout=100ms\nretort.ddl.retries=20\n");
		File out = this.directory.resolve("out.txt").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			statement.execute("CREATE TABLE quick (id int)");
			blocker.setAutoCommit(false);
			// Held until the end: every try of the second revision waits out its lock_timeout and is retried.
			statement.execute("LOCK TABLE quick IN ACCESS SHARE MODE");
			endWhen(db, "the step was never retried three times",
					() -> java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8).contains("retry 3 of 20"),
					"--config", "retort.properties", "--format", "json", "upgrade");
		}
		// The second revision is step 2 however often it started (not step 5 after three retries), and
		// it has run since its first try: three lock timeouts of 100 ms and backoffs of 100 and 200 ms by the
		// third retry, where the last try alone is under 500 ms (its timeout and a backoff of 400 ms).
		java.util.regex.Pattern interrupted = java.util.regex.Pattern.compile(
				"(?i:interrupted) step 2: upgrade ae1027a6acf3 -> 1975ea83b712, blocked after (\\d+) ms; the process is "
						+ "ending");
		for (File file : List.of(err, out)) {
			String text = java.nio.file.Files.readString(file.toPath(), StandardCharsets.UTF_8);
			java.util.regex.Matcher matcher = interrupted.matcher(text);
			assertThat(matcher.find()).as(text).isTrue();
			assertThat(Long.parseLong(matcher.group(1))).as(file.getName()).isGreaterThanOrEqualTo(550);
		}
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aProcessEndedWhileItWaitsForTheLockSaysThatNothingChanged(TestDatabase db) throws Exception {
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "slow", "SELECT pg_sleep(62);",
				null);
		// Another instance migrates, and holds the migration lock, while this one is started and stopped.
		Process holder = cli(db, "holder-out.txt", "holder-err.txt", "upgrade").start();
		File err = this.directory.resolve("err.txt").toFile();
		File out = this.directory.resolve("out.txt").toFile();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!sleeps(db, "SELECT pg_sleep(62)")) {
				assertThat(System.nanoTime() - deadline).as("the other instance never started its step").isNegative();
				Thread.onSpinWait();
			}
			Condition waits = () -> java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8)
				.contains("Waiting for the migration lock");
			Process text = endWhen(db, "it never waited for the lock", waits, "upgrade");
			assertThat(text.exitValue()).isEqualTo(143);
			assertThat(java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8))
				.contains("INTERRUPTED while waiting for the migration lock after ")
				.contains("No revision ran: nothing was changed. 'retort current' shows where the database is.");

			Process json = endWhen(db, "it never waited for the lock", waits, "--format", "json", "upgrade");
			assertThat(json.exitValue()).isEqualTo(143);
			assertThat(java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8))
				.contains("\"message\": \"Interrupted while waiting for the migration lock after ")
				.contains("No revision ran: nothing was changed.");
		}
		finally {
			holder.destroy();
			assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
		}
	}

	/**
	 * Runs the CLI on {@code db} and the directory's revisions until {@code reached} holds, ends it
	 * as Ctrl-C or SIGTERM would, and waits for it; its output is in out.txt and err.txt.
	 */
	private Process endWhen(TestDatabase db, String never, Condition reached, String... args) throws Exception {
		Process process = cli(db, "out.txt", "err.txt", args).start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!reached.holds()) {
				assertThat(System.nanoTime() - deadline).as(never).isNegative();
				Thread.onSpinWait();
			}
		}
		finally {
			process.destroy();
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return process;
	}

	/** The CLI in a process of its own on {@code db} and the directory's revisions, its output to {@code out} and {@code err}. */
	private ProcessBuilder cli(TestDatabase db, String out, String err, String... args) {
		return cliWithPassword(db, db.password(), out, err, args);
	}

	private ProcessBuilder cliWithPassword(TestDatabase db, String password, String out, String err, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Main.class.getName(), "--url", db.jdbcUrl(), "--user",
				db.user(), "--password=" + password, "--location", "revisions"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectOutput(this.directory.resolve(out).toFile())
			.redirectError(this.directory.resolve(err).toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_"));
		return builder;
	}

	/** Whether the server runs {@code sql} now (not this query itself, nor one of a session still closing). */
	private static boolean sleeps(TestDatabase db, String sql) {
		return !db.queryStrings("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%" + sql
				+ "%' AND query NOT LIKE '%pg_stat_activity%'").get(0).equals("0");
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws Exception;

	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void aPasswordLiteralOfAFailedRevisionIsMaskedInTheLogAndTheStackTrace(TestDatabase db) throws Exception {
		// The role name left out: PostgreSQL quotes the literal in its syntax error, first when the
		// statements go together (the INFO line of the run one at a time), then when located.
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "roles",
				"CREATE TABLE roles_t (id int);\nALTER ROLE PASSWORD 'pw-S3cret!';", null);
		Process process = cli(db, "out.txt", "err.txt", "-vv", "upgrade").start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		String err = java.nio.file.Files.readString(this.directory.resolve("err.txt"), StandardCharsets.UTF_8);
		assertThat(err).contains("running it again one statement at a time", "in statement: ALTER ROLE PASSWORD '***'",
				"syntax error at or near \"'***'\"", "Caused by: ")
			.doesNotContain("pw-S3cret");
		assertThat(db.queryStrings("SELECT error FROM retort_history")).singleElement().asString()
			.doesNotContain("pw-S3cret");
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void thePasswordTheRunConnectsWithIsMaskedWhereAFailedRevisionQuotesIt(TestDatabase db) throws Exception {
		// A bare literal, no PASSWORD keyword before it: PostgreSQL quotes it in its message, which
		// Retort reformats ([SQLSTATE …] added, Position: dropped) before it reaches the log, the
		// ERROR line, the JSON and retort_history.error. The test server trusts every login, so the
		// password is given but never checked.
		for (String password : new String[] { "Sekr3t-PW-9x", "p@ss:w/rd%20?&=;" }) {
			Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "cast",
					"SELECT 1;\nSELECT '" + password + "'::int;", null);
			Process process = cliWithPassword(db, password, "out.txt", "err.txt", "-vv", "upgrade").start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
			String err = java.nio.file.Files.readString(this.directory.resolve("err.txt"), StandardCharsets.UTF_8);
			// Masked as a word: the quotes around it stay.
			assertThat(err).as(password)
				.contains("failed and was rolled back (ERROR: invalid input syntax for type integer: \"***\"); running it"
						+ " again one statement at a time", "invalid input syntax for type integer: \"***\" [SQLSTATE 22P02]",
						"in statement: SELECT '***'::int", "Caused by: ")
				.doesNotContain(password, java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
			process = cliWithPassword(db, password, "out.json", "err.txt", "--format", "json", "upgrade").start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isEqualTo(1);
			assertThat(java.nio.file.Files.readString(this.directory.resolve("out.json"), StandardCharsets.UTF_8))
				.as(password)
				.contains("integer: \\\"***\\\" [SQLSTATE 22P02]", "in statement: SELECT '***'::int")
				.doesNotContain(password);
		}
		assertThat(db.queryStrings("SELECT error FROM retort_history")).hasSize(4)
			.allSatisfy((error) -> assertThat(error).contains("integer: \"***\" [SQLSTATE 22P02]")
				.doesNotContain("Sekr3t-PW-9x", "p@ss:w/rd"));
	}

	@Test
	@ExtendWith(PostgresExtension.class)
	void thePasswordTheRunConnectsWithIsMaskedInTheQueryOfASessionThatBlocksARevision(TestDatabase db)
			throws Exception {
		// Another session's last query, as pg_stat_activity shows it, holds the password as a bare
		// literal: quoted in the WARN line of each retry, the ERROR line and the JSON.
		db.execute("CREATE TABLE users (id int)");
		Revisions.in(this.directory.resolve("revisions")).write("ae1027a6acf3", "", "alter users",
				"ALTER TABLE users ADD COLUMN name text;", null);
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE users");
			statement.execute("SELECT 'Sekr3t-PW-9x', 'p@ss:w/rd%20?&=;'");
			for (String password : new String[] { "Sekr3t-PW-9x", "p@ss:w/rd%20?&=;" }) {
				for (String[] args : new String[][] { { "upgrade" }, { "--format", "json", "upgrade" } }) {
					ProcessBuilder builder = cliWithPassword(db, password, "out.txt", "err.txt", args);
					builder.environment().put("RETORT_DDL_LOCK_TIMEOUT", "200ms");
					builder.environment().put("RETORT_DDL_RETRIES", "1");
					Process process = builder.start();
					assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
					assertThat(process.exitValue()).isEqualTo(1);
					String output = java.nio.file.Files.readString(this.directory.resolve("err.txt"),
							StandardCharsets.UTF_8)
							+ java.nio.file.Files.readString(this.directory.resolve("out.txt"), StandardCharsets.UTF_8);
					assertThat(output).as(password + " " + String.join(" ", args))
						.contains("blocked at the last try by:", "idle in transaction", "'***'")
						.doesNotContain(password, java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
					if (args.length == 1) {
						assertThat(output).contains("WARN ", "retry 1 of 1", "blocked by:");
					}
				}
			}
			blocker.rollback();
		}
	}

	@Test
	void debugLogsAndStackTracesOfAnUnreachableDatabaseHideThePassword() throws Exception {
		Run run = java("--url", "postgresql://app:pw-4f9d2c@127.0.0.1:1/coffee", "-vv", "current");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).containsPattern("(?m)^(INFO|DEBUG) \\w+ - ")
			.contains("ERROR: Could not connect to", "at dev.retort")
			.doesNotContain("pw-4f9d2c");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void aPasswordAskedForIsPromptedOnStandardErrorSoStandardOutputKeepsOnlyResults() throws Exception {
		// Standard input is not a terminal here, as in 'retort upgrade --sql --password > upgrade.sql'
		// run from a script: the prompt must not land in the results, and the password never shows.
		Run run = javaWithInput("pw-typed-7c1\n", "--url", "postgresql://app@127.0.0.1:1/coffee", "--password",
				"--format", "json", "current");
		assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
		// Standard output holds the failure's JSON document alone: no prompt, no password.
		assertThat(run.out()).startsWith("{\n  \"error\": {\n    \"code\": \"CONNECTION_FAILED\"")
			.doesNotContain("Database password")
			.doesNotContain("pw-typed-7c1");
		assertThat(run.err()).startsWith("Database password: ")
			.contains("ERROR: Could not connect to")
			.doesNotContain("pw-typed-7c1");
	}

	@Test
	void aPasswordAskedForWithNothingOnStandardInputIsAUsageError() throws Exception {
		Run run = javaWithInput("", "--url", "postgresql://app@127.0.0.1:1/coffee", "current", "--password");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).contains("ERROR: --password without a value asks for the password, but standard input has none");
	}

	private Run java(String... args) throws IOException, InterruptedException {
		return javaWithInput(null, args);
	}

	private Run javaWithInput(String input, String... args) throws IOException, InterruptedException {
		return javaWithInput(input, java.util.Map.of(), args);
	}

	private Run javaWithEnvironment(java.util.Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return javaWithInput(null, environment, args);
	}

	private Run javaWithInput(String input, java.util.Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Main.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.directory.toFile());
		File out = this.directory.resolve("out.txt").toFile();
		File err = this.directory.resolve("err.txt").toFile();
		builder.redirectOutput(out).redirectError(err);
		if (input != null) {
			Path in = this.directory.resolve("in.txt");
			java.nio.file.Files.writeString(in, input, StandardCharsets.UTF_8);
			builder.redirectInput(in.toFile());
		}
		builder.environment().keySet().removeIf((name) -> name.startsWith("RETORT_") || name.startsWith("SPRING_")
				|| name.equals("DATABASE_URL"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
				java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String out, String err) {
	}

}
