package dev.retort.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.command.RevisionInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** The alembic formats users already read. */
class RevisionTextTests {

	@Test
	void historyLineReadsLikeAlembicHistory() {
		RevisionInfo head = new RevisionInfo("1975ea83b712", List.of("ae1027a6acf3"), List.of(), List.of("coffee"),
				"add user column", "2026-11-25 21:00:00", "db/revisions/1975ea83b712_add_user_column.sql", "sql", true,
				true, true, false, false, false, null, null);
		assertThat(RevisionText.historyLine(head, false))
			.isEqualTo("ae1027a6acf3 -> 1975ea83b712 (coffee) (head), add user column");
		assertThat(RevisionText.historyLine(head, true))
			.isEqualTo("ae1027a6acf3 -> 1975ea83b712 (coffee) (head) (current), add user column");
	}

	@Test
	void baseMergeAndDependenciesAreShownAsAlembicDoes() {
		RevisionInfo base = new RevisionInfo("ae1027a6acf3", List.of(), List.of(), List.of(), "create coffee logs",
				null, "x.sql", "sql", true, true, false, true, true, false, null, null);
		RevisionInfo merge = new RevisionInfo("c0ffee000001", List.of("aaaa", "bbbb"), List.of("dddd"), List.of(),
				"merge", null, "y.sql", "sql", true, true, true, false, false, true, null, null);
		assertThat(RevisionText.historyLine(base, false))
			.isEqualTo("<base> -> ae1027a6acf3 (branchpoint), create coffee logs");
		assertThat(RevisionText.historyLine(merge, false))
			.isEqualTo("aaaa, bbbb (dddd) -> c0ffee000001 (head) (mergepoint), merge");
	}

	@Test
	void verboseEntryHasTheAlembicFields() {
		RevisionInfo merge = new RevisionInfo("c0ffee000001", List.of("aaaa", "bbbb"), List.of(), List.of("release"),
				"merge", "2026-11-25 22:00:00", "db/revisions/c0ffee000001_merge.sql", "sql", true, false, true, false,
				false, true, null, null);
		assertThat(RevisionText.entry(merge, List.of(), false)).isEqualTo("""
				Rev: c0ffee000001 (head) (mergepoint)
				Merges: aaaa, bbbb
				Branch names: release
				Path: db/revisions/c0ffee000001_merge.sql

				    merge

				    Revision ID: c0ffee000001
				    Revises: aaaa, bbbb
				    Create Date: 2026-11-25 22:00:00
				    Kind: sql, irreversible (no downgrade)
				""");
	}

}
