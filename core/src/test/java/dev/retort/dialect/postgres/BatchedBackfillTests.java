package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Backfill;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

@ExtendWith(PostgresExtension.class)
class BatchedBackfillTests {

	@Test
	void backfillOfAMillionRowsCommitsEachBatchAndLeavesTheTableUnlockedBetweenBatches(TestDatabase db)
			throws SQLException {
		db.execute("CREATE TABLE readings (id bigint PRIMARY KEY, status text, touched integer NOT NULL DEFAULT 0)",
				"INSERT INTO readings (id) SELECT g FROM generate_series(1, 1000000) g");
		List<String> observations = new ArrayList<>();
		try (Connection backfilling = db.connect(); Connection observer = db.connect()) {
			int backfillPid = pid(backfilling);
			try (Statement statement = observer.createStatement()) {
				// A lock held by the backfill would make the observer fail fast instead of waiting.
				statement.execute("SET lock_timeout = '2s'");
			}
			BackfillProgress end = BatchedBackfill.run(backfilling,
					new Backfill("readings", "status = 'done'", "status IS NULL", 100_000, null), (progress) -> {
						long locks = count(observer, "SELECT count(*) FROM pg_locks WHERE pid = " + backfillPid
								+ " AND relation = 'readings'::regclass");
						// The batch's last row is visible as done from another session: the batch has committed.
						long committed = count(observer, "SELECT count(*) FROM readings WHERE id = " + progress.lastKey()
								+ " AND status = 'done'");
						long outside = (progress.lastKey() < 1_000_000) ? progress.lastKey() + 1 : 1;
						long updated = count(observer,
								"WITH u AS (UPDATE readings SET touched = touched + 1 WHERE id = " + outside
										+ " RETURNING 1) SELECT count(*) FROM u");
						observations.add(progress.batches() + ": locks=" + locks + " committed=" + committed
								+ " concurrentUpdate=" + updated);
					});
			assertThat(end.batches()).isEqualTo(10);
			assertThat(end.rowsUpdated()).isEqualTo(1_000_000);
			assertThat(end.complete()).isTrue();
		}
		List<String> expected = new ArrayList<>();
		for (int batch = 1; batch <= 10; batch++) {
			expected.add(batch + ": locks=0 committed=1 concurrentUpdate=1");
		}
		assertThat(observations).containsExactlyElementsOf(expected);
		assertThat(db.queryStrings("SELECT count(*) FROM readings WHERE status IS DISTINCT FROM 'done'"))
			.containsExactly("0");
		assertThat(db.queryStrings("SELECT sum(touched) FROM readings")).containsExactly("10");
	}

	@Test
	void backfillSkipsRowsItsWhereClauseExcludesAndCanBeRunAgain(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE logs (id integer PRIMARY KEY, kind text, user_id integer)",
				"INSERT INTO logs SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END, NULL FROM generate_series(5, 104) g");
		Backfill backfill = new Backfill("logs", "user_id = 7", "kind = 'even' AND user_id IS NULL", 30, null);
		try (Connection connection = db.connect()) {
			BackfillProgress first = BatchedBackfill.run(connection, backfill);
			assertThat(first.rowsUpdated()).isEqualTo(50);
			assertThat(first.batches()).isEqualTo(4);
			assertThat(BatchedBackfill.run(connection, backfill).rowsUpdated()).isZero();
		}
		assertThat(db.queryStrings("SELECT kind || ':' || coalesce(user_id::text, '-') || ':' || count(*) FROM logs"
				+ " GROUP BY kind, user_id ORDER BY 1")).containsExactly("even:7:50", "odd:-:50");
	}

	@Test
	void backfillOfAnEmptyTableDoesNothing(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE logs (id integer PRIMARY KEY, kind text)");
		try (Connection connection = db.connect()) {
			assertThat(BatchedBackfill.run(connection, new Backfill("logs", "kind = 'x'", null, 10, null)).batches())
				.isZero();
		}
	}

	@Test
	void backfillBatchesByANamedKeyColumn(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE events (code text PRIMARY KEY, seq integer NOT NULL, flag boolean)",
				"CREATE INDEX ix_events_seq ON events (seq)",
				"INSERT INTO events SELECT 'e' || g, g, NULL FROM generate_series(1, 25) g");
		try (Connection connection = db.connect()) {
			BackfillProgress end = BatchedBackfill.run(connection, new Backfill("events", "flag = true", null, 10, "seq"));
			assertThat(end.batches()).isEqualTo(3);
			assertThat(end.keyColumn()).isEqualTo("seq");
		}
		assertThat(db.queryStrings("SELECT count(*) FROM events WHERE flag")).containsExactly("25");
	}

	@Test
	void backfillRefusesAConnectionInsideATransaction(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE logs (id integer PRIMARY KEY, kind text)");
		try (Connection connection = db.connect()) {
			connection.setAutoCommit(false);
			assertThatExceptionOfType(NonTransactionalOperationException.class)
				.isThrownBy(() -> BatchedBackfill.run(connection, new Backfill("logs", "kind = 'x'", null, 10, null)))
				.withMessage("A revision runs 'backfill of logs in batches of 10', which cannot run inside a transaction,"
						+ " but the revision is transactional. Declare it with transactional = false"
						+ " (SQL: '-- Transactional: false') and keep only such statements in it.");
		}
	}

	@Test
	void backfillRefusesATableWithoutASingleIntegerPrimaryKey(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE tags (name text PRIMARY KEY, color text)",
				"CREATE TABLE pairs (a integer, b integer, note text, PRIMARY KEY (a, b))");
		try (Connection connection = db.connect()) {
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> BatchedBackfill.run(connection, new Backfill("tags", "color = 'red'", null, 10, null)))
				.withMessage("Backfill of 'tags' needs a single-column integer primary key to batch by, but its primary"
						+ " key is (name) of type (text). Give the backfill a key column:"
						+ " op.invoke(new Backfill(table, set, where, batchSize, \"column\")).")
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.MIGRATION_FAILED));
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> BatchedBackfill.run(connection, new Backfill("pairs", "note = 'x'", null, 10, null)))
				.withMessageContaining("its primary key is (a, b) of type (integer, integer)");
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> BatchedBackfill.run(connection, new Backfill("tags", "color = 'red'", null, 10, "color")))
				.withMessage("Backfill of 'tags' cannot batch by column 'color': it is of type text. Name an integer,"
						+ " smallint or bigint column with an index.");
		}
	}

	@Test
	void backfillFailureSaysCommittedBatchesStay(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE logs (id integer PRIMARY KEY, n integer)",
				"INSERT INTO logs SELECT g, g FROM generate_series(1, 30) g");
		try (Connection connection = db.connect()) {
			assertThatExceptionOfType(RetortException.class)
				.isThrownBy(() -> BatchedBackfill.run(connection, new Backfill("logs", "n = n + 100 / (20 - id)", null, 10, null)))
				.withMessageStartingWith("Backfill of 'logs' failed: ERROR: division by zero")
				.withMessageEndingWith("Batches committed before the failure stay committed; fix the cause and run it"
						+ " again (its WHERE clause should skip rows already done).");
		}
		assertThat(db.queryStrings("SELECT count(*) FROM logs WHERE n <> id")).containsExactly("10");
	}

	@Test
	void offlineBackfillDoBlockRunsInBatchesOnPostgres(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE \"Logs\" (id integer PRIMARY KEY, kind text, note text)",
				"INSERT INTO \"Logs\" SELECT g, CASE WHEN g % 3 = 0 THEN 'a%b' ELSE 'x' END, NULL"
						+ " FROM generate_series(1, 95) g");
		String block = new PostgresRenderer()
			.render(new Backfill("Logs", "note = 'it''s 100%'", "kind LIKE 'a\\%%' ESCAPE '\\'", 20, null))
			.statements()
			.get(0);
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute(block);
		}
		assertThat(db.queryStrings("SELECT DISTINCT coalesce(note, '-') || '/' || kind FROM \"Logs\" ORDER BY 1"))
			.containsExactly("-/x", "it's 100%/a%b");
	}

	@Test
	void offlineBackfillDoBlockBatchesByANamedKeyAndRefusesATextKey(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE events (code text PRIMARY KEY, seq integer NOT NULL, flag boolean)",
				"INSERT INTO events SELECT 'e' || g, g, NULL FROM generate_series(1, 25) g");
		PostgresRenderer renderer = new PostgresRenderer();
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			statement.execute(renderer.render(new Backfill("events", "flag = true", null, 10, "seq")).statements().get(0));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement
					.execute(renderer.render(new Backfill("events", "flag = false", null, 10, null)).statements().get(0)))
				.withMessageContaining("Backfill of events needs a single-column integer primary key to batch by");
		}
		assertThat(db.queryStrings("SELECT count(*) FROM events WHERE flag")).containsExactly("25");
	}

	@Test
	void progressEstimatesTheTimeLeftFromTheKeyRange() {
		BackfillProgress progress = new BackfillProgress("t", "id", 1, 250, 250, 1, 1000, Duration.ofSeconds(10));
		assertThat(progress.fractionDone()).isEqualTo(0.25);
		assertThat(progress.rowsPerSecond()).isEqualTo(25.0);
		assertThat(progress.estimatedRemaining()).isEqualTo(Duration.ofSeconds(30));
		assertThat(progress.complete()).isFalse();
	}

	@Test
	void batchesNearTheEndOfTheKeyRangeDoNotOverflow() {
		assertThat(BatchedBackfill.lastKeyOfBatch(Long.MAX_VALUE - 5, 100, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(BatchedBackfill.lastKeyOfBatch(Long.MIN_VALUE, 100, Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE + 99);
		assertThat(BatchedBackfill.lastKeyOfBatch(1, 100, 50)).isEqualTo(50);
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static long count(Connection connection, String sql) {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
