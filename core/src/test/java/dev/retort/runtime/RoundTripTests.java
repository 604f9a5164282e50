package dev.retort.runtime;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A run with nothing to do costs a constant number of statements, however many revisions are applied. */
@ExtendWith(PostgresExtension.class)
class RoundTripTests {

	@Test
	void aNoOpRunCostsTheSameForTenAndAThousandAppliedRevisions(TestDatabase small, TestDatabase large,
			@TempDir Path dir) {
		long ten = noOpStatements(small, dir.resolve("ten"), 10);
		long thousand = noOpStatements(large, dir.resolve("thousand"), 1000);
		assertThat(thousand).isEqualTo(ten);
		// Session setup, which tables exist, version rows with the history summary; no lock.
		assertThat(ten).isEqualTo(3);
	}

	private static long noOpStatements(TestDatabase db, Path dir, int revisions) {
		RevisionFiles files = new RevisionFiles(dir);
		String parent = null;
		for (int i = 1; i <= revisions; i++) {
			String id = String.format("r%011d", i);
			files.write(id, parent, "CREATE TABLE t" + i + " (id int);", "DROP TABLE t" + i + ";");
			parent = id;
		}
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.schema("app")
			.load();
		assertThat(retort.upgrade("heads").steps()).hasSize(revisions);
		long before = retort.statementCount();
		assertThat(retort.upgrade("heads").steps()).isEmpty();
		return retort.statementCount() - before;
	}

}
