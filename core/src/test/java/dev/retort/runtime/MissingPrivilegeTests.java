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
 * A revision run as a role that may not do what it does (an operator's shell with the
 * application's credentials instead of the DDL role's): PostgreSQL says only 'must be owner of
 * table coffee', and the revision is not at fault.
 */
@ExtendWith(PostgresExtension.class)
class MissingPrivilegeTests {

	@Test
	void aRevisionRunAsARoleThatDoesNotOwnItsTableNamesTheRoleAndTheOwner(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location()).load()
			.upgrade("heads");
		// The application's role: it reads and writes every table, Retort's too, and owns none.
		String app = "app_" + db.name();
		db.execute("CREATE ROLE " + app + " LOGIN PASSWORD 'pw'",
				"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + app,
				"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + app);
		files.write("aaaa00000002", "aaaa00000001", "ALTER TABLE coffee ADD COLUMN kind text;", "SELECT 1;");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class, () -> Retort.configure()
			.url(db.jdbcUrl())
			.user(app)
			.password("pw")
			.locations(files.location())
			.load()
			.upgrade("heads"));

		assertThat(failure.getMessage()).contains("ERROR: must be owner of table coffee [SQLSTATE 42501]\n",
				"\n  The role " + app + ", which the migration runs as, does not own table coffee, and only its owner ("
						+ db.user() + ") may do this: most often the migration runs as the wrong role (the"
						+ " application's instead of the one that owns the tables), and the revision is not at fault."
						+ " Migrate as the owner, " + db.user() + " ('retort.user', --user), or grant the migrating role"
						+ " what the statement needs; fix the revision only if it should not touch coffee.\n",
				"Nothing of it was applied; the database stays at aaaa00000001: a run as a role with that privilege"
						+ " continues from there.")
			.doesNotContain("Fix the revision");
		assertThat(failure.privilegeMissing()).isTrue();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
		assertThat(db.queryStrings("SELECT applied_by || ' ' || success FROM retort_history WHERE revision = 'aaaa00000002'"))
			.containsExactly(app + " false");

		// As it says: the owner applies the same file.
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location()).load()
			.upgrade("heads");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

}
