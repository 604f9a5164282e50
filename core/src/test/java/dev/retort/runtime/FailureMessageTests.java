package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed first statements may still have committed work of their own. */
class FailureMessageTests {

	@Test
	void statementsThatCommitOnTheirOwnAreNeverSaidToHaveCommittedNothing() {
		assertThat(FailureMessage.commitsOnItsOwn("CREATE UNIQUE INDEX CONCURRENTLY ux ON t (a)")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("reindex table concurrently t")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("DROP INDEX CONCURRENTLY ix")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("-- lint:ack PG101 small\nCALL backfill()")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("/* batches */ DO $$ BEGIN COMMIT; END $$")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("VACUUM")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn("ANALYZE")).isTrue();
		assertThat(FailureMessage.commitsOnItsOwn(null)).isTrue();
	}

	@Test
	void aPlainStatementCommitsNothingWhenItFails() {
		assertThat(FailureMessage.commitsOnItsOwn("ALTER TABLE coffee ADD COLUMN kind text")).isFalse();
		assertThat(FailureMessage.commitsOnItsOwn("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")).isFalse();
		assertThat(FailureMessage.commitsOnItsOwn("CREATE INDEX ix_done ON t (a)")).isFalse();
	}

}
