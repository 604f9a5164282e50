package dev.retort.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.Retort;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The kit on a real PostgreSQL: what it passes, and what it catches, naming the revision. */
@ExtendWith(PostgresExtension.class)
class MigrationTestKitTests {

	@TempDir
	Path directory;

	@Test
	void revisionsWhoseDowngradesUndoTheirUpgradesPassEveryCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
				+ "CREATE INDEX users_email_idx ON users (email);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TYPE mood AS ENUM ('calm', 'busy');\nALTER TABLE users ADD COLUMN mood mood;\n"
				+ "COMMENT ON COLUMN users.mood IS 'how the user feels';",
				"ALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;");
		write("c3", "b2", "CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;\n"
				+ "CREATE VIEW busy_users AS SELECT id FROM users WHERE mood = 'busy';",
				"DROP VIEW busy_users;\nDROP FUNCTION user_count();");
		assertThatCode(() -> kit(db).assertAll()).doesNotThrowAnyException();
	}

	@Test
	void aDowngradeThatLeavesSomethingBehindFailsNamingRevisionAndObject(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Path forgetful = write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;\n"
				+ "ALTER TABLE users ADD CONSTRAINT nickname_short CHECK (length(nickname) < 40);",
				"ALTER TABLE users DROP CONSTRAINT nickname_short;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (" + forgetful + "): its downgrade did not give back the schema")
			.withMessageContaining("+ column public.users.nickname text");
	}

	@Test
	void aDowngradeThatFailsIsReportedWithTheServersReason(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD COLUMN nickname text;", "ALTER TABLE users DROP COLUMN nick_name;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertEveryRevisionRoundTrips())
			.withMessageStartingWith("Revision b2 (")
			.withMessageContaining("its downgrade failed")
			.withMessageContaining("nick_name");
	}

	@Test
	void branchesAndTheirMergeRoundTripEachFromItsOwnAncestors(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		write("d3", "b2, c2", "", "");
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
		assertThatCode(() -> kit(db).assertSingleHead()).doesNotThrowAnyException();
	}

	@Test
	void twoHeadsFailTheSingleHeadCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		write("c2", "a1", "CREATE TABLE invoices (id bigint PRIMARY KEY);", "DROP TABLE invoices;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertSingleHead())
			.withMessageContaining("2 heads")
			.withMessageContaining("retort merge");
	}

	@Test
	void anIrreversibleRevisionIsUpgradedAndNotDowngraded(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		write("b2", "a1", "INSERT INTO users VALUES (1);", null);
		assertThatCode(() -> kit(db).assertEveryRevisionRoundTrips()).doesNotThrowAnyException();
	}

	@Test
	void lintFindingsFailTheLintCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		write("b2", "a1", "CREATE INDEX users_email_idx ON users (email);", "DROP INDEX users_email_idx;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertLintPasses())
			.withMessageContaining("PG101 create-index-not-concurrent");
	}

	@Test
	void aConstraintNeverValidatedFailsAtTheHead(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
		write("b2", "a1", "ALTER TABLE users ADD CONSTRAINT email_set CHECK (email IS NOT NULL) NOT VALID;",
				"ALTER TABLE users DROP CONSTRAINT email_set;");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertNothingInvalidAtHead())
			.withMessageContaining("constraint public.users.email_set CHECK ((email IS NOT NULL)) NOT VALID");
	}

	@Test
	void revisionsThatDoNotGiveTheModelFailTheModelCheck(TestDatabase db) throws IOException {
		write("a1", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
		Path model = Files.writeString(this.directory.resolve("schema.txt"),
				"CREATE TABLE users (id bigint PRIMARY KEY, email text);");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> kit(db).assertMatchesModel(model.toString()))
			.withMessageContaining("do not give the schema of the model")
			.withMessageContaining("- add column users.email");
		Files.writeString(model, "CREATE TABLE users (id bigint PRIMARY KEY);");
		assertThatCode(() -> kit(db).assertMatchesModel("filesystem:" + model)).doesNotThrowAnyException();
	}

	private MigrationTestKit kit(TestDatabase db) {
		return MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("filesystem:" + this.directory));
	}

	private Path write(String id, String revises, String upgrade, String downgrade) throws IOException {
		String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
				+ "\n\n-- +upgrade\n" + upgrade + "\n" + ((downgrade != null) ? "\n-- +downgrade\n" + downgrade + "\n" : "");
		return Files.writeString(this.directory.resolve(id + "_revision.sql"), text);
	}

}
