package dev.retort.cli;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.command.RevisionInfo;
import dev.retort.revision.RevisionGraph;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryGraphTests {

	@Test
	void straightHistoryIsOneColumn() {
		List<String> lines = draw(revision("c", false, false, "b"), revision("b", false, false, "a"),
				revision("a", false, false));
		assertThat(lines).containsExactly("* c", "* b", "* a");
	}

	@Test
	void twoBranchesMergedAreDrawnLikeGitLogGraph() {
		List<String> lines = draw(revision("m", false, true, "a2", "b2"), revision("b2", false, false, "base"),
				revision("a2", false, false, "base"), revision("base", true, false));
		assertThat(lines).containsExactly(
				"*   m (mergepoint)",
				"|\\",
				"| * b2",
				"* | a2",
				"|/",
				"* base (branchpoint)");
	}

	@Test
	void twoOpenHeadsShowTwoColumnsJoiningAtTheirBranchPoint() {
		List<String> lines = draw(revision("h2", false, false, "p"), revision("h1", false, false, "p"),
				revision("p", true, false, "root"), revision("root", false, false));
		assertThat(lines).containsExactly(
				"* h2",
				"| * h1",
				"|/",
				"* p (branchpoint)",
				"* root");
	}

	@Test
	void separateBasesCloseTheirColumns() {
		List<String> lines = draw(revision("x2", false, false, "x1"), revision("y1", false, false),
				revision("x1", false, false));
		assertThat(lines).containsExactly("* x2", "| * y1", "* x1");
	}

	@Test
	void aBranchEndingLeftOfAnotherShiftsItLeft() {
		List<String> lines = draw(revision("a2", false, false, "a1"), revision("b1", false, false, "b0"),
				revision("a1", false, false), revision("b0", false, false));
		assertThat(lines).containsExactly("* a2", "| * b1", "* | a1", " /", "* b0");
	}

	private static List<String> draw(RevisionInfo... revisions) {
		// No revision here is a head, so the graph behind the head markers is never consulted.
		RevisionGraph graph = RevisionGraph.of(List.of());
		return HistoryGraph.draw(Arrays.asList(revisions), (revision) -> RevisionText.node(revision, false, graph))
			.stream()
			.map(String::stripTrailing)
			.toList();
	}

	static RevisionInfo revision(String id, boolean branchPoint, boolean merge, String... parents) {
		return new RevisionInfo(id, List.of(parents), List.of(), List.of(), "message of " + id, null,
				"db/revisions/" + id + ".sql", "sql", true, true, false, false, parents.length == 0, branchPoint, merge, null,
				null);
	}

}
