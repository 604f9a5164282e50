package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

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

	/** Every id, sorted, for prefix lookups. */
	final NavigableMap<String, Integer> sortedIds;

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

	GraphIndex(List<Revision> revisions, Map<String, Integer> indexById, NavigableMap<String, Integer> sortedIds,
			Map<String, Integer> labelOwner, int[][] parents, int[][] allDown, int[][] normDown) {
		this.revisions = revisions;
		int n = revisions.size();
		this.ids = new String[n];
		for (int i = 0; i < n; i++) {
			this.ids[i] = revisions.get(i).id();
		}
		this.indexById = indexById;
		this.sortedIds = sortedIds;
		this.labelOwner = labelOwner;
		this.parents = parents;
		this.allDown = allDown;
		this.normDown = normDown;
		this.children = reverse(parents, n);
		this.allChildren = reverse(allDown, n);
		this.normUp = reverse(normDown, n);
		this.labels = inheritLabels();
		this.rank = rank(n);
		this.heads = select(n, (i) -> this.children[i].length == 0);
		this.realHeads = select(n, (i) -> this.allChildren[i].length == 0);
		this.bases = select(n, (i) -> parents[i].length == 0);
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
	 * point or merge point. Declared labels come first, inherited ones in load order.
	 */
	private List<Set<String>> inheritLabels() {
		int n = size();
		List<Set<String>> result = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			result.add(new LinkedHashSet<>(this.revisions.get(i).branchLabels()));
		}
		for (int owner = 0; owner < n; owner++) {
			List<String> declared = this.revisions.get(owner).branchLabels();
			if (declared.isEmpty()) {
				continue;
			}
			BitSet descendants = descendants(new int[] { owner }, false);
			for (int node = descendants.nextSetBit(0); node >= 0; node = descendants.nextSetBit(node + 1)) {
				result.get(node).addAll(declared);
			}
			int node = owner;
			while (!isRealBranchPoint(node) && this.parents[node].length < 2) {
				result.get(node).addAll(declared);
				if (this.parents[node].length == 0) {
					break;
				}
				node = this.parents[node][0];
			}
		}
		List<Set<String>> frozen = new ArrayList<>(n);
		for (Set<String> set : result) {
			frozen.add(set.isEmpty() ? Set.of() : Collections.unmodifiableSet(set));
		}
		return frozen;
	}

	private static int[] select(int n, java.util.function.IntPredicate predicate) {
		return java.util.stream.IntStream.range(0, n).filter(predicate).toArray();
	}

}
