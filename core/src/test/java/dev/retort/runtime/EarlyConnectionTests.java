package dev.retort.runtime;

import java.time.Duration;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The lock's session, opened while the migration session is. */
@ExtendWith(PostgresExtension.class)
class EarlyConnectionTests {

	@Test
	void theLockHasASessionOfItsOwnWithNoTransactionOpen(TestDatabase db) throws Exception {
		ConnectionFactory factory = LockingTests.factory(db, "retort-early");
		EarlyConnection early = EarlyConnection.open(factory);
		try (Database database = Database.open(factory, null, "retort_version", "retort_history");
				Session lockSession = early.take()) {
			int migrationPid = database.session().query("SELECT pg_backend_pid()", (row) -> row.getInt(1)).get(0);
			int lockPid = lockSession.query("SELECT pg_backend_pid()", (row) -> row.getInt(1)).get(0);
			assertThat(lockPid).isNotEqualTo(migrationPid);
			assertThat(lockSession.connection().getAutoCommit()).isTrue();
		}
	}

	@Test
	void aFailedEarlyAttemptEndsInTheErrorAUserReads() {
		// Nothing listens on port 1: the early attempt fails, and take() tries again the usual way.
		ConnectionFactory factory = new ConnectionFactory(null, "jdbc:postgresql://127.0.0.1:1/nowhere", "someone",
				"s3cret-pw", "retort-early", 0, Duration.ZERO);
		RetortException failure = catchThrowableOfType(() -> EarlyConnection.open(factory).take(),
				RetortException.class);
		assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(failure.getMessage()).startsWith("Could not connect to ")
			.contains("Check that the database is running")
			.doesNotContain("s3cret-pw");
	}

	@Test
	@Timeout(60)
	void aDiscardedSessionIsClosed(TestDatabase db) {
		EarlyConnection early = EarlyConnection.open(LockingTests.factory(db, "retort-discarded"));
		String sessions = "SELECT pid FROM pg_stat_activity WHERE application_name = 'retort-discarded'";
		while (db.queryStrings(sessions).isEmpty()) {
			Thread.onSpinWait();
		}
		early.discard();
		while (!db.queryStrings(sessions).isEmpty()) {
			Thread.onSpinWait();
		}
		assertThat(db.queryStrings(sessions)).isEmpty();
	}

}
