package dev.retort.command;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.lint.Severity;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PG114 of a {@code DROP TABLE IF EXISTS} of a table no linted revision created: the lint cannot
 * tell that it is not there, and a table made before Retort holds rows that the drop loses.
 */
@ExtendWith(PostgresExtension.class)
class LintDropTableIfExistsTests {

	@Test
	void aTableNoRevisionCreatedIsStillDataTheDropLosesAndTheFindingSaysSo(TestDatabase db, @TempDir Path dir) {
		// A table from before Retort, as a baseline leaves it.
		db.execute("CREATE TABLE legacy_orders (id bigint PRIMARY KEY)", "INSERT INTO legacy_orders VALUES (1), (2)");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE orders (id bigint PRIMARY KEY);", "DROP TABLE orders;");
		files.write("a00000000002", "a00000000001", "DROP TABLE IF EXISTS legacy_orders;", null);
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations(files.location()).load();

		LintResult linted = retort.lint(null, Severity.ERROR);

		assertThat(linted.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo("PG114");
			assertThat(finding.source()).endsWith("a00000000002_test.sql:9");
			assertThat(finding.message()).isEqualTo("DROP TABLE IF EXISTS loses the data of \"legacy_orders\" if it is"
					+ " there: no linted revision created it (a table made before Retort, by hand, or by a revision before"
					+ " the linted range); make sure no deployed code reads it.");
		});
		// Unacknowledged, it fails the lint, as any drop.
		assertThat(linted.failed()).isTrue();
		// What it says, on PostgreSQL: the rows are gone.
		retort.upgrade("heads");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname = 'legacy_orders'")).containsExactly("0");
	}

}
