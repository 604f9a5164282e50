package dev.retort.boot.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.retort.Retort;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.GraphProblem;
import dev.retort.revision.InvalidGraphException;
import dev.retort.runtime.LockTimeoutException;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link RetortFailureAnalyzer}: each startup failure says what to do in Spring terms.
 */
@ExtendWith(PostgresExtension.class)
class RetortFailureAnalyzerTests {

	private final RetortFailureAnalyzer analyzer = new RetortFailureAnalyzer();

	private FailureAnalysis analyze(RetortException cause) {
		return this.analyzer.analyze(new BeanCreationException("retortInitializer", "Init failed", cause));
	}

	@Test
	void multipleHeadsTellsToSetTheTargetOrMerge() {
		FailureAnalysis analysis = analyze(new RetortException(ErrorCode.MULTIPLE_HEADS,
				"Multiple heads are present (dddd00000002, eeee00000002)"));
		assertThat(analysis.getDescription()).contains("Multiple heads are present (dddd00000002, eeee00000002)");
		assertThat(analysis.getAction()).contains("Set 'retort.target'").contains("retort merge");
	}

	@Test
	void aRevisionThatRevisesAMissingOneMentionsTestSlicesWhichSkipBeanMethodRevisions() {
		// A @DataJpaTest does not read the application's configuration classes: the file that revises a
		// revision one of their @Bean methods declares names a revision that "does not exist" there.
		FailureAnalysis analysis = analyze(new InvalidGraphException(List.of(new GraphProblem(
				GraphProblem.Kind.UNKNOWN_PARENT, List.of("e5e5e5e5e5e5", "d4d4d4d4d4d4"),
				"db/revisions/e5e5e5e5e5e5_origin.sql:4", "Revision e5e5e5e5e5e5 (db/revisions/e5e5e5e5e5e5_origin.sql:4) "
						+ "revises d4d4d4d4d4d4, which does not exist."))));
		assertThat(analysis.getDescription()).contains("revises d4d4d4d4d4d4, which does not exist");
		assertThat(analysis.getAction()).contains("Fix the revision file named above")
			.contains("declared by a @Bean method and this is a test slice (@DataJpaTest, @JdbcTest)")
			.contains("@Import(ThatConfiguration.class)");
		FailureAnalysis cycle = analyze(new InvalidGraphException(List.of(new GraphProblem(GraphProblem.Kind.CYCLE,
				List.of("aaaa00000001", "bbbb00000002"), "db/revisions/a.sql:3", "Revisions revise each other in a loop"))));
		assertThat(cycle.getAction()).contains("Fix the revision file named above").doesNotContain("test slice");
	}

	@Test
	void checksumMismatchTellsToRestoreTheFile() {
		FailureAnalysis analysis = analyze(new RetortException(ErrorCode.CHECKSUM_MISMATCH,
				"Applied revision aaaa00000001 changed on disk since it was applied (checksum 3f1a != 9be0)"));
		assertThat(analysis.getDescription()).contains("checksum 3f1a != 9be0");
		assertThat(analysis.getAction()).contains("add a new revision")
			.contains("or a Java revision's class")
			.contains("retort.validate-checksums");
	}

	@Test
	void failedRevisionTellsWhereTheDatabaseStands() {
		FailureAnalysis analysis = analyze(new RetortException(ErrorCode.MIGRATION_FAILED,
				"Revision bbbb00000002 failed: relation \"no_such_table\" does not exist"));
		assertThat(analysis.getAction()).contains("rolled back").contains("retort current");
	}

	@Test
	void failedRevisionNeverClaimsTheDatabaseStaysAtTheRevisionBeforeIt() {
		// With transaction-mode all the whole run was rolled back: the description says where it stays.
		FailureAnalysis analysis = analyze(failed("42P01", true,
				"The whole run was rolled back (transaction-mode all): the database stays at aaaa00000001."));
		assertThat(analysis.getAction()).contains("Fix the failing revision")
			.contains("rolled back")
			.doesNotContain("the revision before it");
	}

	@Test
	void aJavaRevisionThatThrowsIsAnalysedLikeAFailedStatement() {
		// Its own exception carries no SQLSTATE: the analysis once failed on it, leaving Boot's default report.
		FailureAnalysis analysis = analyze(failed(null, true, "java.lang.IllegalStateException: no cups today"));
		assertThat(analysis.getDescription()).contains("java.lang.IllegalStateException: no cups today");
		assertThat(analysis.getAction()).startsWith("Fix the failing revision named above")
			.doesNotContain("retort.baseline");
	}

	@Test
	void failedRevisionOutsideATransactionSaysItWasNotRolledBack() {
		FailureAnalysis analysis = analyze(failed("42P01", false,
				"It ran outside a transaction ('Transactional: false'): statements before this one stay committed"));
		assertThat(analysis.getAction()).contains("not rolled back")
			.contains("stay committed")
			.contains("IF NOT EXISTS")
			.doesNotContain("was rolled back");
	}

	@Test
	void failedRevisionOutsideATransactionThatCommittedNothingSaysSo() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("Revision bbbb00000002 failed: relation"
				+ " \"t\" does not exist", "bbbb00000002", "db/revisions/bbbb00000002_broken.sql:9",
				"ALTER TABLE t ADD COLUMN c int", "42P01", "relation \"t\" does not exist", false, true,
				"relation \"t\" does not exist", null));
		assertThat(analysis.getAction()).contains("failed at its first statement, so nothing of it was committed")
			.doesNotContain("stay committed")
			.doesNotContain("IF NOT EXISTS");
	}

	@Test
	void aConcurrentBuildThatFailedAsTheFirstStatementIsNotSaidToLeaveStatementsBehind(TestDatabase db,
			@TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Files.writeString(dir.resolve("bbbb00000002_index.sql"), """
				-- index
				--
				-- Revision ID: bbbb00000002
				-- Revises:
				-- Transactional: false

				-- +upgrade
				CREATE INDEX CONCURRENTLY ix_t ON missing (id);
				CREATE INDEX CONCURRENTLY ix_u ON missing (id);
				""");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("filesystem:" + dir).load();
		MigrationFailedException failed = org.assertj.core.api.Assertions
			.catchThrowableOfType(MigrationFailedException.class, () -> retort.upgrade("heads"));
		// A concurrent build may leave an INVALID index, so "nothing committed" is not certain; none ran before it.
		assertThat(failed.committedNothing()).isFalse();
		assertThat(failed.statementsRanBefore()).isZero();
		assertThat(analyze(failed).getAction()).contains("failed at its first statement: no statement of it ran before")
			.doesNotContain("stay committed");
	}

	@Test
	void aTimeoutTheRevisionSetsItselfIsBlamedOnTheRevisionNotOnRetortsProperty(TestDatabase db,
			@TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Files.writeString(dir.resolve("bbbb00000003_slow.sql"), """
				-- slow
				--
				-- Revision ID: bbbb00000003
				-- Revises:

				-- +upgrade
				SET statement_timeout = '50ms';
				SELECT pg_sleep(5);
				""");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("filesystem:" + dir).load();
		MigrationFailedException failed = org.assertj.core.api.Assertions
			.catchThrowableOfType(MigrationFailedException.class, () -> retort.upgrade("heads"));
		assertThat(failed.stoppedByOwnSettingAt()).endsWith("bbbb00000003_slow.sql:7");
		assertThat(analyze(failed).getAction()).startsWith("The revision stopped itself")
			.contains("bbbb00000003_slow.sql:7")
			.contains("What it did was rolled back")
			.doesNotContain("Raise 'retort.ddl.statement-timeout'");
	}

	@Test
	void aRevisionThatMakesItsOwnTransactionReadOnlyIsNotSentToThePrimary(TestDatabase db,
			@TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Files.writeString(dir.resolve("bbbb00000004_ro.sql"), """
				-- read only
				--
				-- Revision ID: bbbb00000004
				-- Revises:

				-- +upgrade
				SET TRANSACTION READ ONLY;
				CREATE TABLE t (id int);
				""");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("filesystem:" + dir).load();
		MigrationFailedException failed = org.assertj.core.api.Assertions
			.catchThrowableOfType(MigrationFailedException.class, () -> retort.upgrade("heads"));
		assertThat(analyze(failed).getAction()).startsWith("The revision stopped itself")
			.contains("bbbb00000004_ro.sql:7")
			.doesNotContain("primary");
	}

	@Test
	void aNonTransactionalRevisionWhoseRecordingFailedIsToBeStampedNotUndone(TestDatabase db,
			@TempDir java.nio.file.Path dir) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"SET ROLE to a role of the test's own needs a superuser");
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + reader);
		try {
			java.nio.file.Files.writeString(dir.resolve("bbbb00000005_role.sql"), """
					-- role
					--
					-- Revision ID: bbbb00000005
					-- Revises:
					-- Transactional: false

					-- +upgrade
					SELECT 1;
					DO $$ BEGIN EXECUTE 'SET ROLE %s'; END $$;
					""".formatted(reader));
			Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
				.locations("filesystem:" + dir).load();
			MigrationFailedException failed = org.assertj.core.api.Assertions
				.catchThrowableOfType(MigrationFailedException.class, () -> retort.upgrade("heads"));
			assertThat(failed.recordingFailed()).isTrue();
			assertThat(analyze(failed).getAction()).contains("all its statements ran and stay committed")
				.contains("stamp <revision>")
				.doesNotContain("re-runnable")
				.doesNotContain("Undo those statements");
		}
		finally {
			db.execute("DROP OWNED BY " + reader, "DROP ROLE " + reader);
		}
	}

	@Test
	void aNonTransactionalRevisionThatGaveUpOnALockIsNotSaidToHaveAppliedNothing() {
		FailureAnalysis analysis = analyze(failed("55P03", false, "canceling statement due to lock timeout"));
		assertThat(analysis.getAction()).contains("not at fault")
			.contains("stay committed")
			.doesNotContain("Nothing of the revision was applied");
	}

	@Test
	void revisionThatGaveUpOnATableLockIsNotBlamed() {
		FailureAnalysis analysis = analyze(failed("55P03", true, "canceling statement due to lock timeout"));
		assertThat(analysis.getAction()).contains("not at fault")
			.contains("'retort.ddl.lock-timeout'")
			.contains("'retort.ddl.retries'")
			.doesNotContain("Fix the failing revision");
	}

	@Test
	void aVersionMovedByAnotherInstanceWithoutTheLockIsNotBlamedOnTheRevision() {
		// Two replicas started together with 'retort.lock.enabled: false': the other one applied it.
		FailureAnalysis analysis = analyze(failed("RT001", true, "Expected to change 1 row of 'retort_version',"
				+ " changed 0: another process moved the version while this one ran"));
		assertThat(analysis.getAction()).contains("not at fault")
			.contains("another instance migrated the same database")
			.contains("'retort.lock.enabled'")
			.doesNotContain("Fix the failing revision");
	}

	@Test
	void revisionCancelledByTheStatementTimeoutNamesTheProperty() {
		FailureAnalysis analysis = analyze(failed("57014", true, "canceling statement due to statement timeout"));
		assertThat(analysis.getAction()).contains("'retort.ddl.statement-timeout'");
	}

	@Test
	void anIndexBuildCancelledByTheStatementTimeoutIsToldToBuildConcurrentlyNotToBatch() {
		FailureAnalysis analysis = analyze(new MigrationFailedException("Revision bbbb00000002 failed: canceling"
				+ " statement due to statement timeout", "bbbb00000002", "db/revisions/bbbb00000002_index.sql:9",
				"CREATE INDEX ix_users_email ON users (email)", "57014", "canceling statement due to statement timeout",
				true, true, "canceling statement due to statement timeout", null));
		assertThat(analysis.getAction()).contains("CREATE INDEX CONCURRENTLY in a 'Transactional: false' revision")
			.contains("'retort.ddl.statement-timeout'")
			.doesNotContain("backfill");
	}

	@Test
	void anObjectTheRunCreatedEarlierIsNotTakenForASchemaToBaseline() {
		for (boolean rolledBack : List.of(true, false)) {
			FailureAnalysis analysis = analyze(new MigrationFailedException("Revision bbbb00000002 failed: column"
					+ " \"c\" of relation \"t\" already exists", "bbbb00000002", "db/revisions/bbbb00000002_broken.sql:9",
					"ALTER TABLE t ADD COLUMN c int", "42701", "column \"c\" of relation \"t\" already exists", rolledBack,
					rolledBack, "column \"c\" of relation \"t\" already exists", true, false, null));
			assertThat(analysis.getAction()).as("rolled back: " + rolledBack).doesNotContain("baseline");
		}
	}

	@Test
	void revisionThatFindsItsTableAlreadyThereSuggestsABaseline() {
		FailureAnalysis analysis = analyze(failed("42P07", true, "relation \"users\" already exists"));
		assertThat(analysis.getAction()).contains("'retort.baseline'");
		assertThat(analyze(failed("42P01", true, "relation \"users\" does not exist")).getAction())
			.doesNotContain("baseline");
	}

	@Test
	void aNonTransactionalRevisionThatFindsItsObjectThereIsToldToRemoveItsOwnLeftoverNotToBaseline() {
		// An interrupted CREATE INDEX CONCURRENTLY left its index: a baseline would skip the revision.
		for (String sqlState : List.of("42P07", "RT002")) {
			FailureAnalysis analysis = analyze(failed(sqlState, false, "relation \"ix_users_email\" already exists"));
			assertThat(analysis.getAction()).as(sqlState)
				.contains("do not set 'retort.baseline'")
				.contains("DROP INDEX CONCURRENTLY")
				.doesNotContain("make them re-runnable (IF NOT EXISTS)")
				.doesNotContain("set 'retort.baseline' to");
		}
	}

	@Test
	void aSessionEndedUnderTheRevisionIsNotBlamedOnItAndAMissingHistoryRowIsNotPromised() {
		FailureAnalysis analysis = analyze(failed("57P01", true, "FATAL: terminating connection due to administrator"
				+ " command [SQLSTATE 57P01]\n  The connection to the server was lost (…); the server rolled back the open"
				+ " transaction. No failure row could be written to the history."));
		assertThat(analysis.getAction()).startsWith("The revision is not at fault")
			.contains("Start the application again once the database accepts connections")
			.doesNotContain("Fix the failing revision")
			.doesNotContain("records the error");
		FailureAnalysis outsideATransaction = analyze(failed("08006", false, "An I/O error occurred while sending to"
				+ " the backend. [SQLSTATE 08006]"));
		assertThat(outsideATransaction.getAction()).contains("stay committed: make them re-runnable")
			.contains("records the error");
	}

	@Test
	void aStatementCancelledByRequestIsNotBlamedOnTheStatementTimeout() {
		// pg_cancel_backend: the same SQLSTATE as statement_timeout, but no setting of Retort's stopped it.
		FailureAnalysis analysis = analyze(failed("57014", true, "ERROR: canceling statement due to user request"));
		assertThat(analysis.getAction()).startsWith("A statement of the revision was cancelled on request")
			.contains("The revision is not at fault")
			.doesNotContain("retort.ddl.statement-timeout")
			.doesNotContain("Fix the failing revision");
		FailureAnalysis timedOut = analyze(failed("57014", true, "ERROR: canceling statement due to statement timeout"));
		assertThat(timedOut.getAction()).contains("ran longer than its statement_timeout")
			// A role's or a database's timeout stops a revision too, with 'retort.ddl.statement-timeout' unset.
			.contains("Raise 'retort.ddl.statement-timeout' (when it is not set, the timeout came from the role, the"
					+ " database or the server, and setting it makes Retort's own win over theirs)");
	}

	@Test
	void aReadOnlyDatabaseTellsToPointAtThePrimaryNotToFixTheRevision() {
		FailureAnalysis analysis = analyze(failed("25006", true,
				"ERROR: cannot execute CREATE TABLE in a read-only transaction"));
		assertThat(analysis.getAction()).startsWith("Point the migration's connection at the primary")
			.contains("'spring.datasource.url'")
			.doesNotContain("Fix the failing revision");
		FailureAnalysis firstRun = analyze(new RetortException(ErrorCode.RUNTIME, "Could not create"
				+ " public.retort_version and public.retort_history: ERROR: cannot execute CREATE TABLE in a read-only"
				+ " transaction [SQLSTATE 25006]", new SQLException("read-only", "25006")));
		assertThat(firstRun.getAction()).startsWith("Point the migration's connection at the primary");
	}

	@Test
	void aRoleThatMayNotAlterTheTableIsToldToMigrateAsTheOwnerNotToFixTheRevision() {
		FailureAnalysis analysis = analyze(failed("42501", true, "ERROR: must be owner of table t [SQLSTATE 42501]\n  The"
				+ " role app, which the migration runs as, does not own table t, and only its owner (ddl) may do this: …"));
		assertThat(analysis.getAction()).startsWith("The database refused the revision's statement for want of a privilege")
			.contains("set 'retort.user' (and 'retort.password') to the owner")
			.contains("What it did was rolled back")
			.doesNotContain("Fix the failing revision");
	}

	private static MigrationFailedException failed(String sqlState, boolean rolledBack, String message) {
		return new MigrationFailedException("Revision bbbb00000002 (db/revisions/bbbb00000002_broken.sql:9) failed: "
				+ message, "bbbb00000002", "db/revisions/bbbb00000002_broken.sql:9", "ALTER TABLE t ADD COLUMN c int",
				sqlState, message, rolledBack, null);
	}

	@Test
	void lockTimeoutTellsToRaiseTheWaitTimeout() {
		FailureAnalysis analysis = analyze(
				new RetortException(ErrorCode.LOCK_TIMEOUT, "Could not acquire the migration lock within 10s"));
		assertThat(analysis.getAction()).contains("retort.lock.wait-timeout").contains("pg_terminate_backend")
			// Core's message names the migrating pid to end: the idle lock holder alone stops nothing.
			.contains("end the session the message above names")
			.contains("ending only the idle lock holder stops nothing")
			.doesNotContain("the lock dies with its session");
	}

	@Test
	void aLockTimeoutsActionNamesTheClientAddressOnlyWhenTheMessageShowsIt(TestDatabase db) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(
				db.queryStrings("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user").contains("true"),
				"a role of the test's own needs a superuser");
		// The application's role, not a member of pg_read_all_stats, waits for a session of another role (a
		// psql opened as postgres): PostgreSQL hides that session's client address, and the message omits it.
		String app = "app_" + db.name();
		db.execute("CREATE ROLE " + app + " LOGIN PASSWORD 'app'", "GRANT CREATE ON SCHEMA public TO " + app);
		try (Connection other = db.connect(); Statement statement = other.createStatement()) {
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("public", "retort_version", "retort_history")) + ")");
			Retort retort = Retort.configure().url(db.jdbcUrl()).user(app).password("app")
				.lockWaitTimeout(Duration.ofMillis(200)).load();

			RetortException hidden = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
			assertThat(hidden.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
			assertThat(hidden.getMessage()).doesNotContain(" from ");
			assertThat(analyze(hidden).getAction()).doesNotContain("client address above")
				.contains("see its pid and application above")
				.contains("pg_read_all_stats");

			db.execute("GRANT pg_read_all_stats TO " + app);
			RetortException shown = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
			assertThat(shown.getMessage()).contains(" from 127.0.0.1)");
			assertThat(analyze(shown).getAction()).contains("see its pid, application and client address above")
				.doesNotContain("pg_read_all_stats");
		}
		finally {
			db.execute("DROP OWNED BY " + app, "DROP ROLE " + app);
		}
	}

	@Test
	void aLockTheHolderLetGoOfBeforeItWasReadIsNotSaidToBeHeld(TestDatabase db) throws Exception {
		// The holder lets go after Retort's last try and before Retort reads who holds the lock: the action
		// said another instance "holds the lock", and to wait for it or end it, when nothing held it any more.
		// Reading pg_locks waits behind a lock on that view, so the holder lets go exactly in between.
		long key = MigrationLock.key(new TableNames("public", "retort_version", "retort_history"));
		try (Connection holder = db.connect(); Statement holding = holder.createStatement();
				Connection reader = db.connect(); Statement blocking = reader.createStatement()) {
			holding.execute("SELECT pg_advisory_lock(" + key + ")");
			reader.setAutoCommit(false);
			blocking.execute("LOCK TABLE pg_catalog.pg_locks IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<Void> letGo = CompletableFuture.runAsync(() -> {
				String readingHolder = "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
						+ " AND query LIKE '%host(a.client_addr) FROM pg_locks%'";
				long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (db.queryStrings(readingHolder).isEmpty() && System.nanoTime() - giveUp < 0) {
					Thread.onSpinWait();
				}
				try {
					holding.execute("SELECT pg_advisory_unlock(" + key + ")");
					reader.commit();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// No wait: the first read of pg_locks is the one that names the holder for the timeout.
			Retort retort = Retort.configure().dataSource(db.dataSource()).lockWaitTimeout(Duration.ZERO).load();

			RetortException timedOut = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
			letGo.get(30, TimeUnit.SECONDS);
			assertThat(timedOut.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
			assertThat(((LockTimeoutException) timedOut).holder().held()).isFalse();
			assertThat(timedOut.getMessage()).contains("no session holds it any more")
				.contains("Run again;")
				.doesNotContain("pg_terminate_backend");
			assertThat(analyze(timedOut).getAction())
				.startsWith("No instance holds the migration lock of the database any more: the one that held it let go"
						+ " of it after Retort's last try (its migration finished, or its session ended).")
				.contains("Start the application again")
				.doesNotContain("holds the lock")
				.doesNotContain("pg_terminate_backend");
		}
	}

	@Test
	void databaseBehindInValidateModeTellsToUpgradeFirst() {
		FailureAnalysis analysis = analyze(new DatabaseBehindException(List.of("aaaa00000001"),
				List.of("aaaa00000002"), List.of("aaaa00000002")));
		assertThat(analysis.getDescription()).contains("retort.on-startup=validate")
			.contains("The database is behind the application: it is at aaaa00000001, the revisions' heads are "
					+ "aaaa00000002, and 1 revision(s) are pending (aaaa00000002).");
		assertThat(analysis.getAction()).contains("retort upgrade heads").contains("'retort.on-startup' to 'upgrade'");
	}

	@Test
	void versionRowsNoFileDeclaresAndTheHistoryNeverRecordedAreNotBlamedOnANewerVersion() {
		FailureAnalysis analysis = analyze(new UnrecordedVersionRowsException("The database is at deadbeef1234, which"
				+ " no revision file declares and the history does not record", List.of("deadbeef1234")));
		assertThat(analysis.getDescription()).contains("The database is at deadbeef1234");
		assertThat(analysis.getAction()).contains("'Revision ID:' as Alembic named them")
			.contains("retort stamp --purge <revision>...")
			.doesNotContain("Deploy that version");
	}

	@Test
	void invalidRevisionsListEveryProblem() {
		FailureAnalysis analysis = analyze(new RevisionsInvalidException(List.of("first problem", "second problem")));
		assertThat(analysis.getDescription()).contains("2 problem(s)").contains("first problem").contains("second problem");
		assertThat(analysis.getAction()).contains("retort validate");
	}

	@Test
	void unrelatedFailuresAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantsFailedRunAtStartupSendsTheOperatorToThatTenantsSchemaNotTheApplications(TestDatabase db,
			CapturedOutput output) {
		// The strategy of docs/spring-boot.md: tenant_01 migrates, tenant_02 holds a table the first revision creates.
		db.execute("CREATE SCHEMA tenant_02", "CREATE TABLE tenant_02.beverages (id int)");
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(TenantsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password(), "spring.main.banner-mode=off",
					"fleet.tenants=tenant_01,tenant_02")
			.run()
			.close());
		assertThat(failure).isNotNull();
		assertThat(db.queryStrings("SELECT version_num FROM tenant_01.retort_version")).containsExactly("aaaa00000002");
		// What Spring Boot logs for the failure: the analysis, description and action.
		assertThat(output).contains("aaaa00000001_create_beverages.sql:8) in schema tenant_02 failed and was rolled back")
			.contains("'java -jar <app>.jar retort current --schema tenant_02' shows where schema tenant_02 stands; "
					+ "its history table, 'retort.history-table' in that schema, records the error")
			.doesNotContain("retort current' shows where the database stands");

		// The application's own schema, configured: its failure is told as before, with no option to add.
		db.execute("CREATE SCHEMA own", "CREATE TABLE own.beverages (id int)");
		FailureAnalysis own = new RetortFailureAnalyzer(new MockEnvironment().withProperty("retort.schema", "own"))
			.analyze(catchThrowable(() -> Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
				.locations("classpath:db/revisions").schema("own").load().upgrade("heads")));
		assertThat(own.getAction()).contains("'java -jar <app>.jar retort current' shows where the database stands")
			.doesNotContain("--schema");
	}

	@Test
	void aTenantNameTheShellWouldSplitIsQuotedInTheCommandToRun(TestDatabase db) {
		db.execute("CREATE SCHEMA \"acme corp\"", "CREATE TABLE \"acme corp\".beverages (id int)");
		Retort retort = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("classpath:db/revisions").load();
		MigrationFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(
				MigrationFailedException.class, () -> retort.forSchema("acme corp").upgrade("heads"));
		assertThat(analyze(failed).getAction())
			.contains("'java -jar <app>.jar retort current --schema \"acme corp\"' shows where schema \"acme corp\" stands");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantThatANewerVersionMigratedSendsTheOperatorToThatTenant(TestDatabase db, CapturedOutput output) {
		// tenant_02 at a revision no file declares, and its history shows the first of the plan applied
		// and the newer version's step that wrote the row, as every release records it.
		tenantAt(db, "tenant_02", "aaaa00000001");
		db.execute("UPDATE tenant_02.retort_version SET version_num = 'ffff00000009'", newerVersionsStep("tenant_02"));
		assertThat(startTenants(db)).isNotNull();
		assertThat(output).contains("Retort could not bring schema tenant_02 to the application's revisions at startup:")
			.contains("Schema tenant_02 is at ffff00000009, which no revision file declares")
			.contains("downgrade schema tenant_02 with 'java -jar <app>.jar retort downgrade <revision> --schema "
					+ "tenant_02' run from the newer version");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantWithRowsNoFileAndNoHistoryKnowsIsStampedInItsOwnSchema(TestDatabase db, CapturedOutput output) {
		tenantAt(db, "tenant_02", "aaaa00000001");
		db.execute("UPDATE tenant_02.retort_version SET version_num = 'ffff00000009'", "DELETE FROM tenant_02.retort_history");
		assertThat(startTenants(db)).isNotNull();
		assertThat(output).contains("Retort could not bring schema tenant_02 to the application's revisions at startup:")
			.contains("'java -jar <app>.jar retort stamp --purge <revision>... --schema tenant_02'");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantWhoseLockIsHeldIsNamedWithItsLock(TestDatabase db, CapturedOutput output) throws Exception {
		try (java.sql.Connection other = db.connect(); java.sql.Statement statement = other.createStatement()) {
			// Another instance migrates tenant_02 right now; tenant_01's lock is free.
			statement.execute("SELECT pg_advisory_lock(" + dev.retort.runtime.MigrationLock
				.key(new dev.retort.runtime.TableNames("tenant_02", "retort_version", "retort_history")) + ")");
			assertThat(startTenants(db, "retort.lock.wait-timeout=1s")).isNotNull();
		}
		assertThat(db.queryStrings("SELECT version_num FROM tenant_01.retort_version")).containsExactly("aaaa00000002");
		assertThat(output).contains("Retort could not bring schema tenant_02 to the application's revisions at startup:")
			.contains("Could not acquire the migration lock of tenant_02.retort_version")
			.contains("Another instance is migrating schema tenant_02 and holds its lock");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantWhoseAppliedRevisionChangedIsNamedWithTheCommandToCheckIt(TestDatabase db, CapturedOutput output) {
		tenantAt(db, "tenant_02", "aaaa00000001");
		// As if the file was edited after tenant_02 applied it.
		db.execute("UPDATE tenant_02.retort_history SET checksum = repeat('0', 64) WHERE revision = 'aaaa00000001'");
		assertThat(startTenants(db)).isNotNull();
		assertThat(output).contains("Retort could not bring schema tenant_02 to the application's revisions at startup:")
			.contains("Applied revision aaaa00000001 (")
			.contains(" in schema tenant_02 changed on disk since it was applied")
			.contains("Once it is restored, 'java -jar <app>.jar retort validate --schema tenant_02' checks schema tenant_02 again.");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTenantThatIsBehindWhenTheStrategyValidatesIsUpgradedInItsOwnSchema(TestDatabase db, CapturedOutput output) {
		tenantAt(db, "tenant_01", "aaaa00000002");
		tenantAt(db, "tenant_02", "aaaa00000001");
		assertThat(startTenants(db, "fleet.validate=true")).isNotNull();
		assertThat(output)
			.contains("Retort refused to start the application ('retort.on-startup=validate') in schema tenant_02:")
			.contains("1 revision(s) are pending (aaaa00000002)")
			.contains("run 'java -jar <app>.jar retort upgrade heads --schema tenant_02'");
	}

	@Test
	void theApplicationsOwnSchemaReadsAsBeforeWhateverFailed(TestDatabase db) {
		db.execute("CREATE SCHEMA own");
		Retort own = Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("classpath:db/revisions").schema("own").load();
		own.upgrade("aaaa00000001");
		db.execute("UPDATE own.retort_version SET version_num = 'ffff00000009'", newerVersionsStep("own"));
		RetortException ahead = (RetortException) catchThrowable(() -> own.upgrade("heads"));
		assertThat(ahead.schema()).isEqualTo("own");
		FailureAnalysis analysis = new RetortFailureAnalyzer(new MockEnvironment().withProperty("retort.schema", "own"))
			.analyze(ahead);
		assertThat(analysis.getDescription()).startsWith("Retort could not bring the database to the application's");
		assertThat(analysis.getAction()).contains("downgrade the database with 'java -jar <app>.jar retort downgrade "
				+ "<revision>' run from the newer version").doesNotContain("--schema");
	}

	/** The history row a newer version of the application records with its upgrade to ffff00000009. */
	private static String newerVersionsStep(String schema) {
		return "INSERT INTO " + schema + ".retort_history (revision, operation, from_heads, to_heads, duration_ms, success)"
				+ " VALUES ('ffff00000009', 'upgrade', '{aaaa00000001}', '{ffff00000009}', 1, true)";
	}

	/** Migrates {@code tenant} to {@code revision} as the application's strategy would have. */
	private static void tenantAt(TestDatabase db, String tenant, String revision) {
		Retort.configure().url(db.jdbcUrl()).user(db.user()).password(db.password())
			.locations("classpath:db/revisions").load().forSchema(tenant).upgrade(revision);
	}

	/** Starts {@link TenantsApplication} over tenant_01 and tenant_02; what stopped it, or {@code null}. */
	private static Throwable startTenants(TestDatabase db, String... properties) {
		return catchThrowable(() -> new SpringApplicationBuilder(TenantsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password(), "spring.main.banner-mode=off",
					"fleet.tenants=tenant_01,tenant_02")
			.properties(properties)
			.run()
			.close());
	}

	/** A schema per tenant, one at a time, stopping startup at the first tenant that fails. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TenantsApplication {

		@Bean
		RetortMigrationStrategy everyTenant(Environment environment) {
			List<String> tenants = List.of(environment.getProperty("fleet.tenants", String[].class, new String[0]));
			if (environment.getProperty("fleet.validate", Boolean.class, false)) {
				// What 'retort.on-startup=validate' does, for each tenant: migrations run elsewhere (a Job).
				return (retort) -> tenants.forEach((tenant) -> new RetortMigrationInitializer(retort.forSchema(tenant),
						null, RetortProperties.OnStartup.VALIDATE, "heads")
					.afterPropertiesSet());
			}
			return (retort) -> tenants.forEach((tenant) -> retort.forSchema(tenant).upgrade("heads"));
		}

	}

}
