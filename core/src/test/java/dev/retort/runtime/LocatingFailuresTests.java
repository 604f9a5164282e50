package dev.retort.runtime;

import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.config.RetortConfig;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A transactional revision whose statements went to the server together and failed is run again
 * one statement at a time to name the one that fails: that run must report the revision's failure,
 * not one of its own.
 */
@ExtendWith(PostgresExtension.class)
class LocatingFailuresTests {

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	@Test
	void aRevisionsOwnIdleTimeoutDoesNotEndTheRunThatFindsItsFailingStatement(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		// Sent together, its statements never leave the session idle; one per round trip, they do.
		files.write("aaaa00000002", "aaaa00000001", "SET idle_in_transaction_session_timeout = '1ms';\n"
				+ "CREATE TABLE a (id int);\nCREATE TABLE b (id nosuchtype);", "SELECT 1;");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).load().upgrade("heads"));

		assertThat(failure.getMessage()).startsWith("Revision aaaa00000002 (" + files.directory()
			.resolve("aaaa00000002_test.sql") + ":11) failed and was rolled back: ERROR: type \"nosuchtype\" does not"
				+ " exist")
			.contains("\n  in statement: CREATE TABLE b (id nosuchtype)")
			.contains("Nothing of it was applied; the database stays at aaaa00000001.");
		assertThat(failure.sqlState()).isEqualTo("42704");
		assertThat(db.tableExists("a")).isFalse();
		assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history ORDER BY id"))
			.containsExactly("aaaa00000001 true", "aaaa00000002 false");
	}

	@Test
	void aRunToFindTheFailingStatementThatLosesItsSessionReportsTheFirstTrysFailure(TestDatabase db,
			@TempDir Path dir) {
		// Not rolled back with the revision: the second run of its statements ends its own session.
		db.execute("CREATE SEQUENCE tries");
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write("aaaa00000002", "aaaa00000001", "CREATE TABLE a (id int);\n"
				+ "DO $$ BEGIN IF nextval('tries') > 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; END $$;\n"
				+ "CREATE TABLE b (id nosuchtype);", "SELECT 1;");

		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).load().upgrade("heads"));

		assertThat(failure.getMessage()).startsWith("Revision aaaa00000002 (" + files.directory()
			.resolve("aaaa00000002_test.sql") + ") failed and was rolled back: ERROR: type \"nosuchtype\" does not"
				+ " exist [SQLSTATE 42704]")
			.contains("\n  in one of its 3 statements, which went to the server together (running them again one at a"
					+ " time to find which failed for a reason of its own, not the revision's: ")
			.contains("; which statement fails is not known)")
			.contains("Nothing of it was applied; the database stays at aaaa00000001. Fix the revision and run again")
			.doesNotContain("connection to the server was lost");
		assertThat(failure.sqlState()).isEqualTo("42704");
		assertThat(failure.location()).isEqualTo(files.directory().resolve("aaaa00000002_test.sql").toString());
		assertThat(db.tableExists("a")).isFalse();
		// Written on a session of its own: the migration session is gone.
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE NOT success")).singleElement()
			.satisfies((error) -> assertThat(error).contains("type \"nosuchtype\" does not exist"));
	}

}
