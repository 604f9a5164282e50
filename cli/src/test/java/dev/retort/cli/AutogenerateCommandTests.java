package dev.retort.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code retort check} and {@code retort revision --autogenerate} in a project, against a real database. */
@ExtendWith(PostgresExtension.class)
class AutogenerateCommandTests {

	@TempDir
	Path project;

	@Test
	void checkListsTheDifferencesAndExits3ThenAutogenerateWritesThemAndCheckPasses(TestDatabase db) throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
						+ "CREATE INDEX users_email_idx ON users (email);\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();

		CliRun.Result check = cli(db).run("check");
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
		assertThat(check.out()).isEqualTo("- add column users.email\n- add index users_email_idx to users\n"
				+ "2 changes between the revisions and the model: write them as a revision with "
				+ "retort revision --autogenerate -m \"MESSAGE\"\n");

		CliRun.Result revision = cli(db).run("revision", "--autogenerate", "-m", "add email");
		assertThat(revision.exitCode()).as(revision.toString()).isZero();
		assertThat(revision.err()).contains("Detected add column users.email");
		Path file = Files.list(this.project.resolve("src/main/resources/db/revisions"))
			.filter((path) -> path.getFileName().toString().endsWith("_add_email.sql"))
			.findFirst()
			.orElseThrow();
		assertThat(Files.readString(file)).contains("ALTER TABLE users ADD COLUMN email text NOT NULL;",
				"CREATE INDEX users_email_idx ON users USING btree (email);", "DROP INDEX users_email_idx;",
				"ALTER TABLE users DROP COLUMN email;");

		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result agrees = cli(db).run("check");
		assertThat(agrees.exitCode()).as(agrees.toString()).isZero();
		assertThat(agrees.out()).startsWith("No changes: the database at its heads matches the model");
	}

	@Test
	void withoutAModelTheErrorSaysHowToGiveOne(TestDatabase db) {
		CliRun.Result result = cli(db).run("check");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: No schema model: src/main/resources/db/schema.sql does not exist.")
			.contains("--model FILE");
	}

	private CliRun cli(TestDatabase db) {
		return CliRun.in(this.project)
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
	}

}
