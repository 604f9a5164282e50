package dev.retort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.retort.command.CurrentResult;
import dev.retort.command.HistoryResult;
import dev.retort.command.MigrationResult;
import dev.retort.command.RevisionFiles;
import dev.retort.command.RevisionInfo;
import dev.retort.command.ShowResult;
import dev.retort.command.StatusReport;
import dev.retort.command.StepResult;
import dev.retort.command.ValidateResult;
import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.DatabaseAheadException;
import dev.retort.revision.InvalidTargetException;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(PostgresExtension.class)
class RetortIntegrationTests {

	private static final String A = "a1a1a1a1a1a1";

	private static final String B = "b2b2b2b2b2b2";

	private static final String C = "c3c3c3c3c3c3";

	private static RevisionFiles linear(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write(B, A, "ALTER TABLE coffee ADD COLUMN kind text;", "ALTER TABLE coffee DROP COLUMN kind;");
		return files;
	}

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, RevisionFiles files) {
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location());
	}

	@Test
	void theVersionRowsReadTheSameWhateverOrderTheBranchesWereAppliedIn(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		files.write(C, A, "CREATE TABLE cup (id int);", "DROP TABLE cup;");
		files.write(B, A, "CREATE TABLE tea (id int);", "DROP TABLE tea;");
		Retort retort = configure(db, files).load();
		retort.upgrade(C);
		assertThat(retort.upgrade(B).to()).containsExactly(B, C);
		// Each branch down and up again: its row is deleted and inserted anew, at the end of the table.
		retort.downgrade(C + "@-1");
		assertThat(retort.upgrade(C).to()).containsExactly(B, C);
		retort.downgrade(B + "@-1");
		retort.upgrade(B);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(C, B);
		assertThat(retort.current().current()).containsExactly(B, C);
		assertThat(retort.status().current()).containsExactly(B, C);
		MigrationResult noop = retort.upgrade("heads");
		assertThat(noop.from()).containsExactly(B, C);
		assertThat(noop.to()).containsExactly(B, C);
	}

	@Test
	void currentShowsRowsThatOverlapWhereEveryPlanRefusesThem(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		retort.upgrade(null);
		// A hand edit (or an older tool) left the row of A beside the row of B, which implies it.
		db.execute("INSERT INTO retort_version VALUES ('" + A + "')");
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of(A, B), List.of(B), false, false, List.of(A)));
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> retort.upgrade(null))
			.withMessageContaining("The version table holds both " + A + " and " + B);
		// The endpoint's report too: the rows as they are, nothing pending above them, not up to date.
		StatusReport status = retort.status();
		assertThat(status.current()).containsExactly(A, B);
		assertThat(status.pending()).isEmpty();
		assertThat(status.upToDate()).isFalse();
		assertThat(retort.validate().problems()).singleElement().asString().startsWith("The version table holds both " + A);
		retort.stamp(List.of(B), true);
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of(B), List.of(B), true, false));
		assertThat(retort.status().upToDate()).isTrue();
	}

	@Test
	void upgradeAppliesLinearRevisionsAndCurrentReportsTheHead(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of(), List.of(B), false, false));
		assertThat(db.tableExists("retort_version")).isFalse();
		MigrationResult result = retort.upgrade(null);
		assertThat(result.from()).isEmpty();
		assertThat(result.to()).containsExactly(B);
		assertThat(result.steps()).extracting(StepResult::revision).containsExactly(A, B);
		assertThat(retort.current()).isEqualTo(new CurrentResult(List.of(B), List.of(B), true, false));
		assertThat(retort.upgrade("heads").steps()).isEmpty();
		MigrationResult down = retort.downgrade("-1");
		assertThat(down.to()).containsExactly(A);
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'coffee'"))
			.containsExactly("id");
		assertThat(db.queryStrings("SELECT operation FROM retort_history ORDER BY id"))
			.containsExactly("upgrade", "upgrade", "downgrade");
	}

	@Test
	void aDowngradeOfWhatWasDroppedByHandSaysToStampInsteadOfBlamingTheRevision(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		retort.upgrade("heads");
		db.execute("ALTER TABLE coffee DROP COLUMN kind");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.downgrade(A));
		assertThat(failure.getMessage()).contains("column \"kind\" of relation \"coffee\" does not exist")
			.contains("the database stays at " + B + ". The database lacks what this downgrade removes.")
			.contains("Only if it was removed by hand: undo the rest of the revision's downgrade by hand, then"
					+ " 'retort stamp " + A + "' records the step without running anything")
			.doesNotContain("Fix the revision and run again");
		// Following the message.
		retort.stamp(List.of(A), false);
		assertThat(retort.current().current()).containsExactly(A);
		assertThat(retort.upgrade("heads").to()).containsExactly(B);
	}

	@Test
	void aDowngradeThatDropsWhatItNeverCreatedSaysToFixItBeforeItOffersTheStamp(TestDatabase db, @TempDir Path dir) {
		// A mistake in the downgrade reads to the database like an object dropped by hand: stamping
		// past it on the strength of the message alone would record a downgrade that never ran.
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE TABLE cup (id int);", "DROP TABLE nosuch;\nDROP TABLE cup;");
		Retort retort = configure(db, files).load();
		retort.upgrade("heads");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.downgrade(B));
		String message = failure.getMessage();
		assertThat(message).contains("table \"nosuch\" does not exist")
			.contains("If the downgrade names something the revision never created (a mistake in the revision), fix"
					+ " the revision's downgrade and run again.");
		assertThat(message.indexOf("fix the revision's downgrade")).isLessThan(message.indexOf("'retort stamp " + B + "'"));
		assertThat(retort.current().current()).containsExactly(C);
		assertThat(db.tableExists("cup")).isTrue();
	}

	@Test
	void aNonTransactionalDowngradeRunAgainAfterItFailedHalfWaySaysWhatItDropsIsGoneNotToFixTheStatement(
			TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "", false, "CREATE INDEX CONCURRENTLY ix_coffee_id ON coffee (id);\n"
				+ "CREATE INDEX CONCURRENTLY ix_coffee_kind ON coffee (kind);",
				"DROP INDEX CONCURRENTLY ix_coffee_id;\nDROP INDEX CONCURRENTLY ix_coffee_knd;");
		Retort retort = configure(db, files).load();
		retort.upgrade("heads");
		// The first run drops ix_coffee_id, which stays dropped, and stops at the misspelt index.
		MigrationFailedException first = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.downgrade(B));
		assertThat(first.getMessage()).contains("its 1 statement before this one stays committed")
			.contains("Make the statements re-runnable (IF EXISTS)");
		// Run again (the misspelling fixed or not): the first statement finds its index gone.
		MigrationFailedException again = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.downgrade(B));
		assertThat(again.getMessage()).contains("index \"ix_coffee_id\" does not exist")
			.contains("the version table stays at " + C + ". What it drops is gone already: an earlier run of this"
					+ " downgrade that failed further on (its statements outside a transaction stay committed) or a"
					+ " change by hand removed it; or the downgrade names something the revision never created (a"
					+ " mistake in the revision: fix the revision's downgrade). Otherwise write its drops with IF EXISTS"
					+ " so that it can run again, or undo the rest of its downgrade by hand, then 'retort stamp " + B
					+ "' records the step without running anything.")
			.doesNotContain("Fix the");
		// Following the message.
		db.execute("DROP INDEX ix_coffee_kind");
		retort.stamp(List.of(B), false);
		assertThat(retort.current().current()).containsExactly(B);
		assertThat(retort.downgrade(A).to()).containsExactly(A);
	}

	@Test
	void aColumnAnEarlierRevisionOfTheRunAddedIsNotTakenForASchemaBuiltWithoutRetort(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "ALTER TABLE coffee ADD COLUMN kind text;", "SELECT 1;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(failure.foundExistingObject()).isTrue();
		assertThat(failure.createdInThisRun()).isTrue();
		assertThat(failure.getMessage()).contains("\n  This run created it already, at " + dir.resolve(B + "_test.sql")
				+ ":9 (before this statement): it is created twice");
	}

	@Test
	void aColumnThatExistedBeforeTheRunKeepsTheAdviceForASchemaBuiltWithoutRetort(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int)");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, linear(dir)).load().upgrade("heads"));
		assertThat(failure.foundExistingObject()).isTrue();
		assertThat(failure.createdInThisRun()).isFalse();
		assertThat(failure.getMessage()).doesNotContain("This run created it already");
	}

	@Test
	void aNonTransactionalDowngradeThatFailsHalfWaySaysToMakeItsDropsIfExists(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "", false, "CREATE INDEX CONCURRENTLY ix_id ON coffee (id);\n"
				+ "CREATE INDEX CONCURRENTLY ix_kind ON coffee (kind);",
				"DROP INDEX CONCURRENTLY ix_kind;\nDROP INDEX CONCURRENTLY ix_id;");
		Retort retort = configure(db, files).load();
		retort.upgrade("heads");
		db.execute("DROP INDEX ix_id");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort.downgrade(B));
		assertThat(failure.getMessage()).contains("index \"ix_id\" does not exist")
			.contains("its 1 statement before this one stays committed, the version table stays at " + C
					+ ". Make the statements re-runnable (IF EXISTS) or undo them by hand, then run again.");
	}

	@Test
	void aFailureNamesEveryRowTheVersionTableHoldsIncludingOnesNoFileDeclares(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		Retort retort = configure(db, files).load();
		retort.upgrade("heads");
		// Another branch's release migrated the database further: a row these files do not declare,
		// and the step that wrote it in the history, as every release records it.
		db.execute("INSERT INTO retort_version VALUES ('9fb100000000')", "INSERT INTO retort_history (revision,"
				+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('9fb100000000', 'upgrade', '{}',"
				+ " '{9fb100000000}', 1, true)");
		files.write(C, B, "CREATE TABLE beans (id int);\nINSERT INTO nowhere VALUES (1);", "DROP TABLE beans;");
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).contains("Nothing of it was applied; the database stays at " + B
				+ ", 9fb100000000. Fix the revision");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("9fb100000000", B);
	}

	@Test
	void theVersionTableHasAlembicsLayout(TestDatabase db, @TempDir Path dir) {
		configure(db, linear(dir)).load().upgrade("heads");
		assertThat(db.queryStrings("SELECT column_name || ' ' || data_type || ' ' || character_maximum_length"
				+ " FROM information_schema.columns WHERE table_name = 'retort_version'"))
			.containsExactly("version_num character varying 32");
		assertThat(db.queryStrings("SELECT conname FROM pg_constraint WHERE contype = 'p'"
				+ " AND conrelid = 'retort_version'::regclass")).containsExactly("retort_version_pkc");
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns"
				+ " WHERE table_name = 'retort_history' ORDER BY ordinal_position"))
			.containsExactly("id", "revision", "operation", "from_heads", "to_heads", "message", "checksum",
					"applied_by", "client", "started_at", "duration_ms", "success", "error");
		assertThat(db.queryStrings("SELECT applied_by || ' ' || client FROM retort_history ORDER BY id").get(0))
			.startsWith(db.user() + " ").endsWith(" retort");
	}

	@Test
	void aConfiguredSchemaIsCreatedAndHoldsTablesAndMigrations(TestDatabase db, @TempDir Path dir) {
		configure(db, linear(dir)).schema("coffee_app").versionTable("alembic_version").load().upgrade("heads");
		assertThat(db.queryStrings("SELECT table_schema || '.' || table_name FROM information_schema.tables"
				+ " WHERE table_schema = 'coffee_app' ORDER BY 1"))
			.containsExactly("coffee_app.alembic_version", "coffee_app.coffee", "coffee_app.retort_history");
	}

	@Test
	void withoutCreateSchemaAMissingSchemaIsAConfigurationError(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).schema("missing").createSchema(false).load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONFIGURATION);
		// Built with the Java API, which has no properties: the message names its switch too.
		assertThat(error.getMessage()).isEqualTo("Schema 'missing' does not exist and creating it is turned off"
				+ " ('retort.create-schema' is false; in the Java API, createSchema(false)): create it, or set"
				+ " 'retort.create-schema' to true (in the Java API, createSchema(true) on Retort.configure()).");
		assertThat(db.queryStrings("SELECT nspname::text FROM pg_namespace WHERE nspname = 'missing'")).isEmpty();
	}

	@Test
	void aUserWithoutCreateOnTheSchemaIsToldWhichGrantItNeeds(TestDatabase db, @TempDir Path dir) {
		// PostgreSQL 15's default: only the database owner creates in public. A newcomer's
		// "GRANT ALL ON DATABASE app TO app" does not grant it.
		String user = "no_create_" + db.name();
		db.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC", "CREATE ROLE " + user + " LOGIN PASSWORD 'pw'",
				"GRANT ALL PRIVILEGES ON DATABASE " + db.name() + " TO " + user);
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(user).password("pw").locations(linear(dir).location())
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.getMessage()).startsWith("Could not create public.retort_version and public.retort_history: "
				+ "user '" + user + "' may not create tables in schema 'public' (permission denied for schema public)")
			.contains("GRANT CREATE ON SCHEMA public TO " + user)
			.contains("'retort.schema'")
			.doesNotContain("Position:");
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void aRoleThatOwnsItsSchemaMigratesWithoutCreateOnTheDatabase(TestDatabase db, @TempDir Path dir) {
		// A bank's DBA creates the schema for the migration role and grants it nothing on the
		// database: 'CREATE SCHEMA IF NOT EXISTS' alone is refused there, though the schema exists.
		String owner = "schema_owner_" + db.name();
		db.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'pw'", "REVOKE CREATE ON DATABASE " + db.name()
				+ " FROM PUBLIC", "CREATE SCHEMA ledger AUTHORIZATION " + owner);
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(owner)
			.password("pw")
			.schema("ledger")
			.locations(linear(dir).location())
			.load();
		retort.upgrade("heads");
		assertThat(db.queryStrings("SELECT c.relname || ' ' || pg_get_userbyid(c.relowner) FROM pg_class c"
				+ " WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r' ORDER BY 1"))
			.containsExactly("coffee " + owner, "retort_history " + owner, "retort_version " + owner);
	}

	@Test
	void aRoleThatMayNotCreateTheSchemaIsToldHowToGetItAndNothingChanges(TestDatabase db, @TempDir Path dir) {
		String user = "no_schema_" + db.name();
		db.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'pw'",
				"REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(user)
			.password("pw")
			.schema("ledger")
			.locations(linear(dir).location())
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.getMessage())
			.startsWith("Could not create schema 'ledger' for ledger.retort_version and ledger.retort_history: user '"
					+ user + "' may not create schemas in database '" + db.name() + "' (permission denied for database "
					+ db.name() + ") [SQLSTATE 42501]. Nothing was changed.")
			.contains("'CREATE SCHEMA ledger AUTHORIZATION " + user + "'",
					"'GRANT CREATE ON DATABASE " + db.name() + " TO " + user + "'");
		assertThat(db.queryStrings("SELECT nspname FROM pg_namespace WHERE nspname = 'ledger'")).isEmpty();
	}

	@Test
	void aRoleThatMayNotReadRetortsTablesIsToldWhichGrantItNeeds(TestDatabase db, @TempDir Path dir) {
		// An auditor's read-only role running 'retort current' on a database the owner migrated.
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + reader + " LOGIN PASSWORD 'pw'");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(reader)
			.password("pw")
			.locations(files.location())
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, retort::status);
		assertThat(error.getMessage()).startsWith("Could not read public.retort_version and public.retort_history: "
				+ "ERROR: permission denied for table retort_version [SQLSTATE 42501]. User '" + reader
				+ "' may not read Retort's tables: as their owner, run 'GRANT SELECT ON public.retort_version, "
				+ "public.retort_history TO " + reader + "'");

		db.execute("GRANT SELECT ON retort_version, retort_history TO " + reader);
		assertThat(retort.status().upToDate()).isTrue();

		// In a schema of its own, the role needs USAGE on the schema first.
		RevisionFiles ledgerFiles = linear(dir.resolve("ledger"));
		configure(db, ledgerFiles).schema("ledger").load().upgrade("heads");
		Retort inLedger = Retort.configure()
			.url(db.jdbcUrl())
			.user(reader)
			.password("pw")
			.schema("ledger")
			.locations(ledgerFiles.location())
			.load();
		RetortException noUsage = catchThrowableOfType(RetortException.class, inLedger::status);
		assertThat(noUsage.getMessage()).contains("permission denied for schema ledger")
			.contains("run 'GRANT USAGE ON SCHEMA ledger TO " + reader + "' and 'GRANT SELECT ON ledger.retort_version, "
					+ "ledger.retort_history TO " + reader + "'");
	}

	@Test
	void statusAndReadOnlyCommandsNeverCreateAnything(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).schema("not_yet").load();
		StatusReport status = retort.status();
		assertThat(status.current()).isEmpty();
		assertThat(status.upToDate()).isFalse();
		assertThat(status.pending()).extracting(RevisionInfo::revision).containsExactly(A, B);
		assertThat(status.revisions()).extracting(RevisionInfo::state).containsExactly("pending", "pending");
		assertThat(status.history()).isEmpty();
		assertThat(status.lastMigration()).isNull();
		assertThat(status.lock().held()).isFalse();
		retort.current();
		retort.history(null, true);
		retort.validate();
		assertThat(db.queryStrings("SELECT count(*) FROM pg_namespace WHERE nspname = 'not_yet'")).containsExactly("0");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname LIKE 'retort%'")).containsExactly("0");
	}

	@Test
	void statusAfterARunShowsHistoryAndLastMigration(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		retort.upgrade(A);
		StatusReport status = retort.status();
		assertThat(status.schema()).isEqualTo("public");
		assertThat(status.current()).containsExactly(A);
		assertThat(status.pending()).extracting(RevisionInfo::revision).containsExactly(B);
		assertThat(status.revisions()).extracting(RevisionInfo::state).containsExactly("pending", "applied");
		assertThat(status.history()).singleElement().satisfies((entry) -> {
			assertThat(entry.revision()).isEqualTo(A);
			assertThat(entry.toHeads()).containsExactly(A);
			assertThat(entry.checksum()).hasSize(64);
			assertThat(entry.success()).isTrue();
		});
		assertThat(status.lastMigration().success()).isTrue();
	}

	@Test
	void aChangedAppliedRevisionIsRefusedShowingBothChecksums(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		String applied = db.queryStrings("SELECT checksum FROM retort_history WHERE revision = ?", A).get(0);
		files.write(A, null, "CREATE TABLE coffee (id bigint);", "DROP TABLE coffee;");
		files.write(C, B, "SELECT 1;", "SELECT 1;");
		Retort changed = configure(db, files).load();
		ChecksumMismatchException error = catchThrowableOfType(ChecksumMismatchException.class,
				() -> changed.upgrade("heads"));
		String onDisk = changed.graph().get(A).checksum();
		assertThat(error.getMessage()).isEqualTo("Applied revision " + A + " (" + dir.resolve(A + "_test.sql")
				+ ") changed on disk since it was applied (checksum " + applied + " != " + onDisk
				+ "). Applied revisions are never edited: revert the file and add a new revision.");
		assertThat(error.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
		assertThat(changed.validate().problems()).singleElement().asString().contains(applied);
		assertThat(configure(db, files).validateChecksums(false).load().upgrade("heads").to()).containsExactly(C);
		// Turned off, the check is off everywhere: validate (and so the health contributor) agrees with upgrade.
		assertThat(configure(db, files).validateChecksums(false).load().validate().problems()).isEmpty();
	}

	@Test
	void aDatabaseAheadIsReportedByCurrentAndStatusAndRefusedByUpgrade(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");

		Retort old = configure(db, linear(dir)).load();
		assertThat(old.current().current()).containsExactly(C);
		assertThat(old.current().upToDate()).isTrue();
		StatusReport status = old.status();
		assertThat(status.databaseAhead()).isTrue();
		assertThat(status.upToDate()).isTrue();
		assertThat(status.revisions()).extracting(RevisionInfo::state).containsExactly("applied", "applied");
		// Nothing of this version is pending: an old instance starts without touching anything.
		MigrationResult noop = old.upgrade("heads");
		assertThat(noop.steps()).isEmpty();
		assertThat(noop.to()).containsExactly(C);

		DatabaseAheadException error = catchThrowableOfType(DatabaseAheadException.class, () -> old.downgrade(A));
		assertThat(error.unknownRevisions()).containsExactly(C);
		assertThat(error.getMessage()).startsWith("The database is at " + C + ", which no revision file declares")
			.contains("'downgrade " + A + "' would have to move past it");
		assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(old.validate().problems()).singleElement().asString()
			.startsWith("Revision " + C + " is in retort_version but no revision file declares it");
	}

	@Test
	void aDowngradeToBaseOnADatabaseAheadIsRefusedNotNothingToDo(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		// The newer version's C replaced B's row: no row is known here, yet A and B lie below C.
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");
		Retort old = configure(db, linear(dir)).load();

		DatabaseAheadException error = catchThrowableOfType(DatabaseAheadException.class, () -> old.downgrade("base"));
		assertThat(error.getMessage()).isEqualTo("The database is at " + C + ", which no revision file declares (a"
				+ " newer version of the application migrated it), and 'downgrade base' would have to move past it."
				+ " Run this command from the newer version, or add the missing revision files.");
		assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(C);
		assertThat(db.queryStrings("SELECT count(*)::text FROM retort_history WHERE operation = 'downgrade'"))
			.containsExactly("0");
	}

	@Test
	void aDowngradeToBaseOnADatabaseAheadIsRefusedAlsoWhenARevisionBelowHasNoDowngrade(TestDatabase db,
			@TempDir Path dir, @TempDir Path newer) {
		// As above, with B irreversible here: planned from what the history shows, the downgrade
		// is refused for B, and that refusal is no reason to call it nothing to do (exit 0).
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");
		RevisionFiles older = linear(dir);
		older.write(B, A, "ALTER TABLE coffee ADD COLUMN kind text;", null);
		Retort old = configure(db, older).load();

		DatabaseAheadException error = catchThrowableOfType(DatabaseAheadException.class, () -> old.downgrade("base"));
		assertThat(error.getMessage()).isEqualTo("The database is at " + C + ", which no revision file declares (a"
				+ " newer version of the application migrated it), and 'downgrade base' would have to move past it."
				+ " Run this command from the newer version, or add the missing revision files.");
		assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(C);
		assertThat(db.queryStrings("SELECT count(*)::text FROM retort_history WHERE operation = 'downgrade'"))
			.containsExactly("0");
	}

	@Test
	void anOlderInstanceStartsOnADatabaseAheadOnABranchWhoseAppliedFileTheNewerVersionChanged(TestDatabase db,
			@TempDir Path dir, @TempDir Path newer) {
		// The newer version reworded B and added a branch from A; it migrated this (new) database,
		// so B's recorded checksum is the newer file's. The rows are B, known here, and the branch's.
		RevisionFiles next = new RevisionFiles(newer);
		next.write(A, null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		next.write(B, A, "ALTER TABLE coffee ADD COLUMN kind varchar(20);", "ALTER TABLE coffee DROP COLUMN kind;");
		next.write(C, A, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");

		// An older instance restarting during the rolling deploy (or after a rollback): it would
		// run nothing, and starts, as it does when the database is ahead on its own branch too.
		Retort old = configure(db, linear(dir)).load();
		MigrationResult noop = old.upgrade("heads");
		assertThat(noop.steps()).isEmpty();
		assertThat(noop.to()).containsExactlyInAnyOrder(B, C);
		assertThat(old.status().databaseAhead()).isTrue();

		// With something to run, the changed file is refused as ever.
		RevisionFiles older = linear(dir);
		older.write("d4d4d4d4d4d4", B, "CREATE TABLE older (id int);", "DROP TABLE older;");
		ChecksumMismatchException refused = catchThrowableOfType(ChecksumMismatchException.class,
				() -> configure(db, older).load().upgrade("heads"));
		assertThat(refused.getMessage()).startsWith("Applied revision " + B + " (");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1")).containsExactly(B, C);
	}

	@Test
	void statusRefusesVersionRowsNoFileNorTheHistoryKnowsAsUpgradeDoes(TestDatabase db, @TempDir Path dir) {
		// Alembic's table taken over under new ids: neither ahead nor at base, so nothing is known pending.
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
				+ " PRIMARY KEY (version_num))", "INSERT INTO alembic_version (version_num) VALUES ('deadbeef1234')");
		Retort retort = configure(db, linear(dir)).versionTable("alembic_version").load();
		RetortException upgrade = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		UnrecordedVersionRowsException status = catchThrowableOfType(UnrecordedVersionRowsException.class,
				retort::status);
		assertThat(status).isNotNull();
		assertThat(status.getMessage()).isEqualTo(upgrade.getMessage());
		assertThat(status.unknownRevisions()).containsExactly("deadbeef1234");
		// Once the history records where the database is, the same rows are no longer refused.
		retort.stamp(List.of(B), true);
		assertThat(retort.status().pending()).isEmpty();
	}

	@Test
	void aDatabaseBaselinedBelowWhatANewerVersionAppliedIsAheadForTheOlderVersionToo(TestDatabase db,
			@TempDir Path dir, @TempDir Path newer) {
		// A schema another tool (Flyway) built, stamped at B: no history row says A was applied, but
		// B's stamp does, as it would have for an upgrade. The newer version then applied C.
		db.execute("CREATE TABLE coffee (id int, kind text)");
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).baseline(B).load().upgrade("heads");

		// An older instance restarting during the rolling deploy: ahead, nothing pending, it starts.
		Retort old = configure(db, linear(dir)).baseline(B).load();
		StatusReport status = old.status();
		assertThat(status.databaseAhead()).isTrue();
		assertThat(status.pending()).isEmpty();
		assertThat(status.revisions()).extracting(RevisionInfo::state).containsExactly("applied", "applied");
		assertThat(old.current().upToDate()).isTrue();
		MigrationResult noop = old.upgrade("heads");
		assertThat(noop.steps()).isEmpty();
		assertThat(noop.to()).containsExactly(C);
	}

	@Test
	void aTargetThatNamesNothingIsReportedAsSuchOnADatabaseAheadToo(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");
		Retort old = configure(db, linear(dir)).load();

		// A typo in the target is the target's fault, not the newer version's.
		RetortException typo = catchThrowableOfType(RetortException.class, () -> old.upgrade("featur@head"));
		assertThat(typo.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		assertThat(typo.getMessage()).contains("'featur'").doesNotContain("newer version");
		RetortException noSuchRevision = catchThrowableOfType(RetortException.class, () -> old.upgrade("d4d4d4d4d4d4"));
		assertThat(noSuchRevision.code()).isEqualTo(ErrorCode.UNKNOWN_REVISION);
		// Naming the revision the newer version applied is the database being ahead.
		DatabaseAheadException ahead = catchThrowableOfType(DatabaseAheadException.class, () -> old.upgrade(C));
		assertThat(ahead.unknownRevisions()).containsExactly(C);
		assertThat(catchThrowableOfType(DatabaseAheadException.class, () -> old.upgrade("c3c3+1"))).isNotNull();
	}

	@Test
	void aRevisionDowngradedOrStampedAwayMayBeEditedBeforeItIsAppliedAgain(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		configure(db, files).load().downgrade(A);
		files.write(B, A, "ALTER TABLE coffee ADD COLUMN kind varchar(20);", "ALTER TABLE coffee DROP COLUMN kind;");
		configure(db, files).load().upgrade("heads");
		configure(db, files).load().stamp(List.of(A), false);
		db.execute("ALTER TABLE coffee DROP COLUMN kind");
		files.write(B, A, "ALTER TABLE coffee ADD COLUMN kind text NOT NULL DEFAULT '';",
				"ALTER TABLE coffee DROP COLUMN kind;");
		Retort edited = configure(db, files).load();
		// Its old checksums belong to applications that were undone: only the version rows say what is applied.
		assertThat(edited.validate().problems()).isEmpty();
		assertThat(edited.upgrade("heads").steps()).extracting(StepResult::revision).containsExactly(B);
		assertThat(db.queryStrings("SELECT checksum FROM retort_history WHERE revision = ? AND operation = 'upgrade'"
				+ " ORDER BY id DESC LIMIT 1", B)).containsExactly(edited.graph().get(B).checksum());
	}

	@Test
	void aRevisionDowngradedEditedAndThenStampedIsNotTakenForAnEditedAppliedRevision(TestDatabase db,
			@TempDir Path dir) {
		// A revision failed, was fixed in its file and by hand, and stamped: its upgrade row from
		// before the downgrade must not make every later run refuse the fixed file.
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		configure(db, files).load().downgrade(A);
		files.write(B, A, "ALTER TABLE coffee ADD COLUMN kind varchar(20);", "ALTER TABLE coffee DROP COLUMN kind;");
		db.execute("ALTER TABLE coffee ADD COLUMN kind varchar(20)");
		configure(db, files).load().stamp(List.of(B), false);
		Retort stamped = configure(db, files).load();
		assertThat(stamped.validate().problems()).isEmpty();
		assertThat(stamped.upgrade("heads").steps()).isEmpty();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
	}

	@Test
	void validateDoesNotAskToRestoreTheFileOfARevisionStampedAway(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = linear(dir);
		Path c = files.write(C, B, "CREATE TABLE later (id int);", "DROP TABLE later;");
		configure(db, files).load().upgrade("heads");
		configure(db, files).load().stamp(List.of(B), false);
		Files.delete(c);
		// The stamp's row names B, so C's last row is still its upgrade; the version row says B.
		assertThat(configure(db, files).load().validate().problems()).isEmpty();
	}

	@Test
	void validateFindsARevisionAMergePutBelowAppliedOnesWhichUpgradeWouldNeverRun(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		// A teammate's branch, older than the release, merged by making B revise its revision.
		files.write(C, A, "ALTER TABLE coffee ADD COLUMN status text;", "ALTER TABLE coffee DROP COLUMN status;");
		Path b = files.write(B, C, "ALTER TABLE coffee ADD COLUMN kind text;", "ALTER TABLE coffee DROP COLUMN kind;");
		Retort merged = configure(db, files).load();

		assertThat(merged.validate().problems()).containsExactly("Revision " + C + " (" + dir.resolve(C + "_test.sql")
				+ ") was never applied to this database, yet applied revisions stand on it: " + B + " (" + b + ":4)"
				+ " revises it. A merge or a rebase put it below them, so upgrade takes it for applied and never"
				+ " runs it. Give what stands on it back the parent it was applied on, and make " + C
				+ " revise a head instead (retort heads), so the next upgrade runs it.");
		assertThat(merged.upgrade("heads").steps()).isEmpty();
		assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_name = 'coffee'"
				+ " AND column_name = 'status'")).isEmpty();
	}

	@Test
	void upgradeRefusesToRunAgainARevisionARebaseGaveANewId(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		// A rebase gave B a new id; a teammate's new root is pending beside it.
		Files.delete(dir.resolve(B + "_test.sql"));
		Path renamed = files.write(C, A, "ALTER TABLE coffee ADD COLUMN kind text;",
				"ALTER TABLE coffee DROP COLUMN kind;");
		files.write("d4d4d4d4d4d4", null, "CREATE TABLE tea (id int);", "DROP TABLE tea;");
		Retort rebased = configure(db, files).load();
		String checksum = rebased.graph().get(C).checksum();

		DatabaseAheadException error = catchThrowableOfType(DatabaseAheadException.class,
				() -> rebased.upgrade("heads"));
		assertThat(error.getMessage()).isEqualTo("Revision " + C + " (" + renamed + ":3) has the upgrade SQL of " + B
				+ " (checksum " + checksum + "), which this database applied and no revision file declares any more: a"
				+ " rebase or a rename gave it a new id, and upgrade would run it a second time. Nothing was changed."
				+ " Give it its id back ('Revision ID: " + B + "', and in the 'Revises:' of what revises it); if it is"
				+ " a revision of its own, give it different SQL.");
		assertThat(error.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(db.tableExists("tea")).isFalse();
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
		assertThat(rebased.validate().problems()).containsExactly("Revision " + B + " is in retort_version but no"
				+ " revision file declares it: " + C + " (" + renamed + ":3) has its upgrade SQL: a rebase or a rename"
				+ " gave it a new id. Give it its id back ('Revision ID: " + B + "', and in the 'Revises:' of what"
				+ " revises it).");
	}

	@Test
	void validateNamesTheOldIdOfARevisionRenamedBelowAnAppliedOne(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE TABLE tea (id int);", "DROP TABLE tea;");
		configure(db, files).load().upgrade("heads");
		String d = "d4d4d4d4d4d4";
		Files.delete(dir.resolve(B + "_test.sql"));
		files.write(d, A, "ALTER TABLE coffee ADD COLUMN kind text;", "ALTER TABLE coffee DROP COLUMN kind;");
		Path c = files.write(C, d, "CREATE TABLE tea (id int);", "DROP TABLE tea;");

		assertThat(configure(db, files).load().validate().problems()).containsExactly("Revision " + d + " ("
				+ dir.resolve(d + "_test.sql") + ") was never applied to this database, yet applied revisions stand on"
				+ " it: " + C + " (" + c + ":4) revises it. It has the upgrade SQL of " + B + ", which this database"
				+ " applied and no revision file declares any more: a rebase or a rename gave it a new id. Give it its"
				+ " id back ('Revision ID: " + B + "', and in the 'Revises:' of what revises it).");
	}

	@Test
	void validateTakesWhatAStampOrATakeoverMarkedAppliedAsApplied(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "SELECT 1;", "SELECT 1;");
		// A schema built another way, then stamped: nothing below the stamp ran, and none of it was skipped.
		configure(db, files).load().stamp(List.of(B), false);
		configure(db, files).load().upgrade("heads");
		assertThat(configure(db, files).load().validate().problems()).isEmpty();
		// Taken over from Alembic: the first step starts from rows no step of the history applied.
		db.execute("DELETE FROM retort_history WHERE operation = 'stamp'");
		assertThat(configure(db, files).load().validate().problems()).isEmpty();
		// The same when that first step was a downgrade: it leaves rows no step applied.
		configure(db, files).load().downgrade(B);
		db.execute("DELETE FROM retort_history WHERE operation = 'upgrade'");
		assertThat(configure(db, files).load().validate().problems()).isEmpty();
	}

	@Test
	void validateFindsAnAppliedRevisionDeletedWithTheRevisesThatNamedIt(TestDatabase db, @TempDir Path dir)
			throws Exception {
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE TABLE tea (id int);", "DROP TABLE tea;");
		configure(db, files).load().upgrade("heads");
		// B's file deleted, and C made to revise A: the graph is sound and the version row known.
		Files.delete(dir.resolve(B + "_test.sql"));
		files.write(C, A, "CREATE TABLE tea (id int);", "DROP TABLE tea;");

		assertThat(configure(db, files).load().validate().problems()).containsExactly("Revision " + B
				+ " was applied (retort_history) but no revision file declares it: restore its file; applied revisions"
				+ " are never deleted.");
	}

	@Test
	void validateOfADatabaseAheadFindsTheMissingRevisionsTheVersionRowsImply(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		String d = "d4d4d4d4d4d4";
		String e = "e5e5e5e5e5e5";
		RevisionFiles next = linear(newer);
		next.write(C, B, "SELECT 1;", "SELECT 1;");
		next.write(d, B, "SELECT 1;", "SELECT 1;");
		next.write(e, d, "SELECT 1;", "SELECT 1;");
		Retort newerVersion = configure(db, next).load();
		newerVersion.upgrade(C);
		newerVersion.stamp(List.of(B), false);
		newerVersion.upgrade(e);

		// At e: d lies below it; C, a branch stamped away, is applied no more.
		assertThat(configure(db, linear(dir)).load().validate().problems()).containsExactly(
				"Revision " + e + " is in retort_version but no revision file declares it: restore its file, or, if the"
						+ " database is ahead of this checkout, validate from the newer version.",
				"Revision " + d + " was applied (retort_history) but no revision file declares it: restore its file, or,"
						+ " if the database is ahead of this checkout (at " + e + ", which no file declares either), it is"
						+ " the newer version's: validate from the newer version.");
	}

	@Test
	void upgradeIntoADatabaseAheadOnTheSameBranchIsRefused(TestDatabase db, @TempDir Path dir, @TempDir Path newer) {
		RevisionFiles next = linear(newer);
		next.write(C, B, "CREATE TABLE newer (id int);", "DROP TABLE newer;");
		configure(db, next).load().upgrade("heads");
		db.execute("DELETE FROM retort_history WHERE revision = '" + B + "'");
		RevisionFiles old = linear(dir);
		DatabaseAheadException error = catchThrowableOfType(DatabaseAheadException.class,
				() -> configure(db, old).load().upgrade("heads"));
		assertThat(error.getMessage()).contains("'upgrade heads' would have to move past it");
	}

	@Test
	void baselineStampsANonEmptySchemaWithoutVersionTable(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int)");
		Retort retort = configure(db, linear(dir)).load();
		MigrationResult baseline = retort.baseline(A);
		assertThat(baseline.steps()).singleElement().satisfies((step) -> {
			assertThat(step.revision()).isEqualTo(A);
			assertThat(step.operation()).isEqualTo("stamp");
		});
		assertThat(retort.upgrade("heads").steps()).extracting(StepResult::revision).containsExactly(B);
		RetortException again = catchThrowableOfType(RetortException.class, () -> retort.baseline(A));
		assertThat(again.getMessage()).contains("already has retort_version: baseline is only for a schema Retort"
				+ " has never migrated");
	}

	@Test
	void baselineRefusesAnEmptySchema(TestDatabase db, @TempDir Path dir) {
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, linear(dir)).load().baseline(A));
		assertThat(error.getMessage()).isEqualTo(
				"Schema 'public' is empty: there is nothing to baseline. Run 'retort upgrade' to build it from the revisions.");
	}

	@Test
	void theBaselinePropertyStampsBeforeTheFirstUpgrade(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int)");
		MigrationResult result = configure(db, linear(dir)).baseline(A).load().upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::operation).containsExactly("stamp", "upgrade");
		assertThat(result.to()).containsExactly(B);
	}

	@Test
	void whatAnExtensionInstalledDoesNotMakeASchemaToBaseline(TestDatabase db, @TempDir Path dir) {
		// A new database whose public schema holds only an extension's objects (here a view; PostGIS's
		// spatial_ref_sys table, pg_stat_statements' view) is empty: stamped at the baseline, it would
		// skip the revisions below it and miss what they create.
		org.junit.jupiter.api.Assumptions.assumeTrue(
				!db.queryStrings("SELECT name FROM pg_available_extensions WHERE name = 'pg_buffercache'").isEmpty(),
				"the server has no pg_buffercache (contrib) to install");
		db.execute("CREATE EXTENSION pg_buffercache");
		MigrationResult result = configure(db, linear(dir)).baseline(A).load().upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::revision, StepResult::operation)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(A, "upgrade"),
					org.assertj.core.groups.Tuple.tuple(B, "upgrade"));
		assertThat(db.tableExists("coffee")).isTrue();
	}

	@Test
	void typesAndFunctionsAloneMakeASchemaToBaseline(TestDatabase db, @TempDir Path dir) {
		// Not empty, as Flyway counts it: running the revisions from base would fail on what exists.
		db.execute("CREATE TYPE mood AS ENUM ('ok')", "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, null, "CREATE TYPE mood AS ENUM ('ok');", "DROP TYPE mood;");
		files.write(B, A, "CREATE TABLE coffee (m mood);", "DROP TABLE coffee;");
		MigrationResult result = configure(db, files).baseline(A).load().upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::revision, StepResult::operation)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(A, "stamp"),
					org.assertj.core.groups.Tuple.tuple(B, "upgrade"));
	}

	@Test
	void beforeTheFirstUpgradeTheBaselinePropertyLeavesPendingWhatTheUpgradeWouldRun(TestDatabase db,
			@TempDir Path dir) {
		// A schema another tool built: the upgrade stamps A and runs B, so B alone is pending.
		db.execute("CREATE TABLE coffee (id int)");
		Retort retort = configure(db, linear(dir)).baseline(A).load();
		StatusReport status = retort.status();
		assertThat(status.current()).isEmpty();
		assertThat(status.upToDate()).isFalse();
		assertThat(status.pending()).extracting(RevisionInfo::revision).containsExactly(B);
		assertThat(status.revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(A, "applied"),
					org.assertj.core.groups.Tuple.tuple(B, "pending"));
		assertThat(retort.current().upToDate()).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(retort.upgrade("heads").steps()).extracting(StepResult::revision, StepResult::operation)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(A, "stamp"),
					org.assertj.core.groups.Tuple.tuple(B, "upgrade"));
	}

	@Test
	void aBaselineAtTheHeadsLeavesNothingPendingAndAnEmptySchemaEverything(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		Retort empty = configure(db, files).baseline(B).load();
		// Nothing to stamp on an empty schema: every revision runs.
		assertThat(empty.status().pending()).extracting(RevisionInfo::revision).containsExactly(A, B);
		db.execute("CREATE TABLE coffee (id int, kind text)");
		Retort built = configure(db, files).baseline(B).load();
		assertThat(built.status().pending()).isEmpty();
		assertThat(built.status().upToDate()).isTrue();
		assertThat(built.current().upToDate()).isTrue();
	}

	@Test
	void aBaselinePropertyThatNamesNoRevisionIsReportedAsThePropertyAndChangesNothing(TestDatabase db,
			@TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int)");
		String typo = A.substring(0, 3);
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, linear(dir)).baseline(typo).load().upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(error.getMessage()).startsWith("retort.baseline is '" + typo + "', which does not name one revision: ")
			.contains("Set retort.baseline (RETORT_BASELINE) to the id of the revision that describes the existing"
					+ " schema. Nothing was run.");
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void theBaselinePropertyStillStampsAfterAFirstRunThatFailedOnTheExistingTables(TestDatabase db,
			@TempDir Path dir) {
		// The usual way to find out a schema needs a baseline: the first start fails on its tables,
		// leaving the version and history tables behind, empty. Setting the property must then work.
		RevisionFiles files = linear(dir);
		db.execute("CREATE TABLE coffee (id int)");
		catchThrowableOfType(RetortException.class, () -> configure(db, files).load().upgrade("heads"));
		assertThat(db.tableExists("retort_version")).isTrue();
		MigrationResult result = configure(db, files).baseline(A).load().upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::operation).containsExactly("stamp", "upgrade");
		assertThat(result.to()).containsExactly(B);
	}

	@Test
	void theBaselinePropertyLeavesASchemaDowngradedToBaseAlone(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		retort.upgrade("heads");
		retort.downgrade("base");
		db.execute("CREATE TABLE not_managed (id int)");
		MigrationResult result = configure(db, linear(dir)).baseline(A).load().upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::operation).containsExactly("upgrade", "upgrade");
	}

	@Test
	void stampMovesTheVersionWithoutRunningAndPurgeReplacesUnknownRows(TestDatabase db, @TempDir Path dir) {
		Retort retort = configure(db, linear(dir)).load();
		assertThat(retort.stamp(List.of(B), false).to()).containsExactly(B);
		assertThat(db.tableExists("coffee")).isFalse();
		db.execute("INSERT INTO retort_version VALUES ('ffffffffffff')");
		DatabaseAheadException ahead = catchThrowableOfType(DatabaseAheadException.class,
				() -> retort.stamp(List.of(A), false));
		assertThat(ahead.getMessage()).contains("Use 'stamp --purge'");
		assertThat(retort.stamp(List.of(A), true).to()).containsExactly(A);
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(A);
		assertThat(db.queryStrings("SELECT operation FROM retort_history ORDER BY id")).containsOnly("stamp");
	}

	@Test
	void historyShowsStatesAndShowPrintsTheSql(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, A, "CREATE TABLE other_branch (id int);", "DROP TABLE other_branch;");
		Retort retort = configure(db, files).load();
		retort.upgrade(B);
		HistoryResult history = retort.history(null, true);
		assertThat(history.revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple(A, "applied"), org.assertj.core.groups.Tuple.tuple(B, "applied"),
					org.assertj.core.groups.Tuple.tuple(C, "pending"));
		assertThat(retort.history(null, false).revisions()).extracting(RevisionInfo::state).containsOnlyNulls();
		ShowResult show = retort.show(B);
		assertThat(show.upgradeSql()).contains("ALTER TABLE coffee ADD COLUMN kind text;");
		assertThat(show.downgradeSql()).contains("DROP COLUMN kind");
		assertThat(show.revision().isHead()).isTrue();
	}

	@Test
	void aBranchTheDatabaseNeverStartedIsOtherBranchInHistory(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write("d4d4d4d4d4d4", null, "-- Branch Labels: billing\n", true, "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		Retort retort = configure(db, files).load();
		retort.upgrade(B);
		assertThat(retort.history(null, true).revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple("d4d4d4d4d4d4", "other-branch"),
					org.assertj.core.groups.Tuple.tuple(A, "applied"));
	}

	@Test
	void aBranchThatDependsOnAnAppliedBranchByItsLabelIsPending(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("c0c0c0c0c0c0", null, "-- Branch Labels: core\n", true, "CREATE TABLE core (id int);",
				"DROP TABLE core;");
		files.write("e1e1e1e1e1e1", null, "-- Depends On: core\n", true, "CREATE TABLE extra (id int);",
				"DROP TABLE extra;");
		Retort retort = configure(db, files).load();
		retort.upgrade("c0c0c0c0c0c0");
		// Its dependency is applied: it is next in line, not on a branch the database never started.
		assertThat(retort.history(null, true).revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple("e1e1e1e1e1e1", "pending"));
	}

	@Test
	void aBranchRootThatAPendingRevisionNeedsIsPendingToo(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		// audit's root was never applied, but its next revision depends on A, which is: the line
		// continues what the database has, and its root is the first step of it.
		files.write("d4d4d4d4d4d4", null, "-- Branch Labels: audit\n", true, "CREATE TABLE audit (id int);",
				"DROP TABLE audit;");
		files.write("e5e5e5e5e5e5", "d4d4d4d4d4d4", "-- Depends On: " + A + "\n", true, "SELECT 1;", "SELECT 1;");
		Retort retort = configure(db, files).load();
		retort.upgrade(B);
		assertThat(retort.history(null, true).revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple("d4d4d4d4d4d4", "pending"),
					org.assertj.core.groups.Tuple.tuple("e5e5e5e5e5e5", "pending"));
	}

	@Test
	void theStatusGivesEachRevisionOneStateInPendingAndInRevisions(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write("d4d4d4d4d4d4", null, "-- Branch Labels: billing\n", true, "CREATE TABLE invoices (id int);",
				"DROP TABLE invoices;");
		Retort retort = configure(db, files).load();
		retort.upgrade(B);
		StatusReport status = retort.status();
		assertThat(status.pending()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("d4d4d4d4d4d4", "other-branch"));
		assertThat(status.revisions()).extracting(RevisionInfo::revision, RevisionInfo::state)
			.contains(org.assertj.core.groups.Tuple.tuple("d4d4d4d4d4d4", "other-branch"));
	}

	@Test
	void aDatabaseAlembicManagedIsTakenOverThroughItsVersionTable(TestDatabase db, @TempDir Path dir) {
		db.execute("CREATE TABLE coffee (id int)",
				"CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
						+ " PRIMARY KEY (version_num))",
				"INSERT INTO alembic_version VALUES ('" + A + "')");
		Retort retort = configure(db, linear(dir)).versionTable("alembic_version").load();
		assertThat(retort.current().current()).containsExactly(A);
		MigrationResult result = retort.upgrade("heads");
		assertThat(result.steps()).extracting(StepResult::revision).containsExactly(B);
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly(B);
		assertThat(db.queryStrings("SELECT revision FROM retort_history")).containsExactly(B);
	}

	@Test
	void transactionModeAllRefusesANonTransactionalRevisionBeforeRunningAnything(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "", false, "CREATE INDEX CONCURRENTLY ix ON coffee (kind);", "DROP INDEX ix;");
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).transactionMode(TransactionMode.ALL).load().upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(error.getMessage()).startsWith("Revision(s) " + C + " (" + dir.resolve(C + "_test.sql") + ") must run outside a"
				+ " transaction ('Transactional: false'), but 'retort.transaction-mode' is 'all'");
		assertThat(db.tableExists("coffee")).isFalse();
	}

	@Test
	void listenerHearsTheLockAndEachStep(TestDatabase db, @TempDir Path dir) {
		List<String> heard = new java.util.ArrayList<>();
		configure(db, linear(dir)).load().withListener(new dev.retort.command.MigrationListener() {
			@Override
			public void lockAcquired(Duration waited) {
				heard.add("lock");
			}

			@Override
			public void stepStarting(dev.retort.revision.Step step) {
				heard.add("start " + step.revision().id());
			}

			@Override
			public void stepFinished(dev.retort.revision.Step step, long durationMs, Throwable error) {
				heard.add("end " + step.revision().id() + " " + (error == null));
			}
		}).upgrade("heads");
		assertThat(heard).containsExactly("lock", "start " + A, "end " + A + " true", "start " + B, "end " + B + " true");
	}

	@Test
	void anUpToDateRunNeitherTakesNorWaitsForTheLock(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		configure(db, files).load().upgrade("heads");
		long key = dev.retort.runtime.MigrationLock.key(new dev.retort.runtime.TableNames("public", "retort_version",
				"retort_history"));
		try (java.sql.Connection holder = db.connect(); java.sql.Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			List<String> heard = new java.util.ArrayList<>();
			Retort upToDate = configure(db, files).lockWaitTimeout(Duration.ofMillis(200)).load()
				.withListener(new dev.retort.command.MigrationListener() {
					@Override
					public void lockAcquired(Duration waited) {
						heard.add("lock");
					}
				});
			MigrationResult result = upToDate.upgrade("heads");
			assertThat(result.steps()).isEmpty();
			assertThat(result.to()).containsExactly(B);
			assertThat(heard).isEmpty();
			// With something to do, the run waits for the holder as before, and gives up unchanged.
			files.write(C, B, "CREATE TABLE t3 (id int);", "DROP TABLE t3;");
			RetortException error = catchThrowableOfType(RetortException.class,
					() -> configure(db, files).lockWaitTimeout(Duration.ofMillis(200)).load().upgrade("heads"));
			assertThat(error.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
			assertThat(db.tableExists("t3")).isFalse();
		}
	}

	@Test
	void listenerHearsTheWaitThatTimedOutAndNoLockTaken(TestDatabase db, @TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		long key = dev.retort.runtime.MigrationLock.key(new dev.retort.runtime.TableNames("public", "retort_version",
				"retort_history"));
		try (java.sql.Connection holder = db.connect(); java.sql.Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + key + ")");
			List<String> heard = new java.util.ArrayList<>();
			List<Duration> timedOut = new java.util.ArrayList<>();
			Retort waiting = configure(db, files).lockWaitTimeout(Duration.ofMillis(300)).load()
				.withListener(new dev.retort.command.MigrationListener() {
					@Override
					public void lockAcquired(Duration waited) {
						heard.add("lock");
					}

					@Override
					public void lockWaitTimedOut(Duration waited) {
						heard.add("timed out");
						timedOut.add(waited);
					}
				});
			dev.retort.runtime.LockTimeoutException error = catchThrowableOfType(
					dev.retort.runtime.LockTimeoutException.class, () -> waiting.upgrade("heads"));
			// Heard once, with the wait the error reports: at least the timeout, which it ran out.
			assertThat(heard).containsExactly("timed out");
			assertThat(timedOut.get(0)).isEqualTo(error.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			assertThat(db.tableExists("retort_version")).isFalse();
		}
	}

	@Test
	void showCurrentNeedsADatabaseAndAFileForTheRevisionItIsAt(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		RetortException offline = catchThrowableOfType(RetortException.class,
				() -> Retort.configure().locations(linear(dir).location()).load().show("current"));
		assertThat(offline.code()).isEqualTo(ErrorCode.CONFIGURATION);
		assertThat(offline.getMessage()).contains("'show current' reads the revision the database is at");
		RevisionFiles next = linear(newer);
		next.write(C, B, "SELECT 1;", "SELECT 1;");
		configure(db, next).load().upgrade("heads");
		assertThat(configure(db, next).load().show("current").revision().revision()).isEqualTo(C);
		RetortException ahead = catchThrowableOfType(RetortException.class,
				() -> configure(db, linear(dir)).load().show("current"));
		assertThat(ahead.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
		assertThat(ahead.getMessage()).startsWith("The database is at " + C + ", which no revision file declares");
	}

	@Test
	void aHistoryRangeAtCurrentRefusesADatabaseAheadOfTheFiles(TestDatabase db, @TempDir Path dir,
			@TempDir Path newer) {
		// The database is at C, which these files do not declare: 'current:' cannot be placed in
		// them, and must not silently read as 'base:' (listing applied revisions as if to come).
		RevisionFiles next = linear(newer);
		next.write(C, B, "SELECT 1;", "SELECT 1;");
		configure(db, next).load().upgrade("heads");
		Retort old = configure(db, linear(dir)).load();
		for (String range : List.of("current:", ":current", "-1:current")) {
			RetortException ahead = catchThrowableOfType(RetortException.class, () -> old.history(range, true));
			assertThat(ahead).as(range).isNotNull();
			assertThat(ahead.code()).isEqualTo(ErrorCode.DATABASE_AHEAD);
			assertThat(ahead.getMessage()).startsWith("The database is at " + C + ", which no revision file declares")
				.contains("'current'");
		}
		assertThat(old.history("base:heads", true).revisions()).extracting(RevisionInfo::state)
			.containsExactly("applied", "applied");
	}

	@Test
	void theNextRunAfterAFailureContinuesOnceTheFileIsFixed(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE TABLE t3 (id int);\nINSERT INTO nowhere VALUES (1);", "DROP TABLE t3;");
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
		assertThat(error.getMessage()).startsWith("Revision " + C + " (" + dir.resolve(C + "_test.sql") + ":10) failed and was rolled back");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly(B);
		files.write(C, B, "CREATE TABLE t3 (id int);", "DROP TABLE t3;");
		assertThat(configure(db, files).load().upgrade("heads").steps()).extracting(StepResult::revision)
			.containsExactly(C);
	}

	@Test
	void aPasswordNeverAppearsInAConnectionError(@TempDir Path dir) {
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere?password=s3cr3t-in-url")
			.user("app_user")
			.locations(linear(dir).location())
			.load();
		RetortException error = catchThrowableOfType(RetortException.class, retort::current);
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.getMessage()).startsWith("Could not connect to 'jdbc:postgresql://127.0.0.1:1/nowhere?password=******'")
			.contains("password=******")
			.doesNotContain("s3cr3t-in-url");
		Retort other = Retort.configure()
			.url("postgresql://app_user:p%40ss-word@127.0.0.1:1/nowhere")
			.locations(linear(dir).location())
			.load();
		RetortException refused = catchThrowableOfType(RetortException.class, other::current);
		assertThat(refused.getMessage()).doesNotContain("p@ss-word").doesNotContain("p%40ss-word");
		assertThat(retort.config().toString()).doesNotContain("s3cr3t");
	}

	@Test
	void validateReportsGraphProblemsWithoutThrowing(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write(A, "deadbeef0000", "SELECT 1;", "SELECT 1;");
		ValidateResult result = Retort.validate(Retort.configure().locations(files.location()).build());
		assertThat(result.valid()).isFalse();
		assertThat(result.problems()).anySatisfy((problem) -> assertThat(problem).contains("deadbeef0000"));
	}

	@Test
	void validateWarnsOfAnInvalidIndexLeftByAFailedConcurrentBuildAndNamesItsRevision(TestDatabase db,
			@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "", false, "CREATE UNIQUE INDEX CONCURRENTLY coffee_kind_idx ON coffee (kind);",
				"DROP INDEX CONCURRENTLY coffee_kind_idx;");
		Retort retort = configure(db, files).load();
		retort.upgrade(B);
		db.execute("INSERT INTO coffee VALUES (1, 'espresso'), (2, 'espresso')");
		catchThrowableOfType(MigrationFailedException.class, () -> retort.upgrade("heads"));
		ValidateResult result = retort.validate();
		// Not a wrong revision: a health check or on-startup=validate must not refuse to serve for it.
		assertThat(result.valid()).isTrue();
		assertThat(result.warnings()).containsExactly("Index coffee_kind_idx on coffee is INVALID: a CREATE INDEX"
				+ " CONCURRENTLY (or REINDEX CONCURRENTLY) that was killed or failed left it behind; no query uses it,"
				+ " yet every write updates it. Revision " + C + " (" + dir.resolve(C + "_test.sql") + ") builds it and"
				+ " is pending: 'retort upgrade' drops it (DROP INDEX CONCURRENTLY IF EXISTS) before that revision builds"
				+ " it anew, or drop it now (DROP INDEX CONCURRENTLY coffee_kind_idx).");
		db.execute("DELETE FROM coffee WHERE id = 2");
		retort.upgrade("heads");
		assertThat(retort.validate().warnings()).isEmpty();
	}

	@Test
	void validateDoesNotTakeAnIndexAnotherSessionIsBuildingNowForALeftover(TestDatabase db, @TempDir Path dir)
			throws Exception {
		Retort retort = configure(db, linear(dir)).load();
		retort.upgrade("heads");
		try (java.sql.Connection writer = db.connect(); java.sql.Connection builder = db.connect()) {
			// An open writer holds the build in its first wait, its index INVALID until it is done.
			writer.setAutoCommit(false);
			writer.createStatement().execute("INSERT INTO coffee VALUES (1, 'espresso')");
			java.util.concurrent.CompletableFuture<Boolean> build = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> {
					try {
						return builder.createStatement().execute("CREATE INDEX CONCURRENTLY coffee_kind_idx ON coffee (kind)");
					}
					catch (java.sql.SQLException ex) {
						throw new IllegalStateException(ex);
					}
				});
			// Polling the database, not the clock, until the build waits with its index in the catalog.
			while (db.queryStrings("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid").isEmpty()
					|| db.queryStrings("SELECT phase FROM pg_stat_progress_create_index").isEmpty()) {
				assertThat(build).isNotDone();
				Thread.onSpinWait();
			}
			assertThat(retort.validate().warnings()).isEmpty();
			writer.rollback();
			build.get(60, java.util.concurrent.TimeUnit.SECONDS);
		}
		assertThat(db.queryStrings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'coffee_kind_idx'::regclass"))
			.containsExactly("true");
	}

	@Test
	void aDowngradeMarkerWithoutItsPlusStopsTheRunBeforeTheDowngradeRunsOnTheWayUp(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		// dbmate's marker, or ours guessed by analogy: read as a comment, the DROP would run right after
		// the CREATE and the revision would be recorded as applied, with no table and no downgrade.
		files.write(C, B, "CREATE TABLE t3 (id int);\n\n-- retort:downgrade\nDROP TABLE t3;", null);
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(error.getMessage()).contains(dir.resolve(C + "_test.sql") + ":11: '-- retort:downgrade' is not a"
				+ " section marker (those are '-- +upgrade' and '-- +downgrade', alone on their line), so the statements"
				+ " below it would belong to the section above it and run on the way up. Write the marker as one of"
				+ " those, or reword the line if it is a comment.");
		assertThat(db.tableExists("coffee")).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void aQuoteNeverClosedInAPendingRevisionStopsTheRunBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE TABLE t3 (id int);\nINSERT INTO t3 VALUES ('oops);", "DROP TABLE t3;");
		// Loading reads headers and checksums only: statements are split when a revision is about to run.
		Retort retort = configure(db, files).load();
		assertThat(retort.heads().heads()).extracting(RevisionInfo::revision).containsExactly(C);
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(error.getMessage()).startsWith(dir.resolve(C + "_test.sql") + ":10: Unterminated string starting at line 10");
		// Split before the first revision of the plan ran: A and B did not run either.
		assertThat(db.tableExists("coffee")).isFalse();
		// Nor were the version tables created: the database is as if Retort never came.
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(Retort.validate(Retort.configure().locations(files.location()).build()).problems())
			.singleElement()
			.asString()
			.startsWith(dir.resolve(C + "_test.sql") + ":10: Unterminated string");
	}

	@Test
	void validateListsAQuoteNeverClosedBesideAnotherFilesBadHeader(@TempDir Path dir) throws Exception {
		// Loading stopped at the header: the unterminated quote came to light only once it was fixed.
		RevisionFiles files = linear(dir);
		files.write(C, B, "INSERT INTO t3 VALUES ('oops);", "SELECT 1;");
		java.nio.file.Files.writeString(dir.resolve("dddd00000004_bad.sql"), "-- bad\n-- Revision ID: dddd00000004\n"
				+ "-- Revises: " + C + "\n-- Bogus header: x\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 1;\n");
		assertThat(Retort.validate(Retort.configure().locations(files.location()).build()).problems()).satisfiesExactly(
				(problem) -> assertThat(problem).startsWith(dir.resolve("dddd00000004_bad.sql") + ":4: unknown header key"),
				(problem) -> assertThat(problem).startsWith(dir.resolve(C + "_test.sql") + ":9: Unterminated string"));
	}

	@Test
	void validateListsAQuoteNeverClosedBesideAMissingParent(TestDatabase db, @TempDir Path dir) {
		// Before: only the missing parent; the dollar quote came to light once the parent was restored.
		RevisionFiles files = linear(dir);
		files.write(C, B, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;", "DROP FUNCTION f();");
		files.write("dddd00000004", "ffffffffffff", "SELECT 1;", "SELECT 1;");
		String dollarQuote = dir.resolve(C + "_test.sql") + ":9: Unterminated dollar-quoted string";
		String missingParent = "Revision dddd00000004 (" + dir.resolve("dddd00000004_test.sql") + ":4) revises"
				+ " ffffffffffff, which does not exist.";

		// (Then the note that no Java package was read, which a missing parent may be in.)
		assertThat(Retort.validate(configure(db, files).build()).problems()).satisfies(
				(problems) -> assertThat(problems.get(0)).startsWith(dollarQuote),
				(problems) -> assertThat(problems.get(1)).startsWith(missingParent));
		// upgrade lists both too, and changes nothing.
		RetortException error = catchThrowableOfType(RetortException.class,
				() -> configure(db, files).load().upgrade("heads"));
		assertThat(error.exitCode()).isEqualTo(2);
		assertThat(error.getMessage()).contains(dollarQuote, missingParent);
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void revisionsThatCannotLoadFailTheCommandBeforeItChangesAnything(TestDatabase db, @TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, "deadbeef0000", "CREATE TABLE t3 (id int);", "DROP TABLE t3;");
		Retort retort = configure(db, files).load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.INVALID_GRAPH);
		assertThat(error.getMessage()).contains("revises deadbeef0000, which does not exist");
		assertThat(db.tableExists("coffee")).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
		// The lock was released: a fixed set of files runs at once.
		files.write(C, B, "CREATE TABLE t3 (id int);", "DROP TABLE t3;");
		assertThat(configure(db, files).load().upgrade("heads").steps()).extracting(StepResult::revision)
			.containsExactly(A, B, C);
	}

	@Test
	void aRevisionFileGitLeftHalfMergedIsOneProblemNamingTheConflictAndChangesNothing(TestDatabase db,
			@TempDir Path dir) throws Exception {
		RevisionFiles files = linear(dir);
		// Two branches wrote a revision with the same --rev-id; git merged both into one file.
		Path c = dir.resolve(C + "_reports.sql");
		Files.writeString(c, "-- reports\n--\n-- Revision ID: " + C + "\n<<<<<<< HEAD\n-- Revises: " + B
				+ "\n=======\n-- Revises: " + A + "\n>>>>>>> feature/reports\n-- Branch Labels: reports\n\n"
				+ "-- +upgrade\nCREATE TABLE reports (id int);\n\n-- +downgrade\nDROP TABLE reports;\n");
		Retort retort = configure(db, files).load();
		RetortException error = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(error.getMessage()).contains(c + ":4: '<<<<<<< HEAD' is a merge conflict marker: git left this"
				+ " file half-merged. Resolve the conflict before running retort.")
			.doesNotContain("header key").doesNotContain("SQL before");
		assertThat(db.tableExists("coffee")).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	@Test
	void withoutADatabaseTheRevisionsProblemsComeBeforeTheConnectionFailure(@TempDir Path dir) {
		RevisionFiles files = linear(dir);
		files.write(C, "deadbeef0000", "SELECT 1;", "SELECT 1;");
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://127.0.0.1:1/nowhere")
			.user("app_user")
			.connectRetries(0)
			.locations(files.location())
			.load();
		// Every command that connects: a changing one and a read-only one.
		for (Runnable command : List.<Runnable>of(() -> retort.upgrade("heads"), retort::current)) {
			RetortException error = catchThrowableOfType(RetortException.class, command::run);
			assertThat(error.code()).isEqualTo(ErrorCode.INVALID_GRAPH);
			assertThat(error.getSuppressed()).singleElement()
				.satisfies((connection) -> assertThat(((RetortException) connection).code())
					.isEqualTo(ErrorCode.CONNECTION_FAILED));
		}
	}

}
