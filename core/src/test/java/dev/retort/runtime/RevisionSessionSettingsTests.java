package dev.retort.runtime;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session settings a revision changes are put back after it: the next revision of the run
 * resolves its names, and runs, as if the first had set nothing; Retort's own rows are written as
 * the run's role.
 */
@ExtendWith(PostgresExtension.class)
class RevisionSessionSettingsTests {

	/** What the next revision sees: its unqualified table's schema tells the search_path it ran with. */
	private static final String RECORD_SETTINGS = "CREATE TABLE seen AS SELECT current_user::text AS who,"
			+ " current_setting('search_path') AS search_path, current_setting('lock_timeout') AS lock_timeout,"
			+ " current_setting('work_mem') AS work_mem;";

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password()).locations(files.location());
	}

	private static String seen(TestDatabase db, String schema, String column) {
		return db.queryStrings("SELECT " + column + " FROM " + schema + ".seen").get(0);
	}

	private static String defaultWorkMem(TestDatabase db) {
		return db.queryStrings("SELECT current_setting('work_mem')").get(0);
	}

	@Test
	void aRevisionsSearchPathDoesNotReachTheNextRevision(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE SCHEMA beans;\nSET search_path TO beans;\nCREATE TABLE roast (id int);",
				"DROP SCHEMA beans CASCADE;");
		files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");

		assertThat(configure(db, files).load().upgrade("heads").to()).containsExactly("aaaa00000002");

		assertThat(db.queryStrings("SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname IN"
				+ " ('roast', 'seen') ORDER BY relname")).containsExactly("beans", "public");
		assertThat(seen(db, "public", "search_path")).isEqualTo("\"$user\", public");
	}

	@Test
	void theConfiguredSchemaIsWhatTheNextRevisionGetsBack(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null,
				"CREATE SCHEMA beans;\nSELECT set_config('search_path', 'beans', false);\nCREATE TABLE roast (id int);",
				"DROP SCHEMA beans CASCADE;");
		files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");

		configure(db, files).schema("app").load().upgrade("heads");

		assertThat(seen(db, "app", "search_path")).isEqualTo("app");
	}

	@Test
	void aNonTransactionalRevisionsSettingsArePutBackAfterIt(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE SCHEMA beans;\nCREATE TABLE beans.roast (id int);",
				"DROP SCHEMA beans CASCADE;");
		files.write("aaaa00000002", "aaaa00000001", "", false,
				"SET search_path TO beans;\nSET work_mem = '1MB';\nCREATE INDEX CONCURRENTLY ix_roast ON roast (id);",
				"SELECT 1;");
		files.write("aaaa00000003", "aaaa00000002", RECORD_SETTINGS, "DROP TABLE seen;");

		configure(db, files).load().upgrade("heads");

		assertThat(seen(db, "public", "work_mem")).isEqualTo(defaultWorkMem(db));
	}

	@Test
	void aJavaRevisionsSettingsArePutBackAfterIt(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE SCHEMA beans;", "DROP SCHEMA beans CASCADE;");
		files.write("aaaa00000003", "aaaa00000002", RECORD_SETTINGS, "DROP TABLE seen;");

		configure(db, files).javaMigrations(List.of(new IntoBeans())).load().upgrade("heads");

		assertThat(db.queryStrings("SELECT count(*) FROM beans.roast")).containsExactly("0");
		assertThat(seen(db, "public", "search_path")).isEqualTo("\"$user\", public");
	}

	@Revision(id = "aaaa00000002", revises = "aaaa00000001", message = "Into beans")
	static final class IntoBeans implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("SET search_path TO beans");
			op.execute("CREATE TABLE roast (id int)");
		}

	}

	@Test
	void aSettingAJavaRevisionChangesWithABoundValueIsPutBackAfterIt(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE SCHEMA beans;", "DROP SCHEMA beans CASCADE;");
		files.write("aaaa00000003", "aaaa00000002", RECORD_SETTINGS, "DROP TABLE seen;");

		configure(db, files).javaMigrations(List.of(new IntoBeansBound())).load().upgrade("heads");

		assertThat(db.queryStrings("SELECT label FROM beans.roast")).containsExactly("it's dark");
		assertThat(seen(db, "public", "search_path")).isEqualTo("\"$user\", public");
	}

	@Revision(id = "aaaa00000002", revises = "aaaa00000001", message = "Into beans, bound")
	static final class IntoBeansBound implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("SELECT set_config('search_path', ?, false)", "beans");
			op.execute("CREATE TABLE roast (label text)");
			op.execute("INSERT INTO roast (label) VALUES (?)", "it's dark");
		}

	}

	@Test
	void inOneTransactionTheNextRevisionGetsRetortsLockTimeoutBack(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SET lock_timeout = '1min';\nSET LOCAL work_mem = '1MB';",
				"SELECT 1;");
		files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");

		configure(db, files).transactionMode(TransactionMode.ALL).load().upgrade("heads");

		// retort.ddl.lock-timeout's default, not the first revision's minute; its SET LOCAL ended with it too.
		assertThat(seen(db, "public", "lock_timeout")).isEqualTo("5s");
		assertThat(seen(db, "public", "work_mem")).isEqualTo(defaultWorkMem(db));
	}

	@Test
	void aRevisionThatTurnsDefaultTransactionReadOnlyOnDoesNotMakeTheNextOneReadOnly(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SET default_transaction_read_only = on;\nCREATE TABLE coffee (id int);",
				"DROP TABLE coffee;");
		files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");

		// Before: the next revision failed as if the database were a replica ("the revisions are not at fault").
		assertThat(configure(db, files).load().upgrade("heads").to()).containsExactly("aaaa00000002");
	}

	@Test
	void aRevisionThatMakesItsOwnTransactionReadOnlyIsToldSoNotSentToThePrimary(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SET TRANSACTION READ ONLY;\nCREATE TABLE coffee (id int);",
				"DROP TABLE coffee;");

		MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
				MigrationFailedException.class, () -> configure(db, files).load().upgrade("heads"));

		assertThat(failure.getMessage()).contains("The revision made its own transaction read-only (at "
				+ dir.resolve("aaaa00000001_test.sql") + ":9): remove that statement")
			.contains("Fix the revision and run again")
			.doesNotContain("hot standby");
	}

	@Test
	void aRoleARevisionSetsDoesNotWriteRetortsRowsNorRunTheNextRevision(TestDatabase db, @TempDir Path dir) {
		Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		// A role that owns the application's tables and may not touch Retort's.
		String owner = "beans_owner_" + db.name();
		db.execute("CREATE ROLE " + owner, "CREATE SCHEMA beans AUTHORIZATION " + owner);
		try {
			RevisionFiles files = new RevisionFiles(dir);
			files.write("aaaa00000001", null, "SET ROLE " + owner + ";\nCREATE TABLE beans.roast (id int);",
					"DROP TABLE beans.roast;");
			files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");

			assertThat(configure(db, files).load().upgrade("heads").to()).containsExactly("aaaa00000002");

			assertThat(db.queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'roast'"))
				.containsExactly(owner);
			assertThat(seen(db, "public", "who")).isEqualTo(db.user());
			assertThat(db.queryStrings("SELECT DISTINCT applied_by FROM retort_history")).containsExactly(db.user());
		}
		finally {
			db.execute("DROP SCHEMA IF EXISTS beans CASCADE", "DROP OWNED BY " + owner, "DROP ROLE " + owner);
		}
	}

	@Test
	void aRoleSetWhereRetortCannotSeeItIsNamedWhenRecordingTheRevisionFails(TestDatabase db, @TempDir Path dir) {
		Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + reader);
		try {
			RevisionFiles files = new RevisionFiles(dir);
			files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
			// Alone, and after other statements: either way the statements went with Retort's rows.
			files.write("aaaa00000002", "aaaa00000001",
					"DO $$ BEGIN EXECUTE 'SET ROLE " + reader + "'; END $$;", "SELECT 1;");
			files.write("aaaa00000003", "aaaa00000001", "", true,
					"INSERT INTO coffee VALUES (1);\nDO $$ BEGIN EXECUTE 'SET ROLE " + reader + "'; END $$;\nSELECT 1;",
					"SELECT 1;");
			for (String revision : List.of("aaaa00000002", "aaaa00000003")) {
				MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
						MigrationFailedException.class, () -> configure(db, files).load().upgrade(revision));

				assertThat(failure.getMessage()).startsWith("Revision " + revision + " (" + files.directory()
						.resolve(revision + "_test.sql") + ") ran all its statements, but recording it (Retort's version"
						+ " and history rows) failed and was rolled back: ERROR: permission denied for table retort_version")
					.contains("\n  in Retort's statement: UPDATE public.retort_version SET version_num = '" + revision + "'")
					.contains("Retort wrote them as role '" + reader + "', not as the session's role '" + db.user()
							+ "'")
					.contains("Nothing of it was applied; the database stays at aaaa00000001.");
				assertThat(failure.statement()).startsWith("UPDATE public.retort_version");
			}
			assertThat(db.queryStrings("SELECT count(*) FROM coffee")).containsExactly("0");
		}
		finally {
			db.execute("DROP OWNED BY " + reader, "DROP ROLE " + reader);
		}
	}

	@Test
	void aNonTransactionalRevisionsUnseenRoleIsNamedAsATransactionalOnesIs(TestDatabase db, @TempDir Path dir) {
		Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + reader);
		try {
			RevisionFiles files = new RevisionFiles(dir);
			files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
			files.write("aaaa00000002", "aaaa00000001", "", false,
					"INSERT INTO coffee VALUES (1);\nDO $$ BEGIN EXECUTE 'SET ROLE " + reader + "'; END $$;",
					"SELECT 1;");

			MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
					MigrationFailedException.class, () -> configure(db, files).load().upgrade("heads"));

			assertThat(failure.getMessage()).startsWith("Revision aaaa00000002 (" + files.directory()
				.resolve("aaaa00000002_test.sql") + ") ran all its statements, but recording it (Retort's version and"
					+ " history rows) failed: ERROR: permission denied for table retort_version")
				.contains("\n  in Retort's statement: UPDATE public.retort_version SET version_num = 'aaaa00000002'")
				.contains("Retort wrote them as role '" + reader + "', not as the session's role '" + db.user() + "'")
				.contains("\n  It ran outside a transaction ('Transactional: false'): all its statements ran and stay"
						+ " committed, but it is not recorded as applied; the version table stays at aaaa00000001. Once"
						+ " Retort can write its rows, record it without running it again: 'retort stamp aaaa00000002'.");
			assertThat(failure.statement()).startsWith("UPDATE public.retort_version");
			assertThat(failure.recordingFailed()).isTrue();
			assertThat(db.queryStrings("SELECT count(*) FROM coffee")).containsExactly("1");
			// Its role put back first: the failure row is written, as the session's own role.
			assertThat(db.queryStrings("SELECT applied_by FROM retort_history WHERE NOT success"))
				.containsExactly(db.user());
		}
		finally {
			db.execute("DROP OWNED BY " + reader, "DROP ROLE " + reader);
		}
	}

	@Test
	void aBorrowedSessionGetsThePoolsValueBackAfterTheRevision(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "SET work_mem = '1MB';\nRESET search_path;", "SELECT 1;");
		files.write("aaaa00000002", "aaaa00000001", RECORD_SETTINGS, "DROP TABLE seen;");
		db.execute("CREATE SCHEMA pool");
		try (java.sql.Connection pooled = db.connect()) {
			try (Statement statement = pooled.createStatement()) {
				// What the pool's init SQL set.
				statement.execute("SET work_mem = '8MB'; SET search_path TO pool, public");
			}
			Retort.configure().dataSource(poolOf(db, pooled)).locations(files.location()).load().upgrade("heads");
			assertThat(seen(db, "pool", "work_mem")).isEqualTo("8MB");
			try (Statement statement = pooled.createStatement();
					ResultSet row = statement.executeQuery("SELECT current_setting('work_mem')")) {
				row.next();
				assertThat(row.getString(1)).isEqualTo("8MB");
			}
		}
	}

	@Test
	void aRevisionThatChangesNoSettingSendsNothingMore(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);\nINSERT INTO coffee VALUES (1);",
				"DROP TABLE coffee;");
		files.write("aaaa00000002", "aaaa00000001", "SET LOCAL work_mem = '1MB';\nINSERT INTO coffee VALUES (2);",
				"SELECT 1;");
		Retort retort = configure(db, files).load();
		retort.upgrade("aaaa00000001");
		long before = retort.statementCount();
		retort.upgrade("heads");
		long withSetting = retort.statementCount() - before;
		retort.downgrade("aaaa00000001");
		// The put-back travels with the revision's statements: as many round trips as a revision without it.
		files.write("aaaa00000002", "aaaa00000001", "SELECT 1;\nINSERT INTO coffee VALUES (2);", "SELECT 1;");
		Retort plain = configure(db, files).validateChecksums(false).load();
		long plainBefore = plain.statementCount();
		plain.upgrade("heads");
		assertThat(withSetting).isEqualTo(plain.statementCount() - plainBefore);
	}

	/**
	 * A pool that lends {@code connection} whenever it is not lent already, and closing it
	 * returns it; a borrower while it is lent (the lock's session, beside the migration's) gets a
	 * session of its own, as from a real pool, where two borrowers never share a session.
	 */
	private static javax.sql.DataSource poolOf(TestDatabase db, java.sql.Connection connection) {
		java.util.concurrent.atomic.AtomicBoolean lent = new java.util.concurrent.atomic.AtomicBoolean();
		java.sql.Connection borrowed = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
				RevisionSessionSettingsTests.class.getClassLoader(), new Class<?>[] { java.sql.Connection.class },
				(proxy, method, args) -> switch (method.getName()) {
					case "close" -> {
						lent.set(false);
						yield null;
					}
					case "isClosed" -> false;
					default -> method.invoke(connection, args);
				});
		return new org.postgresql.ds.PGSimpleDataSource() {
			@Override
			public java.sql.Connection getConnection() throws java.sql.SQLException {
				return lent.compareAndSet(false, true) ? borrowed : db.connect();
			}
		};
	}

}
