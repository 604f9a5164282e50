package dev.retort.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.Retort;
import dev.retort.test.MigrationTestKit;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

/**
 * The coffee tracker's revisions, SQL and Java, proved with the migration test kit on a real
 * PostgreSQL: one head, every downgrade gives back the schema its upgrade started from, nothing
 * left invalid, and the head is exactly the schema of the model {@code db/schema.sql}. Lint is not
 * asserted: the sample's revisions show what it finds (docs/lint.md).
 */
@ExtendWith(PostgresExtension.class)
class RevisionsRoundTripTests {

	@Test
	void everyRevisionRoundTrips(TestDatabase db) {
		MigrationTestKit kit = MigrationTestKit.of(Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions")
			.javaPackages("dev.retort.sample.revisions"));
		kit.assertSingleHead();
		kit.assertEveryRevisionRoundTrips();
		kit.assertNothingInvalidAtHead();
		kit.assertMatchesModel("classpath:db/schema.sql");
	}

}
