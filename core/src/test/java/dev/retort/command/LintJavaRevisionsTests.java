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

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Index users by name",
			transactional = false)
	static final class IndexesConcurrently implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createIndex("ix_users_name", "users", (index) -> index.on("name").concurrently());
		}

		@Override
		public void downgrade(Operations op) {
			op.dropIndex("ix_users_name", "users", (index) -> index.concurrently());
		}

	}

	@Test
	void aConcurrentIndexAloneInANonTransactionalRevisionIsNotLintedWithTheCheckAScriptRunsBeforeIt(@TempDir Path dir) {
		// The revision operations.md recommends. 'retort show' prints it after the DO block an --sql script
		// runs first (is the index there already?): that block is Retort's, not a second statement of the
		// revision that a failure could leave half applied (PG105 said so, with the fix the revision follows).
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new IndexesConcurrently()))
			.load();
		assertThat(retort.show("b00000000002").upgradeSql()).startsWith("DO $retort$");
		assertThat(retort.lint(null, Severity.WARNING).findings()).isEmpty();
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

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Reworks users")
	static final class ReworksUsers implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("REINDEX TABLE users");
			op.alterColumn("users", "nickname", (column) -> column.type(Type.INTEGER, "nickname::integer"));
			op.renameColumn("users", "legacy", "retired");
			op.addColumn("users", Column.column("age", Type.INTEGER).notNull());
		}

	}

	@Revision(id = "b00000000003", revises = "b00000000002", message = "Indexes twice", transactional = false)
	static final class IndexesTwice implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createIndex("ix_users_age", "users", (index) -> index.on("age").concurrently());
			op.createIndex("ix_users_retired", "users", (index) -> index.on("retired").concurrently());
		}

	}

	@Revision(id = "b00000000004", revises = "b00000000003", message = "Uses a new mood")
	static final class UsesANewMood implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addEnumValue("mood", "great");
			op.execute("SELECT 'great'::mood");
		}

	}

	@Revision(id = "b00000000005", revises = "b00000000004", message = "Locks without a timeout")
	static final class LocksWithoutATimeout implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("SET lock_timeout = 0");
			op.execute("ALTER TABLE users ADD COLUMN x text");
			op.execute("ALTER TABLE teams ADD COLUMN y text");
		}

	}

	@Revision(id = "b00000000006", revises = "b00000000005", message = "Detaches and validates")
	static final class DetachesAndValidates implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE events DETACH PARTITION events_2024");
			op.createCheckConstraintNotValid("ck_users_age", "users", "age > 0");
			op.validateConstraint("ck_users_age", "users");
		}

	}

	@Revision(id = "b00000000007", revises = "b00000000006", message = "Acknowledges badly")
	static final class AcknowledgesBadly implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("-- lint:ack PG113\nALTER TABLE users RENAME COLUMN x TO z");
			op.execute("-- lint:ack PG120 no json here\nSELECT 1");
		}

	}

	@Test
	void theOtherRulesSayTheFixOfAJavaRevisionWithOperationsToo(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TYPE mood AS ENUM ('ok');\n"
				+ "CREATE TABLE users (id int PRIMARY KEY, nickname text, legacy text, mood mood);\n"
				+ "CREATE TABLE teams (id int PRIMARY KEY);\n"
				+ "CREATE TABLE events (at date) PARTITION BY RANGE (at);\n"
				+ "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
				"DROP TABLE events, teams, users; DROP TYPE mood;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new ReworksUsers(), new IndexesTwice(), new UsesANewMood(), new LocksWithoutATimeout(),
					new DetachesAndValidates(), new AcknowledgesBadly()))
			.load();
		// Not 'Transactional: false', a '-- lint:ack' line above a statement or SQL that Operations says otherwise.
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::fix)
			.containsExactly(
					tuple("PG103", "op.execute(\"REINDEX ... CONCURRENTLY ...\") in a revision declared"
							+ " @Revision(transactional = false), or rebuild outside migrations (pg_repack)."),
					tuple("PG112", "Expand and contract: op.addColumn a new column, a trigger writing both"
							+ " (op.execute(\"CREATE TRIGGER ...\")), op.backfill, then op.dropColumn the old column."),
					tuple("PG113", "op.addColumn the new name beside the old one (or a view: op.execute(\"CREATE VIEW"
							+ " ...\")), move the code, and op.dropColumn the old name later."),
					tuple("PG111", "op.addColumn with the column nullable (or notNull() with a constant"
							+ " defaultValue(...)), op.backfill, then make it NOT NULL (see PG109)."),
					tuple("PG105", "One operation per revision declared @Revision(transactional = false), or guard"
							+ " each (index.ifNotExists(), index.ifExists(), IF [NOT] EXISTS in op.execute)."),
					tuple("PG118", "op.invoke(new AddEnumValue(type, value, null, null, true)) (ADD VALUE IF NOT"
							+ " EXISTS) in a revision of its own; use the value from a later revision."),
					tuple("PG115", "Keep the runner's lock_timeout (retort.ddl.lock-timeout), or set one of 10s or"
							+ " less: op.execute(\"SET lock_timeout = '10s'\")."),
					tuple("PG116", "One table per revision, or one ALTER TABLE with several actions:"
							+ " op.execute(\"ALTER TABLE ... ADD ..., ALTER ...\")."),
					tuple("PG119", "op.execute(\"ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY\") in a revision"
							+ " declared @Revision(transactional = false)."),
					tuple("PG116", "One table per revision, or one ALTER TABLE with several actions:"
							+ " op.execute(\"ALTER TABLE ... ADD ..., ALTER ...\")."),
					tuple("PG107", "op.validateConstraint in a later revision, once the lock of this one is released."),
					tuple("LINT001", "Write why in the SQL of the op.execute: \"-- lint:ack <RULE> <reason>\\n...\"."),
					tuple("PG113", "op.addColumn the new name beside the old one (or a view: op.execute(\"CREATE VIEW"
							+ " ...\")), move the code, and op.dropColumn the old name later."),
					tuple("LINT002", "Remove the acknowledgement, or put it in the op.execute of the statement it is"
							+ " for, right above that statement."));
	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Adds the hard way")
	static final class AddsTheHardWay implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createIndex("ix_events_at", "events", "at");
			op.execute("ALTER TABLE users ADD COLUMN score int CHECK (score > 0)");
			op.addColumn("users", Column.column("number", Type.SERIAL));
			op.execute("ALTER TABLE users ADD CONSTRAINT ex_users_id EXCLUDE USING btree (id WITH =)");
		}

	}

	@Revision(id = "b00000000003", revises = "b00000000002", message = "Vacuums", transactional = false)
	static final class Vacuums implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("VACUUM FULL users");
		}

	}

	@Test
	void theFixesOfParticularFindingsOfAJavaRevisionSayItWithOperations(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);\n"
				+ "CREATE TABLE events (at date) PARTITION BY RANGE (at);", "DROP TABLE events, users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new AddsTheHardWay(), new Vacuums()))
			.load();
		// Their fixes are the finding's own, not the rule's; they speak of headers and SQL forms too.
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::fix)
			.containsExactly(
					tuple("PG101", "op.execute(\"CREATE INDEX ... ON ONLY <partitioned table> ...\") (nothing is"
							+ " built), then in a revision declared @Revision(transactional = false) op.createIndex(name,"
							+ " partition, (index) -> index.on(...).concurrently()) on each partition, and"
							+ " op.execute(\"ALTER INDEX ... ATTACH PARTITION ...\") each of them to the first."),
					tuple("PG106", "op.addColumn without the check, then op.createCheckConstraintNotValid(name, table,"
							+ " condition), and op.validateConstraint in a later revision."),
					tuple("PG110", "op.addColumn of the plain type (Type.INTEGER for serial, Type.BIGINT for"
							+ " bigserial), op.createSequence(name, (sequence) -> sequence.ownedBy(table, col)),"
							+ " op.alterColumn(table, col, (c) -> c.serverDefault(\"nextval(...)\")) separately (only"
							+ " new rows get it), and op.backfill the existing rows."),
					tuple("PG108", "No online way exists (an exclusion constraint cannot be added USING INDEX): add it"
							+ " while the table is small or in a maintenance window, with its acknowledgement:"
							+ " op.execute(\"-- lint:ack PG108 <reason>\\nALTER TABLE ... ADD CONSTRAINT ... EXCLUDE"
							+ " ...\")."),
					tuple("PG103", "A plain op.execute(\"VACUUM ...\") (in a revision declared"
							+ " @Revision(transactional = false)) blocks no reads or writes; to give the space back to"
							+ " the system, run pg_repack outside migrations, which locks the table only briefly."));
	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Materialized views and an exclusion")
	static final class MaterializedViewsAndAnExclusion implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createMaterializedView("fresh_cups", "SELECT id FROM users", (view) -> view.withNoData());
			op.refreshMaterializedView("fresh_cups");
			op.refreshMaterializedView("daily_cups", (refresh) -> refresh.concurrently());
			op.refreshMaterializedView("daily_cups");
			op.addExclusionConstraint("ex_bookings_during", "bookings", (ex) -> ex.using("gist").element("during", "&&"));
		}

	}

	@Test
	void theMaterializedViewAndExclusionOperationsAreLintedAsTheirSql(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY);\n"
				+ "CREATE TABLE bookings (during tstzrange);\n"
				+ "CREATE MATERIALIZED VIEW daily_cups AS SELECT id FROM users;",
				"DROP MATERIALIZED VIEW daily_cups;\nDROP TABLE bookings, users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new MaterializedViewsAndAnExclusion()))
			.load();
		// The refresh of the view created in the revision and the concurrent one pass.
		assertThat(retort.lint(null, Severity.ERROR).findings()).extracting(LintFinding::rule, LintFinding::fix)
			.containsExactly(
					tuple("PG122", "op.refreshMaterializedView(name, (refresh) -> refresh.concurrently()), which lets"
							+ " reads of the view go on (it needs a unique index on the view, and a view populated"
							+ " already); or refresh it outside migrations."),
					tuple("PG108", "No online way exists (an exclusion constraint cannot be added USING INDEX): add it"
							+ " while the table is small or in a maintenance window, with its acknowledgement:"
							+ " op.execute(\"-- lint:ack PG108 <reason>\\nALTER TABLE ... ADD CONSTRAINT ... EXCLUDE"
							+ " ...\")."));
	}

	@Test
	void aJavaRevisionsDowngradeIsLintedAsTheSqlItRendersAtTheLineOfItsCall(@TempDir Path dir) throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, email text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new DropsAnIndexInItsDowngrade()))
			.load();
		assertThat(retort.lint(null, Severity.ERROR).findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG101");
			assertThat(finding.source()).isEqualTo(DropsAnIndexInItsDowngrade.class.getName() + ":"
					+ lineOf("op.createIndex(\"ix_users_email\", \"users\", \"email\")") + " (rendered downgrade SQL:1)");
			assertThat(finding.message()).startsWith("In the downgrade, CREATE INDEX takes a SHARE lock on \"users\"");
			assertThat(finding.fix()).startsWith("op.createIndex(name, table, (index) -> index.on(...).concurrently())");
		});
	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Drops the email index", transactional = false)
	static final class DropsAnIndexInItsDowngrade implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.dropIndex("ix_users_email_old", "users", (index) -> index.concurrently().ifExists());
		}

		@Override
		public void downgrade(Operations op) {
			op.createIndex("ix_users_email", "users", "email");
		}

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

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Commits in parts")
	static final class CommitsInParts implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.createIndex("ix_users_legacy", "users", "legacy");
			op.execute("COMMIT");
			op.dropColumn("users", "legacy");
		}

		@Override
		public void downgrade(Operations op) {
			op.execute("ROLLBACK");
		}

	}

	@Test
	void aTransactionalJavaRevisionThatCommitsItselfFailsTheLintAsInAFile(@TempDir Path dir) throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, legacy text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.locations(files.location())
			.javaMigrations(List.of(new CommitsInParts()))
			.load();
		// Every run refuses it (exit 2); the lint reports it with the rest rather than stop with no findings.
		LintResult result = retort.lint(null, Severity.ERROR);
		String java = CommitsInParts.class.getName();
		assertThat(result.findings()).extracting(LintFinding::rule, LintFinding::source)
			.containsExactly(tuple("PG101", java + ":" + lineOf("op.createIndex(\"ix_users_legacy\"") + " (rendered SQL:1)"),
					tuple("PG104", java + ":" + lineOf("op.execute(\"COMMIT\");") + " (rendered SQL:3)"),
					tuple("PG104", java + ":" + lineOf("op.execute(\"ROLLBACK\");") + " (rendered downgrade SQL:1)"));
		assertThat(result.findings().get(1).message()).isEqualTo("'COMMIT' ends the transaction this revision runs in,"
				+ " and it is transactional: upgrade and downgrade refuse it before anything runs, and what it runs after"
				+ " it is not linted.");
		assertThat(result.findings().get(2).message()).startsWith("In the downgrade, 'ROLLBACK' ends the transaction");
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
