package dev.retort.command;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LINT005: 'retort revision' writes the downgrade section empty, and an empty section downgrades
 * by doing nothing, which leaves a changed schema behind.
 */
@ExtendWith(PostgresExtension.class)
class LintEmptyDowngradeTests {

	@Test
	void anEmptyDowngradeUnderASchemaChangeIsAWarningAtTheChange(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "");
		// Irreversible (no section), data only, or a merge: nothing to say.
		files.write("a00000000002", "a00000000001", "ALTER TABLE users ADD COLUMN nickname text;", null);
		files.write("a00000000003", "a00000000002", "UPDATE users SET nickname = 'anon' WHERE nickname IS NULL;", "");

		LintResult result = Retort.configure().locations(files.location()).load().lint(null, Severity.ERROR);

		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("LINT005");
			assertThat(finding.name()).isEqualTo("empty-downgrade");
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.source()).endsWith("a00000000001_test.sql:9");
			assertThat(finding.message()).isEqualTo("This changes the schema, and the downgrade section is empty:"
					+ " 'retort downgrade' would move the database below this revision and leave what it made, and the"
					+ " next upgrade would fail on it.");
			assertThat(finding.fix()).startsWith("Write the downgrade");
		});
		// A warning: it fails the lint only with --fail-on warning.
		assertThat(result.findings()).noneMatch((finding) -> finding.failsAt(Severity.ERROR));
		assertThat(result.findings()).allMatch((finding) -> finding.failsAt(Severity.WARNING));
	}

	@Test
	void aRevisionThatOnlyValidatesAConstraintAddedNotValidNeedsNoDowngrade(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, age int);", "DROP TABLE users;");
		files.write("a00000000002", "a00000000001",
				"ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;",
				"ALTER TABLE users DROP CONSTRAINT users_age_check;");
		// The later revision PG106 asks for: there is nothing to undo.
		files.write("a00000000003", "a00000000002", "ALTER TABLE users VALIDATE CONSTRAINT users_age_check;", "");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).load();

		// Before, LINT005: "the next upgrade would fail on it".
		assertThat(retort.lint(null, Severity.WARNING).findings()).isEmpty();
		// Down across it and up again: the next upgrade does not fail.
		retort.upgrade("heads");
		retort.downgrade("a00000000002");
		retort.upgrade("heads");
		assertThat(db.queryStrings("SELECT convalidated::text FROM pg_constraint WHERE conname = 'users_age_check'"))
			.containsExactly("true");
		// A constraint added, not only validated, is still flagged.
		files.write("a00000000004", "a00000000003", "ALTER TABLE users ADD CONSTRAINT users_id_check CHECK (id > 0)"
				+ " NOT VALID, VALIDATE CONSTRAINT users_age_check;", "");
		assertThat(Retort.configure().locations(files.location()).load().lint("a00000000004", Severity.WARNING)
			.findings()).extracting(LintFinding::rule).contains("LINT005");
	}

	@Test
	void aRevisionThatOnlyAddsEnumLabelsIfMissingNeedsNoDowngrade(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TYPE roast AS ENUM ('DARK', 'LIGHT');", "DROP TYPE roast;");
		// What autogenerate writes for labels the other changes use: PostgreSQL cannot remove a label.
		files.write("a00000000002", "a00000000001",
				"ALTER TYPE public.roast ADD VALUE IF NOT EXISTS 'BLONDE' BEFORE 'DARK';", "");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).load();

		// Before, LINT005: "the next upgrade would fail on it".
		assertThat(retort.lint(null, Severity.WARNING).findings()).isEmpty();
		// Down across it and up again: the next upgrade does not fail.
		retort.upgrade("heads");
		retort.downgrade("a00000000001");
		retort.upgrade("heads");
		assertThat(db.queryStrings("SELECT unnest(enum_range(NULL::roast))::text"))
			.containsExactly("BLONDE", "DARK", "LIGHT");
		// Without IF NOT EXISTS that upgrade fails on the label it left: still flagged.
		files.write("a00000000003", "a00000000002", "ALTER TYPE roast ADD VALUE 'MEDIUM';", "");
		assertThat(Retort.configure().locations(files.location()).load().lint("a00000000003", Severity.WARNING)
			.findings()).extracting(LintFinding::rule).containsExactly("LINT005");
	}

	@Test
	void anAcknowledgementInTheSectionSaysDoingNothingIsTheDowngrade(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE audit_log (id bigint PRIMARY KEY);",
				"-- lint:ack LINT005 the audit log outlives any rollback of the code");

		assertThat(Retort.configure().locations(files.location()).load().lint(null, Severity.WARNING).findings())
			.extracting(LintFinding::rule)
			.isEmpty();
	}

}
