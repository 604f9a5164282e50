package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validated graph as arrays indexed by load order, so that every traversal is a walk over
 * int adjacency lists and bit sets: no per-step scans of the whole graph, no recursion (a chain
 * of 10,000 revisions must not overflow the stack).
 *
 * <p>Edges follow Alembic: {@code parents} are the versioned {@code Revises}; {@code allDown}
 * adds the resolved {@code Depends On}; {@code normDown} drops dependencies already declared
 * by an ancestor ({@code _normalized_down_revisions}), which decides the order of plans and the
 * version-table rows.
 */
final class GraphIndex {

	static final int[] NONE = new int[0];

	final List<Revision> revisions;

	final String[] ids;

	final Map<String, Integer> indexById;

	/** Every id, sorted, for prefix lookups; made on first use (see {@link #sortedIds()}). */
	private volatile NavigableMap<String, Integer> sortedIds;

	/** Branch label to the revision that declares it. */
	final Map<String, Integer> labelOwner;

	final int[][] parents;

	final int[][] allDown;

	final int[][] normDown;

	final int[][] children;

	final int[][] allChildren;

	/** Reverse of {@link #normDown}. */
	final int[][] normUp;

	/** Declared and inherited labels per revision. */
	final List<Set<String>> labels;

	/** A topological rank over {@link #normDown}: every revision ranks above what it needs. */
	final int[] rank;

	final int[] heads;

	final int[] realHeads;

	final int[] bases;

	GraphIndex(List<Revision> revisions, Map<String, Integer> indexById, Map<String, Integer> labelOwner,
			int[][] parents, int[][] allDown, int[][] normDown) {
		this.revisions = revisions;
		int n = revisions.size();
		this.ids = new String[n];
		for (int i = 0; i < n; i++) {
			this.ids[i] = revisions.get(i).id();
		}
		this.indexById = indexById;
		this.labelOwner = labelOwner;
		this.parents = parents;
		this.allDown = allDown;
		this.normDown = normDown;
		this.children = reverse(parents, n);
		this.allChildren = reverse(allDown, n);
		this.normUp = reverse(normDown, n);
		this.rank = rank(n);
		this.labels = inheritLabels();
		this.heads = withoutEdges(this.children);
		this.realHeads = withoutEdges(this.allChildren);
		this.bases = withoutEdges(parents);
	}

	/**
	 * Every id, sorted. Only a partial id or a typo needs it, so a start that names its target
	 * in full never sorts (a racy but safe cache: the map is immutable, at worst built twice).
	 */
	NavigableMap<String, Integer> sortedIds() {
		NavigableMap<String, Integer> sorted = this.sortedIds;
		if (sorted == null) {
			sorted = Collections.unmodifiableNavigableMap(new TreeMap<>(this.indexById));
			this.sortedIds = sorted;
		}
		return sorted;
	}

	int size() {
		return this.ids.length;
	}

	Revision revision(int index) {
		return this.revisions.get(index);
	}

	String id(int index) {
		return this.ids[index];
	}

	boolean isRealBranchPoint(int index) {
		return this.allChildren[index].length > 1;
	}

	/** The given revisions and all their ancestors. */
	BitSet ancestors(int[] starts, boolean withDependencies) {
		return closure(starts, withDependencies ? this.allDown : this.parents);
	}

	BitSet ancestors(int start, boolean withDependencies) {
		return ancestors(new int[] { start }, withDependencies);
	}

	/** The given revisions and all their descendants. */
	BitSet descendants(int[] starts, boolean withDependencies) {
		return closure(starts, withDependencies ? this.allChildren : this.children);
	}

	/**
	 * Every revision that shares lineage with {@code index}: its ancestors and descendants, so
	 * that {@code lineage(a).get(b) == lineage(b).get(a)}.
	 */
	BitSet lineage(int index, boolean withDependencies) {
		BitSet lineage = ancestors(index, withDependencies);
		lineage.or(descendants(new int[] { index }, withDependencies));
		return lineage;
	}

	private BitSet closure(int[] starts, int[][] edges) {
		BitSet seen = new BitSet(size());
		int[] stack = new int[Math.max(16, starts.length)];
		int top = 0;
		for (int start : starts) {
			if (!seen.get(start)) {
				seen.set(start);
				stack = push(stack, top++, start);
			}
		}
		while (top > 0) {
			int current = stack[--top];
			for (int next : edges[current]) {
				if (!seen.get(next)) {
					seen.set(next);
					stack = push(stack, top++, next);
				}
			}
		}
		return seen;
	}

	static int[] push(int[] stack, int at, int value) {
		int[] result = (at == stack.length) ? Arrays.copyOf(stack, stack.length * 2) : stack;
		result[at] = value;
		return result;
	}

	List<String> idsOf(int[] indexes) {
		List<String> result = new ArrayList<>(indexes.length);
		for (int index : indexes) {
			result.add(this.ids[index]);
		}
		return Collections.unmodifiableList(result);
	}

	List<Revision> revisionsOf(int[] indexes) {
		List<Revision> result = new ArrayList<>(indexes.length);
		for (int index : indexes) {
			result.add(this.revisions.get(index));
		}
		return Collections.unmodifiableList(result);
	}

	/** The set bits in load order. */
	static int[] toArray(BitSet set) {
		return set.stream().toArray();
	}

	/** Kahn's algorithm from the bases up; the graph is validated acyclic before this runs. */
	private int[] rank(int n) {
		int[] waiting = new int[n];
		int[] queue = new int[n];
		int tail = 0;
		for (int i = 0; i < n; i++) {
			waiting[i] = this.normDown[i].length;
			if (waiting[i] == 0) {
				queue[tail++] = i;
			}
		}
		int[] rank = new int[n];
		for (int head = 0; head < tail; head++) {
			int node = queue[head];
			rank[node] = head;
			for (int up : this.normUp[node]) {
				if (--waiting[up] == 0) {
					queue[tail++] = up;
				}
			}
		}
		return rank;
	}

	static int[][] reverse(int[][] edges, int n) {
		int[] counts = new int[n];
		for (int[] targets : edges) {
			for (int target : targets) {
				counts[target]++;
			}
		}
		int[][] reversed = new int[n][];
		for (int i = 0; i < n; i++) {
			reversed[i] = (counts[i] == 0) ? NONE : new int[counts[i]];
			counts[i] = 0;
		}
		for (int source = 0; source < n; source++) {
			for (int target : edges[source]) {
				reversed[target][counts[target]++] = source;
			}
		}
		return reversed;
	}

	/**
	 * Alembic's {@code _add_branches}: a declared label applies to the revision, to all its
	 * descendants (without dependencies), and to its ancestors down to the preceding branch
	 * point or merge point. Every revision lists its labels in one order, whichever it declares:
	 * the declaring revisions' topological order (the older branch's labels first), each one's in
	 * the order its header lists them. So 'heads', 'branches', 'history' and 'show' agree.
	 */
	private List<Set<String>> inheritLabels() {
		int n = size();
		// A set only for the revisions that get a label: most graphs have few or none.
		List<Set<String>> result = new ArrayList<>(Collections.nCopies(n, (Set<String>) null));
		// A plain loop over every revision (this runs on each load of 10,000); only the few that
		// declare labels are sorted.
		List<Integer> owners = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (!this.revisions.get(i).branchLabels().isEmpty()) {
				owners.add(i);
			}
		}
		owners.sort(Comparator.comparingInt((Integer i) -> this.rank[i]));
		for (int owner : owners) {
			List<String> declared = this.revisions.get(owner).branchLabels();
			BitSet descendants = descendants(new int[] { owner }, false);
			for (int node = descendants.nextSetBit(0); node >= 0; node = descendants.nextSetBit(node + 1)) {
				addLabels(result, node, declared);
			}
			int node = owner;
			while (!isRealBranchPoint(node) && this.parents[node].length < 2) {
				addLabels(result, node, declared);
				if (this.parents[node].length == 0) {
					break;
				}
				node = this.parents[node][0];
			}
		}
		List<Set<String>> frozen = new ArrayList<>(n);
		for (Set<String> set : result) {
			frozen.add((set == null || set.isEmpty()) ? Set.of() : Collections.unmodifiableSet(set));
		}
		return frozen;
	}

	private static void addLabels(List<Set<String>> labels, int node, List<String> declared) {
		Set<String> set = labels.get(node);
		if (set == null) {
			set = new LinkedHashSet<>();
			labels.set(node, set);
		}
		set.addAll(declared);
	}

	/** The revisions with no edge in {@code edges}, in index order. */
	private static int[] withoutEdges(int[][] edges) {
		int count = 0;
		for (int[] each : edges) {
			if (each.length == 0) {
				count++;
			}
		}
		int[] result = new int[count];
		int next = 0;
		for (int i = 0; i < edges.length; i++) {
			if (edges[i].length == 0) {
				result[next++] = i;
			}
		}
		return result;
	}

}
