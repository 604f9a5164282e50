package dev.retort.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Configuration precedence: options > environment > configuration file > defaults. */
class ConfigResolverTests {

	@TempDir
	Path project;

	@Test
	void optionsBeatEnvironmentBeatsFileBeatsDefaults() throws IOException {
		write("src/main/resources/application.yml", """
				spring:
				  datasource:
				    url: jdbc:postgresql://file-host:5432/app
				    username: file_user
				    password: file_pw
				retort:
				  schema: file_schema
				  version-table: file_version
				  history-table: file_history
				""");
		CliRun run = CliRun.in(this.project).env("RETORT_SCHEMA", "env_schema").env("RETORT_VERSION_TABLE", "env_version");
		RetortConfig config = resolve(run, "current", "--schema", "option_schema");
		assertThat(config.schema()).isEqualTo("option_schema");
		assertThat(config.versionTable()).isEqualTo("env_version");
		assertThat(config.historyTable()).isEqualTo("file_history");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://file-host:5432/app");
		assertThat(config.user()).isEqualTo("file_user");
		assertThat(config.password()).isEqualTo("file_pw");
		assertThat(config.lockWaitTimeout()).isEqualTo(RetortConfig.DEFAULT_LOCK_WAIT_TIMEOUT);
	}

	@Test
	void globalOptionsAreAcceptedBeforeAndAfterTheCommand() {
		RetortConfig before = resolve(CliRun.in(this.project), "--url", "jdbc:postgresql://a/db", "--schema", "s1",
				"current");
		RetortConfig after = resolve(CliRun.in(this.project), "current", "--url", "jdbc:postgresql://a/db",
				"--schema", "s1");
		assertThat(before.url()).isEqualTo(after.url()).isEqualTo("jdbc:postgresql://a/db");
		assertThat(before.schema()).isEqualTo(after.schema()).isEqualTo("s1");
	}

	@Test
	void databaseUrlInPsqlFormGivesJdbcUrlUserAndPassword() {
		RetortConfig config = resolve(CliRun.in(this.project).env("DATABASE_URL",
				"postgresql://app:s%40cret@db.example.com:6543/coffee?sslmode=require"), "current");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://db.example.com:6543/coffee?sslmode=require");
		assertThat(config.user()).isEqualTo("app");
		assertThat(config.password()).isEqualTo("s@cret");
	}

	@Test
	void urlOptionAcceptsThePsqlFormToo() {
		RetortConfig config = resolve(CliRun.in(this.project), "current", "--url", "postgres://ops:pw@localhost/app");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://localhost/app");
		assertThat(config.user()).isEqualTo("ops");
		assertThat(config.password()).isEqualTo("pw");
	}

	@Test
	void credentialsInTheJdbcUrlQueryAreTakenOutOfIt() {
		RetortConfig config = resolve(CliRun.in(this.project), "current", "--url",
				"jdbc:postgresql://db:5432/app?user=ops&sslmode=require&password=p%26w");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
		assertThat(config.user()).isEqualTo("ops");
		assertThat(config.password()).isEqualTo("p&w");
	}

	@Test
	void aPortThatIsNoNumberIsBadInputNamingWhereTheUrlCameFrom() {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project).env("DATABASE_URL",
					"postgresql://app:hunter2@db:notaport/coffee"), "current"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.withMessageContaining("port 'notaport' is not a port number")
			.withMessageContaining("DATABASE_URL")
			.withMessageNotContaining("hunter2");
		// Failover hosts and IPv6 addresses keep working.
		assertThat(resolve(CliRun.in(this.project), "current", "--url", "jdbc:postgresql://h1:5432,[::1]:5433/app").url())
			.isEqualTo("jdbc:postgresql://h1:5432,[::1]:5433/app");
	}

	@Test
	void aBrokenEscapeInThePasswordIsBadInputThatDoesNotQuoteIt() {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url", "postgresql://app:pa%ZZss@db/coffee"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.withMessageContaining("write '%' itself as %25")
			.withMessageNotContaining("pa%ZZss")
			.withMessageNotContaining("ZZ");
	}

	@Test
	void aUrlThatCannotBeParsedQuotesNoPartOfAPasswordWithAQuoteAnAtOrAnAmpersand() {
		// The raw password is Wr0ng@pw:%&q'x: its '%' is no escape, so the URL cannot be parsed and
		// the message quotes it; the mask ended at the quote or at the first '@', and showed the rest.
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url",
					"postgresql://app:Wr0ng@pw:%&q'x@db:5432/coffee"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.withMessageContaining("'postgresql://app:***@db:5432/coffee'")
			.withMessageNotContaining("Wr0ng")
			.withMessageNotContaining("pw:%");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url",
					"jdbc:postgresql://db:5432/coffee?user=app&password=Wr0ng@pw:%&q'x"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.withMessageContaining("'jdbc:postgresql://db:5432/coffee?user=app&password=***'")
			.withMessageNotContaining("Wr0ng")
			.withMessageNotContaining("pw:%")
			.withMessageNotContaining("q'x");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url",
					"jdbc:postgresql://db:5432/coffee?sslpassword=k%ey&q&sslmode=require"))
			.withMessageContaining("?sslpassword=***&sslmode=require'")
			.withMessageNotContaining("k%ey");
	}

	@Test
	void explicitUserBeatsTheUserWrittenInTheUrl() {
		RetortConfig config = resolve(CliRun.in(this.project).env("DATABASE_URL", "postgresql://app:pw@h/db"),
				"current", "--user", "migrator");
		assertThat(config.user()).isEqualTo("migrator");
		assertThat(config.password()).isEqualTo("pw");
	}

	@Test
	void springDatasourceVariablesAreRead() {
		RetortConfig config = resolve(CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", "jdbc:postgresql://spring/db")
			.env("SPRING_DATASOURCE_USERNAME", "spring_user")
			.env("SPRING_DATASOURCE_PASSWORD", "spring_pw")
			.env("DATABASE_URL", "postgresql://heroku:pw@heroku/db"), "current");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://spring/db");
		assertThat(config.user()).isEqualTo("spring_user");
		assertThat(config.password()).isEqualTo("spring_pw");
	}

	@Test
	void retortVariablesBeatSpringDatasourceVariables() {
		RetortConfig config = resolve(CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", "jdbc:postgresql://spring/db")
			.env("RETORT_URL", "jdbc:postgresql://retort/db")
			.env("RETORT_USER", "ddl")
			.env("RETORT_LOCATIONS", "db/a,filesystem:/opt/b")
			.env("RETORT_LOCK_WAIT_TIMEOUT", "30s")
			.env("RETORT_TRANSACTION_MODE", "all")
			.env("RETORT_DDL_RETRIES", "2"), "current");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://retort/db");
		assertThat(config.user()).isEqualTo("ddl");
		assertThat(config.locations()).containsExactly("filesystem:" + this.project.resolve("db/a"),
				"filesystem:/opt/b");
		assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(config.transactionMode()).isEqualTo(TransactionMode.ALL);
		assertThat(config.ddlRetries()).isEqualTo(2);
	}

	@Test
	void inAProjectNothingNeedsToBeGiven() throws IOException {
		Files.createDirectories(this.project.resolve("src/main/resources/db/revisions"));
		write("src/main/resources/application.yml", """
				spring.datasource.url: jdbc:postgresql://localhost:5432/coffee
				spring.datasource.username: coffee
				""");
		RetortConfig config = resolve(CliRun.in(this.project), "current");
		assertThat(config.locations())
			.containsExactly("filesystem:" + this.project.resolve("src/main/resources/db/revisions"));
		assertThat(config.url()).isEqualTo("jdbc:postgresql://localhost:5432/coffee");
		assertThat(config.user()).isEqualTo("coffee");
	}

	@Test
	void classpathLocationOfTheConfigFileIsReadFromTheProjectSources() throws IOException {
		Files.createDirectories(this.project.resolve("src/main/resources/db/more"));
		write("src/main/resources/application.properties", "retort.locations=classpath:db/more,classpath:db/absent\n");
		RetortConfig config = resolve(CliRun.in(this.project), "current");
		assertThat(config.locations()).containsExactly(
				"filesystem:" + this.project.resolve("src/main/resources/db/more"), "classpath:db/absent");
	}

	@Test
	void profileDocumentsAndProfileFilesOverrideTheMainDocument() throws IOException {
		write("config/application.yml", """
				retort:
				  schema: base
				  version-table: base_version
				  history-table: base_history
				---
				spring.config.activate.on-profile: prod
				retort:
				  schema: prod_doc
				---
				spring.config.activate.on-profile: "!prod"
				retort:
				  schema: not_prod
				""");
		write("config/application-prod.yml", "retort.version-table: prod_file_version\n");
		RetortConfig prod = resolve(CliRun.in(this.project), "current", "--config", "config/application.yml",
				"--profile", "prod");
		assertThat(prod.schema()).isEqualTo("prod_doc");
		assertThat(prod.versionTable()).isEqualTo("prod_file_version");
		assertThat(prod.historyTable()).isEqualTo("base_history");
		RetortConfig dev = resolve(CliRun.in(this.project), "current", "--config", "config/application.yml");
		assertThat(dev.schema()).isEqualTo("not_prod");
		assertThat(dev.versionTable()).isEqualTo("base_version");
	}

	@Test
	void profileComesFromSpringProfilesActiveWhenNotGiven() throws IOException {
		write("app.properties", "retort.schema=base\n#---\nspring.config.activate.on-profile=staging\nretort.schema=staging\n");
		RetortConfig config = resolve(CliRun.in(this.project).env("SPRING_PROFILES_ACTIVE", "staging"), "current",
				"--config", "app.properties");
		assertThat(config.schema()).isEqualTo("staging");
	}

	@Test
	void placeholdersResolveFromTheEnvironmentOtherPropertiesAndDefaults() throws IOException {
		write("application.yml", """
				db:
				  host: ${DB_HOST:localhost}
				spring:
				  datasource:
				    url: jdbc:postgresql://${db.host}:${DB_PORT:5432}/${DB_NAME}
				    username: ${spring.application.name}
				    password: ${DB_PASSWORD:}
				  application:
				    name: coffee
				retort:
				  schema: ${RETORT_SCHEMA_NAME:${FALLBACK_SCHEMA:app}}
				""");
		RetortConfig config = resolve(CliRun.in(this.project).env("DB_HOST", "db.internal").env("DB_NAME", "cafe"),
				"current", "--config", "application.yml");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://db.internal:5432/cafe");
		assertThat(config.user()).isEqualTo("coffee");
		assertThat(config.password()).isEmpty();
		assertThat(config.schema()).isEqualTo("app");
	}

	@Test
	void unresolvablePlaceholderNamesThePropertyTheFileAndTheFix() throws IOException {
		write("application.yml", "spring.datasource.url: jdbc:postgresql://${DB_HOST}/app\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessage("Could not resolve placeholder '${DB_HOST}' in 'spring.datasource.url' (application.yml): "
					+ "set the environment variable DB_HOST or give a default, as in ${DB_HOST:value}.")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
	}

	@Test
	void unresolvablePlaceholderIsNoProblemWhenAHigherLayerSetsTheProperty() throws IOException {
		write("src/main/resources/application.yml", """
				spring.datasource:
				  url: jdbc:postgresql://localhost/coffee
				  password: ${DB_PASSWORD}
				""");
		RetortConfig config = resolve(CliRun.in(this.project), "current", "--url", "postgresql://ops:pw@prod/coffee");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://prod/coffee");
		assertThat(config.password()).isEqualTo("pw");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url", "jdbc:postgresql://prod/coffee"))
			.withMessageStartingWith("Could not resolve placeholder '${DB_PASSWORD}' in 'spring.datasource.password'");
	}

	@Test
	void relaxedNamesBindLikeSpringBoot() throws IOException {
		write("application.yml", """
				retort:
				  versionTable: camel_version
				  history_table: snake_history
				  LOCK:
				    WAIT-TIMEOUT: 2m
				  javaPackages: [com.example.a, com.example.b]
				""");
		RetortConfig config = resolve(CliRun.in(this.project), "current", "--config", "application.yml");
		assertThat(config.versionTable()).isEqualTo("camel_version");
		assertThat(config.historyTable()).isEqualTo("snake_history");
		assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(config.javaPackages()).containsExactly("com.example.a", "com.example.b");
	}

	@Test
	void invalidValueNamesThePropertyAndWhereItWasSet() throws IOException {
		write("application.yml", "retort.ddl.retries: many\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessage("Invalid value 'many' for 'retort.ddl.retries' (application.yml): expected a whole number.");
	}

	@Test
	void aPasswordWrittenAsAListOrAMappingIsBadInputNotAMissingPassword() throws IOException {
		// Flattened to 'password[0]' or 'password.a', it looked unset: the run went on without one.
		for (String written : java.util.List.of("[s3cret]", "{a: s3cret}")) {
			write("application.yml", "spring.datasource:\n  url: jdbc:postgresql://db/app\n  password: " + written + "\n");
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
				.withMessageStartingWith("'spring.datasource.password' in application.yml is a "
						+ (written.startsWith("[") ? "list" : "mapping"))
				.withMessageNotContaining("s3cret")
				.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
		}
		write("application.yml", "retort.password: {a: s3cret}\nspring.datasource.password: other\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessageStartingWith("'retort.password' in application.yml is a mapping");
	}

	@Test
	void aBinaryValueIsBadInputNamingTheFileAndTheProperty() throws IOException {
		write("application.yml", "spring.datasource.password: !!binary czNjcmV0\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessage("'spring.datasource.password' in application.yml is tagged '!!binary': Retort reads text, as"
					+ " Spring Boot does. Write the value as text, without the tag.")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
		write("application.yml", "spring.datasource.password: !!binary s3-cret\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessageStartingWith("Configuration file '" + this.project.resolve("application.yml")
					+ "' is not valid YAML: a '!!binary' value is not base64")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
	}

	@Test
	void aKeySetTwiceInOneMappingIsBadInputAsInSpringBoot() throws IOException {
		write("application.yml", "spring.datasource:\n  username: app\n  url: jdbc:postgresql://db/app\n  username: ops\n");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "application.yml"))
			.withMessage("Configuration file '" + this.project.resolve("application.yml") + "' sets 'username' twice in"
					+ " one mapping (line 4): Spring Boot refuses such a file too. Keep one of them.")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
	}

	@Test
	void anIpv6AddressWithoutItsClosingBracketIsBadInput() {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--url", "postgresql://u:hunter2@[::1/bank"))
			.withMessage("Invalid database URL 'postgresql://u:***@[::1/bank' (--url): the IPv6 address '[::1' has no"
					+ " closing ']'; write it in brackets, as [::1]:5432.")
			.satisfies((ex) -> assertThat(ex.exitCode()).isEqualTo(2));
	}

	@Test
	void missingConfigFileIsAConfigurationError() {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> resolve(CliRun.in(this.project), "current", "--config", "nope.yml"))
			.withMessageContaining("Configuration file '" + this.project.resolve("nope.yml") + "' does not exist");
	}

	@Test
	void aPipeIsReadAsTheConfigurationFileInTheFormatItsTextHas() throws Exception {
		// What '--config <(vault read …)' hands over: /dev/fd/63, a pipe with no extension.
		assertThat(resolveFromPipe("""
				spring:
				  datasource:
				    url: jdbc:postgresql://yaml-host:5432/app
				    password: "pipe_pw"
				""").password()).isEqualTo("pipe_pw");
		RetortConfig properties = resolveFromPipe("""
				spring.datasource.url=jdbc:postgresql://properties-host:5432/app
				spring.datasource.password=pipe_pw
				""");
		assertThat(properties.url()).isEqualTo("jdbc:postgresql://properties-host:5432/app");
		assertThat(properties.password()).isEqualTo("pipe_pw");
	}

	@Test
	void aValueThatLooksLikeADateIsReadAsItsText() throws IOException {
		// As Spring Boot reads it: SnakeYAML alone makes it a Date, printed as "Mon Jan 01 00:00:00 UTC 2024".
		write("application.yml", """
				spring:
				  datasource:
				    url: jdbc:postgresql://a/db
				    password: 2024-01-01
				""");
		assertThat(resolve(CliRun.in(this.project), "current", "--config", "application.yml").password())
			.isEqualTo("2024-01-01");
	}

	@Test
	void anEmptyDeviceIsAnEmptyConfiguration() {
		RetortConfig config = resolve(CliRun.in(this.project), "current", "--config", "/dev/null", "--url",
				"jdbc:postgresql://a/db");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://a/db");
	}

	private RetortConfig resolveFromPipe(String text) throws Exception {
		Path pipe = this.project.resolve("pipe-" + System.nanoTime());
		Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
		assertThat(mkfifo.waitFor()).isZero();
		// Opening a pipe for writing waits for its reader: the resolver below.
		Thread writer = new Thread(() -> {
			try {
				Files.writeString(pipe, text);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		writer.start();
		try {
			return resolve(CliRun.in(this.project), "current", "--config", pipe.toString());
		}
		finally {
			writer.join();
		}
	}

	@Test
	void aConfigFileThatIsADirectorySaysSoInsteadOfThatItDoesNotExist() throws IOException {
		Files.createDirectories(this.project.resolve("config"));
		CliRun.Result directory = CliRun.in(this.project).run("current", "--config", "config");
		assertThat(directory.exitCode()).isEqualTo(2);
		assertThat(directory.err()).contains("Configuration file '" + this.project.resolve("config")
				+ "' is a directory, not a regular file; give an application.yml or application.properties to --config.");
	}

	@Test
	void locationOptionsAreResolvedAgainstTheWorkingDirectory() {
		RetortConfig config = resolve(CliRun.in(this.project), "heads", "--location", "db/revisions", "--location",
				"filesystem:other", "--location", "classpath:db/x");
		assertThat(config.locations()).containsExactly("filesystem:" + this.project.resolve("db/revisions"),
				"filesystem:" + this.project.resolve("other"), "classpath:db/x");
	}

	@Test
	void insideAnApplicationOptionsOverrideTheBaseAndTheEnvironmentIsNotReadAgain() {
		RetortConfig base = RetortConfig.builder()
			.url("jdbc:postgresql://app/db")
			.user("app")
			.password("app_pw")
			.schema("app_schema")
			.locations("classpath:db/revisions")
			.build();
		CliRun run = CliRun.in(this.project).base(base).env("RETORT_SCHEMA", "ignored").env("DATABASE_URL",
				"postgresql://x:y@elsewhere/db");
		RetortConfig config = resolve(run, "current", "--schema", "cli_schema");
		assertThat(config.url()).isEqualTo("jdbc:postgresql://app/db");
		assertThat(config.password()).isEqualTo("app_pw");
		assertThat(config.schema()).isEqualTo("cli_schema");
		assertThat(config.locations()).containsExactly("classpath:db/revisions");
	}

	@Test
	void classpathOptionGivesAClassLoaderOverTheEntries() throws IOException {
		Files.createDirectories(this.project.resolve("classes"));
		RetortConfig config = resolve(CliRun.in(this.project), "heads", "--classpath",
				this.project.resolve("classes").toString(), "--java-package", "com.example.db");
		assertThat(config.classLoader()).isInstanceOf(java.net.URLClassLoader.class);
		assertThat(((java.net.URLClassLoader) config.classLoader()).getURLs()).hasSize(1);
		assertThat(config.javaPackages()).containsExactly("com.example.db");
	}

	private RetortConfig resolve(CliRun run, String... args) {
		CommandLine commandLine = RetortCommandLine.commandLine(run.environment(), new Secrets(), false);
		commandLine.parseArgs(args);
		RetortCli cli = commandLine.getCommand();
		return cli.config();
	}

	private void write(String path, String content) throws IOException {
		Path file = this.project.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
