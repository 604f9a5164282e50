package dev.retort.revision;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.ids;
import static dev.retort.revision.Graphs.insert;
import static dev.retort.revision.Graphs.rev;
import static dev.retort.revision.Graphs.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scenarios S24–S25 and the further map-level cases of alembic.md §2.5, ported from
 * {@code tests/test_version_traversal.py::ForestTest}, {@code tests/test_revision.py}
 * ({@code LabeledBranchTest}, {@code DiamondTest}, {@code MultipleBaseCrossDependencyTest*})
 * and {@code tests/test_command.py::StampMultipleHeadsTest}. Iteration order is top down,
 * as {@code history} shows it.
 */
class RevisionMapTests {

	@Test
	@DisplayName("S24 ForestTest")
	void forest() {
		RevisionGraph graph = graph(rev("a1"), rev("b1", "a1"), rev("a2"), rev("b2", "a2"));
		assertThat(ids(graph.upgrade(heads(), "heads"))).containsExactly("a2", "b2", "a1", "b1");
		Plan stamp = graph.stamp(heads(), List.of("heads"), false);
		assertThat(stamp.steps()).extracting(Step::changes)
			.containsExactly(List.of(insert("b1")), List.of(insert("b2")));
		assertThat(graph.stamp(heads("b1", "b2"), List.of("heads"), false).steps()).isEmpty();
	}

	@Test
	@DisplayName("S25 LabeledBranchTest (RevisionMap.get_revision)")
	void labelledBranches() {
		RevisionGraph graph = graph(rev("a").withBranchLabels("abranch"), rev("b", "a"), rev("somelongername", "b"),
				rev("c", "somelongername"), rev("d"), rev("e", "d").withBranchLabels("ebranch"), rev("someothername", "e"),
				rev("f", "someothername"));
		assertThat(graph.resolve("ebranch@head", heads())).containsExactly("f");
		assertThat(graph.resolve("abranch@heads", heads())).containsExactly("c");
		assertThat(graph.resolve("abranch@base", heads())).isEmpty();
		assertThat(graph.resolve("ebranch@ebranch", heads())).containsExactly("e");
		assertThat(graph.resolve("abranch", heads())).containsExactly("a");
		assertThat(graph.resolve("e@d", heads())).containsExactly("d");
		assertThat(graph.resolve("someoth@d", heads())).containsExactly("d");
		assertThat(graph.resolve("ebranch@some", heads())).containsExactly("someothername");
		assertThat(graph.resolve("abranch@some", heads())).containsExactly("somelongername");
		assertThatExceptionOfType(UnknownRevisionException.class).isThrownBy(() -> graph.resolve("ebranch@b", heads()))
			.withMessage("Revision b is not on branch 'ebranch' (in 'ebranch@b'): it is neither an ancestor nor a"
					+ " descendant of e. After 'ebranch@' name a revision of that branch ('retort history -r"
					+ " ebranch@base:' lists them), or leave 'ebranch@' out to name b wherever it is.");
		assertThatExceptionOfType(UnknownRevisionException.class)
			.isThrownBy(() -> graph.resolve("abranch@someoth", heads()))
			.withMessage("Revision someothername is not on branch 'abranch' (in 'abranch@someoth'): it is neither an"
					+ " ancestor nor a descendant of a. After 'abranch@' name a revision of that branch ('retort history"
					+ " -r abranch@base:' lists them), or leave 'abranch@' out to name someothername wherever it is.");
		assertThatExceptionOfType(UnknownRevisionException.class).isThrownBy(() -> graph.resolve("x@d", heads()))
			.withMessage("No branch label or revision 'x' is known (in 'x@d'). The branch labels are abranch, ebranch; a"
					+ " revision id works before '@' too.");
		assertThatExceptionOfType(UnknownRevisionException.class).isThrownBy(() -> graph.resolve("ebranch@sos", heads()))
			.withMessage("No revision or branch label 'sos' is known; a partial revision id needs at least four"
					+ " characters.")
			.satisfies((ex) -> assertThat(ex.identifier()).isEqualTo("ebranch@sos"));
		assertThat(ids(graph.history("ebranch@-2:heads", heads()))).containsExactly("f", "someothername", "e");
		assertThat(ids(graph.history("base:ebranch@+2", heads()))).containsExactly("e", "d");
		assertThat(graph.branchLabels("d")).containsExactly("ebranch");
		assertThat(graph.branchLabels("c")).containsExactly("abranch");
	}

	@Test
	@DisplayName("DiamondTest")
	void diamond() {
		RevisionGraph graph = graph(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("c", "b1", "b2"), rev("d", "c"));
		assertThat(ids(graph.history("a:d", heads()))).containsExactly("d", "c", "b1", "b2", "a");
		assertThat(ids(graph.mergePoints())).containsExactly("c");
	}

	/** {@code MultipleBaseCrossDependencyTestOne}: three roots, b1b and c2 depend on a3. */
	private static RevisionGraph crossDependencies() {
		return graph(rev("base1").withBranchLabels("b_1"), rev("a1a", "base1"), rev("a1b", "base1"), rev("b1a", "a1a"),
				rev("b1b", "a1b").withDependsOn("a3"), rev("base2").withBranchLabels("b_2"), rev("a2", "base2"),
				rev("b2", "a2"), rev("c2", "b2").withDependsOn("a3"), rev("d2", "c2"),
				rev("base3").withBranchLabels("b_3"), rev("a3", "base3"), rev("b3", "a3"));
	}

	@Test
	@DisplayName("MultipleBaseCrossDependencyTestOne.test_what_are_the_heads, test_heads_to_base(_downgrade)")
	void crossDependenciesHeadsAndFullOrder() {
		RevisionGraph graph = crossDependencies();
		assertThat(ids(graph.heads())).containsExactly("b1a", "b1b", "d2", "b3");
		List<String> topDown = List.of("b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2", "base2", "b3", "a3",
				"base3");
		assertThat(ids(graph.history(null, heads()))).isEqualTo(topDown);
		assertThat(ids(graph.downgrade(heads("b1a", "b1b", "d2", "b3"), "base"))).isEqualTo(topDown);
		List<String> bottomUp = new java.util.ArrayList<>(topDown);
		java.util.Collections.reverse(bottomUp);
		assertThat(ids(graph.upgradeOrder())).isEqualTo(bottomUp);
	}

	@Test
	@DisplayName("MultipleBaseCrossDependencyTestOne.test_we_need_head2_upgrade/_downgrade, head1, base2, base3")
	void crossDependenciesPerBranch() {
		RevisionGraph graph = crossDependencies();
		assertThat(ids(graph.upgrade(heads(), "b_2@head"))).containsExactly("base3", "a3", "base2", "a2", "b2", "c2", "d2");
		assertThat(ids(graph.downgrade(heads("d2"), "b_2@base"))).containsExactly("d2", "c2", "b2", "a2", "base2");
		assertThat(ids(graph.upgrade(heads(), "b_3@head"))).containsExactly("base3", "a3", "b3");
		assertThat(ids(graph.upgrade(heads(), "b1b@head"))).containsExactly("base3", "a3", "base1", "a1b", "b1b");
		assertThat(ids(graph.downgrade(heads("b1b"), "b1b@base"))).containsExactly("b1b", "a1b", "base1");
		List<String> all = List.of("b1a", "b1b", "d2", "b3");
		assertThat(ids(graph.downgrade(all, "b_2@base"))).containsExactly("d2", "c2", "b2", "a2", "base2");
		assertThat(ids(graph.downgrade(all, "b_3@base"))).containsExactly("b1b", "d2", "c2", "b3", "a3", "base3");
	}

	@Test
	@DisplayName("MultipleBaseCrossDependencyTestOne.test_same_branch_wrong_direction")
	void historyRangeInTheWrongDirection() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> crossDependencies().history("d2:b2", heads()))
			.withMessage("Requested range d2:b2 does not refer to ancestor/descendant revisions along the same branch:"
					+ " d2 is not below b2. Its ends are swapped: d2 is above b2, and a range runs from the older"
					+ " revision up to the newer: 'b2:d2'.");
	}

	@Test
	@DisplayName("MultipleBaseCrossDependencyTestTwo.test_heads_to_base, test_we_need_head3")
	void rootThatDependsOnALabel() {
		RevisionGraph graph = graph(rev("base1").withBranchLabels("b_1"), rev("a1", "base1"), rev("b1", "a1"),
				rev("c1", "b1"), rev("base2").withDependsOn("b_1").withBranchLabels("b_2"), rev("a2", "base2"),
				rev("b2", "a2"), rev("c2", "b2"), rev("d2", "c2"), rev("base3").withBranchLabels("b_3"),
				rev("a3", "base3"), rev("b3", "a3"), rev("c3", "b3").withDependsOn("b2"), rev("d3", "c3"));
		assertThat(ids(graph.heads())).containsExactly("c1", "d2", "d3");
		assertThat(ids(graph.history(":", heads()))).containsExactly("c1", "b1", "a1", "d2", "c2", "d3", "c3", "b3", "a3",
				"base3", "b2", "a2", "base2", "base1");
		assertThat(ids(graph.upgrade(heads(), "b_3@head"))).containsExactly("base1", "base2", "a2", "b2", "base3", "a3",
				"b3", "c3", "d3");
	}

	@Test
	@DisplayName("MultipleBaseCrossDependencyTestThree.test_traverse_no_parent_but_a_dep")
	void rootWithOnlyADependency() {
		RevisionGraph graph = graph(rev("base1"), rev("a1", "base1"), rev("b1", "a1"), rev("c2").withDependsOn("a1"),
				rev("c3", "c2"));
		assertThat(ids(graph.history(null, heads()))).containsExactly("b1", "c3", "c2", "a1", "base1");
	}

	@Test
	void stampRefusesTargetsWhereOneIsAnAncestorOfAnother() {
		RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "a"), rev("m", "b", "c"));
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> graph.stamp(heads("a"), List.of("b", "m"), false))
			.withMessageContaining("Requested revision b overlaps with other requested revisions (m already includes it)");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> graph.stamp(heads("a"), List.of("m", "b"), true))
			.withMessageContaining("Requested revision b overlaps");
		assertThat(graph.stamp(heads("a"), List.of("b", "c"), false).toHeads()).containsExactly("b", "c");
	}

	@Test
	@DisplayName("StampMultipleHeadsTest (test_command.py)")
	void stampWithMultipleHeads() {
		RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c", "b"), rev("d", "b"), rev("e", "d"), rev("f", "b"));
		assertThat(graph.stamp(heads(), List.of("heads"), false).steps()).extracting(Step::changes)
			.containsExactly(List.of(insert("c")), List.of(insert("e")), List.of(insert("f")));
		Plan twoTargets = graph.stamp(heads("a"), List.of("e", "f"), false);
		assertThat(twoTargets.steps()).extracting(Step::changes)
			.containsExactly(List.of(update("a", "e")), List.of(insert("f")));
		assertThat(twoTargets.toHeads()).containsExactly("e", "f");
		assertThat(graph.stamp(heads("c", "e"), List.of("c", "e"), false).steps()).isEmpty();
		Plan purge = graph.stamp(heads("fake"), List.of("c", "e", "f"), true);
		assertThat(purge.steps()).extracting(Step::changes)
			.containsExactly(List.of(new VersionChange.DeleteAll()), List.of(insert("c")), List.of(insert("e")),
					List.of(insert("f")));
		assertThat(purge.fromHeads()).containsExactly("fake");
		assertThat(purge.toHeads()).containsExactly("c", "e", "f");
	}

}
