package dev.retort.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.retort.Retort;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.operation.Column;
import dev.retort.operation.Operations;
import dev.retort.operation.Type;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Java revisions are linted as the SQL they render; what they do not render is not vouched for. */
class LintJavaRevisionsTests {

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Reads, then locks")
	static final class ReadsThenLocks implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE users ADD COLUMN nickname text");
			op.connection();
			op.createIndex("ix_users_nickname", "users", "nickname");
		}

	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Drops what no release reads")
	static final class AcknowledgedDrop implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("-- lint:ack PG114 no release reads users.nickname since 2.4\n"
					+ "ALTER TABLE users DROP COLUMN nickname");
			op.dropColumn("users", "legacy");
		}

	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Indexes concurrently in a transaction")
	static final class ConcurrentlyInATransaction implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE users ADD COLUMN nickname text");
			op.createIndex("ix_users_nickname", "users", (index) -> index.on("nickname").concurrently());
			op.dropColumn("users", "legacy");
		}

	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Backfills in a transaction")
	static final class BackfillInATransaction implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.backfill("users", "nickname = 'x'", "nickname IS NULL", 1000);
		}

	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Links users to teams")
	static final class LinksUsersToTeams implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createTable("teams", Column.column("id", Type.BIGINT).primaryKey());
			op.addColumn("users", Column.column("team_id", Type.BIGINT).references("teams", "id"));
			op.createIndex("ix_users_team_id", "users", "team_id");
		}

	}

	@Test
	void findingsOfAJavaRevisionNameTheLineOfTheCallThatRenderedTheStatement(@TempDir Path dir) throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new LinksUsersToTeams()))
			.load();
		String java = LinksUsersToTeams.class.getName();
		// The foreign key is the second statement of addColumn: the call's line, and the line of the SQL shown.
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(
					tuple("PG106", java + ":" + lineOf("op.addColumn(\"users\", Column.column(\"team_id\"") + " (rendered SQL:8)"),
					tuple("PG101", java + ":" + lineOf("op.createIndex(\"ix_users_team_id\"") + " (rendered SQL:10)"));
	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Requires a nickname")
	static final class RequiresNickname implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("UPDATE users SET nickname = 'anon' WHERE nickname IS NULL");
			op.alterColumn("users", "nickname", (column) -> column.notNull());
		}

	}

	@Test
	void aBackfillAndSetNotNullOfAJavaRevisionSayTheFixWithOperations(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, nickname text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new RequiresNickname()))
			.load();
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::fix)
			.containsExactlyInAnyOrder(
					tuple("PG117", "op.backfill(table, set, where, batchSize) in a revision of its own declared"
							+ " @Revision(transactional = false), with a WHERE clause that skips the rows done."),
					tuple("PG109", "op.createCheckConstraintNotValid(name, table, \"col IS NOT NULL\"), backfill, then in"
							+ " a later revision op.validateConstraint and op.alterColumn(table, col, (c) -> c.notNull())."));
	}

	@Test
	void findingsOfAJavaRevisionSayTheFixWithOperations(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new LinksUsersToTeams()))
			.load();
		// Not 'Transactional: false', a header a Java revision does not have.
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::fix)
			.containsExactly(tuple("PG106", "Add the constraint NOT VALID now (op.createForeignKey(..., (fk) -> "
					+ "fk.notValid()), op.createCheckConstraintNotValid), and op.validateConstraint in a later revision."),
					tuple("PG101", "op.createIndex(name, table, (index) -> index.on(...).concurrently()) in a revision of"
							+ " its own declared @Revision(transactional = false)."));
	}

	@Test
	void aConcurrentOperationInATransactionalJavaRevisionFailsTheLintAsInAFile(@TempDir Path dir) throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, legacy text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new ConcurrentlyInATransaction()))
			.load();
		LintResult result = retort.lint(null, Severity.ERROR);
		// It fails at that operation every time it runs: an error, not "could not read the rest".
		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG104");
			assertThat(finding.severity()).isEqualTo(Severity.ERROR);
			assertThat(finding.source()).isEqualTo(ConcurrentlyInATransaction.class.getName() + ":"
					+ lineOf("op.createIndex(\"ix_users_nickname\", \"users\", (index)") + " (rendered SQL:3)");
			assertThat(finding.message()).isEqualTo("'CREATE INDEX CONCURRENTLY ix_users_nickname ON users (nickname)' "
					+ "cannot run inside a transaction block, and this revision is transactional: it fails there when it "
					+ "runs, and what it runs after it is not linted.");
			assertThat(finding.fix()).contains("@Revision(transactional = false)");
		});
		assertThat(result.failed()).isTrue();
	}

	@Test
	void aBatchedBackfillInATransactionalJavaRevisionFailsTheLint(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, nickname text);",
				"DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new BackfillInATransaction()))
			.load();
		LintResult result = retort.lint(null, Severity.ERROR);
		assertThat(result.findings()).extracting(LintFinding::rule).containsExactly("PG104");
		assertThat(result.findings().get(0).message()).startsWith("'backfill of users in batches of 1000' cannot run");
		assertThat(result.failed()).isTrue();
	}

	@Test
	void aJavaRevisionAcknowledgesInTheSqlItExecutes(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, nickname text, legacy text);",
				"DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new AcknowledgedDrop()))
			.load();
		LintResult result = retort.lint(null, Severity.ERROR);
		// The comment line renders right above its statement; op.dropColumn has no place for one.
		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG114");
			assertThat(finding.message()).contains("\"users.legacy\"");
		});
	}

	@Test
	void aJavaRevisionThatStopsRenderingIsReportedInsteadOfPassingUnseen(@TempDir Path dir) throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new ReadsThenLocks()))
			.load();
		LintResult result = retort.lint(null, Severity.ERROR);
		// The blocking CREATE INDEX after op.connection() is never rendered: the lint says what it did not see.
		assertThat(result.findings()).extracting(LintFinding::rule).containsExactly("LINT003");
		LintFinding finding = result.findings().get(0);
		assertThat(finding.revision()).isEqualTo("b00000000002");
		assertThat(finding.source()).isEqualTo(ReadsThenLocks.class.getName() + ":" + lineOf("op.connection();")
				+ " (rendered SQL:3)");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).startsWith("Only the SQL before this line is linted: the revision stopped"
				+ " rendering there (Revision b00000000002 (" + ReadsThenLocks.class.getName() + ":")
			.contains("asked for the JDBC connection");
		assertThat(result.failed()).isFalse();
	}

	/** The line of this file holding {@code text} (once): where a revision above makes its call. */
	private static int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/retort/command/LintJavaRevisionsTests.java"));
		List<Integer> found = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text) && !lines.get(i).contains("lineOf(")) {
				found.add(i + 1);
			}
		}
		assertThat(found).hasSize(1);
		return found.get(0);
	}

}
