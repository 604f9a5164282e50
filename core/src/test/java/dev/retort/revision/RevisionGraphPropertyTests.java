package dev.retort.revision;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of graphs and plans on random DAGs with branches, merges, labels and
 * dependencies ({@link RandomGraphs}).
 */
class RevisionGraphPropertyTests {

	@Property(tries = 300)
	void everyRevisionIsReachableFromABase(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int size) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		Set<String> bases = new HashSet<>(Graphs.ids(graph.bases()));
		for (Revision revision : graph.revisions()) {
			Revision current = revision;
			while (!current.isBase()) {
				current = graph.get(current.parents().get(0));
			}
			assertThat(bases).contains(current.id());
		}
		assertThat(Graphs.ids(graph.upgradeOrder())).containsExactlyInAnyOrderElementsOf(Graphs.ids(graph.revisions()));
		assertRunsAfterItsDependencies(graph, graph.upgradeOrder());
	}

	@Property(tries = 300)
	void upgradeFromBaseThenDowngradeToBaseReturnsToEmpty(@ForAll long seed,
			@ForAll @IntRange(min = 1, max = 40) int size) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		Plan up = graph.upgrade(List.of(), "heads");
		assertConsistent(graph, up);
		assertThat(Graphs.ids(up)).containsExactlyInAnyOrderElementsOf(Graphs.ids(graph.revisions()));
		assertThat(up.toHeads()).containsExactlyInAnyOrderElementsOf(Graphs.ids(graph.realHeads()));
		Plan down = graph.downgrade(up.toHeads(), "base");
		assertConsistent(graph, down);
		assertThat(down.toHeads()).isEmpty();
		assertThat(Graphs.ids(down)).containsExactlyInAnyOrderElementsOf(Graphs.ids(up));
		assertThat(graph.upgrade(up.toHeads(), "heads").isEmpty()).isTrue();
	}

	@Property(tries = 500)
	void upgradeFromAnyStateThenTheMatchingDowngradeReturnsToIt(@ForAll long seed,
			@ForAll @IntRange(min = 2, max = 40) int size, @ForAll @IntRange(min = 0, max = 39) int start,
			@ForAll @IntRange(min = 0, max = 39) int target) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		String from = String.format("r%03d", start % size);
		String to = String.format("r%03d", target % size);
		List<String> startRows = graph.upgrade(List.of(), from).toHeads();
		assertThat(startRows).containsExactly(from);
		Plan up = graph.upgrade(startRows, to);
		assertConsistent(graph, up);
		Set<String> applied = new HashSet<>(graph.applied(up.toHeads()));
		Set<String> expected = new HashSet<>(graph.applied(List.of(to)));
		expected.addAll(graph.applied(startRows));
		assertThat(applied).isEqualTo(expected);
		// The matching downgrade returns exactly when everything run lies above a child of the start.
		Set<String> aboveChildren = new HashSet<>();
		for (String child : graph.children(from)) {
			for (Revision revision : graph.revisions()) {
				if (graph.applied(List.of(revision.id())).contains(child)) {
					aboveChildren.add(revision.id());
				}
			}
		}
		Assume.that(aboveChildren.containsAll(Graphs.ids(up)));
		Plan down = graph.downgrade(up.toHeads(), from);
		assertConsistent(graph, down);
		assertThat(down.toHeads()).containsExactly(from);
		assertThat(Graphs.ids(down)).containsExactlyInAnyOrderElementsOf(Graphs.ids(up));
	}

	@Property(tries = 500)
	void anyDowngradeFromAnyStateIsConsistent(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int size,
			@ForAll @IntRange(min = 0, max = 39) int first, @ForAll @IntRange(min = 0, max = 39) int second,
			@ForAll @IntRange(min = 0, max = 39) int target) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		List<String> rows = graph.upgrade(List.of(), String.format("r%03d", first % size)).toHeads();
		rows = graph.upgrade(rows, String.format("r%03d", second % size)).toHeads();
		String destination = String.format("r%03d", target % size);
		Assume.that(graph.applied(rows).contains(destination));
		Plan down = graph.downgrade(rows, destination);
		assertConsistent(graph, down);
		assertThat(graph.applied(down.toHeads())).contains(destination);
		for (Revision dropped : down.revisions()) {
			assertThat(graph.applied(List.of(dropped.id()))).contains(destination);
		}
	}

	@Property(tries = 500)
	void stampFromAnyStateLandsOnItsTarget(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int size,
			@ForAll @IntRange(min = 0, max = 39) int first, @ForAll @IntRange(min = 0, max = 39) int second,
			@ForAll @IntRange(min = 0, max = 39) int target) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		List<String> rows = graph.upgrade(List.of(), String.format("r%03d", first % size)).toHeads();
		rows = graph.upgrade(rows, String.format("r%03d", second % size)).toHeads();
		String destination = String.format("r%03d", target % size);
		Plan stamp = graph.stamp(rows, List.of(destination), false);
		List<String> before = stamp.fromHeads();
		for (Step step : stamp.steps()) {
			assertThat(step.operation()).isEqualTo(Step.Operation.STAMP);
			assertThat(step.headsBefore()).isEqualTo(before);
			assertThat(VersionRows.apply(step.headsBefore(), step.changes())).isEqualTo(step.headsAfter());
			before = step.headsAfter();
		}
		assertThat(stamp.toHeads()).isEqualTo(before);
		assertThat(graph.applied(stamp.toHeads())).contains(destination);
		assertThat(graph.stamp(stamp.toHeads(), List.of(destination), false).isEmpty())
			.as("stamping the same target again changes nothing")
			.isEqualTo(stamp.toHeads().contains(destination));
		Plan purge = graph.stamp(List.of("unknown"), List.of(destination), true);
		assertThat(purge.toHeads()).containsExactly(destination);
	}

	@Property(tries = 500)
	void aStampWithinABranchLeavesRowsThatDoNotOverlapAndReachItsTarget(@ForAll long seed,
			@ForAll @IntRange(min = 2, max = 40) int size, @ForAll @IntRange(min = 0, max = 39) int first,
			@ForAll @IntRange(min = 0, max = 39) int second, @ForAll @IntRange(min = 0, max = 39) int target) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		String destination = String.format("r%03d", target % size);
		Assume.that(!graph.branchLabels(destination).isEmpty());
		String branch = graph.branchLabels(destination).iterator().next();
		List<String> rows = graph.upgrade(List.of(), String.format("r%03d", first % size)).toHeads();
		rows = graph.upgrade(rows, String.format("r%03d", second % size)).toHeads();
		Plan stamp = graph.stamp(rows, List.of(branch + "@" + destination), false);
		List<String> after = stamp.toHeads();
		for (String row : after) {
			List<String> others = new ArrayList<>(after);
			others.remove(row);
			assertThat(graph.applied(others)).as("rows %s after stamping %s@%s from %s", after, branch, destination, rows)
				.doesNotContain(row);
		}
		assertThat(graph.applied(after)).contains(destination);
	}

	@Property(tries = 500)
	void aStampWithinABranchToAnAppliedRevisionLeavesTheRowsADowngradeToItLeaves(@ForAll long seed,
			@ForAll @IntRange(min = 2, max = 40) int size, @ForAll @IntRange(min = 0, max = 39) int first,
			@ForAll @IntRange(min = 0, max = 39) int second, @ForAll @IntRange(min = 0, max = 39) int target) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		String destination = String.format("r%03d", target % size);
		Assume.that(!graph.branchLabels(destination).isEmpty());
		String wanted = graph.branchLabels(destination).iterator().next() + "@" + destination;
		List<String> rows = graph.upgrade(List.of(), String.format("r%03d", first % size)).toHeads();
		rows = graph.upgrade(rows, String.format("r%03d", second % size)).toHeads();
		Assume.that(graph.applied(rows).contains(destination));
		Plan stamp = graph.stamp(rows, List.of(wanted), false);
		assertThat(new HashSet<>(stamp.toHeads())).as("rows after stamping %s from %s", wanted, rows)
			.isEqualTo(new HashSet<>(graph.downgrade(rows, wanted).toHeads()));
	}

	@Example
	void aRangeListsARevisionBeforeOneItNeedsOnlyThroughARevisionOutsideTheRange() {
		// Found by the property below: in r000:r011, r010 needs r001 only through the dependency of
		// its parent r009, which the range (along 'Revises') leaves out; r001 was listed first.
		historyRangesAreNewestFirstAndComplete(19256, 12, 0, 11);
	}

	@Property(tries = 500)
	void historyRangesAreNewestFirstAndComplete(@ForAll long seed, @ForAll @IntRange(min = 2, max = 40) int size,
			@ForAll @IntRange(min = 0, max = 39) int lower, @ForAll @IntRange(min = 0, max = 39) int upper) {
		RevisionGraph graph = RevisionGraph.of(RandomGraphs.generate(seed, size));
		String start = String.format("r%03d", lower % size);
		String end = String.format("r%03d", upper % size);
		// A range runs along 'Revises' (Alembic's implicit_base=False): end must descend from start.
		Assume.that(revisesTransitively(graph, end).contains(start));
		List<String> history = Graphs.ids(graph.history(start + ":" + end, List.of()));
		assertThat(history).doesNotHaveDuplicates().startsWith(end).contains(start);
		for (int i = 0; i < history.size(); i++) {
			for (String needed : needs(graph, graph.get(history.get(i)))) {
				if (history.contains(needed)) {
					assertThat(history.indexOf(needed)).isGreaterThan(i);
				}
			}
		}
		List<String> all = Graphs.ids(graph.history(null, List.of()));
		assertThat(all).containsExactlyInAnyOrderElementsOf(Graphs.ids(graph.revisions()));
	}

	/**
	 * Each step's rows are the tips of what is applied, change exactly by its revision, and
	 * follow from the previous step; nothing runs before its parents and dependencies (or, down,
	 * after a revision that needs it).
	 */
	private static void assertConsistent(RevisionGraph graph, Plan plan) {
		List<String> rows = plan.fromHeads();
		for (Step step : plan.steps()) {
			assertThat(step.headsBefore()).isEqualTo(rows);
			assertThat(VersionRows.apply(step.headsBefore(), step.changes())).isEqualTo(step.headsAfter());
			Set<String> before = graph.applied(step.headsBefore());
			Set<String> after = graph.applied(step.headsAfter());
			Set<String> expected = new HashSet<>(before);
			if (step.operation() == Step.Operation.UPGRADE) {
				assertThat(before).doesNotContain(step.revision().id());
				for (String needed : needs(graph, step.revision())) {
					assertThat(before).contains(needed);
				}
				expected.add(step.revision().id());
			}
			else {
				assertThat(before).contains(step.revision().id());
				expected.remove(step.revision().id());
			}
			assertThat(after).isEqualTo(expected);
			assertThat(step.headsAfter()).containsExactlyInAnyOrderElementsOf(tips(graph, after));
			rows = step.headsAfter();
		}
		assertThat(plan.toHeads()).isEqualTo(rows);
	}

	private static void assertRunsAfterItsDependencies(RevisionGraph graph, List<Revision> order) {
		Set<String> done = new HashSet<>();
		for (Revision revision : order) {
			assertThat(done).containsAll(needs(graph, revision));
			done.add(revision.id());
		}
	}

	private static List<String> needs(RevisionGraph graph, Revision revision) {
		List<String> needs = new ArrayList<>(revision.parents());
		for (String dependency : revision.dependsOn()) {
			needs.addAll(graph.resolve(dependency, List.of()));
		}
		return needs;
	}

	private static Set<String> revisesTransitively(RevisionGraph graph, String id) {
		Set<String> seen = new HashSet<>(List.of(id));
		List<String> todo = new ArrayList<>(List.of(id));
		while (!todo.isEmpty()) {
			for (String parent : graph.get(todo.remove(todo.size() - 1)).parents()) {
				if (seen.add(parent)) {
					todo.add(parent);
				}
			}
		}
		return seen;
	}

	/** The applied revisions nothing applied revises or depends on: what the rows must be. */
	private static Set<String> tips(RevisionGraph graph, Set<String> applied) {
		Set<String> tips = new HashSet<>(applied);
		for (String id : applied) {
			tips.removeAll(needs(graph, graph.get(id)));
		}
		return tips;
	}

}
