package dev.retort.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.command.RevisionInfo;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;

import static org.assertj.core.api.Assertions.assertThat;

/** The alembic formats users already read. */
class RevisionTextTests {

	@Test
	void historyLineReadsLikeAlembicHistory() {
		RevisionInfo head = new RevisionInfo("1975ea83b712", List.of("ae1027a6acf3"), List.of(), List.of("coffee"),
				"add user column", "2026-11-25 21:00:00", "db/revisions/1975ea83b712_add_user_column.sql", "sql", true,
				true, true, false, false, false, false, null, null);
		RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("ae1027a6acf3"), Revision.of("1975ea83b712", "ae1027a6acf3")));
		assertThat(RevisionText.historyLine(head, false, graph))
			.isEqualTo("ae1027a6acf3 -> 1975ea83b712 (coffee) (head), add user column");
		assertThat(RevisionText.historyLine(head, true, graph))
			.isEqualTo("ae1027a6acf3 -> 1975ea83b712 (coffee) (head) (current), add user column");
	}

	@Test
	void baseMergeAndDependenciesAreShownAsAlembicDoes() {
		RevisionInfo base = new RevisionInfo("ae1027a6acf3", List.of(), List.of(), List.of(), "create coffee logs",
				null, "x.sql", "sql", true, true, false, false, true, true, false, null, null);
		RevisionInfo merge = new RevisionInfo("c0ffee000001", List.of("aaaa", "bbbb"), List.of("dddd"), List.of(),
				"merge", null, "y.sql", "sql", true, true, true, false, false, false, true, null, null);
		RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("ae1027a6acf3"), Revision.of("aaaa", "ae1027a6acf3"),
				Revision.of("bbbb", "ae1027a6acf3"), Revision.of("dddd"),
				Revision.of("c0ffee000001", "aaaa", "bbbb").withDependsOn("dddd")));
		assertThat(RevisionText.historyLine(base, false, graph))
			.isEqualTo("<base> -> ae1027a6acf3 (branchpoint), create coffee logs");
		assertThat(RevisionText.historyLine(merge, false, graph))
			.isEqualTo("aaaa, bbbb (dddd) -> c0ffee000001 (head) (mergepoint), merge");
	}

	@Test
	void verboseEntryHasTheAlembicFields() {
		RevisionInfo merge = new RevisionInfo("c0ffee000001", List.of("aaaa", "bbbb"), List.of(), List.of("release"),
				"merge", "2026-11-25 22:00:00", "db/revisions/c0ffee000001_merge.sql", "sql", true, false, true, false,
				false, false, true, null, null);
		RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("aaaa"), Revision.of("bbbb"),
				Revision.of("c0ffee000001", "aaaa", "bbbb")));
		assertThat(RevisionText.entry(merge, graph, false)).isEqualTo("""
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

	@Test
	void verboseEntryMarksTheCurrentRevisionLastAsAlembicsLogEntry() {
		// Alembic's log_entry: 'Rev: X (head) (branchpoint) (mergepoint) (current)', unlike its one-line
		// form, which puts (current) right after (head).
		RevisionInfo merge = new RevisionInfo("c0ffee000001", List.of("aaaa", "bbbb"), List.of(), List.of(), "merge",
				null, "m.sql", "sql", true, true, true, false, false, false, true, null, null);
		RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("aaaa"), Revision.of("bbbb"),
				Revision.of("c0ffee000001", "aaaa", "bbbb")));
		assertThat(RevisionText.entry(merge, graph, true)).startsWith("Rev: c0ffee000001 (head) (mergepoint) (current)\n");
		assertThat(RevisionText.historyLine(merge, true, graph))
			.isEqualTo("aaaa, bbbb -> c0ffee000001 (head) (current) (mergepoint), merge");
	}

	@Test
	void aHeadThatIsOnlyDependedOnIsAnEffectiveHeadAsInAlembic() {
		// 3cf5 closes the billing branch; 5e8b only depends on it, so 5e8b's row implies it.
		RevisionGraph graph = RevisionGraph.of(List.of(Revision.of("1975ea83b712"),
				Revision.of("3cf5b1d2e3a4", "1975ea83b712"),
				Revision.of("5e8b7c6d4f21", "1975ea83b712").withDependsOn("3cf5b1d2e3a4")));
		RevisionInfo billing = new RevisionInfo("3cf5b1d2e3a4", List.of("1975ea83b712"), List.of(), List.of("billing"),
				"add invoice totals", null, "z.sql", "sql", true, true, true, true, false, false, false, null, null);
		assertThat(RevisionText.historyLine(billing, false, graph))
			.isEqualTo("1975ea83b712 -> 3cf5b1d2e3a4 (billing) (effective head), add invoice totals");
		assertThat(RevisionText.headMarker("3cf5b1d2e3a4", graph)).isEqualTo(" (effective head)");
		assertThat(RevisionText.headMarker("5e8b7c6d4f21", graph)).isEqualTo(" (head)");
		assertThat(RevisionText.headMarker("1975ea83b712", graph)).isEmpty();
	}

}
