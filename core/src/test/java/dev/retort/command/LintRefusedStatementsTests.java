package dev.retort.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.retort.Retort;
import dev.retort.error.RetortException;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every run refuses before anything runs is a lint finding at its line, in a SQL file and in
 * a Java revision's {@code op.execute} alike, and {@code show} prints a Java revision up to it:
 * neither stops with the refusal, which the run on PostgreSQL still gives.
 */
@ExtendWith(PostgresExtension.class)
class LintRefusedStatementsTests {

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Loads users")
	static final class LoadsUsers implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE users ADD COLUMN note text");
			op.execute("COPY users (id) FROM STDIN");
			op.dropColumn("users", "legacy");
		}

		@Override
		public void downgrade(Operations op) {
			op.execute("ALTER TABLE users DROP COLUMN note");
		}

	}

	@Test
	void aCopyFromTheClientIsAFindingInAFileAndInAJavaRevisionAndEveryRunRefusesIt(TestDatabase db, @TempDir Path dir)
			throws IOException {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, legacy text);", "DROP TABLE users;");
		files.write("c00000000003", "b00000000002", "COPY users (id) FROM STDIN;\nALTER TABLE users ADD COLUMN x int;",
				"COPY (SELECT id FROM users) TO STDOUT;\nALTER TABLE users DROP COLUMN x;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.javaMigrations(List.of(new LoadsUsers()))
			.load();

		// Before: exit 2 and no findings at all for the Java revision, and none for the file's COPY.
		LintResult result = retort.lint(null, Severity.ERROR);

		String java = LoadsUsers.class.getName();
		String file = dir.resolve("c00000000003_test.sql").toString();
		assertThat(result.findings()).extracting(LintFinding::rule, LintFinding::source, LintFinding::severity)
			.containsExactly(tuple("LINT006", java + ":" + lineOf("op.execute(\"COPY users (id) FROM STDIN\");")
					+ " (rendered SQL:3)", Severity.ERROR), tuple("LINT006", file + ":9", Severity.ERROR),
					tuple("LINT006", file + ":13", Severity.ERROR));
		assertThat(result.findings().get(0).message()).isEqualTo("'COPY ... FROM STDIN' copies rows between the server"
				+ " and the client: upgrade and downgrade refuse the revision before anything runs (Retort has no rows to"
				+ " send over JDBC, and in an --sql script psql would read the script's next lines as the rows), and what"
				+ " it runs after it is not linted.");
		assertThat(result.findings().get(0).fix()).startsWith("Write the rows with op.bulkInsert(table, rows)");
		assertThat(result.findings().get(2).message()).startsWith("In the downgrade, 'COPY ... TO STDOUT' copies rows");
		assertThat(result.failed()).isTrue();

		// What the findings say: the run refuses it before anything runs.
		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).contains("Revision b00000000002 (" + java + ":")
			.contains("runs 'COPY ... FROM STDIN'")
			.contains("Nothing was run.");
		assertThat(db.tableExists("users")).isFalse();
	}

	@Revision(id = "b00000000002", revises = "a00000000001", message = "Commits halfway")
	static final class CommitsHalfway implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE users ADD COLUMN note text");
			op.execute("COMMIT");
			op.dropColumn("users", "legacy");
		}

		@Override
		public void downgrade(Operations op) {
			op.execute("ALTER TABLE users DROP COLUMN note");
		}

	}

	@Test
	void showPrintsAJavaRevisionUpToTheCallEveryRunRefuses(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, legacy text);", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.javaMigrations(List.of(new CommitsHalfway()))
			.load();

		// Before: show failed with the refusal (exit 2), where the same line in a SQL file shows.
		ShowResult show = retort.show("b00000000002");

		assertThat(show.upgradeSql()).startsWith("ALTER TABLE users ADD COLUMN note text;\n")
			.contains("-- Revision b00000000002 (" + CommitsHalfway.class.getName() + ":")
			.contains("executes 'COMMIT', which ends the transaction Retort runs it in")
			.doesNotContain("DROP COLUMN legacy");
		assertThat(show.downgradeSql()).startsWith("ALTER TABLE users DROP COLUMN note;").doesNotContain("--");
		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(db.tableExists("users")).isFalse();
	}

	@Test
	void theRowsOfACopyAsPgDumpWritesThemAreNamedAsSuchBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int, name text);\n"
				+ "COPY public.users (id, name) FROM stdin;\n1\tann\n2\tbob\n\\.\n", "DROP TABLE users;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.load();

		// Before: "'\.' is a psql command, not SQL: … Remove it", which left the rows as SQL.
		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));

		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).isEqualTo(dir.resolve("a00000000001_test.sql") + ":13: '\\.' ends the rows of a"
				+ " COPY ... FROM STDIN, as pg_dump writes them: a revision cannot copy rows from the client (PostgreSQL"
				+ " reads the rows above it as SQL, and psql would read an --sql script's next lines as rows). Write the"
				+ " rows as INSERT ... VALUES (pg_dump --inserts writes them so), or COPY them from a file on the server.");
		assertThat(db.tableExists("users")).isFalse();
		assertThat(catchThrowableOfType(RetortException.class, () -> retort.lint(null, Severity.ERROR)).getMessage())
			.isEqualTo(refusal.getMessage());
	}

	@Test
	void anAcknowledgementDoesNotSilenceWhatEveryRunRefuses(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "-- lint:ack LINT006 rows from the old system\n"
				+ "COPY users (id, name) FROM STDIN;\n"
				+ "-- lint:ack PG104 the index must be there before the commit\n"
				+ "CREATE INDEX CONCURRENTLY ix_users_name ON users (name);\n"
				+ "-- lint:ack PG104 keep what came before\n"
				+ "COMMIT;", "SELECT 1;");
		files.write("c00000000003", "b00000000002", "", false, "-- lint:ack PG104 a lock of our own\n"
				+ "LOCK TABLE users IN SHARE MODE;\n"
				+ "-- lint:ack PG104 that one may stay\n"
				+ "SET LOCAL statement_timeout = '1min';\n"
				+ "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_name ON users (name);", null);
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.load();

		// Before: no findings, exit 0, and every upgrade refused the revisions.
		LintResult result = retort.lint(null, Severity.ERROR);

		String b = dir.resolve("b00000000002_test.sql").toString();
		String c = dir.resolve("c00000000003_test.sql").toString();
		assertThat(result.findings()).extracting(LintFinding::rule, LintFinding::source, LintFinding::severity)
			.containsExactly(tuple("LINT006", b + ":10", Severity.ERROR), tuple("PG104", b + ":12", Severity.ERROR),
					tuple("PG104", b + ":14", Severity.ERROR), tuple("PG104", c + ":10", Severity.ERROR));
		assertThat(result.findings().get(0).message()).endsWith(" The '-- lint:ack LINT006 rows from the old system' on"
				+ " line 9 does not silence it: every run refuses this statement, acknowledged or not. Remove the"
				+ " acknowledgement and change the statement as the fix says.");
		assertThat(result.findings()).allSatisfy((finding) -> {
			assertThat(finding.message()).contains("does not silence it");
			assertThat(finding.fails()).isTrue();
		});
		assertThat(result.failed()).isTrue();
		// SET LOCAL runs (with a warning and no effect): its acknowledgement still holds.
		assertThat(retort.lint("c00000000003", Severity.ERROR).findings()).extracting(LintFinding::source)
			.doesNotContain(c + ":12");

		// What the findings say: every run refuses the revisions, acknowledged or not.
		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).contains(b + ":10) runs 'COPY ... FROM STDIN'").contains("Nothing was run.");
		assertThat(db.tableExists("users")).isFalse();
	}

	@Test
	void aStatementADoBlockCannotRunIsAFindingAtItsLine(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int PRIMARY KEY, name text);", "DROP TABLE users;");
		// The guard PG105 asks for where a statement has none, written around one that has IF NOT EXISTS.
		files.write("b00000000002", "a00000000001", "", false, "DO $$\n"
				+ "BEGIN\n"
				+ "  IF NOT EXISTS (SELECT FROM pg_class WHERE relname = 'ix_users_name') THEN\n"
				+ "    CREATE INDEX CONCURRENTLY ix_users_name ON users (name);\n"
				+ "  END IF;\n"
				+ "END $$;", "DROP INDEX CONCURRENTLY IF EXISTS ix_users_name;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.load();

		// Before: no findings, exit 0.
		LintResult result = retort.lint(null, Severity.ERROR);

		assertThat(result.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG104");
			assertThat(finding.source()).isEqualTo(dir.resolve("b00000000002_test.sql") + ":12");
			assertThat(finding.message()).isEqualTo("A CONCURRENTLY statement cannot run in a DO block: PostgreSQL runs"
					+ " the block as a function, which cannot run it (in a revision with 'Transactional: false' too), so"
					+ " every run fails there.");
			assertThat(finding.fix()).startsWith("Take it out of the DO block");
		});
		assertThat(result.failed()).isTrue();
		// What the finding says: PostgreSQL refuses it there, each time.
		RetortException failure = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(failure.getMessage()).contains("CREATE INDEX CONCURRENTLY cannot be executed from a function");
		assertThat(catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads")).getMessage())
			.contains("CREATE INDEX CONCURRENTLY cannot be executed from a function");
		assertThat(db.queryStrings("SELECT relname FROM pg_class WHERE relname = 'ix_users_name'")).isEmpty();
	}

	/** The line of this file holding {@code text} (once): where a revision above makes its call. */
	private static int lineOf(String text) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/retort/command/LintRefusedStatementsTests.java"));
		int found = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text) && !lines.get(i).contains("lineOf(")) {
				assertThat(found).as("one line holds " + text).isEqualTo(-1);
				found = i + 1;
			}
		}
		return found;
	}

}
