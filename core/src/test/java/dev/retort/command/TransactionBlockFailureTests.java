package dev.retort.command;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.runtime.MigrationFailedException;
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
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.upgrade("heads"));
		// PostgreSQL's own words name neither the cause in the file nor the fix: a Java revision gets
		// both (Operations knows the statement), and a SQL revision now does too.
		assertThat(failure.getMessage()).contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block"
				+ " [SQLSTATE 25001]")
			.contains("\n  This statement cannot run inside a transaction, and the revision is transactional:"
					+ " declare it with '-- Transactional: false' (Java: transactional = false) and keep only such"
					+ " statements in it.")
			.contains("the database stays at a00000000001");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("a00000000001");
	}

}
