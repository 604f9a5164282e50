package dev.retort.revision;

import java.util.Arrays;
import java.util.List;

/** Small helpers to write graphs and read plans in tests. */
final class Graphs {

	private Graphs() {
	}

	static Revision rev(String id, String... parents) {
		return Revision.of(id, parents);
	}

	static RevisionGraph graph(Revision... revisions) {
		return RevisionGraph.of(Arrays.asList(revisions));
	}

	static List<String> heads(String... ids) {
		return List.of(ids);
	}

	/** The revision ids a plan runs, in order. */
	static List<String> ids(Plan plan) {
		return plan.revisions().stream().map(Revision::id).toList();
	}

	static List<String> ids(List<Revision> revisions) {
		return revisions.stream().map(Revision::id).toList();
	}

	static VersionChange insert(String id) {
		return new VersionChange.Insert(id);
	}

	static VersionChange delete(String id) {
		return new VersionChange.Delete(id);
	}

	static VersionChange update(String from, String to) {
		return new VersionChange.Update(from, to);
	}

	/** G2 of alembic.md §2.5 ({@code BranchedPathTest}): a→b; b→c1[c1branch]→d1; b→c2[c2branch]→d2. */
	static RevisionGraph branched() {
		return graph(rev("a"), rev("b", "a"), rev("c1", "b").withBranchLabels("c1branch"), rev("d1", "c1"),
				rev("c2", "b").withBranchLabels("c2branch"), rev("d2", "c2"));
	}

	/** G3 ({@code MergedPathTest}): a→b; b→c1→d1; b→c2[c2branch]→d2; e=merge(d1,d2); e→f. */
	static RevisionGraph merged() {
		return graph(rev("a"), rev("b", "a"), rev("c1", "b"), rev("d1", "c1"),
				rev("c2", "b").withBranchLabels("c2branch"), rev("d2", "c2"), rev("e", "d1", "d2"), rev("f", "e"));
	}

}
