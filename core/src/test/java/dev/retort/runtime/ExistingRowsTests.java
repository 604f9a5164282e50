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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A revision whose new constraint the table's rows break: PostgreSQL names no row, and the
 * statement itself is sound, so the message says what in the data stops it and how to go on.
 */
@ExtendWith(PostgresExtension.class)
class ExistingRowsTests {

	private static final String A = "aaaa00000001";

	private static final String B = "aaaa00000002";

	private static MigrationFailedException upgrade(TestDatabase db, RevisionFiles files) {
		return catchThrowableOfType(MigrationFailedException.class, () -> Retort.configure()
			.dataSource(db.dataSource())
			.locations(files.location())
			.load()
			.upgrade("heads"));
	}

	private static RevisionFiles ordersWithANullNote(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE orders (id int, note text);\nINSERT INTO orders VALUES (1, 'a'), (2, NULL);",
				"DROP TABLE orders;");
		return files;
	}

	@Test
	void aNotNullThatRowsBreakSaysToGiveThemAValueFirst(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = ordersWithANullNote(dir);
		files.write(B, A, "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;", "SELECT 1;");
		MigrationFailedException failure = upgrade(db, files);
		assertThat(failure.getMessage()).contains("ERROR: column \"note\" of relation \"orders\" contains null values"
				+ " [SQLSTATE 23502]\n  in statement: ALTER TABLE orders ALTER COLUMN note SET NOT NULL\n  Rows of orders"
				+ " hold NULL in note: the data, not the statement, stops it. Give them a value first (UPDATE orders SET"
				+ " note = … WHERE note IS NULL), in this revision before this statement or by hand, then run again.\n",
				"\n  Nothing of it was applied; the database stays at " + A + ": once the rows are dealt with, the next run"
						+ " continues from there.")
			.doesNotContain("Fix the revision");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(A);

		// As it says: the same statement after the rows get a value.
		files.write(B, A, "UPDATE orders SET note = '' WHERE note IS NULL;\nALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
				"SELECT 1;");
		Retort.configure().dataSource(db.dataSource()).locations(files.location()).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
	}

	@Test
	void aColumnAddedNotNullWithoutADefaultSaysToGiveItOne(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = ordersWithANullNote(dir);
		files.write(B, A, "ALTER TABLE orders ADD COLUMN qty int NOT NULL;", "SELECT 1;");
		assertThat(upgrade(db, files).getMessage()).contains("\n  The column is added NOT NULL without a DEFAULT to a"
				+ " table that has rows, which it would leave NULL. Add it with a DEFAULT, or add it nullable, fill it"
				+ " (UPDATE orders SET qty = …), then SET NOT NULL; then run again.\n")
			.doesNotContain("Rows of orders hold NULL");
	}

	@Test
	void aCheckConstraintThatRowsBreakSaysNotValid(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = ordersWithANullNote(dir);
		files.write(B, A, "ALTER TABLE orders ADD CONSTRAINT note_set CHECK (note IS NOT NULL);", "SELECT 1;");
		assertThat(upgrade(db, files).getMessage()).contains("[SQLSTATE 23514]", "\n  Rows of orders break check"
				+ " constraint note_set: the data, not the statement, stops it. Fix those rows first, in this revision"
				+ " before this statement or by hand, then run again; or add the constraint NOT VALID, so that it holds"
				+ " for new rows, and VALIDATE CONSTRAINT it once the old ones are fixed.\n");
	}

}
