package dev.retort.revision;

import org.junit.jupiter.api.Test;

import static dev.retort.revision.Graphs.graph;
import static dev.retort.revision.Graphs.heads;
import static dev.retort.revision.Graphs.ids;
import static dev.retort.revision.Graphs.rev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** History ranges, as Alembic's {@code history -r}: newest first, {@code current}, relative ends. */
class HistoryTests {

	private final RevisionGraph graph = Graphs.branched();

	@Test
	void wholeHistoryIsNewestFirst() {
		assertThat(ids(this.graph.history(null, heads()))).containsExactly("d1", "c1", "d2", "c2", "b", "a");
		assertThat(ids(this.graph.history(":", heads()))).isEqualTo(ids(this.graph.history("base:heads", heads())));
	}

	@Test
	void rangesMayUseCurrent() {
		assertThat(ids(this.graph.history(":current", heads("c1")))).containsExactly("c1", "b", "a");
		assertThat(ids(this.graph.history("current:", heads("c1")))).containsExactly("d1", "c1");
	}

	@Test
	void relativeEndsDoNotAssertTheirLength() {
		assertThat(ids(this.graph.history("-2:d1", heads()))).containsExactly("d1", "c1", "b");
		assertThat(ids(this.graph.history("-9:d1", heads()))).containsExactly("d1", "c1", "b", "a");
		assertThat(ids(this.graph.history("c1:+5", heads()))).containsExactly("d1", "c1");
	}

	@Test
	void aRelativeStartCountsDownOnEveryLineOfTheEnd() {
		assertThat(ids(this.graph.history("-1:current", heads("d1", "d2")))).containsExactlyInAnyOrder("d1", "c1", "d2", "c2");
		assertThat(ids(this.graph.history("-1:heads", heads()))).containsExactlyInAnyOrder("d1", "c1", "d2", "c2");
		assertThat(ids(this.graph.history("-9:current", heads("d1", "c2")))).containsExactlyInAnyOrder("d1", "c1", "c2", "b", "a");
	}

	@Test
	void aRelativeStartOneBelowAMergeCountsDownToEveryParentAsADowngradeDoes() {
		// 'downgrade -1' at the merge e goes down to d1 and d2; '-1:current' lists what that
		// downgrade spans, where Alembic refuses both as an "ambiguous walk".
		RevisionGraph merged = Graphs.merged();
		assertThat(ids(merged.history("-1:current", heads("e")))).containsExactly("e", "d1", "d2");
		assertThat(ids(merged.history("-2:current", heads("f")))).containsExactly("f", "e", "d1", "d2");
		assertThat(ids(merged.history("-1:e", heads()))).containsExactly("e", "d1", "d2");
		assertThat(ids(merged.history("c2branch@-2:", heads()))).containsExactly("f", "e", "d1", "d2");
		assertThat(ids(merged.history("e-1:", heads()))).containsExactly("f", "e", "d1", "d2");
		assertThatThrownBy(() -> merged.history("-2:current", heads("e"))).isInstanceOf(InvalidTargetException.class)
			.hasMessage("Relative revision '-2' is ambiguous: e is a merge of d1, d2. Name the side to follow:"
					+ " 'd1@c1' (through d1) or 'c2branch@c2' (through d2).");
	}

	@Test
	void aRangeWithMoreThanOneColonIsMalformed() {
		assertThatThrownBy(() -> this.graph.history("b:c1:d1", heads())).isInstanceOf(InvalidTargetException.class)
			.hasMessage("History range 'b:c1:d1' requires [start]:[end], [start]:, or :[end] (for example 'base:heads' or '-3:current').");
		assertThatThrownBy(() -> this.graph.history("::", heads())).isInstanceOf(InvalidTargetException.class)
			.hasMessageStartingWith("History range '::' requires [start]:[end]");
	}

	@Test
	void aLabelledBaseKeepsToThatBranch() {
		// Alembic's _collect_upgrade_revisions: a start 'label@...' keeps only the targets on that branch,
		// so 'c1branch@base:' is the c1 line, not every head's.
		assertThat(ids(this.graph.history("c1branch@base:", heads()))).containsExactly("d1", "c1", "b", "a");
		assertThat(ids(this.graph.history("c2branch@base:heads", heads()))).containsExactly("d2", "c2", "b", "a");
	}

	@Test
	void aLabelledBaseWhoseBranchEndsInAnEffectiveHeadListsThatBranch() {
		// d1 depends on d2: d2 is an effective head, not among 'heads', yet the c2 line is there to list.
		RevisionGraph dependent = graph(rev("a"), rev("b", "a"), rev("c1", "b").withBranchLabels("c1branch"),
				rev("d1", "c1").withDependsOn("d2"), rev("c2", "b").withBranchLabels("c2branch"), rev("d2", "c2"));
		assertThat(ids(dependent.history("c2branch@base:", heads()))).containsExactly("d2", "c2", "b", "a");
		assertThat(ids(dependent.history("c2branch@base:heads", heads()))).containsExactly("d2", "c2", "b", "a");
		// As in Alembic, a range takes in what its end depends on.
		assertThat(ids(dependent.history("c1branch@base:", heads()))).containsExactly("d1", "c1", "d2", "c2", "b", "a");
		assertThat(ids(dependent.history(":", heads()))).containsExactly("d1", "c1", "d2", "c2", "b", "a");
	}

	@Test
	void aLabelledBaseListsWhatItsBranchDependsOnInAnotherLineAsAlembicDoes() {
		// 'alembic history -r payments@base:' walks from base to the payments heads with their
		// dependencies (_collect_upgrade_revisions: include_dependencies=True, base implicit): the
		// core revision payments depends on is listed, the rest of the core line is not.
		RevisionGraph forest = graph(rev("c1"), rev("c2", "c1"), rev("p1").withBranchLabels("payments").withDependsOn("c1"),
				rev("p2", "p1"));
		assertThat(ids(forest.history("payments@base:", heads()))).containsExactly("p2", "p1", "c1");
	}

	@Test
	void aRevisionBeforeTheAtOfTheStartKeepsToTheBranchContainingIt() {
		RevisionGraph forest = graph(rev("a1"), rev("b1", "a1"), rev("a2"), rev("b2", "a2"));
		assertThat(ids(forest.history("b2@base:", heads()))).containsExactly("b2", "a2");
		assertThat(ids(forest.history("a1@base:heads", heads()))).containsExactly("b1", "a1");
		assertThat(ids(this.graph.history("d2@base:", heads()))).containsExactly("d2", "c2", "b", "a");
		assertThat(ids(this.graph.history("c1@b:", heads()))).containsExactly("d1", "c1", "b");
	}

	@Test
	void labelledRanges() {
		assertThat(ids(this.graph.history("c2branch@base:c2branch@head", heads()))).containsExactly("d2", "c2", "b", "a");
		assertThat(ids(this.graph.history("b:c2branch@head", heads()))).containsExactly("d2", "c2", "b");
	}

	@Test
	void resolveRelativeToTheCurrentHeads() {
		assertThat(this.graph.resolve("c1branch@-1", heads("d1", "d2"))).containsExactly("c1");
		assertThat(this.graph.resolve("c2branch@+1", heads("c1"))).containsExactly("c2");
		assertThat(this.graph.current(heads("d1", "c2"))).containsExactly("d1", "c2");
		assertThat(this.graph.applied(heads("c2"))).containsExactly("a", "b", "c2");
	}

}
