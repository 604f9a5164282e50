package dev.retort.runtime;

import java.util.List;
import java.util.Set;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Reading the bookkeeping tables: what exists, without a failing statement. */
@ExtendWith(PostgresExtension.class)
class RecordedStateTests {

	@Test
	void aDatabaseNeverMigratedIsReadWithoutAFailingStatement(TestDatabase db) throws Exception {
		try (Database database = Database.open(LockingTests.factory(db, "retort-reader"), null, "retort_version",
				"retort_history")) {
			// Inside a transaction a failed statement (a missing table, which the server also logs
			// as an ERROR) would abort it, and the statement after it would fail.
			database.session().setAutoCommit(false);
			Database.RecordedState state = database.readRecorded();
			assertThat(state.heads()).isEmpty();
			assertThat(state.applied()).isEmpty();
			assertThat(database.session().query("SELECT 1", (row) -> row.getInt(1))).containsExactly(1);
			database.session().rollbackQuietly();
		}
	}

	@Test
	void aPasswordLiteralInTheErrorOfAnOlderRowIsMaskedWhenRead(TestDatabase db) throws Exception {
		try (Database database = Database.open(LockingTests.factory(db, "retort-reader"), null, "retort_version",
				"retort_history")) {
			database.createTables(false);
			// Written by a version that did not mask it yet: current, the endpoint and health read it.
			db.execute("INSERT INTO retort_history (revision, operation, from_heads, to_heads, checksum, duration_ms,"
					+ " success, error) VALUES ('b2', 'upgrade', '{}', '{}', 'c0ffee', 1, false, 'Revision b2 failed:"
					+ " role app does not exist, in statement: ALTER ROLE app PASSWORD ''T0pS3cret''')");
			assertThat(database.historyEntries(1)).singleElement()
				.satisfies((entry) -> assertThat(entry.error()).contains("ALTER ROLE app PASSWORD '***'")
					.doesNotContain("T0pS3cret"));
		}
	}

	@Test
	void bothTablesAreReadTogether(TestDatabase db) throws Exception {
		ConnectionFactory factory = LockingTests.factory(db, "retort-reader");
		try (Database database = Database.open(factory, null, "retort_version", "retort_history")) {
			database.createTables(false);
			db.execute("INSERT INTO retort_version VALUES ('b2')",
					"INSERT INTO retort_history (revision, operation, from_heads, to_heads, checksum, duration_ms, success)"
							+ " VALUES ('b2', 'upgrade', '{}', '{b2}', 'c0ffee', 1, true)");
			long before = factory.statementCount();
			Database.RecordedState state = database.readRecorded();
			assertThat(factory.statementCount() - before).isEqualTo(2);
			assertThat(state.heads()).contains(List.of("b2"));
			assertThat(state.applied()).hasValueSatisfying((applied) -> assertThat(applied.get("b2"))
				.isEqualTo(new AppliedRevision("b2", "upgrade", "c0ffee")));
		}
	}

	@Test
	void eachRevisionShowsItsLastStepAndTheChecksumOfItsLastUpgrade(TestDatabase db) throws Exception {
		try (Database database = Database.open(LockingTests.factory(db, "retort-reader"), null, "retort_version",
				"retort_history")) {
			database.createTables(false);
			String row = "INSERT INTO retort_history (revision, operation, from_heads, to_heads, checksum, duration_ms,"
					+ " success) VALUES ";
			db.execute(row + "('a1', 'upgrade', '{}', '{a1}', 'old', 1, true)",
					row + "('b2', 'stamp', '{a1}', '{b2}', NULL, 1, true)",
					row + "('a1', 'downgrade', '{a1}', '{}', NULL, 1, true)",
					row + "('a1', 'upgrade', '{}', '{a1}', 'new', 1, true)",
					row + "('c3', 'upgrade', '{b2}', '{c3}', 'c3sum', 1, true)",
					row + "('c3', 'downgrade', '{c3}', '{b2}', NULL, 1, true)",
					row + "('b2', 'upgrade', '{a1}', '{b2}', 'failed', 1, false)");
			Database.RecordedState state = database.readRecorded();
			assertThat(state.applied()).hasValueSatisfying((applied) -> assertThat(applied).containsOnly(
					entry("a1", new AppliedRevision("a1", "upgrade", "new")),
					// A failed step changes nothing; a stamp records no checksum.
					entry("b2", new AppliedRevision("b2", "stamp", null)),
					// Downgraded: not applied, and the checksum of the upgrade it undid compares nothing
					// any more (its file may be edited, then stamped back).
					entry("c3", new AppliedRevision("c3", "downgrade", null))));
			assertThat(state.applied().get().get("c3").applied()).isFalse();
		}
	}

	@Test
	void onlyTheVersionTableIsReadWhenTheHistoryIsMissing(TestDatabase db) throws Exception {
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY)",
				"INSERT INTO alembic_version VALUES ('a1')");
		try (Database database = Database.open(LockingTests.factory(db, "retort-reader"), null, "alembic_version",
				"retort_history")) {
			Database.RecordedState state = database.readRecorded();
			assertThat(state.heads()).contains(List.of("a1"));
			assertThat(state.applied()).isEmpty();
		}
	}

	@Test
	void theLineageHoldsTheHeadsEachUpgradeReplacedAndEachDowngradeGaveBack(TestDatabase db) throws Exception {
		try (Database database = Database.open(LockingTests.factory(db, "retort-reader"), null, "retort_version",
				"retort_history")) {
			assertThat(database.recordedLineage().parents()).isEmpty();
			database.createTables(false);
			String row = "INSERT INTO retort_history (revision, operation, from_heads, to_heads, duration_ms, success)"
					+ " VALUES ";
			db.execute(row + "('a1', 'upgrade', '{}', '{a1}', 1, true)",
					row + "('b2', 'upgrade', '{a1}', '{b2}', 1, true)",
					// A stamp says nothing of parents: b2 was left for a1, not replaced by it.
					row + "('a1', 'stamp', '{b2}', '{a1}', 1, true)",
					row + "('c3', 'upgrade', '{a1}', '{c3}', 1, true)",
					row + "('m4', 'upgrade', '{c3,x9}', '{m4}', 1, false)",
					row + "('x9', 'downgrade', '{x9}', '{b2}', 1, true)");
			RecordedLineage lineage = database.recordedLineage();
			assertThat(lineage.parents()).containsOnly(entry("a1", Set.of()), entry("b2", Set.of("a1")),
					entry("c3", Set.of("a1")), entry("x9", Set.of("b2")));
			assertThat(lineage.ancestors(List.of("c3"), (id) -> false)).containsExactly("a1");
			assertThat(lineage.ancestors(List.of("x9"), "b2"::equals)).containsExactly("b2");
		}
	}

}
