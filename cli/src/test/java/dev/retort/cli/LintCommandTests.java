package dev.retort.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code retort lint} as a developer or a CI step runs it: findings, exit codes, JSON. */
class LintCommandTests {

	@TempDir
	Path directory;

	private Revisions revisions;

	@BeforeEach
	void baseRevisionCreatesTheTable() {
		this.revisions = Revisions.in(this.directory.resolve("revisions"));
		this.revisions.write("a1", "", "create users",
				"CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email_idx ON users (email);",
				"DROP TABLE users;");
	}

	@Test
	void aLockingStatementFailsTheLintNamingFileLineRuleAndFix() {
		Path file = this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);",
				"DROP INDEX users_name_idx;");
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		// Its downgrade's DROP INDEX is a warning of its own (PG102).
		assertThat(result.out()).contains(file + ":10: ERROR PG101 create-index-not-concurrent: CREATE INDEX takes a "
				+ "SHARE lock on \"users\"", "    fix: CREATE INDEX CONCURRENTLY",
				"2 findings (1 error, 1 warning) in 2 revisions.");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void aDowngradeIsLintedAsARollbackRunsItWithItsFindingsSaidSo() {
		// Dropping what the upgrade added is the downgrade's job (no PG114); building an index the quick way is not.
		Path file = this.revisions.write("b2", "a1", "nickname", "ALTER TABLE users ADD COLUMN nickname text;",
				"ALTER TABLE users DROP COLUMN nickname;\nCREATE INDEX users_email_lower_idx ON users (lower(email));");
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).isEqualTo(file + ":14: ERROR PG101 create-index-not-concurrent: In the downgrade,"
				+ " CREATE INDEX takes a SHARE lock on \"users\" and blocks its INSERT, UPDATE and DELETE for the whole"
				+ " build.\n    fix: CREATE INDEX CONCURRENTLY in a revision of its own with 'Transactional: false'.\n"
				+ "1 finding (1 error, 0 warnings) in 2 revisions.\n");
	}

	@Test
	void warningsFailOnlyWhenAskedTo() {
		this.revisions.write("b2", "a1", "drop old index", "DROP INDEX users_email_idx;", null);
		CliRun.Result byDefault = lint();
		assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
		assertThat(byDefault.out()).contains("WARNING PG102", "None fails at --fail-on error.");
		CliRun.Result strict = lint("--fail-on", "warning");
		assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(3);
	}

	@Test
	void aDropBelowTheThresholdSaysWhyTheLintFails() {
		Path file = this.revisions.write("b2", "a1", "drop email", "ALTER TABLE users DROP COLUMN email;", null);
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		// A warning alone, yet exit 3: the summary says why, where a CI log shows it last.
		assertThat(result.out()).startsWith(file + ":10: WARNING PG114 destructive-change: ")
			.endsWith("\n1 finding (0 errors, 1 warning) in 2 revisions. 1 fails below --fail-on error: a destructive"
					+ " change (PG114) fails until acknowledged (-- lint:ack PG114 <reason>).\n");
	}

	@Test
	void anAcknowledgedFindingPasses() {
		this.revisions.write("b2", "a1", "drop email",
				"-- lint:ack PG114 no release since 2.3 reads users.email\nALTER TABLE users DROP COLUMN email;", null);
		CliRun.Result result = lint();
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("No findings in 2 revisions.\n");
	}

	@Test
	void aRangeLintsOnlyItsRevisions() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		CliRun.Result result = lint("base:a1");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("No findings in 1 revision.\n");
	}

	@Test
	void oneIdentifierLintsTheRevisionsItNames() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		this.revisions.write("c3", "b2", "drop old index", "DROP INDEX users_email_idx;", null);
		CliRun.Result result = lint("b2");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).contains("ERROR PG101", "1 finding (1 error, 0 warnings) in 1 revision.")
			.doesNotContain("PG102");
		CliRun.Result base = lint("base");
		assertThat(base.exitCode()).as(base.toString()).isEqualTo(2);
		assertThat(base.err()).contains("'base' names no revision to lint.");
	}

	@Test
	void jsonIsOneDocumentWithEveryFinding() {
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		CliRun.Result result = lint("--format", "json");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.out()).startsWith("{").contains("\"revisions\": 2", "\"failOn\": \"ERROR\"",
				"\"failed\": true", "\"revision\": \"b2\"", "\"rule\": \"PG101\"",
				"\"name\": \"create-index-not-concurrent\"", "\"severity\": \"ERROR\"");
	}

	@Test
	void jsonSaysOfEachFindingWhetherItFailsThisLint() {
		// An ERROR fails the default --fail-on error, a WARNING only --fail-on warning: a reader of
		// the JSON need not compare severities with failOn itself.
		this.revisions.write("b2", "a1", "index names", "CREATE INDEX users_name_idx ON users (email);", null);
		this.revisions.write("c3", "b2", "drop old index", "DROP INDEX users_email_idx;", null);
		String byDefault = lint("--format", "json").out();
		assertThat(byDefault).containsSubsequence("\"rule\": \"PG101\"", "\"fails\": true", "\"rule\": \"PG102\"",
				"\"fails\": false");
		assertThat(lint("--format", "json", "--fail-on", "warning").out()).doesNotContain("\"fails\": false");
	}

	private CliRun.Result lint(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--location";
		all[1] = this.revisions.directory().toString();
		all[2] = "lint";
		System.arraycopy(args, 0, all, 3, args.length);
		return CliRun.in(this.directory).run(all);
	}

}
