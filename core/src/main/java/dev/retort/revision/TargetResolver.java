package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifier grammar of SPEC §3 with Alembic's meaning ({@code get_revisions},
 * {@code _revision_for_ident}, {@code _walk}, {@code _parse_upgrade_target},
 * {@code _parse_downgrade_target}). Positions are revision indexes, or {@link #BASE} for
 * "below every base".
 */
final class TargetResolver {

	static final int BASE = -1;

	private static final int OVERWALK = -2;

	/** Alembic's {@code _relative_destination}, anchored at both ends. */
	private static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?([^@:+\\-]+)?([+-]\\d+)");

	private static final Pattern NEGATIVE = Pattern.compile("-\\d+");

	private final GraphIndex graph;

	TargetResolver(GraphIndex graph) {
		this.graph = graph;
	}

	/**
	 * A downgrade target: the revision (or {@link #BASE}) and the branch it is restricted to.
	 * When {@code inclusive}, {@code revision} itself is the lowest revision to downgrade: a
	 * relative move of one step below a merge point, which returns to all its parents (Alembic
	 * refuses it as an "ambiguous walk").
	 */
	record DowngradeTarget(String branch, int revision, boolean inclusive) {

		DowngradeTarget(String branch, int revision) {
			this(branch, revision, false);
		}

	}

	/**
	 * Any target of SPEC §3, relative forms against {@code current}: {@code +N} forms walk up
	 * as an upgrade would, {@code -N} forms walk down as a downgrade would.
	 */
	int[] resolve(String target, int[] current) {
		Matcher relative = RELATIVE.matcher(target);
		if (!relative.matches()) {
			return revisions(target);
		}
		if (Integer.parseInt(relative.group(3)) > 0) {
			return upgradeTargets(current, target, true);
		}
		DowngradeTarget destination = downgradeTarget(current, target, true);
		return destination.inclusive() ? this.graph.parents[destination.revision()]
				: single(destination.revision());
	}

	static boolean isRelative(String target) {
		return RELATIVE.matcher(target).matches();
	}

	/** Alembic's {@code get_revisions} for one identifier; empty for {@code base}. */
	int[] revisions(String identifier) {
		int at = identifier.indexOf('@');
		String branch = (at > 0) ? identifier.substring(0, at) : null;
		String symbol = (at >= 0) ? identifier.substring(at + 1) : identifier;
		switch (symbol) {
			case "heads":
				return (branch != null) ? inLineage(this.graph.heads, lineage(branch, identifier)) : this.graph.realHeads;
			case "head":
				return currentHead(branch, identifier);
			case "base":
			case "":
				return GraphIndex.NONE;
			default:
				if (NEGATIVE.matcher(symbol).matches()) {
					return walkDownFromHeads(branch, Integer.parseInt(symbol), identifier);
				}
				return new int[] { ident(symbol, branch, identifier) };
		}
	}

	/** Alembic's {@code get_revision}: one revision, or {@link #BASE}. */
	int revision(String identifier) {
		int[] revisions = revisions(identifier);
		if (revisions.length > 1) {
			throw new MultipleHeadsException(identifier, this.graph.idsOf(revisions));
		}
		return (revisions.length == 0) ? BASE : revisions[0];
	}

	/**
	 * {@code head} is the single real head: unlike Alembic, an effective head (one only depended
	 * upon) does not make {@code head} ambiguous, since the real head implies it and merging it
	 * would be pointless. {@code label@head} looks at every head, effective ones included, so
	 * that a library branch that others only depend on still has a head.
	 */
	private int[] currentHead(String branch, String identifier) {
		int[] heads = (branch != null) ? inLineage(this.graph.heads, lineage(branch, identifier)) : this.graph.realHeads;
		if (heads.length > 1) {
			throw new MultipleHeadsException((branch != null) ? branch + "@head" : "head", this.graph.idsOf(heads));
		}
		return heads;
	}

	private int[] walkDownFromHeads(String branch, int steps, String identifier) {
		List<Integer> result = new ArrayList<>();
		for (int head : this.graph.realHeads) {
			if (branch == null || this.graph.labels.get(head).contains(branch)) {
				int position = walk(head, steps, null, true, identifier);
				if (position == OVERWALK) {
					throw new InvalidTargetException(identifier, "Relative revision '" + identifier
							+ "' goes below the base of head " + this.graph.id(head) + ".");
				}
				if (position != BASE) {
					result.add(position);
				}
			}
		}
		return result.stream().mapToInt(Integer::intValue).distinct().toArray();
	}

	/** Alembic's {@code _revision_for_ident}: a full id, a branch label or a unique prefix. */
	int ident(String symbol, String branch, String identifier) {
		BitSet branchLineage = (branch != null) ? lineage(branch, identifier) : null;
		Integer found = this.graph.indexById.get(symbol);
		if (found == null) {
			found = this.graph.labelOwner.get(symbol);
		}
		if (found == null) {
			found = byPrefix(symbol, branch, branchLineage, identifier);
		}
		if (branchLineage != null && !branchLineage.get(found)) {
			throw new UnknownRevisionException(identifier, "Revision " + this.graph.id(found)
					+ " is not on branch '" + branch + "' (in '" + identifier + "'): it is neither an ancestor nor a"
					+ " descendant of " + this.graph.id(branchOwner(branch, identifier)) + ".");
		}
		return found;
	}

	private int byPrefix(String symbol, String branch, BitSet branchLineage, String identifier) {
		if (symbol.length() < 4) {
			throw new UnknownRevisionException(identifier, "No revision or branch label '" + symbol
					+ "' is known; a partial revision id needs at least four characters." + didYouMean(symbol));
		}
		List<Integer> candidates = new ArrayList<>(
				this.graph.sortedIds().subMap(symbol, true, symbol + Character.MAX_VALUE, true).values());
		if (branchLineage != null) {
			candidates.removeIf((candidate) -> !branchLineage.get(candidate));
		}
		candidates.sort(null);
		if (candidates.isEmpty()) {
			String where = (branch != null) ? " on branch '" + branch + "'" : "";
			throw new UnknownRevisionException(identifier,
					"No revision or branch label '" + symbol + "' is known" + where + "." + didYouMean(symbol)
							+ " 'retort history' lists the revisions.");
		}
		if (candidates.size() > 1) {
			throw new AmbiguousRevisionException(symbol,
					this.graph.idsOf(candidates.stream().mapToInt(Integer::intValue).toArray()));
		}
		return candidates.get(0);
	}

	private String didYouMean(String symbol) {
		List<String> known = new ArrayList<>(this.graph.sortedIds().keySet());
		known.addAll(this.graph.labelOwner.keySet());
		return Suggestions.nearest(symbol, known).map((nearest) -> " Did you mean " + nearest + "?").orElse("");
	}

	/** Alembic's {@code _resolve_branch}: a label's declaring revision, or a revision used as a branch. */
	int branchOwner(String branch, String identifier) {
		Integer owner = this.graph.labelOwner.get(branch);
		if (owner != null) {
			return owner;
		}
		try {
			return ident(branch, null, identifier);
		}
		catch (UnknownRevisionException ex) {
			throw new UnknownRevisionException(identifier, "No branch label or revision '" + branch + "' is known (in '"
					+ identifier + "')." + didYouMean(branch) + " 'retort branches' lists the branches.");
		}
	}

	BitSet lineage(String branch, String identifier) {
		return this.graph.lineage(branchOwner(branch, identifier), false);
	}

	static int[] inLineage(int[] revisions, BitSet lineage) {
		return Arrays.stream(revisions).filter(lineage::get).toArray();
	}

	/**
	 * Alembic's {@code _walk}: {@code steps} up (children, restricted to a branch when given) or
	 * down (parents; below a base is {@link #BASE}). Returns {@link #OVERWALK} when the walk
	 * leaves the graph and {@code noOverwalk}, else stops at the last position.
	 */
	int walk(int start, int steps, String branch, boolean noOverwalk, String identifier) {
		return walk(start, steps, branch, noOverwalk, identifier, 0);
	}

	/**
	 * {@link #walk(int, int, String, boolean, String)}, for a caller that goes {@code stepsAfter}
	 * more steps down from where this walk ends: what the hint of an ambiguous walk counts with.
	 */
	private int walk(int start, int steps, String branch, boolean noOverwalk, String identifier, int stepsAfter) {
		BitSet branchLineage = (branch != null && steps > 0) ? lineage(branch, identifier) : null;
		int position = start;
		for (int i = 0; i < Math.abs(steps); i++) {
			int[] next;
			if (steps > 0) {
				next = (position == BASE) ? this.graph.bases : this.graph.children[position];
				if (branchLineage != null) {
					next = inLineage(next, branchLineage);
				}
			}
			else if (position == BASE) {
				next = GraphIndex.NONE;
			}
			else {
				next = this.graph.parents[position];
				if (next.length == 0) {
					next = new int[] { BASE };
				}
			}
			if (next.length == 0) {
				return noOverwalk ? OVERWALK : position;
			}
			if (next.length > 1) {
				String from = (position == BASE) ? "base" : this.graph.id(position);
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
	private String sideName(int side, int[] sides) {
		for (String label : this.graph.labels.get(side)) {
			if (Arrays.stream(sides).filter((other) -> this.graph.labels.get(other).contains(label)).count() == 1) {
				return label;
			}
		}
		return this.graph.id(side);
	}

	/** Alembic's {@code _parse_upgrade_target}: the revisions to upgrade to; empty for base. */
	int[] upgradeTargets(int[] current, String target, boolean noOverwalk) {
		Matcher relative = RELATIVE.matcher(target);
		if (!relative.matches()) {
			return revisions(target);
		}
		String branch = relative.group(1);
		String symbol = relative.group(2);
		int steps = Integer.parseInt(relative.group(3));
		if (steps > 0) {
			if (symbol == null) {
				int[] start = upgradeStart(current, branch, target);
				if (start.length > 1) {
					throw new InvalidTargetException(target, "Relative upgrade '" + target
							+ "' is ambiguous from multiple current revisions (" + String.join(", ", this.graph.idsOf(start))
							+ "); name the branch ('label@+" + steps + "') or a revision ('REV+" + steps + "').");
				}
				int position = walk(start[0], steps, branch, noOverwalk, target);
				if (position == OVERWALK) {
					throw new InvalidTargetException(target, didNotProduce(relative.group(3), steps) + ": there are fewer than "
							+ steps + " revisions above " + describe(start[0]) + ".");
				}
				return single(position);
			}
			int position = walk(revision(symbol), steps, branch, noOverwalk, target);
			if (position == OVERWALK) {
				throw new InvalidTargetException(target, "Relative revision '" + target + "' goes past the heads: there are"
						+ " fewer than " + steps + " revisions above " + symbol + ".");
			}
			return single(position);
		}
		if (symbol == null) {
			throw new InvalidTargetException(target, didNotProduce(relative.group(3), steps)
					+ ": an upgrade cannot move down; use 'downgrade " + target + "'.");
		}
		int position = walk(revision((branch != null) ? branch + "@" + symbol : symbol), steps, null, noOverwalk, target);
		if (position == OVERWALK) {
			throw new InvalidTargetException(target, "Relative revision '" + target + "' goes below the base.");
		}
		return single(position);
	}

	private int[] upgradeStart(int[] current, String branch, String target) {
		if (branch == null) {
			return (current.length == 0) ? new int[] { BASE } : current;
		}
		BitSet branchLineage = lineage(branch, target);
		int[] start = inLineage(current, branchLineage);
		if (start.length > 0) {
			return start;
		}
		// The branch has no current head: start from the tip of what is applied on it.
		BitSet active = this.graph.ancestors(current, true);
		active.and(branchLineage);
		BitSet tips = (BitSet) active.clone();
		for (int node = active.nextSetBit(0); node >= 0; node = active.nextSetBit(node + 1)) {
			for (int down : this.graph.normDown[node]) {
				tips.clear(down);
			}
		}
		return tips.isEmpty() ? new int[] { BASE } : GraphIndex.toArray(tips);
	}

	/** Alembic's {@code _parse_downgrade_target}. */
	DowngradeTarget downgradeTarget(int[] current, String target, boolean noOverwalk) {
		Matcher relative = RELATIVE.matcher(target);
		if (!relative.matches()) {
			int at = target.lastIndexOf('@');
			String branch = (at > 0) ? target.substring(0, at) : null;
			return new DowngradeTarget(branch, revision(target));
		}
		String branch = relative.group(1);
		String symbol = relative.group(2);
		int steps = Integer.parseInt(relative.group(3));
		if (steps >= 0) {
			if (symbol == null) {
				throw new InvalidTargetException(target, didNotProduce(relative.group(3), steps)
						+ ": a downgrade cannot move up; use 'upgrade " + target + "'.");
			}
			int position = walk(revision(symbol), steps, branch, noOverwalk, target);
			if (position == OVERWALK) {
				throw new InvalidTargetException(target, "Relative revision '" + target + "' goes past the heads: there are"
						+ " fewer than " + steps + " revisions above " + symbol + ".");
			}
			return new DowngradeTarget(branch, position);
		}
		boolean fromCurrent = symbol == null;
		if (fromCurrent) {
			if (branch != null) {
				symbol = this.graph.id(currentOnBranch(current, branch, target));
			}
			else {
				if (current.length == 0) {
					throw new InvalidTargetException(target, didNotProduce(relative.group(3), steps)
							+ ": nothing is applied.");
				}
				if (current.length > 1) {
					throw new InvalidTargetException(target, "Relative downgrade '" + target
							+ "' is ambiguous with several current heads (" + String.join(", ", this.graph.idsOf(current))
							+ "); name the branch: " + suggestBranches(current, target) + ".");
				}
				symbol = this.graph.id(current[0]);
				branch = symbol;
			}
		}
		int start = revision((branch != null) ? branch + "@" + symbol : symbol);
		int position = walk(start, steps + 1, null, noOverwalk, target, 1);
		if (position >= 0 && this.graph.parents[position].length > 1) {
			return new DowngradeTarget(branch, position, true);
		}
		position = (position == OVERWALK) ? OVERWALK : walk(position, -1, null, noOverwalk, target);
		if (position == OVERWALK) {
			if (fromCurrent) {
				throw new InvalidTargetException(target, didNotProduce(relative.group(3), steps) + ": there are fewer than "
						+ -steps + " revisions below " + this.graph.id(start) + ".");
			}
			throw new InvalidTargetException(target, "Relative revision '" + target + "' goes below the base.");
		}
		return new DowngradeTarget(branch, position);
	}

	private int currentOnBranch(int[] current, String branch, String target) {
		BitSet branchLineage = lineage(branch, target);
		int[] onBranch = inLineage(current, branchLineage);
		if (onBranch.length == 0) {
			// The branch may only be implied by the current heads (through a dependency).
			BitSet all = this.graph.ancestors(current, true);
			BitSet tips = (BitSet) all.clone();
			for (int node = all.nextSetBit(0); node >= 0; node = all.nextSetBit(node + 1)) {
				for (int parent : this.graph.parents[node]) {
					tips.clear(parent);
				}
			}
			onBranch = inLineage(GraphIndex.toArray(tips), branchLineage);
		}
		if (onBranch.length != 1) {
			String found = (onBranch.length == 0) ? "none is applied"
					: "found " + String.join(", ", this.graph.idsOf(onBranch));
			throw new InvalidTargetException(target, "Relative revision '" + target
					+ "' needs exactly one current revision on branch '" + branch + "'; " + found + ".");
		}
		return onBranch[0];
	}

	private String suggestBranches(int[] current, String target) {
		Set<String> suggestions = new LinkedHashSet<>();
		String steps = target.substring(target.indexOf('-'));
		for (int head : current) {
			// A label names the branch only if no other current head carries it too.
			suggestions.add("'" + sideName(head, current) + "@" + steps + "'");
		}
		return String.join(" or ", suggestions);
	}

	private String describe(int position) {
		return (position == BASE) ? "base" : this.graph.id(position);
	}

	private static String didNotProduce(String relative, int steps) {
		return "Relative revision " + relative + " didn't produce " + Math.abs(steps) + " migrations";
	}

	static int[] single(int position) {
		return (position == BASE) ? GraphIndex.NONE : new int[] { position };
	}

}
