package dev.retort.revision;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.retort.revision.Graphs.delete;
import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.ids;
import static dev.retort.revision.Graphs.insert;
import static dev.retort.revision.Graphs.rev;
import static dev.retort.revision.Graphs.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scenarios S7–S12 of alembic.md §2.5 on G2 (a→b; b→c1[c1branch]→d1; b→c2[c2branch]→d2),
 * ported from {@code tests/test_version_traversal.py::BranchedPathTest}.
 */
class BranchedPathTests {

	private final RevisionGraph graph = Graphs.branched();

	@Test
	@DisplayName("S7 BranchedPathTest.test_upgrade_single_branch, test_upgrade_multiple_branch, test_downgrade_multiple_branch")
	void upgradeAndDowngradeAcrossTheBranchPoint() {
		Plan single = this.graph.upgrade(heads("b"), "d1");
		assertThat(ids(single)).containsExactly("c1", "d1");
		assertThat(single.toHeads()).containsExactly("d1");
		Plan both = this.graph.upgrade(heads("a"), "heads");
		assertThat(ids(both)).containsExactly("b", "c2", "d2", "c1", "d1");
		assertThat(both.toHeads()).containsExactlyInAnyOrder("d1", "d2");
		assertThat(both.steps().get(1).changes()).containsExactly(update("b", "c2"));
		assertThat(both.steps().get(3).changes()).containsExactly(insert("c1"));
		Plan down = this.graph.downgrade(heads("d1", "d2"), "a");
		assertThat(ids(down)).containsExactly("d1", "c1", "d2", "c2", "b");
		assertThat(down.steps().get(1).changes()).containsExactly(delete("c1"));
		assertThat(down.toHeads()).containsExactly("a");
	}

	@Test
	@DisplayName("S8 test_relative_upgrade, test_relative_downgrade_baseplus2, _branchplus2, _branchplus3")
	void relativeMovesWithinABranch() {
		Plan up = this.graph.upgrade(heads("b"), "c2branch@head-1");
		assertThat(ids(up)).containsExactly("c2");
		assertThat(up.toHeads()).containsExactly("c2");
		Plan basePlus2 = this.graph.downgrade(heads("d2", "d1"), "base+2");
		assertThat(ids(basePlus2)).containsExactly("d1", "c1", "d2", "c2");
		assertThat(basePlus2.toHeads()).containsExactly("b");
		Plan branchPlus2 = this.graph.downgrade(heads("d2", "d1"), "c2branch@base+2");
		assertThat(ids(branchPlus2)).containsExactly("d2", "c2");
		assertThat(branchPlus2.toHeads()).containsExactly("d1");
		Plan branchPlus3 = this.graph.downgrade(heads("d2", "d1"), "c2branch@base+3");
		assertThat(ids(branchPlus3)).containsExactly("d2");
		assertThat(branchPlus3.toHeads()).containsExactlyInAnyOrder("d1", "c2");
	}

	@Test
	@DisplayName("S9 test_downgrade_once_order_right/left/*_unbalanced: -1 with several heads is refused (Alembic only warns)")
	void downgradeMinusOneWithSeveralHeadsAsksForTheBranch() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.downgrade(heads("d2", "d1"), "-1"))
			.withMessage("Relative downgrade '-1' is ambiguous with several current heads (d2, d1); name the branch:"
					+ " 'c2branch@-1' or 'c1branch@-1'.");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.downgrade(heads("c2", "d1"), "-1"));
	}

	@Test
	@DisplayName("S9 BranchedPathTest.test_downgrade_once_order_left_unbalanced_labelled")
	void labelledDowngradeByOne() {
		Plan plan = this.graph.downgrade(heads("d1", "d2"), "c1branch@-1");
		assertThat(ids(plan)).containsExactly("d1");
		assertThat(plan.toHeads()).containsExactlyInAnyOrder("c1", "d2");
		assertThat(ids(this.graph.downgrade(heads("d1", "d2"), "c2branch@-1"))).containsExactly("d2");
	}

	@Test
	@DisplayName("S10 test_downgrade_single_branch_*, test_downgrade_relative_to_branch_head, test_downgrade_relative_order_right/left (#765)")
	void downgradesRestrictedToOneBranch() {
		Plan c1 = this.graph.downgrade(heads("c1", "d2"), "c1branch@b");
		assertThat(ids(c1)).containsExactly("c1");
		assertThat(c1.toHeads()).containsExactly("d2");
		Plan c2 = this.graph.downgrade(heads("c1", "d2"), "c2branch@b");
		assertThat(ids(c2)).containsExactly("d2", "c2");
		assertThat(c2.toHeads()).containsExactly("c1");
		Plan byRevision = this.graph.downgrade(heads("d1", "d2"), "c2@b");
		assertThat(ids(byRevision)).containsExactly("d2", "c2");
		assertThat(byRevision.toHeads()).containsExactly("d1");
		Plan byOtherRevision = this.graph.downgrade(heads("d1", "d2"), "d1@b");
		assertThat(ids(byOtherRevision)).containsExactly("d1", "c1");
		assertThat(byOtherRevision.toHeads()).containsExactly("d2");
		Plan headMinusOne = this.graph.downgrade(heads("d1", "d2"), "c1branch@head-1");
		assertThat(ids(headMinusOne)).containsExactly("d1");
		assertThat(headMinusOne.toHeads()).containsExactlyInAnyOrder("c1", "d2");
		Plan relative = this.graph.downgrade(heads("d2", "c1"), "d2-1");
		assertThat(ids(relative)).containsExactly("d2");
		assertThat(relative.toHeads()).containsExactlyInAnyOrder("c1", "c2");
	}

	@Test
	@DisplayName("S11 test_upgrade_other_branch_from_mergepoint, test_upgrade_one_branch_of_heads, test_ambiguous_upgrade, "
			+ "test_upgrade_from_base(_implicit), test_downgrade_minus1_to_base, _from_base, test_downgrade_no_effect_branched")
	void movesBetweenBranches() {
		Plan other = this.graph.upgrade(heads("c1"), "c2branch@+1");
		assertThat(ids(other)).containsExactly("c2");
		assertThat(other.toHeads()).containsExactlyInAnyOrder("c1", "c2");
		assertThat(other.steps().get(0).changes()).containsExactly(insert("c2"));
		Plan oneOfHeads = this.graph.upgrade(heads("c1", "c2"), "c2branch@+1");
		assertThat(ids(oneOfHeads)).containsExactly("d2");
		assertThat(oneOfHeads.toHeads()).containsExactlyInAnyOrder("c1", "d2");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.upgrade(heads("c1", "c2"), "+1"))
			.withMessage("Relative upgrade '+1' is ambiguous from multiple current revisions (c1, c2); name the branch:"
					+ " 'c1branch@+1' or 'c2branch@+1'.");
		assertThat(ids(this.graph.upgrade(heads(), "base+1"))).containsExactly("a");
		assertThat(this.graph.upgrade(heads(), "+1").toHeads()).containsExactly("a");
		Plan toBase = this.graph.downgrade(heads("a"), "-1");
		assertThat(ids(toBase)).containsExactly("a");
		assertThat(toBase.toHeads()).isEmpty();
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.downgrade(heads(), "-1"))
			.withMessage("Cannot downgrade '-1': it counts down from the current revision, and none is applied (the"
					+ " database is at base), so there is nothing to downgrade.");
		assertThat(this.graph.downgrade(heads("d1", "c2"), "c2").isEmpty()).isTrue();
		Plan noEffect = this.graph.downgrade(heads("d1", "c2"), "d1");
		assertThat(noEffect.isEmpty()).isTrue();
		assertThat(noEffect.toHeads()).containsExactly("d1", "c2");
	}

	@Test
	@DisplayName("S12 test_stamp_down_across_multiple_branch_to_branchpoint, test_stamp_to_labeled_base_multiple_heads, "
			+ "test_stamp_to_labeled_head_multiple_heads")
	void stampsAcrossBranches() {
		Plan down = this.graph.stamp(heads("d1", "c2"), List.of("b"), false);
		assertThat(down.steps()).singleElement()
			.satisfies((step) -> assertThat(step.changes()).containsExactly(delete("d1"), update("c2", "b")));
		assertThat(down.toHeads()).containsExactly("b");
		Plan labelledBase = this.graph.stamp(heads("d1", "c2"), List.of("c1branch@base"), false);
		assertThat(labelledBase.steps()).singleElement()
			.satisfies((step) -> assertThat(step.changes()).containsExactly(delete("d1")));
		assertThat(labelledBase.toHeads()).containsExactly("c2");
		Plan labelledHead = this.graph.stamp(heads("d1", "c2"), List.of("c2branch@head"), false);
		assertThat(labelledHead.steps()).singleElement()
			.satisfies((step) -> assertThat(step.changes()).containsExactly(update("c2", "d2")));
		assertThat(labelledHead.toHeads()).containsExactly("d1", "d2");
	}

	@Test
	void aStampDownOneBranchLeavesTheRowOfTheOtherBranchAsADowngradeWould() {
		// Alembic moves every row that shares lineage with 'b' (both), losing c2's row though c2 is
		// applied; the branch named keeps the stamp to it, and c2's row still implies b.
		for (String target : List.of("c1branch@-1", "c1branch@b", "c1@b")) {
			Plan stamp = this.graph.stamp(heads("c1", "c2"), List.of(target), false);
			assertThat(stamp.steps()).as(target)
				.singleElement()
				.satisfies((step) -> assertThat(step.changes()).containsExactly(delete("c1")));
			assertThat(stamp.toHeads()).as(target)
				.isEqualTo(this.graph.downgrade(heads("c1", "c2"), target).toHeads())
				.containsExactly("c2");
		}
		// Below the branch point the branches share b: both rows go, as 'downgrade c1branch@a' removes both.
		for (String target : List.of("c1branch@-1", "c1branch@b", "c1branch@a")) {
			assertThat(this.graph.stamp(heads("d1", "d2"), List.of(target), false).toHeads()).as(target)
				.isEqualTo(this.graph.downgrade(heads("d1", "d2"), target).toHeads());
		}
		assertThat(this.graph.stamp(heads("d1", "d2"), List.of("c1branch@a"), false).toHeads()).containsExactly("a");
	}

	@Test
	void aLabelBelowTheTargetCoversEveryBranchAboveIt() {
		// 'core' on the first revision labels both branches: Alembic narrows the roots to the
		// ancestors of a, keeps none, and refuses; every child of b is on 'core'.
		RevisionGraph labelledRoot = graph(rev("a").withBranchLabels("core"), rev("b", "a"), rev("c1", "b"),
				rev("d1", "c1"), rev("c2", "b"), rev("d2", "c2"));
		Plan down = labelledRoot.downgrade(heads("d1", "d2"), "core@b");
		assertThat(ids(down)).containsExactlyInAnyOrder("d1", "c1", "d2", "c2");
		assertThat(down.toHeads()).containsExactly("b");
		assertThat(labelledRoot.stamp(heads("d1", "d2"), List.of("core@b"), false).toHeads()).containsExactly("b");
		// A label on one branch still keeps to it.
		assertThat(ids(this.graph.downgrade(heads("d1", "d2"), "c2branch@b"))).containsExactly("d2", "c2");
	}

	@Test
	void headWithSeveralHeadsNamesThemAndTheWaysOut() {
		assertThatExceptionOfType(MultipleHeadsException.class).isThrownBy(() -> this.graph.upgrade(heads(), "head"))
			.withMessage("Multiple heads are present (d1, d2); name one, use 'label@head', or 'heads'. To join them:"
					+ " retort merge -m \"merge\" d1 d2")
			.satisfies((ex) -> assertThat(ex.heads()).containsExactly("d1", "d2"));
	}

	@Test
	void everyRevisionListsItsBranchLabelsInOneOrderWhicheverDeclaresThem() {
		// Loaded newest first, as files sorted by name may be: the order follows the graph, not the files.
		RevisionGraph labelled = Graphs.graph(Graphs.rev("d", "c").withBranchLabels("alpha"),
				Graphs.rev("c", "b").withBranchLabels("search", "extra"), Graphs.rev("b", "a").withBranchLabels("reports"),
				Graphs.rev("a"));
		for (String id : List.of("a", "b", "c", "d")) {
			assertThat(labelled.branchLabels(id)).as(id).containsExactly("reports", "search", "extra", "alpha");
		}
	}

	@Test
	void branchLabelsAreInheritedAlongTheirBranch() {
		assertThat(this.graph.branchLabels("d1")).containsExactly("c1branch");
		assertThat(this.graph.branchLabels("c2")).containsExactly("c2branch");
		assertThat(this.graph.branchLabels("b")).isEmpty();
		assertThat(this.graph.resolve("c1branch@head", heads())).containsExactly("d1");
		assertThat(this.graph.resolve("c1branch", heads())).containsExactly("c1");
		assertThat(Graphs.ids(this.graph.branchPoints())).containsExactly("b");
		assertThat(this.graph.children("b")).containsExactly("c1", "c2");
	}

}
