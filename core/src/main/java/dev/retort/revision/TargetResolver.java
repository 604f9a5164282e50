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
 * "below every base". This class reads a target and decides where it starts and what its end
 * means; looking a symbol up is {@link RevisionLookup}'s job, moving along the graph
 * {@link RelativeWalk}'s.
 */
final class TargetResolver {

	static final int BASE = -1;

	/** Alembic's {@code _relative_destination}, anchored at both ends. */
	private static final Pattern RELATIVE = Pattern.compile("(?:(.+?)@)?([^@:+\\-]+)?([+-]\\d+)");

	private static final Pattern NEGATIVE = Pattern.compile("-\\d+");

	private final GraphIndex graph;

	private final RevisionLookup lookup;

	private final RelativeWalk walks;

	TargetResolver(GraphIndex graph) {
		this.graph = graph;
		this.lookup = new RevisionLookup(graph);
		this.walks = new RelativeWalk(graph, this.lookup);
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

		/** The revisions the downgrade goes down to: the target, or every parent of the merge point. */
		int[] positions(GraphIndex graph) {
			return this.inclusive ? graph.parents[this.revision] : single(this.revision);
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
		return downgradeTarget(current, target, true).positions(this.graph);
	}

	static boolean isRelative(String target) {
		return RELATIVE.matcher(target).matches();
	}

	/** Alembic's {@code get_revisions} for one identifier; empty for {@code base}. */
	int[] revisions(String identifier) {
		int at = identifier.indexOf('@');
		String branch = (at > 0) ? identifier.substring(0, at) : null;
		String symbol = (at >= 0) ? identifier.substring(at + 1) : identifier;
		if (at >= 0 && (branch == null || symbol.isEmpty())) {
			// 'billing@' (head forgotten) must not read as base: a downgrade or stamp to it would
			// remove the whole branch; '@head' names no branch at all.
			throw new InvalidTargetException(identifier, incompleteBranchTarget(identifier, branch));
		}
		switch (symbol) {
			case "heads":
				return heads(branch, identifier);
			case "head":
				return currentHead(branch, identifier);
			case "base":
			case "":
				return GraphIndex.NONE;
			default:
				if (NEGATIVE.matcher(symbol).matches()) {
					return walkDownFromHeads(branch, Integer.parseInt(symbol), identifier);
				}
				return new int[] { this.lookup.ident(symbol, branch, identifier) };
		}
	}

	private static String incompleteBranchTarget(String identifier, String branch) {
		if (branch == null) {
			return "'" + identifier + "' names no branch before '@': write 'label@" + identifier.substring(1)
					+ "' with a branch label or a revision id, or leave out the '@'.";
		}
		return "'" + identifier + "' names no revision after '@': write '" + branch + "@head', '" + branch
				+ "@base', '" + branch + "@-1' or '" + branch + "@REV'.";
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
		int[] heads = heads(branch, identifier);
		if (heads.length > 1) {
			throw new MultipleHeadsException((branch != null) ? branch + "@head" : "head", this.graph.idsOf(heads));
		}
		return heads;
	}

	/** {@code heads}: the real heads, or every head on the branch when one is given. */
	private int[] heads(String branch, String identifier) {
		return (branch != null) ? inLineage(this.graph.heads, this.lookup.lineage(branch, identifier))
				: this.graph.realHeads;
	}

	private int[] walkDownFromHeads(String branch, int steps, String identifier) {
		List<Integer> result = new ArrayList<>();
		for (int head : this.graph.realHeads) {
			if (branch == null || this.graph.labels.get(head).contains(branch)) {
				DowngradeTarget below = walkDown(branch, head, steps, true, identifier);
				if (below.revision() == RelativeWalk.OVERWALK) {
					throw new InvalidTargetException(identifier, "Relative revision '" + identifier
							+ "' goes below the base of head " + this.graph.id(head) + ".");
				}
				Arrays.stream(below.positions(this.graph)).forEach(result::add);
			}
		}
		return result.stream().mapToInt(Integer::intValue).distinct().toArray();
	}

	/** {@link RevisionLookup#branchOwner}. */
	int branchOwner(String branch, String identifier) {
		return this.lookup.branchOwner(branch, identifier);
	}

	static int[] inLineage(int[] revisions, BitSet lineage) {
		return Arrays.stream(revisions).filter(lineage::get).toArray();
	}

	/** {@link RelativeWalk#walk(int, int, String, boolean, String)}. */
	int walk(int start, int steps, String branch, boolean noOverwalk, String identifier) {
		return this.walks.walk(start, steps, branch, noOverwalk, identifier);
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
					String sides = (branch != null) ? "('label@+" + steps + "') or a revision ('REV+" + steps + "')"
							: suggestBranches(start, "+" + steps);
					throw new InvalidTargetException(target, "Relative upgrade '" + target
							+ "' is ambiguous from multiple current revisions (" + String.join(", ", this.graph.idsOf(start))
							+ "); name the branch: " + sides + ".");
				}
				int position = walk(start[0], steps, branch, noOverwalk, target);
				if (position == RelativeWalk.OVERWALK) {
					throw new InvalidTargetException(target, tooFewAbove(current, start[0], steps, branch, target));
				}
				return single(position);
			}
			int position = walk(revision(symbol), steps, branch, noOverwalk, target);
			if (position == RelativeWalk.OVERWALK) {
				throw new InvalidTargetException(target, "Relative revision '" + target + "' goes past the heads: there are"
						+ " fewer than " + steps + " revisions above " + symbol + ".");
			}
			return single(position);
		}
		if (symbol == null) {
			throw new InvalidTargetException(target, "Cannot upgrade '" + target + "': an upgrade cannot move down; use"
					+ " 'downgrade " + target + "'.");
		}
		DowngradeTarget below = walkDown(branch, revision((branch != null) ? branch + "@" + symbol : symbol), steps,
				noOverwalk, target);
		if (below.revision() == RelativeWalk.OVERWALK) {
			throw new InvalidTargetException(target, "Relative revision '" + target + "' goes below the base.");
		}
		return below.positions(this.graph);
	}

	private int[] upgradeStart(int[] current, String branch, String target) {
		if (branch == null) {
			return (current.length == 0) ? new int[] { BASE } : current;
		}
		BitSet branchLineage = this.lookup.lineage(branch, target);
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
				throw new InvalidTargetException(target, "Cannot downgrade '" + target + "': a downgrade cannot move up; use"
						+ " 'upgrade " + target + "'.");
			}
			int position = walk(revision(symbol), steps, branch, noOverwalk, target);
			if (position == RelativeWalk.OVERWALK) {
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
					throw new InvalidTargetException(target, "Cannot downgrade '" + target + "': it counts down from the"
							+ " current revision, and none is applied (the database is at base), so there is nothing to"
							+ " downgrade.");
				}
				if (current.length > 1) {
					throw new InvalidTargetException(target, "Relative downgrade '" + target
							+ "' is ambiguous with several current heads (" + String.join(", ", this.graph.idsOf(current))
							+ "); name the branch: " + suggestBranches(current, target.substring(target.indexOf('-'))) + ".");
				}
				symbol = this.graph.id(current[0]);
				branch = symbol;
			}
		}
		int start = revision((branch != null) ? branch + "@" + symbol : symbol);
		DowngradeTarget destination = walkDown(branch, start, steps, noOverwalk, target);
		if (destination.revision() == RelativeWalk.OVERWALK) {
			if (fromCurrent) {
				throw new InvalidTargetException(target, tooFewBelow(start, steps, branch, target));
			}
			throw new InvalidTargetException(target, "Relative revision '" + target + "' goes below the base.");
		}
		return destination;
	}

	/**
	 * {@code steps} (negative) down from {@code start}, as a downgrade counts them: a last step
	 * down from a merge point goes to all its parents (the merge is then the lowest revision to
	 * downgrade, as {@link DowngradeTarget#inclusive()}); an earlier one meets the merge as an
	 * ambiguous walk. Every relative move down (downgrade, {@code label@-N}, a history range's
	 * {@code -N} start) counts this way, so that one {@code -1} means one thing at a merge. The
	 * revision is {@link RelativeWalk#OVERWALK} when the walk leaves the graph and
	 * {@code noOverwalk}.
	 */
	DowngradeTarget walkDown(String branch, int start, int steps, boolean noOverwalk, String identifier) {
		int position = this.walks.walk(start, steps + 1, null, noOverwalk, identifier, 1);
		if (position >= 0 && this.graph.parents[position].length > 1) {
			return new DowngradeTarget(branch, position, true);
		}
		if (position != RelativeWalk.OVERWALK) {
			position = walk(position, -1, null, noOverwalk, identifier);
		}
		return new DowngradeTarget(branch, position);
	}

	private int currentOnBranch(int[] current, String branch, String target) {
		BitSet branchLineage = this.lookup.lineage(branch, target);
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

	/** The same move along each current revision's branch: {@code 'billing@-1' or 'search@-1'}. */
	private String suggestBranches(int[] current, String steps) {
		Set<String> suggestions = new LinkedHashSet<>();
		for (int head : current) {
			// A label names the branch only if no other current head carries it too.
			suggestions.add("'" + this.walks.sideName(head, current) + "@" + steps + "'");
		}
		return String.join(" or ", suggestions);
	}

	/**
	 * Why {@code +N} from the current revision cannot be made, as the user asked it: from where,
	 * how many revisions there are above it, and the move that can be made instead. The walk is
	 * deterministic, so a shorter one retraces the failed one and cannot turn ambiguous.
	 */
	private String tooFewAbove(int[] current, int start, int steps, String branch, String target) {
		int available = steps - 1;
		while (available > 0 && walk(start, available, branch, true, target) == RelativeWalk.OVERWALK) {
			available--;
		}
		String asked = "Cannot upgrade '" + target + "': it counts " + steps + " revision" + plural(steps)
				+ " up from the current revision " + this.walks.describe(start);
		int[] pending = (branch != null) ? GraphIndex.NONE : pendingHeads(current);
		if (available == 0 && pending.length > 0) {
			// At a head of its own, not at the heads: "nothing to upgrade" would be untrue.
			List<String> alongEach = Arrays.stream(pending)
				.mapToObj((head) -> "'retort upgrade " + this.walks.sideName(head, pending) + "@+1'")
				.toList();
			return asked + ", and no revision lies above it: it is a head, but not the only one, and "
					+ String.join(", ", this.graph.idsOf(pending)) + ((pending.length == 1) ? " is" : " are")
					+ " not applied. 'retort upgrade heads' applies every head, or " + String.join(" or ", alongEach)
					+ " moves one step up " + ((pending.length == 1) ? "that branch." : "one of those branches.");
		}
		if (available == 0) {
			return asked + ", and no revision lies above it" + ((branch != null) ? " on branch '" + branch + "'" : "")
					+ ": the database is already at the head, so there is nothing to upgrade. To have something to"
					+ " apply, add a revision ('retort revision -m MSG').";
		}
		return asked + ", and only " + available + " revision" + plural(available) + " lie" + ((available == 1) ? "s" : "")
				+ " above it, up to the head. Use 'upgrade " + withSteps(target, "+" + available)
				+ "', or 'upgrade heads' for all of them.";
	}

	/** The heads (effective heads aside, as 'heads' means them) that the current revisions do not imply. */
	private int[] pendingHeads(int[] current) {
		BitSet applied = this.graph.ancestors(current, true);
		return Arrays.stream(this.graph.realHeads).filter((head) -> !applied.get(head)).toArray();
	}

	/**
	 * Why {@code -N} from the current revision cannot be made: how many revisions are applied
	 * below and up to it, and the move that can be made instead.
	 */
	private String tooFewBelow(int start, int steps, String branch, String target) {
		int available = -steps - 1;
		while (available > 0 && walk(start, -available, null, true, target) == RelativeWalk.OVERWALK) {
			available--;
		}
		return "Cannot downgrade '" + target + "': it counts " + -steps + " revision" + plural(-steps)
				+ " down from the current revision " + this.graph.id(start) + ", and only " + available + " revision"
				+ plural(available) + ((available == 1) ? " is" : " are") + " applied up to it. Use 'downgrade "
				+ withSteps(target, "-" + available) + "' to go down to base.";
	}

	/** The target with its count replaced: 'billing@+3' with '+1' is 'billing@+1'. */
	private static String withSteps(String target, String steps) {
		int at = target.lastIndexOf('@');
		return ((at >= 0) ? target.substring(0, at + 1) : "") + steps;
	}

	private static String plural(int count) {
		return (count == 1) ? "" : "s";
	}

	static int[] single(int position) {
		return (position == BASE) ? GraphIndex.NONE : new int[] { position };
	}

}
