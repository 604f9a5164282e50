package dev.retort.revision;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.ids;
import static dev.retort.revision.Graphs.rev;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios S18–S23 of alembic.md §2.5: {@code Depends On} across branches, ported from
 * {@code tests/test_version_traversal.py} ({@code DependsOnBranchTest*},
 * {@code DependsOnOwnDownrevTest}, {@code DependsOnBranchLabelTest},
 * {@code BranchedPathTestCrossDependencies}) and {@code tests/test_command.py::CurrentTest}.
 */
class DependsOnTests {

	@Test
	@DisplayName("S18 DependsOnBranchTestOne")
	void aDependencyStaysImpliedByItsDependent() {
		RevisionGraph graph = graph(rev("a1").withBranchLabels("lib1"), rev("b1", "a1"), rev("c1", "b1"), rev("d1", "c1"),
				rev("e1", "d1"), rev("f1", "e1"), rev("a2"), rev("b2", "a2"), rev("c2", "b2").withDependsOn("c1"));
		Plan down = graph.downgrade(heads("c2", "d1"), "c1");
		assertThat(ids(down)).containsExactly("d1");
		assertThat(down.steps().get(0).changes()).containsExactly(Graphs.delete("d1"));
		assertThat(down.toHeads()).containsExactly("c2");
		assertThat(graph.applied(down.toHeads())).contains("c1", "b1", "a1");
		Plan stamp = graph.stamp(heads("e1", "c2"), List.of("b1"), false);
		assertThat(stamp.toHeads()).containsExactly("b1");
	}

	@Test
	@DisplayName("S19 DependsOnBranchTestThree.test_downgrade_over_crisscross (#377)")
	void downgradeOverCrissCrossDependencies() {
		RevisionGraph graph = graph(rev("a1"), rev("a2", "a1"), rev("a3", "a2").withDependsOn("b1"), rev("b1"),
				rev("b2", "b1").withDependsOn("a2"), rev("b3", "b2"));
		Plan plan = graph.downgrade(heads("a3", "b2"), "b1");
		assertThat(ids(plan)).containsExactly("b2");
		assertThat(plan.toHeads()).containsExactly("a3");
	}

	@Test
	@DisplayName("S20 DependsOnOwnDownrevTest (#843)")
	void dependingOnItsOwnParent() {
		RevisionGraph graph = graph(rev("a1"), rev("a2", "a1").withDependsOn("a1"));
		Plan up = graph.upgrade(heads(), "a2");
		assertThat(ids(up)).containsExactly("a1", "a2");
		assertThat(up.toHeads()).containsExactly("a2");
		Plan down = graph.downgrade(heads("a2"), "a1");
		assertThat(ids(down)).containsExactly("a2");
		assertThat(down.toHeads()).containsExactly("a1");
	}

	@Test
	@DisplayName("S20 DependsOnBranchTestFour (#789): a dependency an ancestor already declares is normalized away")
	void normalizedDependencies() {
		RevisionGraph graph = graph(rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1"),
				rev("b2", "b1").withDependsOn("a3"), rev("b3", "b2"), rev("b4", "b3").withDependsOn("a3"));
		Plan plan = graph.downgrade(heads("b4"), "b3");
		assertThat(ids(plan)).containsExactly("b4");
		assertThat(plan.steps().get(0).changes()).containsExactly(Graphs.update("b4", "b3"));
		assertThat(plan.toHeads()).containsExactly("b3");
	}

	@Test
	@DisplayName("S21 DependsOnBranchTestFive (#1373)")
	void aRootThatDependsOnAnotherRootAndTheirMerge() {
		RevisionGraph graph = graph(rev("a1"), rev("b1").withDependsOn("a1"), rev("bmerge", "a1", "b1"));
		Plan b1 = graph.upgrade(heads("a1"), "b1");
		assertThat(ids(b1)).containsExactly("b1");
		assertThat(b1.toHeads()).containsExactly("b1");
		Plan merge = graph.upgrade(heads("b1"), "bmerge");
		assertThat(ids(merge)).containsExactly("bmerge");
		assertThat(merge.toHeads()).containsExactly("bmerge");
		Plan toA1 = graph.downgrade(heads("bmerge"), "a1");
		assertThat(ids(toA1)).containsExactly("bmerge");
		assertThat(toA1.toHeads()).containsExactly("b1");
		Plan toB1 = graph.downgrade(heads("bmerge"), "b1");
		assertThat(ids(toB1)).containsExactly("bmerge");
		assertThat(toB1.toHeads()).containsExactly("b1");
	}

	@Test
	@DisplayName("S22 DependsOnBranchLabelTest")
	void aDependencyOnABranchLabelPullsInTheOtherRoot() {
		RevisionGraph graph = graph(rev("a1").withBranchLabels("lib1"), rev("b1", "a1"),
				rev("c1", "b1").withBranchLabels("c1lib"), rev("d1", "c1"), rev("a2"), rev("b2", "a2"),
				rev("c2", "b2").withDependsOn("c1lib"));
		Plan plan = graph.upgrade(heads("a2"), "c2");
		assertThat(ids(plan)).containsExactly("a1", "b1", "c1", "b2", "c2");
		assertThat(plan.toHeads()).containsExactly("c2");
	}

	@Test
	@DisplayName("S23 BranchedPathTestCrossDependencies")
	void downgradeAlsoRemovesDependents() {
		RevisionGraph graph = graph(rev("a"), rev("b", "a"), rev("c1", "b").withBranchLabels("c1branch"), rev("d1", "c1"),
				rev("c2", "b").withBranchLabels("c2branch"), rev("d2", "c2").withDependsOn("c1"));
		Plan c2 = graph.downgrade(heads("d1", "d2"), "c2branch@b");
		assertThat(ids(c2)).containsExactly("d2", "c2");
		assertThat(c2.toHeads()).containsExactly("d1");
		Plan c1 = graph.downgrade(heads("d1", "d2"), "c1branch@b");
		assertThat(ids(c1)).containsExactlyInAnyOrder("c1", "d1", "d2");
		assertThat(ids(c1).indexOf("c1")).isGreaterThan(ids(c1).indexOf("d1")).isGreaterThan(ids(c1).indexOf("d2"));
		assertThat(c1.toHeads()).containsExactly("c2");
	}

	@Test
	@DisplayName("CurrentTest: current shows the revisions a dependency implies")
	void impliedCurrentRevisions() {
		RevisionGraph graph = graph(rev("a1"), rev("a2", "a1"), rev("a3", "a2"), rev("b1"),
				rev("b2", "b1").withDependsOn("a2"), rev("b3", "b2"));
		assertThat(graph.current(heads("b2"))).containsExactly("a2", "b2");
		Plan up = graph.upgrade(heads("b2"), "b3");
		assertThat(graph.current(up.toHeads())).containsExactly("a2", "b3");
	}

	@Test
	@DisplayName("test_revision_dupe_head: a revision may revise and depend on the same revision")
	void revisingAndDependingOnTheSameRevisionIsLegal() {
		RevisionGraph graph = graph(rev("user_foo"), rev("user", "user_foo").withDependsOn("user_foo"));
		assertThat(ids(graph.upgrade(heads(), "heads"))).containsExactly("user_foo", "user");
	}

	@Test
	@DisplayName("Effective head: a head only depended upon gets no row (alembic.md §2.4)")
	void effectiveHeads() {
		RevisionGraph graph = graph(rev("a1"), rev("55af"), rev("2a95", "a1").withDependsOn("55af"));
		assertThat(ids(graph.heads())).containsExactly("55af", "2a95");
		assertThat(ids(graph.effectiveHeads())).containsExactly("55af");
		assertThat(graph.resolve("heads", heads())).containsExactly("2a95");
		assertThat(graph.resolve("head", heads())).as("an effective head does not make 'head' ambiguous")
			.containsExactly("2a95");
		Plan plan = graph.upgrade(heads(), "heads");
		assertThat(ids(plan)).containsExactly("55af", "a1", "2a95");
		assertThat(plan.toHeads()).containsExactly("2a95");
	}

}
