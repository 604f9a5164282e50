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
 * Scenarios S13–S17 of alembic.md §2.5: the merged diamond G3 ({@code MergedPathTest}) and
 * the multi-parent and cross-root merges of {@code TwinMergeTest}, {@code NotQuiteTwinMergeTest},
 * {@code BranchFromMergepointTest} and {@code BranchFrom3WayMergepointTest}.
 */
class MergedPathTests {

	private final RevisionGraph graph = Graphs.merged();

	@Test
	@DisplayName("S13 MergedPathTest.test_upgrade_across_merge_point")
	void upgradeAcrossAMergePoint() {
		Plan plan = this.graph.upgrade(heads("b"), "f");
		assertThat(ids(plan)).containsExactly("c2", "d2", "c1", "d1", "e", "f");
		assertThat(plan.steps()).extracting(Step::changes)
			.containsExactly(List.of(update("b", "c2")), List.of(update("c2", "d2")), List.of(insert("c1")),
					List.of(update("c1", "d1")), List.of(delete("d1"), update("d2", "e")), List.of(update("e", "f")));
		assertThat(plan.toHeads()).containsExactly("f");
	}

	@Test
	@DisplayName("S13 MergedPathTest.test_downgrade_across_merge_point")
	void downgradeAcrossAMergePoint() {
		Plan plan = this.graph.downgrade(heads("f"), "b");
		assertThat(ids(plan)).containsExactly("f", "e", "d1", "c1", "d2", "c2");
		assertThat(plan.steps()).extracting(Step::changes)
			.containsExactly(List.of(update("f", "e")), List.of(update("e", "d1"), insert("d2")),
					List.of(update("d1", "c1")), List.of(delete("c1")), List.of(update("d2", "c2")),
					List.of(update("c2", "b")));
		assertThat(plan.toHeads()).containsExactly("b");
	}

	@Test
	void downgradingAMergeByOneStepReturnsToBothParents() {
		Plan plan = this.graph.downgrade(heads("e"), "-1");
		assertThat(ids(plan)).containsExactly("e");
		assertThat(plan.toHeads()).containsExactly("d1", "d2");
	}

	@Test
	void aRelativeDowngradeThroughAMergeSuggestsADowngradeAlongEachSideThatWorks() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.downgrade(heads("e"), "-2"))
			.withMessage("Relative revision '-2' is ambiguous: e is a merge of d1, d2. Name the side to follow:"
					+ " 'd1@c1' (through d1) or 'c2branch@c2' (through d2).");
		Plan throughD1 = this.graph.downgrade(heads("e"), "d1@c1");
		assertThat(ids(throughD1)).containsExactly("e", "d1");
		assertThat(throughD1.toHeads()).containsExactlyInAnyOrder("c1", "d2");
		Plan throughD2 = this.graph.downgrade(heads("e"), "c2branch@c2");
		assertThat(ids(throughD2)).containsExactly("e", "d2");
		assertThat(throughD2.toHeads()).containsExactlyInAnyOrder("d1", "c2");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.downgrade(heads("f"), "f-3"))
			.withMessageEndingWith("Name the side to follow: 'd1@c1' (through d1) or 'c2branch@c2' (through d2).");
	}

	@Test
	void aRelativeUpgradeThroughABranchPointSuggestsAnUpgradeAlongEachSideThatWorks() {
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.upgrade(heads("b"), "+2"))
			.withMessage("Relative revision '+2' is ambiguous: b has several next revisions (c1, c2). Name the side to"
					+ " follow: 'c1@+2' (through c1) or 'c2branch@+2' (through c2).");
		assertThat(ids(this.graph.upgrade(heads("b"), "c1@+2"))).containsExactly("c1", "d1");
		assertThat(ids(this.graph.upgrade(heads("b"), "c2branch@+2"))).containsExactly("c2", "d2");
		assertThatExceptionOfType(InvalidTargetException.class)
			.isThrownBy(() -> this.graph.upgrade(heads("a"), "f-3"))
			.withMessageEndingWith("e is a merge of d1, d2. Name the side to follow: 'd1@c1' (through d1) or"
					+ " 'c2branch@c2' (through d2).");
	}

	@Test
	void anUpgradeToOneBelowAMergeGoesUpToEveryParentAsTheDowngradeThereDoes() {
		// 'e-1' is where 'downgrade e-1' (and 'stamp e-1') leave the database: d1 and d2.
		Plan plan = this.graph.upgrade(heads("b"), "e-1");
		assertThat(ids(plan)).containsExactlyInAnyOrder("c1", "d1", "c2", "d2");
		assertThat(plan.toHeads()).containsExactlyInAnyOrder("d1", "d2");
		assertThat(ids(this.graph.upgrade(heads("b"), "f-2"))).containsExactlyInAnyOrder("c1", "d1", "c2", "d2");
	}

	@Test
	@DisplayName("S14 MergedPathTest.test_stamp_down_across_merge_point_branch, _merge_prior_branching, "
			+ "test_stamp_up_across_merge_from_single_branch, _from_multiple_branch, "
			+ "test_stamp_labeled_head_across_merge_from_multiple_branch, test_stamp_up_across_merge_prior_branching")
	void stampsAcrossAMergePoint() {
		assertThat(singleStamp(heads("e"), "c2")).containsExactly(update("e", "c2"));
		assertThat(singleStamp(heads("e"), "a")).containsExactly(update("e", "a"));
		assertThat(singleStamp(heads("c2"), "e")).containsExactly(update("c2", "e"));
		assertThat(singleStamp(heads("d1", "c2"), "e")).containsExactly(delete("d1"), update("c2", "e"));
		assertThat(singleStamp(heads("d1", "c2"), "c2branch@head")).containsExactly(delete("d1"), update("c2", "f"));
		assertThat(singleStamp(heads("b"), "e")).containsExactly(update("b", "e"));
	}

	@Test
	void aStampDownOneBranchAcrossTheMergeKeepsTheOtherParentAsADowngradeWould() {
		// Alembic moves every row sharing d2's lineage to d2, deleting d1's side though it is applied
		// (its 'stamp c2branch@d2' from e leaves d2 alone); the branch named keeps the stamp to it.
		assertThat(singleStamp(heads("e"), "c2branch@d2")).containsExactly(update("e", "d2"), insert("d1"));
		assertThat(singleStamp(heads("f"), "c2branch@c2")).containsExactly(update("f", "c2"), insert("d1"));
		assertThat(singleStamp(heads("e"), "d1@c1")).containsExactly(update("e", "c1"), insert("d2"));
		for (List<String> rows : List.of(heads("e"), heads("f"))) {
			for (String target : List.of("c2branch@d2", "c2branch@c2", "c2branch@b", "d1@d1", "d1@c1", "c2branch@-1")) {
				Plan stamp = this.graph.stamp(rows, List.of(target), false);
				assertThat(stamp.toHeads()).as("stamp %s from %s", target, rows)
					.containsExactlyInAnyOrderElementsOf(this.graph.downgrade(rows, target).toHeads());
				assertThat(stamp.steps()).as("stamp %s from %s", target, rows).hasSizeLessThanOrEqualTo(1);
			}
		}
		assertThat(this.graph.stamp(heads("e"), List.of("c2branch@d2"), false).toHeads()).containsExactly("d2", "d1");
		// Without a branch, as Alembic's (S14): the target takes the place of every row of its lineage.
		assertThat(this.graph.stamp(heads("e"), List.of("d2"), false).toHeads()).containsExactly("d2");
	}

	private List<VersionChange> singleStamp(List<String> rows, String target) {
		Plan plan = this.graph.stamp(rows, List.of(target), false);
		assertThat(plan.steps()).hasSize(1);
		return plan.steps().get(0).changes();
	}

	@Test
	@DisplayName("S15 TwinMergeTest.test_upgrade (#297)")
	void twinMerges() {
		RevisionGraph twins = graph(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("b3", "a"), rev("c1", "b1", "b2", "b3"),
				rev("c2", "b1", "b2", "b3"), rev("d1", "c1"), rev("d2", "c2"));
		List<String> rows = heads("a");
		rows = stepTo(twins, rows, "b3", "b3");
		rows = stepTo(twins, rows, "b1", "b3", "b1");
		rows = stepTo(twins, rows, "b2", "b3", "b1", "b2");
		assertThat(twins.upgrade(rows, "c2").steps().get(0).changes()).containsExactly(delete("b1"), delete("b2"),
				update("b3", "c2"));
		rows = stepTo(twins, rows, "c2", "c2");
		rows = stepTo(twins, rows, "d2", "d2");
		assertThat(twins.upgrade(rows, "c1").steps().get(0).changes()).containsExactly(insert("c1"));
		rows = stepTo(twins, rows, "c1", "d2", "c1");
		stepTo(twins, rows, "d1", "d2", "d1");
	}

	@Test
	@DisplayName("S16 NotQuiteTwinMergeTest.test_upgrade")
	void notQuiteTwinMerges() {
		RevisionGraph twins = graph(rev("a"), rev("b1", "a"), rev("b2", "a"), rev("b3", "a"), rev("c1", "b1", "b2"),
				rev("c2", "b2", "b3"), rev("d1", "c1"), rev("d2", "c2"));
		List<String> rows = heads("a");
		rows = stepTo(twins, rows, "b2", "b2");
		rows = stepTo(twins, rows, "b3", "b2", "b3");
		rows = stepTo(twins, rows, "c2", "c2");
		rows = stepTo(twins, rows, "d2", "d2");
		rows = stepTo(twins, rows, "b1", "d2", "b1");
		rows = stepTo(twins, rows, "c1", "d2", "c1");
		stepTo(twins, rows, "d1", "d2", "d1");
	}

	/** Upgrades by exactly one revision and checks the rows after it. */
	private static List<String> stepTo(RevisionGraph graph, List<String> rows, String revision, String... expected) {
		Plan plan = graph.upgrade(rows, revision);
		assertThat(ids(plan)).containsExactly(revision);
		assertThat(plan.toHeads()).containsExactly(expected);
		return plan.toHeads();
	}

	@Test
	@DisplayName("S17 BranchFromMergepointTest")
	void branchFromAMergePoint() {
		RevisionGraph forest = graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"), rev("b2", "a2"),
				rev("c2", "b2"), rev("d1", "c1", "c2"), rev("d2", "c2"));
		Plan up = forest.upgrade(heads("d2", "b1"), "d1");
		assertThat(ids(up)).containsExactly("c1", "d1");
		assertThat(up.toHeads()).containsExactlyInAnyOrder("d2", "d1");
		Plan down = forest.downgrade(heads("d2", "d1"), "b1");
		assertThat(ids(down)).containsExactly("d1", "c1");
		assertThat(down.toHeads()).containsExactlyInAnyOrder("d2", "b1");
	}

	@Test
	@DisplayName("S17 BranchFrom3WayMergepointTest")
	void branchFromAThreeWayMergePoint() {
		RevisionGraph forest = graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("a2"), rev("b2", "a2"),
				rev("c2", "b2"), rev("a3"), rev("b3", "a3"), rev("c3", "b3"), rev("d1", "c1", "c2", "c3"),
				rev("d2", "c2"), rev("d3", "c3"));
		Plan up = forest.upgrade(heads("d3", "b2", "b1"), "d1");
		assertThat(ids(up)).containsExactly("c2", "c1", "d1");
		assertThat(up.toHeads()).containsExactlyInAnyOrder("d3", "d1");
		Plan next = forest.upgrade(up.toHeads(), "d2");
		assertThat(ids(next)).containsExactly("d2");
		assertThat(next.toHeads()).containsExactlyInAnyOrder("d3", "d2", "d1");
	}

}
