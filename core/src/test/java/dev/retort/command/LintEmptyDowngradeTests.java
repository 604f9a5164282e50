package dev.retort.command;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LINT005: 'retort revision' writes the downgrade section empty, and an empty section downgrades
 * by doing nothing, which leaves a changed schema behind.
 */
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
	void anAcknowledgementInTheSectionSaysDoingNothingIsTheDowngrade(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE audit_log (id bigint PRIMARY KEY);",
				"-- lint:ack LINT005 the audit log outlives any rollback of the code");

		assertThat(Retort.configure().locations(files.location()).load().lint(null, Severity.WARNING).findings())
			.extracting(LintFinding::rule)
			.isEmpty();
	}

}
