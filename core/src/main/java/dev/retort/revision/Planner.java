package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds upgrade and downgrade plans (and stamp plans, through {@link StampPlanner}): which
 * revisions (Alembic's {@code _collect_upgrade_revisions}, {@code _collect_downgrade_revisions}),
 * in which order ({@link TopologicalOrder}), and what each step does to the version table
 * (Alembic's {@code HeadMaintainer}, made deterministic).
 */
final class Planner {

	private final GraphIndex graph;

	private final TargetResolver resolver;

	Planner(GraphIndex graph, TargetResolver resolver) {
		this.graph = graph;
		this.resolver = resolver;
	}

	/** The current heads as indexes, each known to the graph, in the given order without repeats. */
	int[] current(Collection<String> currentHeads) {
		Set<Integer> result = new LinkedHashSet<>();
		for (String head : currentHeads) {
			Integer index = this.graph.indexById.get(head);
			if (index == null) {
				throw new UnknownRevisionException(head, "The version table holds revision '" + head
						+ "', which none of the known revisions declares: the database is ahead of these revisions, or a"
						+ " revision was removed." + Suggestions.nearest(head, this.graph.sortedIds().keySet())
							.map((nearest) -> " Did you mean " + nearest + "?")
							.orElse("")
						+ " Restore the revision, or reset the rows with 'retort stamp --purge REV'.");
			}
			result.add(index);
		}
		return result.stream().mapToInt(Integer::intValue).toArray();
	}

	Plan upgrade(Collection<String> currentHeads, String target) {
		String wanted = (target == null || target.isBlank()) ? "heads" : target.trim();
		rejectRange(wanted, "upgrade");
		int[] current = current(currentHeads);
		int[] targets = this.resolver.upgradeTargets(current, wanted, true);
		checkDisjoint(current, wanted);
		if (targets.length > 1) {
			checkTargetsDisjoint(targets, wanted);
		}
		BitSet needs = this.graph.ancestors(targets, true);
		needs.andNot(this.graph.ancestors(current, true));
		int[] order = reversed(TopologicalOrder.topDown(this.graph, needs, targets));
		VersionRows rows = new VersionRows(this.graph.idsOf(current));
		List<Step> steps = new ArrayList<>(order.length);
		List<String> before = rows.snapshot();
		for (int revision : order) {
			List<VersionChange> changes = upgradeChanges(rows, revision);
			List<String> after = rows.snapshot();
			steps.add(new Step(this.graph.revision(revision), Step.Operation.UPGRADE, changes, before, after));
			before = after;
		}
		return new Plan(Step.Operation.UPGRADE, this.graph.idsOf(current), rows.snapshot(), steps);
	}

	/**
	 * The row algebra of an upgrade step: no parent row present inserts a new branch; one
	 * updates it; several is a merge that deletes all but the last (in declared order) and
	 * updates that one.
	 */
	List<VersionChange> upgradeChanges(VersionRows rows, int revision) {
		String id = this.graph.id(revision);
		List<String> present = new ArrayList<>();
		for (int down : this.graph.normDown[revision]) {
			if (rows.contains(this.graph.id(down))) {
				present.add(this.graph.id(down));
			}
		}
		if (present.isEmpty()) {
			return List.of(rows.insert(id));
		}
		List<VersionChange> changes = new ArrayList<>();
		for (int i = 0; i < present.size() - 1; i++) {
			changes.add(rows.delete(present.get(i)));
		}
		changes.add(rows.update(present.get(present.size() - 1), id));
		return changes;
	}

	Plan downgrade(Collection<String> currentHeads, String target) {
		if (target == null || target.isBlank()) {
			throw new InvalidTargetException("", "A downgrade needs a target: a revision, '-1', 'label@-1' or 'base'.");
		}
		String wanted = target.trim();
		rejectRange(wanted, "downgrade");
		int[] current = current(currentHeads);
		checkDisjoint(current, wanted);
		TargetResolver.DowngradeTarget destination = this.resolver.downgradeTarget(current, wanted, true);
		int[] roots = (destination.revision() == TargetResolver.BASE) ? this.graph.bases
				: destination.inclusive() ? new int[] { destination.revision() }
						: this.graph.children[destination.revision()];
		if (destination.branch() != null && roots.length > 1) {
			roots = TargetResolver.inLineage(roots, onBranch(destination.branch(), wanted));
			if (roots.length == 0) {
				throw notValidDowngrade(wanted, current,
						"branch '" + destination.branch() + "' has no revision directly above it");
			}
		}
		BitSet applied = this.graph.ancestors(current, true);
		BitSet drop = this.graph.descendants(roots, true);
		drop.and(applied);
		// A target that is applied (a head, or implied by one) is a no-op, as Alembic #838/#839.
		if (destination.revision() != TargetResolver.BASE && drop.isEmpty() && !applied.get(destination.revision())) {
			if (destination.inclusive()) {
				// 'MERGE-1' stands for the merge's parents: applied, they are where the database is
				// (a no-op, as #838); 'upgrade MERGE-1' would be an ambiguous walk, so not advised.
				int[] parents = this.graph.parents[destination.revision()];
				if (Arrays.stream(parents).anyMatch((parent) -> !applied.get(parent))) {
					throw notValidDowngrade(wanted, current, "it stands for the parents of the merge "
							+ this.graph.id(destination.revision()) + " (" + String.join(", ", this.graph.idsOf(parents))
							+ "), and they are not all applied, so nothing lies above them");
				}
			}
			else {
				throw notValidDowngrade(wanted, current, this.graph.id(destination.revision())
						+ " is not applied, so nothing lies above it; to move up, use 'retort upgrade " + wanted + "'");
			}
		}
		int[] order = TopologicalOrder.topDown(this.graph, drop, current);
		List<Revision> irreversible = new ArrayList<>();
		for (int revision : order) {
			if (!this.graph.revision(revision).reversible()) {
				irreversible.add(this.graph.revision(revision));
			}
		}
		if (!irreversible.isEmpty()) {
			throw new IrreversibleRevisionException(wanted, irreversible,
					dependencyThatDrops(this.graph.indexById.get(irreversible.get(0).id()), roots, drop));
		}
		int[] appliedChildren = new int[this.graph.size()];
		for (int node = applied.nextSetBit(0); node >= 0; node = applied.nextSetBit(node + 1)) {
			for (int down : this.graph.allDown[node]) {
				appliedChildren[down]++;
			}
		}
		VersionRows rows = new VersionRows(this.graph.idsOf(current));
		List<Step> steps = new ArrayList<>(order.length);
		List<String> before = rows.snapshot();
		for (int revision : order) {
			List<VersionChange> changes = downgradeChanges(rows, revision, appliedChildren);
			List<String> after = rows.snapshot();
			steps.add(new Step(this.graph.revision(revision), Step.Operation.DOWNGRADE, changes, before, after));
			before = after;
		}
		return new Plan(Step.Operation.DOWNGRADE, this.graph.idsOf(current), rows.snapshot(), steps);
	}

	/**
	 * Why a downgrade reverts {@code revision} when it is not above the target along 'Revises'
	 * (a revision of another branch): the revision it stands on, or itself, and what that one
	 * depends on that the downgrade removes. {@code null} when it is above the target.
	 */
	private IrreversibleRevisionException.Cause dependencyThatDrops(int revision, int[] roots, BitSet drop) {
		if (this.graph.descendants(roots, false).get(revision)) {
			return null;
		}
		List<Integer> below = new ArrayList<>(List.of(revision));
		BitSet ancestors = this.graph.ancestors(revision, false);
		ancestors.clear(revision);
		ancestors.stream().forEach(below::add);
		for (int dependent : below) {
			if (!drop.get(dependent)) {
				continue;
			}
			for (int down : this.graph.allDown[dependent]) {
				if (drop.get(down) && !contains(this.graph.parents[dependent], down)) {
					return new IrreversibleRevisionException.Cause(this.graph.revision(dependent),
							this.graph.revision(down));
				}
			}
		}
		return null;
	}

	/**
	 * The row algebra of a downgrade step: the revision's row goes back to those of its down
	 * revisions that nothing else applied still implies. None left closes the branch (DELETE);
	 * one is an UPDATE; several unmerge: the first in declared order gets the UPDATE, the
	 * others are INSERTed (Alembic picks from a set; this is deterministic).
	 */
	private List<VersionChange> downgradeChanges(VersionRows rows, int revision, int[] appliedChildren) {
		String id = this.graph.id(revision);
		List<String> restored = new ArrayList<>();
		for (int down : this.graph.normDown[revision]) {
			if (appliedChildren[down] == 1) {
				restored.add(this.graph.id(down));
			}
		}
		for (int down : this.graph.allDown[revision]) {
			appliedChildren[down]--;
		}
		if (restored.isEmpty()) {
			return List.of(rows.delete(id));
		}
		List<VersionChange> changes = new ArrayList<>();
		changes.add(rows.update(id, restored.get(0)));
		for (int i = 1; i < restored.size(); i++) {
			changes.add(rows.insert(restored.get(i)));
		}
		return changes;
	}

	/** {@link StampPlanner#stamp}. */
	Plan stamp(Collection<String> currentHeads, List<String> targets, boolean purge) {
		return new StampPlanner(this.graph, this.resolver, this).stamp(currentHeads, targets, purge);
	}

	/**
	 * The revisions a branch named before '@' narrows a downgrade's roots to: those below the
	 * label's revision (or the revision used as the branch), as Alembic's
	 * {@code _collect_downgrade_revisions}, and those that carry the label. Alembic's filter alone
	 * leaves nothing when the label sits below the target ('core' on the first revision of every
	 * branch, {@code core@b}), and refuses a downgrade the label plainly allows.
	 */
	BitSet onBranch(String branch, String target) {
		BitSet members = this.graph.ancestors(this.resolver.branchOwner(branch, target), false);
		if (this.graph.labelOwner.containsKey(branch)) {
			for (int revision = 0; revision < this.graph.size(); revision++) {
				if (this.graph.labels.get(revision).contains(branch)) {
					members.set(revision);
				}
			}
		}
		return members;
	}

	/** Alembic refuses rows where one is an ancestor of another ("overlaps"); so do plans. */
	void checkDisjoint(int[] current, String target) {
		int overlapping = firstOverlapping(current);
		if (overlapping >= 0) {
			String above = above(current, overlapping);
			// The rows no other row implies: where the schema most likely is (the row below was left
			// behind, not moved), so the stamp that replaces the rows can be named in full.
			BitSet implied = this.graph.ancestors(Arrays.stream(current)
				.flatMap((row) -> Arrays.stream(this.graph.allDown[row]))
				.toArray(), true);
			List<String> top = Arrays.stream(current).filter((row) -> !implied.get(row)).mapToObj(this.graph::id).toList();
			throw new InvalidTargetException(target, "The version table holds both " + this.graph.id(overlapping) + " and "
					+ above + ", but " + this.graph.id(overlapping) + " is an ancestor of " + above
					+ "; its row should not be there. Nothing was changed. Replace the rows with 'retort stamp --purge"
					+ " REV...', naming the revisions the database is at: 'retort stamp --purge " + String.join(" ", top)
					+ "' if it is at " + String.join(", ", top) + " ('retort current' shows the rows).");
		}
	}

	void checkTargetsDisjoint(int[] targets, String target) {
		int overlapping = firstOverlapping(targets);
		if (overlapping >= 0) {
			throw new InvalidTargetException(target, "Requested revision " + this.graph.id(overlapping)
					+ " overlaps with other requested revisions (" + above(targets, overlapping)
					+ " already includes it); name only the later one.");
		}
	}

	private int firstOverlapping(int[] revisions) {
		if (revisions.length < 2) {
			return -1;
		}
		List<Integer> downs = new ArrayList<>();
		for (int revision : revisions) {
			for (int down : this.graph.allDown[revision]) {
				downs.add(down);
			}
		}
		BitSet strictAncestors = this.graph.ancestors(downs.stream().mapToInt(Integer::intValue).toArray(), true);
		for (int revision : revisions) {
			if (strictAncestors.get(revision)) {
				return revision;
			}
		}
		return -1;
	}

	private String above(int[] revisions, int ancestor) {
		List<String> result = new ArrayList<>();
		for (int revision : revisions) {
			if (revision != ancestor && this.graph.ancestors(revision, true).get(ancestor)) {
				result.add(this.graph.id(revision));
			}
		}
		return String.join(", ", result);
	}

	private InvalidTargetException notValidDowngrade(String target, int[] current, String why) {
		String heads = (current.length == 0) ? "none" : String.join(", ", this.graph.idsOf(current));
		return new InvalidTargetException(target, "Destination " + target
				+ " is not a valid downgrade target from current head(s) (" + heads + "): " + why + ".");
	}

	static void rejectRange(String target, String command) {
		if (target.contains(":")) {
			throw new InvalidTargetException(target, "A range ('" + target + "') is not a valid " + command
					+ " target; ranges are for 'history' and offline ('--sql') runs, which take FROM:TO.");
		}
	}

	static boolean contains(int[] values, int value) {
		for (int candidate : values) {
			if (candidate == value) {
				return true;
			}
		}
		return false;
	}

	static int[] reversed(int[] values) {
		int[] result = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			result[i] = values[values.length - 1 - i];
		}
		return result;
	}

}
