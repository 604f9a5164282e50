package dev.retort.runtime;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every run refuses before anything of the plan runs is reported in one run, every kind of
 * it: an operator fixes them all at once instead of meeting the next kind at each run.
 */
@ExtendWith(PostgresExtension.class)
class PlanRefusalsTests {

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	/** One revision of each kind of refused statement, the first and last of the plan being fine. */
	private static RevisionFiles plan(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE users (id int);", "DROP TABLE users;");
		files.write("b00000000002", "a00000000001", "CREATE TABLE notes (body text);\nCOPY notes (body) FROM STDIN;",
				"DROP TABLE notes;");
		files.write("c00000000003", "b00000000002", "CREATE TABLE a (id int);\nCOMMIT;", "DROP TABLE a;");
		files.write("d00000000004", "c00000000003", "", false, "LOCK TABLE users;\nCREATE INDEX CONCURRENTLY ix ON users (id);",
				"DROP INDEX ix;");
		files.write("e00000000005", "d00000000004", "SELECT 1;\n\\! rm -rf /", "SELECT 1;");
		files.write("f00000000006", "e00000000005", "CREATE TABLE last (id int);", "DROP TABLE last;");
		return files;
	}

	@Test
	void oneUpgradeReportsEveryRefusedStatementOfThePlanWithItsFileAndLineBeforeAnythingRuns(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = plan(dir);
		InvalidRevisionFileException refused = catchThrowableOfType(InvalidRevisionFileException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.problems()).hasSize(4);
		assertThat(refused.getMessage()).startsWith("Found 4 problems in the revisions:")
			.contains(dir.resolve("e00000000005_test.sql") + ":10: '\\!' is a psql command")
			.contains("Revision b00000000002 (" + dir.resolve("b00000000002_test.sql")
					+ ":10) runs 'COPY ... FROM STDIN', whose rows travel between the server and the client")
			.contains("Revision c00000000003 (" + dir.resolve("c00000000003_test.sql")
					+ ":10) is transactional, but its upgrade says 'COMMIT'")
			.contains("Revision d00000000004 (" + dir.resolve("d00000000004_test.sql")
					+ ":9) runs outside a transaction ('Transactional: false'), but its upgrade has a 'LOCK TABLE'")
			.contains("Write the rows as INSERT ... VALUES")
			.contains("Remove it (Retort commits the revision together with its version row)");
		assertThat(db.tableExists("users")).as("nothing ran").isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
		RetortException offline = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgradeSql("heads"));
		assertThat(offline.getMessage()).as("the --sql script is refused the same way").startsWith("Found 4 problems");
	}

	@Test
	void aRevisionOutsideATransactionInAnAllOrNothingRunIsReportedBesideTheRefusedStatements(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = plan(dir);
		InvalidRevisionFileException refused = catchThrowableOfType(InvalidRevisionFileException.class,
				() -> configure(db, files).transactionMode(TransactionMode.ALL).load().upgrade("heads"));
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.problems()).hasSize(5)
			.last()
			.asString()
			.startsWith("Revision(s) d00000000004 (" + dir.resolve("d00000000004_test.sql")
					+ ") must run outside a transaction ('Transactional: false'), but 'retort.transaction-mode' is 'all'");
		// Alone, it stays what it was: a configuration problem.
		RevisionFiles fine = new RevisionFiles(dir.resolve("fine"));
		fine.write("a00000000001", null, "", false, "CREATE INDEX CONCURRENTLY ix ON pg_class (oid);", "SELECT 1;");
		RetortException alone = catchThrowableOfType(RetortException.class,
				() -> configure(db, fine).transactionMode(TransactionMode.ALL).load().upgrade("heads"));
		assertThat(alone.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(alone.exitCode()).isEqualTo(2);
	}

}
