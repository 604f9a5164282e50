package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration guide's workflow, end to end, as a developer types it in a project: no options
 * at all, the database coming from {@code application.yml} and the environment.
 */
@ExtendWith(PostgresExtension.class)
class MigrationGuideWorkflowTests {

	private static final Pattern GENERATED = Pattern.compile("Generated (?:merge )?revision (\\w+): (.+)\\n");

	@TempDir
	Path project;

	@Test
	void aNewProjectBeforeInitIsToldToRunInitNotThatItIsNoProject(TestDatabase db) throws IOException {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		write("src/main/resources/application.yml", """
				spring:
				  datasource:
				    url: ${DB_URL}
				    username: ${DB_USER}
				""");
		CliRun cli = CliRun.in(this.project).env("DB_URL", db.jdbcUrl()).env("DB_USER", db.user())
			.env("RETORT_PASSWORD", db.password());
		String note = "No revision files found: this project has none yet in src/main/resources/db/revisions (read as "
				+ "classpath:db/revisions). Create the directory and its template with 'retort init', then write the first"
				+ " revision with 'retort revision -m \"create the first tables\"'.\n";

		CliRun.Result current = ok(cli.run("current"));
		assertThat(current.err()).startsWith(note).contains("No revision applied").doesNotContain("this is not one");

		CliRun.Result revision = cli.run("revision", "-m", "create coffee logs");
		assertThat(revision.exitCode()).as(revision.toString()).isEqualTo(2);
		assertThat(revision.err()).isEqualTo("ERROR: This project has no revisions directory yet "
				+ "(src/main/resources/db/revisions): create it and the template new revisions are written from with "
				+ "'retort init', then run this command again. Nothing was written.\n");
		assertThat(this.project.resolve("src/main/resources/db")).doesNotExist();

		ok(cli.run("init"));
		CliRun.Result written = ok(cli.run("revision", "-m", "create coffee logs"));
		assertThat(written.out()).startsWith("Generated revision ");
		assertThat(ok(cli.run("current")).err()).doesNotContain("No revision files found");
	}

	@Test
	void filesInFlywaysFolderAreNamedWhereTheRevisionsAreLookedFor(TestDatabase db) throws IOException {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		write("src/main/resources/application.yml", """
				spring:
				  datasource:
				    url: ${DB_URL}
				    username: ${DB_USER}
				""");
		write("src/main/resources/db/migration/V1__create_books.sql", "CREATE TABLE books (id int);\n");
		CliRun cli = CliRun.in(this.project).env("DB_URL", db.jdbcUrl()).env("DB_USER", db.user())
			.env("RETORT_PASSWORD", db.password());

		CliRun.Result upgrade = ok(cli.run("upgrade"));
		assertThat(upgrade.err()).startsWith("No revision files found: this project has none yet in "
				+ "src/main/resources/db/revisions (read as classpath:db/revisions). src/main/resources/db/migration holds"
				+ " 1 .sql file(s), Flyway's default location, which retort does not read: put revision files in"
				+ " src/main/resources/db/revisions ('retort init' creates it; a Flyway V<n>__<description>.sql is"
				+ " converted first, see 'Coming from Flyway' in docs/spring-boot.md), or set 'retort.locations:"
				+ " classpath:db/migration' if they are Retort revisions.\n");
		assertThat(db.tableExists("books")).isFalse();
	}

	@Test
	void aMisspeltLocationBesideTheRevisionsNamesThemRatherThanSayingToInitAnother(TestDatabase db) throws IOException {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		write("src/main/resources/application.yml", """
				spring:
				  datasource:
				    url: ${DB_URL}
				    username: ${DB_USER}
				retort:
				  locations: classpath:db/revision
				""");
		CliRun cli = CliRun.in(this.project).env("DB_URL", db.jdbcUrl()).env("DB_USER", db.user())
			.env("RETORT_PASSWORD", db.password());
		ok(cli.run("init", "src/main/resources/db/revisions"));
		ok(cli.run("revision", "-m", "create books", "--location", "src/main/resources/db/revisions"));

		CliRun.Result upgrade = ok(cli.run("upgrade"));
		assertThat(upgrade.err()).startsWith("No revision files found: this project has none yet in "
				+ "src/main/resources/db/revision (read as classpath:db/revision). src/main/resources/db/revisions holds"
				+ " 1 .sql file(s), the default location, which the configured one leaves out: fix the location"
				+ " ('retort.locations' in application.yml or application.properties, RETORT_LOCATIONS or --location), or"
				+ " remove it to read classpath:db/revisions.\n");
		assertThat(this.project.resolve("src/main/resources/db/revision")).doesNotExist();
	}

	@Test
	void aSpringResourceStringAsALocationIsRefusedNamingWhereItWasSetAndRetortsForm(TestDatabase db) throws IOException {
		// Written as for spring.sql.init or Liquibase, it was read as a folder of that name:
		// "'filesystem:/…/file:/srv/revisions' does not exist … Create it (retort init /…/file:/srv/revisions)".
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		String dataSource = """
				spring:
				  datasource:
				    url: ${DB_URL}
				    username: ${DB_USER}
				""";
		write("src/main/resources/application.yml", dataSource);
		CliRun cli = CliRun.in(this.project).env("DB_URL", db.jdbcUrl()).env("DB_USER", db.user())
			.env("RETORT_PASSWORD", db.password());
		ok(cli.run("init"));
		ok(cli.run("revision", "-m", "create books"));

		write("src/main/resources/application.yml", dataSource + "retort:\n  locations: file:/srv/revisions\n");
		CliRun.Result fromFile = cli.run("upgrade");
		assertThat(fromFile.exitCode()).as(fromFile.toString()).isEqualTo(2);
		assertThat(fromFile.err()).isEqualTo("ERROR: Invalid location 'file:/srv/revisions' (retort.locations in "
				+ "application.yml): Use 'filesystem:/srv/revisions': Retort's prefix for a folder on disk ('file:' is "
				+ "Spring's resource prefix, which Retort does not read).\n");

		write("src/main/resources/application.yml", dataSource);
		CliRun.Result fromOption = cli.run("upgrade", "--location", "classpath:db/revisions/*.sql");
		assertThat(fromOption.exitCode()).as(fromOption.toString()).isEqualTo(2);
		assertThat(fromOption.err()).startsWith("ERROR: Invalid location 'classpath:db/revisions/*.sql' (--location): "
				+ "Name the folder, as 'classpath:db/revisions': a location is a folder, not a pattern");

		CliRun.Result fromEnvironment = cli.env("RETORT_LOCATIONS", "classpath*:db/revisions").run("upgrade");
		assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isEqualTo(2);
		assertThat(fromEnvironment.err()).startsWith("ERROR: Invalid location 'classpath*:db/revisions' (environment "
				+ "variable RETORT_LOCATIONS): Use 'classpath:db/revisions': it reads the folder in every class path root");

		assertThat(db.tableExists("retort_version")).isFalse();
		ok(cli.env("RETORT_LOCATIONS", "classpath:db/revisions").run("upgrade"));
		assertThat(db.tableExists("retort_version")).isTrue();
	}

	@Test
	void fromInitToMergedBranchesAndAnOfflineScript(TestDatabase db, TestDatabase empty)
			throws IOException, InterruptedException {
		Files.writeString(this.project.resolve("pom.xml"), "<project/>\n");
		write("src/main/resources/application.yml", """
				spring:
				  datasource:
				    url: ${DB_URL:jdbc:postgresql://localhost:5432/coffee}
				    username: ${DB_USER:coffee}
				    password: ${DB_PASSWORD:}
				""");
		CliRun cli = CliRun.in(this.project).env("DB_URL", db.jdbcUrl()).env("DB_USER", db.user())
			.env("DB_PASSWORD", db.password());

		// alembic init
		CliRun.Result init = ok(cli.run("init"));
		assertThat(init.out()).startsWith("Created src/main/resources/db/revisions\n");
		assertThat(this.project.resolve("src/main/resources/db/revisions")).isDirectory();

		// alembic revision -m "create coffee logs"; fill it in; alembic upgrade head
		String create = revision(cli, "CREATE TABLE coffee_logs (id serial PRIMARY KEY, coffee_type text);",
				"DROP TABLE coffee_logs;", "revision", "-m", "create coffee logs");
		CliRun.Result first = ok(cli.run("upgrade", "head"));
		assertThat(first.err()).contains("Running upgrade <base> -> " + create + ", create coffee logs (");
		assertThat(ok(cli.run("current")).out()).isEqualTo(create + " (head)\n");
		assertThat(ok(cli.run("history")).out()).isEqualTo("<base> -> " + create + " (head), create coffee logs\n");

		// a second revision, upgrade, downgrade -1, upgrade again
		String user = revision(cli, "ALTER TABLE coffee_logs ADD COLUMN user_id integer;",
				"ALTER TABLE coffee_logs DROP COLUMN user_id;", "revision", "-m", "add user column");
		ok(cli.run("upgrade"));
		assertThat(ok(cli.run("current")).out()).isEqualTo(user + " (head)\n");
		CliRun.Result down = ok(cli.run("downgrade", "-1"));
		assertThat(down.err()).contains("Running downgrade " + user + " -> " + create + ", add user column (");
		assertThat(ok(cli.run("current")).out()).isEqualTo(create + "\n");
		ok(cli.run("upgrade"));

		// two developers branch from the same parent: two heads
		String price = revision(cli, "ALTER TABLE coffee_logs ADD COLUMN price numeric(6, 2);",
				"ALTER TABLE coffee_logs DROP COLUMN price;", "revision", "-m", "add price", "--head", user, "--splice");
		String origin = revision(cli, "ALTER TABLE coffee_logs ADD COLUMN origin text;",
				"ALTER TABLE coffee_logs DROP COLUMN origin;", "revision", "-m", "add origin", "--head", user,
				"--splice");
		assertThat(ok(cli.run("heads")).out().lines().toList()).containsExactlyInAnyOrder(price + " (head)",
				origin + " (head)");
		CliRun.Result multiple = cli.run("upgrade", "head");
		assertThat(multiple.exitCode()).isEqualTo(2);
		assertThat(multiple.err()).startsWith("ERROR: Multiple heads are present (").contains(price, origin,
				"retort merge -m \"merge\"");

		// alembic merge heads; upgrade head
		String merge = revision(cli, null, null, "merge", "-m", "merge price and origin", "heads");
		assertThat(ok(cli.run("heads")).out()).isEqualTo(merge + " (head)\n");
		CliRun.Result merged = ok(cli.run("upgrade", "head"));
		assertThat(merged.err().lines()).hasSize(3);
		assertThat(ok(cli.run("current")).out()).isEqualTo(merge + " (head) (mergepoint)\n");
		assertThat(ok(cli.run("history", "--graph")).out()).startsWith("*   " + merge + " (head) (mergepoint)")
			.contains("|\\\n", "|/\n");

		// alembic stamp: move the version without running anything
		ok(cli.run("stamp", user));
		assertThat(ok(cli.run("current")).out()).isEqualTo(user + " (branchpoint)\n");
		ok(cli.run("stamp", "heads"));
		assertThat(ok(cli.run("current")).out()).isEqualTo(merge + " (head) (mergepoint)\n");

		// alembic upgrade head --sql, run on an empty database: the same version
		CliRun offline = CliRun.in(this.project).env("DB_URL", empty.jdbcUrl()).env("DB_USER", empty.user())
			.env("DB_PASSWORD", empty.password());
		CliRun.Result sql = ok(offline.run("upgrade", "head", "--sql"));
		// Written from base without connecting, as Alembic's; the configured database only earns a note.
		assertThat(sql.err()).isEqualTo("This script starts at base: --sql does not read the database, though one is"
				+ " configured, and on a database that holds a revision of the branches it writes it stops before"
				+ " anything runs. To start where the database stands, write 'retort upgrade current:head --sql' (it"
				+ " only reads the database).\n");
		runScript(empty, sql.out());
		assertThat(empty.queryStrings("SELECT version_num FROM retort_version")).containsExactly(merge);
		assertThat(empty.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = "
				+ "'coffee_logs' ORDER BY column_name")).containsExactly("coffee_type", "id", "origin", "price",
						"user_id");
		assertThat(ok(offline.run("current")).out()).isEqualTo(merge + " (head) (mergepoint)\n");
		assertThat(ok(offline.run("validate")).out()).isEqualTo("No problems found.\n");
	}

	/** Runs {@code retort revision} (or merge), then fills in the file as the developer would. */
	private String revision(CliRun cli, String upgrade, String downgrade, String... args) throws IOException {
		CliRun.Result result = ok(cli.run(args));
		Matcher matcher = GENERATED.matcher(result.out());
		assertThat(matcher.matches()).as(result.out()).isTrue();
		Path file = this.project.resolve(matcher.group(2));
		assertThat(file).exists();
		if (upgrade != null) {
			String text = Files.readString(file);
			assertThat(text).contains("-- +upgrade\n", "-- +downgrade\n");
			Files.writeString(file, text.replace("-- +upgrade\n", "-- +upgrade\n" + upgrade + "\n")
				.replace("-- +downgrade\n", "-- +downgrade\n" + downgrade + "\n"));
		}
		return matcher.group(1);
	}

	/** With psql when it is on the PATH (as an operator would), else through JDBC. */
	private static void runScript(TestDatabase database, String script) throws IOException, InterruptedException {
		Path file = Files.createTempFile("retort-upgrade", ".sql");
		Files.writeString(file, script);
		if (onPath("psql")) {
			List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
					database.server().host(), "-p", String.valueOf(database.server().port()), "-U", database.user(),
					"-d", database.name(), "-f", file.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("PGPASSWORD", database.password());
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
		}
		else {
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				// Another tool than psql reads no meta-command ('\set ON_ERROR_STOP on').
				statement.execute(script.lines().filter((line) -> !line.startsWith("\\"))
					.collect(java.util.stream.Collectors.joining("\n")));
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
		Files.delete(file);
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

	private static CliRun.Result ok(CliRun.Result result) {
		assertThat(result.exitCode()).as(result.toString()).isZero();
		return result;
	}

	private void write(String path, String content) throws IOException {
		Path file = this.project.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
