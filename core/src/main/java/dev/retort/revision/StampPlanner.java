package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds stamp plans, Alembic's {@code _stamp_revs}: which version rows each target moves, and
 * how (a merge-like step down or up, a new row for a branch not represented, deletions for
 * {@code base}). Apart from {@link Planner} because a stamp runs nothing: it chooses rows, not
 * revisions, and its rules (which rows a target may move) are its own.
 */
final class StampPlanner {

	private final GraphIndex graph;

	private final TargetResolver resolver;

	private final Planner planner;

	StampPlanner(GraphIndex graph, TargetResolver resolver, Planner planner) {
		this.graph = graph;
		this.resolver = resolver;
		this.planner = planner;
	}

	/** {@link RevisionGraph#stamp}: no target is {@code base}; {@code purge} deletes every row first. */
	Plan stamp(Collection<String> currentHeads, List<String> targets, boolean purge) {
		List<String> wanted = new ArrayList<>();
		for (String target : (targets == null) ? List.<String>of() : targets) {
			if (target != null && !target.isBlank()) {
				wanted.add(target.trim());
			}
		}
		if (wanted.isEmpty()) {
			wanted.add("base");
		}
		List<Step> steps = new ArrayList<>();
		List<String> from = List.copyOf(new LinkedHashSet<>(currentHeads));
		VersionRows rows = new VersionRows(from);
		int[] current;
		if (purge) {
			// --purge is the way past rows the graph does not know: they are not resolved at all.
			steps.add(new Step(null, Step.Operation.STAMP, List.of(rows.deleteAll()), from, List.of()));
			current = GraphIndex.NONE;
		}
		else {
			current = this.planner.current(from);
			// Alembic's stamp algebra assumes rows that do not overlap: with an ancestor beside its
			// descendant it would move one and leave the other, rows every command then refuses.
			this.planner.checkDisjoint(current, String.join(" ", wanted));
		}
		List<StampDestination> destinations = new ArrayList<>();
		for (String target : wanted) {
			Planner.rejectRange(target, "stamp");
			int[] resolved = this.resolver.resolve(target, current);
			int at = target.indexOf('@');
			String branch = (at > 0) ? target.substring(0, at) : null;
			if (resolved.length == 0) {
				// As Alembic's 'stamp label@base': the rows of that branch's lineage.
				destinations.add(new StampDestination(TargetResolver.BASE, (branch != null)
						? this.graph.lineage(this.resolver.branchOwner(branch, target), true) : null, null));
			}
			for (int revision : resolved) {
				destinations.add((branch != null) ? withinBranch(revision, this.planner.onBranch(branch, target))
						: new StampDestination(revision, this.graph.lineage(revision, true), null));
			}
		}
		int[] revisions = destinations.stream()
			.mapToInt(StampDestination::revision)
			.filter((d) -> d != TargetResolver.BASE)
			.distinct()
			.toArray();
		this.planner.checkTargetsDisjoint(revisions, String.join(" ", wanted));
		Set<Integer> done = new LinkedHashSet<>();
		for (StampDestination destination : destinations) {
			if (done.add(destination.revision())) {
				if (destination.above() != null && rowIn(rows, destination.above())) {
					stampDownBranch(rows, destination, steps);
				}
				else {
					stampStep(rows, headsIn(current, destination.scope()), destination.revision(), steps);
				}
			}
		}
		return new Plan(Step.Operation.STAMP, from, rows.snapshot(), steps);
	}

	/**
	 * A destination within a branch ('label@REV', 'label@-1'): the current heads it may move are
	 * those below it and those above it through its children on that branch, the revisions a
	 * downgrade to the same target removes. (Without a branch, those sharing its lineage, as
	 * Alembic's {@code filter_for_lineage}.)
	 */
	private StampDestination withinBranch(int revision, BitSet branch) {
		int[] roots = this.graph.children[revision];
		if (roots.length > 1) {
			roots = TargetResolver.inLineage(roots, branch);
		}
		BitSet above = this.graph.descendants(roots, true);
		BitSet scope = (BitSet) above.clone();
		scope.or(this.graph.ancestors(revision, true));
		return new StampDestination(revision, scope, above);
	}

	private boolean rowIn(VersionRows rows, BitSet revisions) {
		return rows.snapshot().stream().anyMatch((row) -> revisions.get(this.graph.indexById.get(row)));
	}

	/**
	 * A stamp down within a branch leaves the rows a downgrade to the same target would: the rows
	 * above it on that branch go, and what stays applied keeps its rows. Across a merge that is
	 * the merge's other parent ('c2branch@d2' from the merge e of d1 and d2 leaves d1 and d2), and
	 * beside a branch point the other branch (whose row still implies the target). Alembic moves
	 * every row sharing the target's lineage to it, so it deletes those rows though their
	 * revisions are applied, and a later upgrade would run them again.
	 */
	private void stampDownBranch(VersionRows rows, StampDestination destination, List<Step> steps) {
		List<String> before = rows.snapshot();
		BitSet applied = this.graph.ancestors(before.stream().mapToInt(this.graph.indexById::get).toArray(), true);
		applied.andNot(destination.above());
		List<String> removed = before.stream()
			.filter((row) -> destination.above().get(this.graph.indexById.get(row)))
			.toList();
		// The new rows: what stays applied with nothing applied above it, the destination first.
		List<String> added = new ArrayList<>();
		for (int node = applied.nextSetBit(0); node >= 0; node = applied.nextSetBit(node + 1)) {
			String id = this.graph.id(node);
			if (!before.contains(id) && Arrays.stream(this.graph.allChildren[node]).noneMatch(applied::get)) {
				added.add((node == destination.revision()) ? 0 : added.size(), id);
			}
		}
		List<VersionChange> changes = new ArrayList<>();
		int moved = added.isEmpty() ? removed.size() : removed.size() - 1;
		for (int i = 0; i < moved; i++) {
			changes.add(rows.delete(removed.get(i)));
		}
		if (!added.isEmpty()) {
			changes.add(rows.update(removed.get(removed.size() - 1), added.get(0)));
			for (String id : added.subList(1, added.size())) {
				changes.add(rows.insert(id));
			}
		}
		steps.add(new Step(this.graph.revision(destination.revision()), Step.Operation.STAMP, changes, before,
				rows.snapshot()));
	}

	/** The heads within scope, in index order; every head when there is no scope. */
	private static int[] headsIn(int[] heads, BitSet scope) {
		return Arrays.stream(heads).filter((head) -> scope == null || scope.get(head)).sorted().toArray();
	}

	/**
	 * One stamp step, as Alembic's {@code _stamp_revs}: {@code base} deletes the given heads'
	 * rows; a destination below or above them moves them in one merge-like step; a destination on
	 * a branch not represented inserts a row. A destination that a row left in place implies (a
	 * stamp down one branch below where another stands) only deletes the moved rows.
	 */
	private void stampStep(VersionRows rows, int[] heads, int destination, List<Step> steps) {
		if (destination == TargetResolver.BASE) {
			for (int head : heads) {
				String id = this.graph.id(head);
				if (rows.contains(id)) {
					List<String> before = rows.snapshot();
					steps.add(new Step(null, Step.Operation.STAMP, List.of(rows.delete(id)), before, rows.snapshot()));
				}
			}
			return;
		}
		String id = this.graph.id(destination);
		if (Planner.contains(heads, destination) || rows.contains(id)) {
			return;
		}
		BitSet below = this.graph.ancestors(destination, true);
		List<String> moved = new ArrayList<>();
		boolean upward = true;
		boolean missing = false;
		for (int head : heads) {
			upward &= below.get(head);
			if (rows.contains(this.graph.id(head))) {
				moved.add(this.graph.id(head));
			}
			else {
				missing = true;
			}
		}
		List<String> before = rows.snapshot();
		List<VersionChange> changes = new ArrayList<>();
		if (impliedByOtherRows(rows, moved, destination)) {
			for (String row : moved) {
				changes.add(rows.delete(row));
			}
			if (changes.isEmpty()) {
				return;
			}
		}
		else if (moved.isEmpty() || (upward && missing)) {
			changes.add(rows.insert(id));
		}
		else {
			for (int i = 0; i < moved.size() - 1; i++) {
				changes.add(rows.delete(moved.get(i)));
			}
			changes.add(rows.update(moved.get(moved.size() - 1), id));
		}
		steps.add(new Step(this.graph.revision(destination), Step.Operation.STAMP, changes, before, rows.snapshot()));
	}

	private boolean impliedByOtherRows(VersionRows rows, List<String> moved, int destination) {
		for (String row : rows.snapshot()) {
			if (!moved.contains(row) && this.graph.ancestors(this.graph.indexById.get(row), true).get(destination)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where one target of a stamp goes, the current heads it may move ({@code null}: all), and,
	 * within a branch, the revisions above it on that branch ({@code null} otherwise).
	 */
	private record StampDestination(int revision, BitSet scope, BitSet above) {
	}

}
