package dev.retort.revision;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Revisions of a history range {@code [start]:[end]}, newest first, as Alembic's
 * {@code walk_revisions}: {@code start} defaults to {@code base}, {@code end} to
 * {@code heads}; either may be {@code current}; a relative start ({@code -3}) counts down from
 * each revision of the end (so {@code -3:current} on two branches shows both; one below a merge is
 * all its parents, as {@code downgrade -1} counts) and a relative end
 * ({@code +2}) counts up from the start, neither asserting its
 * length; start and end must lie on one line of descent.
 */
final class History {

	private final GraphIndex graph;

	private final TargetResolver resolver;

	History(GraphIndex graph, TargetResolver resolver) {
		this.graph = graph;
		this.resolver = resolver;
	}

	int[] range(String range, int[] current) {
		String wanted = (range == null || range.isBlank()) ? ":" : range.trim();
		int colon = wanted.indexOf(':');
		// A second colon ('a:b:c', '::') would otherwise be read as part of a revision id and
		// reported as an unknown revision, hiding what is wrong: the shape of the range.
		if (colon < 0 || wanted.indexOf(':', colon + 1) >= 0) {
			throw new InvalidTargetException(wanted, "History range '" + wanted
					+ "' requires [start]:[end], [start]:, or :[end] (for example 'base:heads' or '-3:current').");
		}
		String start = wanted.substring(0, colon).trim();
		String end = wanted.substring(colon + 1).trim();
		start = start.isEmpty() ? "base" : start;
		end = end.isEmpty() ? "heads" : end;
		if (end.matches("-\\d+")) {
			// Alembic's message, with the reason that fits a range rather than an upgrade's advice.
			throw new InvalidTargetException(wanted, "Relative revision " + end + " didn't produce "
					+ end.substring(1) + " migrations: the end of history range '" + wanted + "' counts up from its start"
					+ " ('" + start + ":+2'); to count down, start with it ('" + end + ":current'), or name the end.");
		}
		boolean relativeStart = TargetResolver.isRelative(start) && start.startsWith("-");
		int[] lower = relativeStart ? GraphIndex.NONE : positions(start, current);
		int[] upper = onBranchOf(start, "current".equals(end) ? current
				: (isBranchStart(start) && "heads".equals(end)) ? this.graph.heads
						: this.resolver.upgradeTargets(lower, end, false));
		if (relativeStart) {
			// '-3:current' with several current revisions: the last three of each line, not of the
			// first line only (as Alembic's get_revisions walks down from every head).
			BitSet needs = new BitSet();
			for (int revision : upper) {
				int[] one = { revision };
				needs.or(between(belowEnd(one, start), one));
			}
			return newestFirst(needs, upper);
		}
		BitSet required = this.graph.ancestors(upper, true);
		for (int revision : lower) {
			if (!required.get(revision)) {
				throw new InvalidTargetException(wanted, "Requested range " + wanted
						+ " does not refer to ancestor/descendant revisions along the same branch: "
						+ this.graph.id(revision) + " is not below " + describe(upper) + "."
						+ swapped(lower, upper, wanted.substring(0, colon).trim(), wanted.substring(colon + 1).trim()));
			}
		}
		return newestFirst(between(lower, upper), upper);
	}

	/**
	 * What to say when a range's start lies above its end (the ends typed the other way round,
	 * as 'git log' reads them): the swapped range, in the words the user gave. Empty otherwise.
	 */
	private String swapped(int[] lower, int[] upper, String start, String end) {
		if (lower.length == 0 || upper.length == 0 || start.isEmpty() || end.isEmpty()) {
			return "";
		}
		BitSet belowStart = this.graph.ancestors(lower, true);
		if (Arrays.stream(upper).anyMatch((revision) -> !belowStart.get(revision) || Arrays.stream(lower)
			.anyMatch((other) -> other == revision))) {
			return "";
		}
		return " Its ends are swapped: " + describe(lower) + " is above " + describe(upper)
				+ ", and a range runs from the older revision up to the newer: '" + end + ":" + start + "'.";
	}

	/**
	 * The range newest first. A range follows 'Revises' only, so a revision that needs another of
	 * the range through a revision outside it (a dependency of its parent) has no edge to it in
	 * the range alone: the order is taken over the range and every revision between two of its
	 * own, then those are left out.
	 */
	private int[] newestFirst(BitSet range, int[] upper) {
		int[] members = range.stream().toArray();
		BitSet between = this.graph.ancestors(members, true);
		between.and(this.graph.descendants(members, true));
		between.or(range);
		int[] order = TopologicalOrder.topDown(this.graph, between, upper);
		return Arrays.stream(order).filter(range::get).toArray();
	}

	/** Alembic's inclusive {@code _collect_upgrade_revisions(upper, lower)} without implicit base. */
	private BitSet between(int[] lower, int[] upper) {
		BitSet needs = this.graph.ancestors(upper, true);
		needs.andNot(this.graph.ancestors(lower, true));
		for (int revision : lower) {
			needs.set(revision);
		}
		if (lower.length > 0) {
			needs.and(this.graph.descendants(lower, false));
		}
		return needs;
	}

	/**
	 * As Alembic's {@code _collect_upgrade_revisions}: a start {@code label@...} keeps only the ends
	 * on that branch, so {@code -r billing@base:} lists the billing line, not every head's. A
	 * revision id before the '@' stands for the branch that contains it, as in every other target.
	 */
	private int[] onBranchOf(String start, int[] upper) {
		int at = start.indexOf('@');
		String branch = (at > 0) ? start.substring(0, at) : null;
		if (branch == null) {
			return upper;
		}
		if (!this.graph.labelOwner.containsKey(branch)) {
			BitSet lineage = this.graph.lineage(this.resolver.branchOwner(branch, start), false);
			return TargetResolver.inLineage(upper, lineage);
		}
		return Arrays.stream(upper).filter((revision) -> this.graph.labels.get(revision).contains(branch)).toArray();
	}

	/**
	 * Whether a start keeps the range to one branch. Its end {@code heads} then counts every head
	 * on that branch, as {@code label@heads} does: a branch that the rest of the graph only
	 * depends on ends in an effective head, which plain {@code heads} leaves out, and
	 * {@code -r lib@base:} would list nothing (as in Alembic).
	 */
	private static boolean isBranchStart(String start) {
		return start.indexOf('@') > 0;
	}

	private int[] positions(String symbol, int[] current) {
		if ("current".equals(symbol)) {
			return current;
		}
		// As Alembic's get_revisions: 'label@-N' counts down from the label's heads, not from current.
		return symbol.matches(".+@-\\d+") ? this.resolver.revisions(symbol) : this.resolver.resolve(symbol, current);
	}

	private int[] belowEnd(int[] upper, String start) {
		if (upper.length == 0) {
			return GraphIndex.NONE;
		}
		return this.resolver.walkDown(null, upper[0], Integer.parseInt(start), false, start).positions(this.graph);
	}

	private String describe(int[] revisions) {
		return (revisions.length == 0) ? "base" : String.join(", ", this.graph.idsOf(revisions));
	}

}
