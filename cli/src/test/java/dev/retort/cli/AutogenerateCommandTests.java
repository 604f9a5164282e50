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
		assertThat(check.out()).isEqualTo("- add column users.email (NOT NULL without a default: fails on a table with "
				+ "rows; give it a default in the model, or add it nullable, fill it, then make it NOT NULL)\n"
				+ "- add index users_email_idx to users\n"
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
	void checkCountsTheObjectsItDoesNotCompareBesideTheChangesOnStandardOutput(TestDatabase db) throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, age int);\n"
						+ "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		CliRun.Result check = cli(db).run("check");
		// Standard output, the result a CI log is read for, counts every difference the exit code 3 stands for.
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
		assertThat(check.out()).isEqualTo("- add column users.age\n1 change between the revisions and the model: write"
				+ " them as a revision with retort revision --autogenerate -m \"MESSAGE\". The database at its heads also"
				+ " differs from the model in 1 object autogenerate does not compare, named above: that revision lists it"
				+ " as a comment, to write by hand.\n");
		assertThat(check.err()).contains("function user_count, in the model and not in the database");
	}

	@Test
	void checkWithAModelOfItsOwnNamesThatModelInTheAutogenerateCommandItSuggests(TestDatabase db) throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Files.writeString(this.project.resolve("model.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
		Files.createDirectories(this.project.resolve("my models"));
		Files.writeString(this.project.resolve("my models/it's.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();

		CliRun.Result check = cli(db).run("check", "--model", "model.sql");
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
		assertThat(check.out()).isEqualTo("- add column users.email\n1 change between the revisions and the model: write "
				+ "them as a revision with retort revision --autogenerate -m \"MESSAGE\" --model model.sql\n");
		CliRun.Result quoted = cli(db).run("check", "--model", "my models/it's.sql");
		assertThat(quoted.out()).endsWith("retort revision --autogenerate -m \"MESSAGE\" --model 'my models/it'\\''s.sql'\n");

		// The command as suggested: without its --model it would stop at the missing default model.
		CliRun.Result revision = cli(db).run("revision", "--autogenerate", "-m", "add email", "--model", "model.sql");
		assertThat(revision.exitCode()).as(revision.toString()).isZero();
		assertThat(revision.err()).contains("Detected add column users.email");
	}

	@Test
	void changesAutogenerateCannotWriteAreNamedSoByCheckAndListedInTheRevisionItWrites(TestDatabase db) throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create customers",
				"CREATE TABLE customers (id bigint PRIMARY KEY, tags varchar(50)[]);", "DROP TABLE customers;");
		Path model = this.project.resolve("src/main/resources/db/schema.sql");
		Files.writeString(model, "CREATE TABLE customers (id bigint PRIMARY KEY, tags jsonb, note text);\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		String tags = "change type of customers.tags from character varying(50)[] to jsonb: PostgreSQL has no cast from "
				+ "character varying(50)[] to jsonb; write this change by hand (ALTER TABLE customers ALTER COLUMN tags TYPE "
				+ "jsonb USING an expression of the values, such as to_jsonb(tags), and one back in the downgrade)";

		CliRun.Result some = cli(db).run("check");
		assertThat(some.exitCode()).as(some.toString()).isEqualTo(3);
		assertThat(some.out()).isEqualTo("- add column customers.note\n- " + tags + "\n2 changes between the revisions "
				+ "and the model: write them as a revision with retort revision --autogenerate -m \"MESSAGE\", then write "
				+ "by hand in it the one autogenerate cannot write (why, above; the revision lists it as comments)\n");

		Files.writeString(model, "CREATE TABLE customers (id bigint PRIMARY KEY, tags jsonb);\n");
		CliRun.Result none = cli(db).run("check");
		assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
		assertThat(none.out()).isEqualTo("- " + tags + "\n1 change between the revisions and the model, which autogenerate "
				+ "cannot write (why, above): write it by hand in a revision; retort revision --autogenerate -m "
				+ "\"MESSAGE\" writes one that lists it as comments\n");

		CliRun.Result revision = cli(db).run("revision", "--autogenerate", "-m", "tags as json");
		assertThat(revision.exitCode()).as(revision.toString()).isZero();
		assertThat(revision.err()).contains("Detected " + tags, "The change detected cannot be written by autogenerate: "
				+ "the revision lists it as comments in its upgrade; write it there by hand, and undo it in its downgrade.");
		Path file = Files.list(this.project.resolve("src/main/resources/db/revisions"))
			.filter((path) -> path.getFileName().toString().endsWith("_tags_as_json.sql"))
			.findFirst()
			.orElseThrow();
		assertThat(Files.readString(file)).contains("-- +upgrade\n-- Autogenerate cannot write these changes; write them "
				+ "here by hand:\n-- - " + tags + "\n\n-- +downgrade\n-- Undo here the changes the upgrade lists to write "
				+ "by hand.\n");
	}

	@Test
	void anEnumLabelTheRevisionUsesIsWrittenIntoARevisionOfItsOwnAndBothApply(TestDatabase db) throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create coffee",
				"CREATE TYPE mood AS ENUM ('calm'); CREATE TABLE coffee (id bigint PRIMARY KEY, mood mood);",
				"DROP TABLE coffee; DROP TYPE mood;");
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TYPE mood AS ENUM ('calm', 'busy');\n"
						+ "CREATE TABLE coffee (id bigint PRIMARY KEY, mood mood DEFAULT 'busy');\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();

		CliRun.Result revision = cli(db).run("revision", "--autogenerate", "-m", "busy mood", "--rev-id", "b2");
		assertThat(revision.exitCode()).as(revision.toString()).isZero();
		assertThat(revision.out()).matches("Generated revision \\w+: \\S+_busy_mood_enum_labels_first\\.sql\n"
				+ "Generated revision b2: \\S+/b2_busy_mood\\.sql\n");
		assertThat(revision.err()).contains("The new enum labels are in a revision of their own, which b2 revises");

		CliRun.Result upgrade = cli(db).run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		assertThat(cli(db).run("check").exitCode()).isZero();
	}

	@Test
	void whatTheModelDeclaresAndAutogenerateDoesNotCompareIsNamedRatherThanPassedOverInSilence(TestDatabase db)
			throws IOException {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions")).write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY, touched timestamptz);", "DROP TABLE users;");
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, touched timestamptz);\n"
						+ "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched = now(); "
						+ "RETURN NEW; END $$;\n"
						+ "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n"
						+ "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;\n");
		assertThat(cli(db).run("upgrade").exitCode()).isZero();

		String note = "Not written by autogenerate, which has no statements for them: function touch, materialized "
				+ "view user_count, trigger users_touch on users. Write their changes in a revision by hand.";
		CliRun.Result check = cli(db).run("check");
		// They differ: a CI job gating on check fails, as the test kit's model check does.
		assertThat(check.exitCode()).as(check.toString()).isEqualTo(3);
		assertThat(check.err()).contains(note);
		assertThat(cli(db).run("check", "--format", "json").out().replaceAll("\\s", ""))
			.contains("\"notCompared\":[\"functiontouch\",\"materializedviewuser_count\",\"triggerusers_touchonusers\"]");
		// None of them is in the database: said on standard error, and listed in the revision with its statements.
		String objects = "Not the same in the model and the database, by their definitions as PostgreSQL prints them: function"
				+ " touch, in the model"
				+ " and not in the database; materialized view user_count, in the model and not in the database; trigger"
				+ " users_touch on users, in the model and not in the database. ";
		assertThat(check.err()).contains(objects + "retort revision --autogenerate writes a revision that lists them as"
				+ " comments, with the statements to write by hand.");
		assertThat(check.out()).isEqualTo("No changes autogenerate writes, but the database at its heads differs from"
				+ " the model (src/main/resources/db/schema.sql) in 3 objects it does not compare, named above: write them"
				+ " in a revision.\n");
		CliRun.Result revision = cli(db).run("revision", "--autogenerate", "-m", "touch");
		assertThat(revision.err()).contains(note).contains(objects + "The revision lists them all as comments, each with"
				+ " the statement to write by hand in its upgrade and the one that undoes it in its downgrade.");
		try (var files = Files.list(this.project.resolve("src/main/resources/db/revisions"))) {
			Path written = files.filter((file) -> file.getFileName().toString().endsWith("_touch.sql")).findFirst().orElseThrow();
			assertThat(Files.readString(written))
				.contains("-- - trigger users_touch on users, in the model and not in the database:\n"
						+ "--     CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n")
				.contains("-- - materialized view user_count, in the model and not in the database:\n"
						+ "--     DROP MATERIALIZED VIEW user_count;\n");
		}
	}

	@Test
	void withSeveralHeadsAutogenerateRefusesBeforeItComparesUnlessHeadNamesThem(TestDatabase db) throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("a1", "", "create users", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		revisions.write("b1", "a1", "add email", "ALTER TABLE users ADD email text;", "ALTER TABLE users DROP email;");
		revisions.write("c1", "a1", "add name", "ALTER TABLE users ADD name text;", "ALTER TABLE users DROP name;");
		Files.writeString(this.project.resolve("model.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, note text);\n");
		String multipleHeads = "ERROR: Multiple heads are present (b1, c1); say which the new revision revises: --head b1"
				+ " (or --head label@head, or --head heads for all of them). To join them first: retort merge -m \"merge\""
				+ " b1 c1; nothing was written.\n";

		// At base: the comparison would refuse a database below its heads; the heads are refused first.
		CliRun.Result atBase = cli(db).run("revision", "--autogenerate", "-m", "add note", "--model", "model.sql");
		assertThat(atBase.exitCode()).as(atBase.toString()).isEqualTo(2);
		assertThat(atBase.err()).isEqualTo(multipleHeads);

		assertThat(cli(db).run("upgrade", "heads").exitCode()).isZero();
		CliRun.Result atHeads = cli(db).run("revision", "--autogenerate", "-m", "add note", "--model", "model.sql");
		assertThat(atHeads.exitCode()).as(atHeads.toString()).isEqualTo(2);
		assertThat(atHeads.err()).isEqualTo(multipleHeads);
		assertThat(revisions.directory()).isDirectoryNotContaining("glob:**add_note.sql");

		CliRun.Result merged = cli(db).run("revision", "--autogenerate", "-m", "add note", "--model", "model.sql",
				"--head", "heads");
		assertThat(merged.exitCode()).as(merged.toString()).isZero();
		assertThat(merged.err()).contains("Detected add column users.note");
		Path file = Files.list(revisions.directory())
			.filter((path) -> path.getFileName().toString().endsWith("_add_note.sql"))
			.findFirst()
			.orElseThrow();
		assertThat(Files.readString(file)).contains("-- Revises: b1, c1\n", "ALTER TABLE users ADD COLUMN note text;");
	}

	@Test
	void checkExitsAsSpecFiveSaysInEveryStateOfTheDatabaseAndRefusesAnAppliedFileEditedSince(TestDatabase db)
			throws IOException {
		Revisions revisions = Revisions.in(this.project.resolve("src/main/resources/db/revisions"));
		revisions.write("a1a1a1a1a1a1", "", "create users", "CREATE TABLE users (id bigint PRIMARY KEY);",
				"DROP TABLE users;");
		revisions.write("b2b2b2b2b2b2", "a1a1a1a1a1a1", "add total", "ALTER TABLE users ADD COLUMN total numeric;",
				"ALTER TABLE users DROP COLUMN total;");
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, total numeric);\n");
		// Behind its heads: refused before anything is compared, as a plan refused before it starts (2).
		assertThat(cli(db).run("upgrade", "a1a1a1a1a1a1").exitCode()).isZero();
		CliRun.Result behind = cli(db).run("check");
		assertThat(behind.exitCode()).as(behind.toString()).isEqualTo(2);
		assertThat(behind.err()).startsWith("ERROR: The database is not up to date: it is at a1a1a1a1a1a1, 1 revision"
				+ " below the heads (b2b2b2b2b2b2).");
		// At its heads: 0 when they agree.
		assertThat(cli(db).run("upgrade").exitCode()).isZero();
		assertThat(cli(db).run("check").exitCode()).isZero();
		// An applied file edited since: what a database these files built would hold is not what this one
		// holds. Check said 'No changes' and exited 0, though the edited file and the model disagreed.
		revisions.write("b2b2b2b2b2b2", "a1a1a1a1a1a1", "add total", "ALTER TABLE users ADD COLUMN total numeric(12,2);",
				"ALTER TABLE users DROP COLUMN total;");
		CliRun.Result edited = cli(db).run("check");
		assertThat(edited.exitCode()).as(edited.toString()).isEqualTo(2);
		assertThat(edited.out()).isEmpty();
		assertThat(edited.err()).startsWith("ERROR: Applied revision b2b2b2b2b2b2 (")
			.contains("changed on disk since it was applied (checksum ")
			.contains("The model is compared with the database, which holds what the revision made as it was applied,"
					+ " not what its file says now ('retort check' and 'retort revision --autogenerate' alike): put the"
					+ " file back first.");
		CliRun.Result autogenerate = cli(db).run("revision", "--autogenerate", "-m", "total as money");
		assertThat(autogenerate.exitCode()).as(autogenerate.toString()).isEqualTo(2);
		try (var files = Files.list(revisions.directory())) {
			assertThat(files).hasSize(2);
		}
		// 'validate-checksums: false' lets upgrade run past it, and check compares as before.
		assertThat(cli(db).env("RETORT_VALIDATE_CHECKSUMS", "false").run("check").exitCode()).isZero();
		revisions.write("b2b2b2b2b2b2", "a1a1a1a1a1a1", "add total", "ALTER TABLE users ADD COLUMN total numeric;",
				"ALTER TABLE users DROP COLUMN total;");
		// A difference is what check finds (3).
		Files.writeString(this.project.resolve("src/main/resources/db/schema.sql"),
				"CREATE TABLE users (id bigint PRIMARY KEY, total numeric(12,2));\n");
		assertThat(cli(db).run("check").exitCode()).isEqualTo(3);
		// Ahead of the files: refused (2), as upgrade refuses to move past what it does not know.
		db.execute("UPDATE retort_version SET version_num = 'c3c3c3c3c3c3'");
		CliRun.Result ahead = cli(db).run("check");
		assertThat(ahead.exitCode()).as(ahead.toString()).isEqualTo(2);
		assertThat(ahead.err()).startsWith("ERROR: The database is at c3c3c3c3c3c3, which no revision file declares");
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
