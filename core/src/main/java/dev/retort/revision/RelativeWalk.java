package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Alembic's {@code _walk}: a relative move of {@code N} steps up or down from a position, and,
 * when the move meets a branch point or a merge, the hint that names each side it could follow.
 * Apart from {@link TargetResolver} because the walk and its side names are one concern that
 * every relative form shares (upgrade, downgrade, {@code heads-N}, history ranges), while the
 * resolver only decides where a walk starts and what its end means.
 */
final class RelativeWalk {

	/** What {@link #walk} returns when a walk that may not overwalk leaves the graph. */
	static final int OVERWALK = -2;

	private final GraphIndex graph;

	private final RevisionLookup lookup;

	RelativeWalk(GraphIndex graph, RevisionLookup lookup) {
		this.graph = graph;
		this.lookup = lookup;
	}

	/**
	 * {@code steps} up (children, restricted to a branch when given) or down (parents; below a
	 * base is {@link TargetResolver#BASE}). Returns {@link #OVERWALK} when the walk leaves the
	 * graph and {@code noOverwalk}, else stops at the last position.
	 */
	int walk(int start, int steps, String branch, boolean noOverwalk, String identifier) {
		return walk(start, steps, branch, noOverwalk, identifier, 0);
	}

	/**
	 * {@link #walk(int, int, String, boolean, String)}, for a caller that goes {@code stepsAfter}
	 * more steps down from where this walk ends: what the hint of an ambiguous walk counts with.
	 */
	int walk(int start, int steps, String branch, boolean noOverwalk, String identifier, int stepsAfter) {
		BitSet branchLineage = (branch != null && steps > 0) ? this.lookup.lineage(branch, identifier) : null;
		int position = start;
		for (int i = 0; i < Math.abs(steps); i++) {
			int[] next;
			if (steps > 0) {
				next = (position == TargetResolver.BASE) ? this.graph.bases : this.graph.children[position];
				if (branchLineage != null) {
					next = TargetResolver.inLineage(next, branchLineage);
				}
			}
			else if (position == TargetResolver.BASE) {
				next = GraphIndex.NONE;
			}
			else {
				next = this.graph.parents[position];
				if (next.length == 0) {
					next = new int[] { TargetResolver.BASE };
				}
			}
			if (next.length == 0) {
				return noOverwalk ? OVERWALK : position;
			}
			if (next.length > 1) {
				String from = describe(position);
				String why = (steps > 0) ? from + " has several next revisions (" + String.join(", ", this.graph.idsOf(next))
						+ ")" : from + " is a merge of " + String.join(", ", this.graph.idsOf(next));
				int remaining = Math.abs(steps) - i - 1;
				List<String> sides = (steps > 0) ? sidesUp(next, identifier)
						: sidesDown(next, remaining + stepsAfter, noOverwalk, identifier);
				throw new InvalidTargetException(identifier, "Relative revision '" + identifier + "' is ambiguous: " + why
						+ (sides.isEmpty() ? ". Name the revision to go to ('retort history' lists them)."
								: ". Name the side to follow: " + String.join(" or ", sides) + "."));
			}
			position = next[0];
		}
		return position;
	}

	/**
	 * For a walk up that meets several next revisions: the same move along each of them, as
	 * {@code name@+N} (or {@code name@REV+N}), {@code name} the side's own branch label, else
	 * its id, which Alembic also takes as a branch.
	 */
	private List<String> sidesUp(int[] next, String identifier) {
		String move = identifier.substring(identifier.lastIndexOf('@') + 1);
		List<String> sides = new ArrayList<>();
		for (int side : next) {
			sides.add("'" + sideName(side, next) + "@" + move + "' (through " + this.graph.id(side) + ")");
		}
		return sides;
	}

	/**
	 * For a walk down that meets a merge: where the walk ends through each parent, as
	 * {@code name@REV} (a downgrade to {@code REV} that reverts only that side; an upgrade or a
	 * range takes it as {@code REV}). A side that goes below the base or meets another merge is
	 * left out.
	 */
	private List<String> sidesDown(int[] parents, int remaining, boolean noOverwalk, String identifier) {
		List<String> sides = new ArrayList<>();
		for (int side : parents) {
			int end;
			try {
				end = (remaining == 0) ? side : walk(side, -remaining, null, noOverwalk, identifier);
			}
			catch (InvalidTargetException ex) {
				continue;
			}
			if (end == OVERWALK) {
				continue;
			}
			String id = this.graph.id(side);
			sides.add((end == side) ? "'" + id + "'"
					: "'" + sideName(side, parents) + "@" + describe(end) + "' (through " + id + ")");
		}
		return sides;
	}

	/** A branch label of {@code side} that no other of {@code sides} carries, else its id. */
	String sideName(int side, int[] sides) {
		for (String label : this.graph.labels.get(side)) {
			if (Arrays.stream(sides).filter((other) -> this.graph.labels.get(other).contains(label)).count() == 1) {
				return label;
			}
		}
		return this.graph.id(side);
	}

	/** A position as a message names it. */
	String describe(int position) {
		return (position == TargetResolver.BASE) ? "base" : this.graph.id(position);
	}

}
