package dev.retort.revision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.retort.revision.Graphs.delete;
import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.ids;
import static dev.retort.revision.Graphs.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Scenarios S1–S6 of alembic.md §2.5 on the linear chain G1 a→b→c→d→e, ported from
 * {@code tests/test_version_traversal.py::RevisionPathTest}.
 */
class LinearPathTests {

	static final String A = "aaaa0001";

	static final String B = "bbbb0002";

	static final String C = "cccc0003";

	static final String D = "dddd0004";

	static final String E = "eeee0005";

	private final RevisionGraph graph = graph(rev(A), rev(B, A), rev(C, B), rev(D, C), rev(E, D));

	@Test
	@DisplayName("S1 RevisionPathTest.test_upgrade_path")
	void upgradeRunsTheMissingRevisionsInOrder() {
		Plan plan = this.graph.upgrade(heads(C), E);
		assertThat(ids(plan)).containsExactly(D, E);
		assertThat(plan.toHeads()).containsExactly(E);
		Plan fromBase = this.graph.upgrade(heads(), C);
		assertThat(ids(fromBase)).containsExactly(A, B, C);
		assertThat(fromBase.toHeads()).containsExactly(C);
		assertThat(fromBase.steps().get(0).changes()).containsExactly(Graphs.insert(A));
		assertThat(fromBase.steps().get(1).changes()).containsExactly(Graphs.update(A, B));
	}

	@Test
	@DisplayName("S2 RevisionPathTest.test_relative_upgrade_path")
	void relativeUpgrades() {
		assertThat(ids(this.graph.upgrade(heads(A), "+2"))).containsExactly(B, C);
		assertThat(ids(this.graph.upgrade(heads(A), "+1"))).containsExactly(B);
		assertThat(ids(this.graph.upgrade(heads(A), B + "+2"))).containsExactly(B, C, D);
		assertThat(this.graph.upgrade(heads(A), D + "-2").toHeads()).containsExactly(B);
		Plan plan = this.graph.upgrade(heads(B), "+3");
		assertThat(ids(plan)).containsExactly(C, D, E);
		assertThat(plan.toHeads()).containsExactly(E);
	}

	@Test
	@DisplayName("S3 RevisionPathTest.test_invalid_relative_upgrade_path")
	void relativeUpgradesThatCannotBeMadeAreRefused() {
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.upgrade(heads(B), "-2"))
			.withMessage("Cannot upgrade '-2': an upgrade cannot move down; use 'downgrade -2'.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.upgrade(heads(B), "+5"))
			.withMessage("Cannot upgrade '+5': it counts 5 revisions up from the current revision " + B + ", and only 3"
					+ " revisions lie above it, up to the head. Use 'upgrade +3', or 'upgrade heads' for all of them.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.upgrade(heads(E), "+1"))
			.withMessage("Cannot upgrade '+1': it counts 1 revision up from the current revision " + E + ", and no"
					+ " revision lies above it: the database is already at the head, so there is nothing to upgrade. To"
					+ " have something to apply, add a revision ('retort revision -m MSG').");
	}

	@Test
	@DisplayName("S4 RevisionPathTest.test_downgrade_path, test_relative_downgrade_path")
	void downgrades() {
		Plan plan = this.graph.downgrade(heads(E), C);
		assertThat(ids(plan)).containsExactly(E, D);
		assertThat(plan.toHeads()).containsExactly(C);
		Plan toBase = this.graph.downgrade(heads(C), "base");
		assertThat(ids(toBase)).containsExactly(C, B, A);
		assertThat(toBase.toHeads()).isEmpty();
		assertThat(toBase.steps().get(2).changes()).containsExactly(delete(A));
		assertThat(ids(this.graph.downgrade(heads(C), "-1"))).containsExactly(C);
		assertThat(this.graph.downgrade(heads(C), "-1").toHeads()).containsExactly(B);
		assertThat(ids(this.graph.downgrade(heads(E), "-3"))).containsExactly(E, D, C);
		assertThat(this.graph.downgrade(heads(D), A + "+2").toHeads()).containsExactly(C);
		Plan relative = this.graph.downgrade(heads(D), C + "-2");
		assertThat(ids(relative)).containsExactly(D, C, B);
		assertThat(relative.toHeads()).containsExactly(A);
	}

	@Test
	@DisplayName("S5 test_invalid_relative_downgrade_path, test_invalid_move_rev_to_none, test_invalid_move_higher_to_lower")
	void invalidDowngrades() {
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.downgrade(heads(B), "-5"))
			.withMessage("Cannot downgrade '-5': it counts 5 revisions down from the current revision " + B + ", and only 2"
					+ " revisions are applied up to it. Use 'downgrade -2' to go down to base.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.downgrade(heads(B), "+2"))
			.withMessage("Cannot downgrade '+2': a downgrade cannot move up; use 'upgrade +2'.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.downgrade(heads(), "bbbb"))
			.withMessage("Destination bbbb is not a valid downgrade target from current head(s) (none): " + B
					+ " is not applied, so nothing lies above it; to move up, use 'retort upgrade bbbb'.");
		assertThatExceptionOfType(InvalidTargetException.class).isThrownBy(() -> this.graph.downgrade(heads(B), "cccc"))
			.withMessageStartingWith("Destination cccc is not a valid downgrade target from current head(s) (" + B + ")");
	}

	@Test
	@DisplayName("S6 test_downgrade_base_no_version, test_downgrade_to_existing (#838), _existing_head (#839), test_stamp_to_base")
	void noOpDowngradesAndStampToBase() {
		assertThat(this.graph.downgrade(heads(), "base").isEmpty()).isTrue();
		assertThat(this.graph.downgrade(heads(A), A).isEmpty()).isTrue();
		Plan atHead = this.graph.downgrade(heads(E), E);
		assertThat(atHead.isEmpty()).isTrue();
		assertThat(atHead.toHeads()).containsExactly(E);
		Plan stamp = this.graph.stamp(heads(D), java.util.List.of("base"), false);
		assertThat(stamp.steps()).singleElement().satisfies((step) -> {
			assertThat(step.changes()).containsExactly(delete(D));
			assertThat(step.operation()).isEqualTo(Step.Operation.STAMP);
		});
		assertThat(stamp.toHeads()).isEmpty();
	}

	@Test
	void upgradingToAnAppliedRevisionIsEmpty() {
		Plan plan = this.graph.upgrade(heads(D), B);
		assertThat(plan.isEmpty()).isTrue();
		assertThat(plan.toHeads()).containsExactly(D);
	}

	@Test
	void prefixesOfFourCharactersResolve() {
		assertThat(this.graph.resolve("cccc", heads())).containsExactly(C);
		assertThat(this.graph.resolve("head", heads())).containsExactly(E);
		assertThat(this.graph.resolve("heads", heads())).containsExactly(E);
		assertThat(this.graph.resolve("base", heads())).isEmpty();
		assertThat(this.graph.resolve("-1", heads(C))).containsExactly(B);
		assertThat(this.graph.resolve("+1", heads(C))).containsExactly(D);
	}

}
