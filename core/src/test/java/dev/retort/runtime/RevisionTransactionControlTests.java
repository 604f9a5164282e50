package dev.retort.runtime;

import java.nio.file.Path;
import java.util.List;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.config.RetortConfig;
import dev.retort.error.RetortException;
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

/** A revision's own BEGIN, COMMIT or ROLLBACK never splits what Retort applies and records together. */
@ExtendWith(PostgresExtension.class)
class RevisionTransactionControlTests {

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	@Test
	void aCommitInATransactionalRevisionIsRefusedBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id nosuchtype);",
				"SELECT 1;");

		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));

		// Before: the COMMIT kept table a, the failure rolled back the rest, and "Nothing of it was applied".
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).isEqualTo("Revision aaaa00000001 (" + dir.resolve("aaaa00000001_test.sql")
				+ ":10) is transactional, but its upgrade says 'COMMIT', which ends the transaction Retort runs it in:"
				+ " the statements before it would stay committed even when a later one fails, apart from the revision's"
				+ " version row. Nothing was run. Remove it (Retort commits the revision together with its version row),"
				+ " or declare the revision '-- Transactional: false' if it must commit in parts.");
		assertThat(db.tableExists("a")).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Revision(id = "aaaa00000002", revises = "aaaa00000001", message = "Commits halfway")
	static final class CommitsHalfway implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE c (id int)");
			op.execute("COMMIT");
			op.execute("CREATE TABLE d (id nosuchtype)");
		}

	}

	@Test
	void aCommitAJavaRevisionExecutesInItsTransactionIsRefusedBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE a (id int);", "DROP TABLE a;");

		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).javaMigrations(List.of(new CommitsHalfway())).load().upgrade("heads"));

		// Before: the COMMIT kept tables a and c apart from the version rows, then d failed.
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).startsWith("Revision aaaa00000002 (" + CommitsHalfway.class.getName() + ":")
			.contains(") is transactional, but it executes 'COMMIT', which ends the transaction Retort runs it in")
			.endsWith("or declare the revision @Revision(transactional = false) if it must commit in parts.");
		assertThat(db.tableExists("a")).isFalse();
		assertThat(db.tableExists("c")).isFalse();
	}

	@Test
	void aBeginThatANonTransactionalRevisionLeavesOpenIsRefusedBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "", false, "BEGIN;\nCREATE TABLE a (id int);", "SELECT 1;");

		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));

		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).contains("(" + dir.resolve("aaaa00000001_test.sql") + ":9) runs outside a"
				+ " transaction ('Transactional: false'), but its upgrade opens a transaction block with 'BEGIN' that none"
				+ " of its later statements ends. Nothing was run.");
		assertThat(db.tableExists("a")).isFalse();
	}

	@Test
	void aFailureInsideANonTransactionalRevisionsOwnBlockIsRecordedAndCountsOnlyWhatStaysCommitted(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "", false,
				"CREATE TABLE x0 (id int);\nBEGIN;\nCREATE TABLE a (id int);\nCREATE TABLE b (id nosuchtype);\nCOMMIT;",
				"SELECT 1;");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).load().upgrade("heads"));

		assertThat(failure.getMessage()).contains("It ran outside a transaction ('Transactional: false'): its 1"
				+ " statement before this one stays committed (those in its open BEGIN block were rolled back with this"
				+ " one), the version table stays at base.");
		assertThat(failure.statementsRanBefore()).isEqualTo(1);
		assertThat(db.tableExists("x0")).isTrue();
		assertThat(db.tableExists("a")).isFalse();
		// The block was ended, so the failure row could be written.
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history"))
			.containsExactly("aaaa00000001 false");
	}

	@Test
	void aLockTableANonTransactionalRevisionRunsOutsideABlockIsRefusedBeforeAnythingRuns(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "", false,
				"CREATE TABLE a (id int);\nLOCK TABLE a IN SHARE MODE;\nCREATE INDEX CONCURRENTLY ix_a ON a (id);",
				"SELECT 1;");

		RetortException refusal = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));

		// Before: table a was created and committed, then PostgreSQL refused the LOCK (SQLSTATE 25P01).
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).contains("(" + dir.resolve("aaaa00000001_test.sql") + ":10) runs outside a"
				+ " transaction ('Transactional: false'), but its upgrade has a 'LOCK TABLE', which PostgreSQL runs only"
				+ " inside a transaction block: it would fail there (SQLSTATE 25P01) after the statements before it had"
				+ " committed. Nothing was run.");
		assertThat(db.tableExists("a")).isFalse();
	}

	@Test
	void aSavepointOutsideABlockIsRefusedInADowngradeToo(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "", false, "CREATE TABLE a (id int);",
				"DROP TABLE a;\nSAVEPOINT before_b;");
		Retort retort = configure(db, files).load();
		retort.upgrade("heads");

		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.downgrade("base"));

		assertThat(refusal.getMessage()).contains("its downgrade has a 'SAVEPOINT'");
		assertThat(db.tableExists("a")).isTrue();
	}

	@Test
	void aClosedBlockInANonTransactionalRevisionRunsAsWritten(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "", false,
				"BEGIN;\nCREATE TABLE a (id int);\nLOCK TABLE a IN SHARE MODE;\nCOMMIT;\n"
						+ "CREATE INDEX CONCURRENTLY ix_a ON a (id);", "SELECT 1;");

		assertThat(configure(db, files).load().upgrade("heads").to()).containsExactly("aaaa00000001");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_a'")).containsExactly("1");
	}

}
