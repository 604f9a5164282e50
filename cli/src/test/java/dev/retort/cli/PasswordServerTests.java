package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PasswordServer;
import dev.retort.testing.PasswordServer.Login;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line against a server that asks for a password ({@link PasswordServer}): every
 * way of giving one, wrong and right, at the highest verbosity and in JSON, never prints it, and
 * a refusal says what to do.
 */
class PasswordServerTests {

	private static final String PASSWORD = "B4nk-S3cr3t!";

	private static final String WRONG = "Wr0ng-B4nk!";

	@TempDir
	Path project;

	private Login login;

	@BeforeEach
	void project() {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions"))
			.write("ae1027a6acf3", "", "create ledger", "CREATE TABLE ledger (id int);", "DROP TABLE ledger;");
		this.login = PasswordServer.login("scram_", PASSWORD);
	}

	/** Each way the command line takes a password, as the arguments and environment of one run. */
	private Map<String, Function<String, CliRun.Result>> waysToGive(String password, String... command) {
		Login at = this.login;
		String encoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
		String userInfoUrl = "postgresql://" + at.role() + ":" + encoded + "@" + at.server().host() + ":"
				+ at.server().port() + "/" + at.role();
		Map<String, Function<String, CliRun.Result>> ways = new LinkedHashMap<>();
		ways.put("--url user:password@", (ignored) -> run(CliRun.in(this.project), "--url", userInfoUrl, command));
		ways.put("--url ?password=", (ignored) -> run(CliRun.in(this.project), "--url",
				at.jdbcUrl() + "?user=" + at.role() + "&password=" + encoded, command));
		ways.put("--password", (ignored) -> run(CliRun.in(this.project), "--url", at.jdbcUrl(), command, "--user",
				at.role(), "--password", password));
		ways.put("DATABASE_URL", (ignored) -> run(CliRun.in(this.project).env("DATABASE_URL", userInfoUrl), null,
				null, command));
		ways.put("SPRING_DATASOURCE_PASSWORD", (ignored) -> run(CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", at.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", at.role())
			.env("SPRING_DATASOURCE_PASSWORD", password), null, null, command));
		ways.put("RETORT_PASSWORD", (ignored) -> run(CliRun.in(this.project)
			.env("RETORT_URL", at.jdbcUrl())
			.env("RETORT_USER", at.role())
			.env("RETORT_PASSWORD", password), null, null, command));
		ways.put("--config", (ignored) -> {
			Path config = this.project.resolve("application.yml");
			try {
				Files.writeString(config, "spring:\n  datasource:\n    url: " + at.jdbcUrl() + "\n    username: "
						+ at.role() + "\n    password: \"" + password + "\"\n");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return run(CliRun.in(this.project), "--config", config.toString(), command);
		});
		return ways;
	}

	private static CliRun.Result run(CliRun cli, String option, String value, String[] command, String... more) {
		java.util.List<String> args = new java.util.ArrayList<>();
		if (option != null) {
			args.add(option);
			args.add(value);
		}
		args.addAll(java.util.List.of(command));
		args.addAll(java.util.List.of(more));
		return cli.run(args.toArray(String[]::new));
	}

	@Test
	void aWrongPasswordGivenAnyWayIsRefusedWithAdviceAndNeverPrinted() {
		waysToGive(WRONG, "-vv", "--format", "json", "current").forEach((way, run) -> {
			CliRun.Result result = run.apply(way);
			assertThat(result.exitCode()).as(way).isEqualTo(1);
			assertThat(result.err()).as(way)
				.contains("FATAL: password authentication failed for user \"" + this.login.role() + "\"",
						"The server is running but refused the user and password: check both");
			assertThat(result.out()).as(way).contains("\"code\": \"CONNECTION_FAILED\"");
			assertThat(result.toString()).as(way).doesNotContain("Wr0ng-B4nk", "Wr0ng", "B4nk");
		});
	}

	@Test
	void aRefusedConnectionSaysWhereEachSettingCameFromAndNeverItsValue() {
		String fromUrl = "the URL from --url; the user from the URL of --url; the password from the URL of --url.";
		Map<String, String> sources = Map.of("--url user:password@", fromUrl, "--url ?password=", fromUrl,
				"--password", "the URL from --url; the user from --user; the password from --password.",
				"DATABASE_URL", "the URL from environment variable DATABASE_URL; the user from the URL of environment"
						+ " variable DATABASE_URL; the password from the URL of environment variable DATABASE_URL.",
				"SPRING_DATASOURCE_PASSWORD", "the URL from environment variable SPRING_DATASOURCE_URL; the user from"
						+ " environment variable SPRING_DATASOURCE_USERNAME; the password from environment variable"
						+ " SPRING_DATASOURCE_PASSWORD.",
				"RETORT_PASSWORD", "the URL from environment variable RETORT_URL; the user from environment variable"
						+ " RETORT_USER; the password from environment variable RETORT_PASSWORD.",
				"--config", "the URL from spring.datasource.url in application.yml; the user from"
						+ " spring.datasource.username in application.yml; the password from spring.datasource.password"
						+ " in application.yml.");
		waysToGive(WRONG, "--format", "json", "current").forEach((way, run) -> {
			CliRun.Result result = run.apply(way);
			assertThat(result.exitCode()).as(way).isEqualTo(1);
			assertThat(result.err()).as(way).contains("Connection settings used: " + sources.get(way) + "\n");
			assertThat(result.out()).as(way).contains("Connection settings used: " + sources.get(way) + "\"");
			assertThat(result.toString()).as(way).doesNotContain("Wr0ng", "B4nk");
		});
	}

	@Test
	void aRefusedConnectionOfAProfileNamesTheProfilesDocumentAndThePlaceholder() throws IOException {
		Path resources = this.project.resolve("src/main/resources");
		Files.writeString(resources.resolve("application.yml"), "spring:\n  datasource:\n    url: "
				+ this.login.jdbcUrl() + "\n    username: app\n    password: app-password\n---\nspring:\n  config:\n"
				+ "    activate:\n      on-profile: prod\nretort:\n  url: " + this.login.jdbcUrl() + "\n  user: "
				+ this.login.role() + "\n  password: ${DDL_PASSWORD}\n");
		CliRun.Result result = CliRun.in(this.project).env("DDL_PASSWORD", WRONG).run("upgrade", "--profile", "prod");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("password authentication failed", "Connection settings used: the URL from"
				+ " retort.url in application.yml (document 2, on-profile prod); the user from retort.user in"
				+ " application.yml (document 2, on-profile prod); the password from retort.password in"
				+ " application.yml (document 2, on-profile prod), as ${DDL_PASSWORD}.\n");
		assertThat(result.toString()).doesNotContain("Wr0ng", "app-password");
	}

	@Test
	void theRightPasswordGivenAnyWayMigratesAndIsNeverPrinted() {
		Map<String, Function<String, CliRun.Result>> ways = waysToGive(PASSWORD, "-vv", "--format", "json", "upgrade");
		ways.forEach((way, run) -> {
			CliRun.Result result = run.apply(way);
			assertThat(result.exitCode()).as(way + ": " + result).isZero();
			assertThat(result.toString()).as(way).doesNotContain("B4nk");
		});
		for (String[] command : new String[][] { { "-vv", "current", "--verbose" }, { "-vv", "--format", "json",
				"history", "--verbose" }, { "-vv", "stamp", "ae1027a6acf3", "--sql" } }) {
			waysToGive(PASSWORD, command).forEach((way, run) -> {
				CliRun.Result result = run.apply(way);
				assertThat(result.exitCode()).as(way + " " + String.join(" ", command) + ": " + result).isZero();
				assertThat(result.toString()).as(way + " " + String.join(" ", command)).doesNotContain("B4nk");
			});
		}
		assertThat(new TestDatabase(this.login.server(), this.login.role())
			.queryStrings("SELECT h::text FROM retort_history h")).hasSize(1)
			.allSatisfy((row) -> assertThat(row).contains(this.login.role()).doesNotContain("B4nk"));
	}

	@Test
	void aWrongPasswordOfThePasswordFileIsSaidToComeFromIt() throws IOException {
		// No layer gives a password: pgjdbc sent the password file's, as psql would have.
		Path passwordFile = this.project.resolve("pgpass");
		Files.writeString(passwordFile, "*:*:*:" + this.login.role() + ":" + WRONG + "\n");
		System.setProperty("org.postgresql.pgpassfile", passwordFile.toString());
		try {
			CliRun.Result result = CliRun.in(this.project)
				.run("--url", this.login.jdbcUrl(), "--user", this.login.role(), "-vv", "current");
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.err()).contains("password authentication failed", "Connection settings used: the URL"
					+ " from --url; the user from --user; no password, so pgjdbc sent the one of ~/.pgpass (or of the"
					+ " file PGPASSFILE names) for this host, port, database and user, which the server refused: fix"
					+ " that line, or give the password (--password, RETORT_PASSWORD).")
				.doesNotContain("Wr0ng", "B4nk");
			Files.writeString(passwordFile, "*:*:*:" + this.login.role() + ":" + PASSWORD + "\n");
			CliRun.Result fixed = CliRun.in(this.project)
				.run("--url", this.login.jdbcUrl(), "--user", this.login.role(), "current");
			assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
		}
		finally {
			System.clearProperty("org.postgresql.pgpassfile");
		}
	}

	@Test
	void noPasswordSaysHowToGiveOneAtOnce() {
		CliRun.Result result = CliRun.in(this.project)
			.env("PGPASSWORD", PASSWORD)
			.env("RETORT_CONNECT_RETRIES", "3")
			.env("RETORT_CONNECT_RETRIES_INTERVAL", "1m")
			.run("--url", this.login.jdbcUrl(), "--user", this.login.role(), "current");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err())
			.contains("The server requested SCRAM-based authentication, but no password was provided",
					"PGPASSWORD is not read", "Give the password with --password", "Connection settings used: the URL"
							+ " from --url; the user from --user; no password (pgjdbc then reads ~/.pgpass, or the file"
							+ " PGPASSFILE names).")
			.doesNotContain("retry 1 of 3", "B4nk");
	}

}
