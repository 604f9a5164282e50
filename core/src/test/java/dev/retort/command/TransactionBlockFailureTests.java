package dev.retort.command;

import java.nio.file.Path;
import java.util.List;

import dev.retort.Retort;
import dev.retort.dialect.postgres.TransactionControl;
import dev.retort.error.RetortException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A statement that cannot run in a transaction block, in a revision left transactional. */
@ExtendWith(PostgresExtension.class)
class TransactionBlockFailureTests {

	@Test
	void aConcurrentIndexInATransactionalSqlRevisionSaysHowToDeclareIt(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE t (a int);", "DROP TABLE t;");
		files.write("b00000000002", "a00000000001", "CREATE INDEX CONCURRENTLY ix_t_a ON t (a);",
				"DROP INDEX CONCURRENTLY ix_t_a;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.load();
		RetortException refusal = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		// PostgreSQL refused it only after a00000000001 was applied, in words that name neither the cause in
		// the file nor the fix; now the plan is refused before anything runs, as for a Java revision.
		assertThat(refusal.exitCode()).isEqualTo(2);
		assertThat(refusal.getMessage()).contains("Revision b00000000002 (" + dir.resolve("b00000000002_test.sql")
				+ ":9) is transactional, but its upgrade runs 'CREATE INDEX CONCURRENTLY', which cannot run inside a"
				+ " transaction. Nothing was run. Move it into a revision of its own with '-- Transactional: false'");
		assertThat(db.tableExists("t")).isFalse();
	}

	@Test
	void everyStatementPostgresqlRefusesInATransactionIsNamed() {
		assertThat(TransactionControl.refusedInTransaction("create unique index concurrently ix on t (a)"))
			.isEqualTo("CREATE INDEX CONCURRENTLY");
		assertThat(TransactionControl.refusedInTransaction("-- why\nDROP INDEX CONCURRENTLY ix;"))
			.isEqualTo("DROP INDEX CONCURRENTLY");
		assertThat(TransactionControl.refusedInTransaction("REINDEX TABLE CONCURRENTLY t"))
			.isEqualTo("REINDEX TABLE CONCURRENTLY");
		assertThat(TransactionControl.refusedInTransaction("ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY;"))
			.isEqualTo("ALTER TABLE ... DETACH PARTITION CONCURRENTLY");
		assertThat(TransactionControl.refusedInTransaction("VACUUM (ANALYZE) t")).isEqualTo("VACUUM");
		assertThat(TransactionControl.refusedInTransaction("REINDEX SCHEMA app")).isEqualTo("REINDEX SCHEMA");
		assertThat(TransactionControl.refusedInTransaction("CLUSTER")).isEqualTo("CLUSTER without a table");
		assertThat(TransactionControl.refusedInTransaction("CREATE DATABASE reports")).isEqualTo("CREATE DATABASE");
		assertThat(TransactionControl.refusedInTransaction("ALTER SYSTEM SET work_mem = '64MB'")).isEqualTo("ALTER SYSTEM");
		assertThat(TransactionControl.refusedInTransaction("DISCARD ALL")).isEqualTo("DISCARD ALL");
		// What a transaction holds: the plain forms, and a word that only looks like the keyword.
		for (String fine : List.of("CREATE INDEX ix ON t (a)", "CREATE TABLE concurrently (a int)",
				"CLUSTER t USING ix", "REINDEX TABLE t", "DISCARD PLANS", "ALTER TABLE t ADD COLUMN concurrently int",
				"ALTER TABLE t RENAME COLUMN a TO concurrently", "COMMENT ON TABLE t IS 'VACUUM'",
				"DROP INDEX ix", "UPDATE t SET a = 1")) {
			assertThat(TransactionControl.refusedInTransaction(fine)).as(fine).isNull();
		}
	}

}
