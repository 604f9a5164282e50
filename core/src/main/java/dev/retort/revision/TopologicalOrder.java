package dev.retort.revision;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Alembic's {@code _topological_sort}, top down (downgrade order; an upgrade runs it
 * reversed): start at the given heads in load order, walk depth-first down one branch, and
 * switch to the first other pending branch as soon as the next revision is still needed by it.
 *
 * <p>Alembic decides "still needed" by testing the candidate against the full ancestor set of
 * every pending branch, recomputed at each branch or merge, which grows superlinearly. For
 * the sets plans use (ancestors of targets minus ancestors of the current heads, or
 * descendants of roots within the current ancestors: both convex), a candidate is an ancestor
 * of another pending branch exactly when one of its children in the set is still pending. So
 * this keeps a count of pending children per revision and only searches upwards, through
 * pending revisions, when a candidate is blocked and the branch to switch to must be chosen.
 * The order is Alembic's; the cost is linear for chains and proportional to the pending
 * branches at each branch point otherwise.
 */
final class TopologicalOrder {

	private TopologicalOrder() {
	}

	/** The revisions of {@code todo}, each before its ancestors (parents and dependencies). */
	static int[] topDown(GraphIndex graph, BitSet todo, int[] heads) {
		int n = graph.size();
		BitSet pending = (BitSet) todo.clone();
		int[] pendingChildren = new int[n];
		for (int node = todo.nextSetBit(0); node >= 0; node = todo.nextSetBit(node + 1)) {
			for (int down : graph.normDown[node]) {
				if (todo.get(down)) {
					pendingChildren[down]++;
				}
			}
		}
		List<Integer> frontier = new ArrayList<>();
		BitSet inFrontier = new BitSet(n);
		// The heads still to do, each once, in index order.
		for (int head : heads) {
			if (todo.get(head)) {
				inFrontier.set(head);
			}
		}
		for (int seed = inFrontier.nextSetBit(0); seed >= 0; seed = inFrontier.nextSetBit(seed + 1)) {
			frontier.add(seed);
		}
		int[] output = new int[todo.cardinality()];
		int emitted = 0;
		BitSet reached = new BitSet(n);
		int index = 0;
		while (!frontier.isEmpty() || (emitted < output.length && reseed(pending, pendingChildren, frontier, inFrontier))) {
			int candidate = frontier.get(index);
			if (pendingChildren[candidate] > 0) {
				int other = firstBranchAbove(graph, candidate, index, frontier, pending, reached);
				if (other >= 0) {
					index = other;
					continue;
				}
				// Needed by a pending revision no branch leads to (only in sets that are not
				// convex, such as some history ranges): set it aside until that one is emitted.
				frontier.remove(index);
				inFrontier.clear(candidate);
				index = Math.max(index - 1, 0);
				continue;
			}
			if (pending.get(candidate)) {
				output[emitted++] = candidate;
				pending.clear(candidate);
				for (int down : graph.normDown[candidate]) {
					if (todo.get(down)) {
						pendingChildren[down]--;
					}
				}
			}
			int added = 0;
			for (int down : graph.normDown[candidate]) {
				if (pending.get(down) && !inFrontier.get(down)) {
					inFrontier.set(down);
					if (added++ == 0) {
						frontier.set(index, down);
					}
					else {
						frontier.add(down);
					}
				}
			}
			inFrontier.clear(candidate);
			if (added == 0) {
				frontier.remove(index);
				index = Math.max(index - 1, 0);
			}
		}
		return output;
	}

	/**
	 * Restarts from the pending revisions that nothing pending needs, in load order. Plans
	 * never get here; it keeps history ranges complete and ordered where Alembic would fail.
	 */
	private static boolean reseed(BitSet pending, int[] pendingChildren, List<Integer> frontier, BitSet inFrontier) {
		for (int node = pending.nextSetBit(0); node >= 0; node = pending.nextSetBit(node + 1)) {
			if (pendingChildren[node] == 0) {
				frontier.add(node);
				inFrontier.set(node);
			}
		}
		return !frontier.isEmpty();
	}

	/**
	 * The first frontier position (other than {@code current}) whose branch still needs
	 * {@code candidate}: frontier entries are tried in order, each by a walk down through
	 * pending revisions that never goes below the candidate's rank (nothing there can lead to
	 * it) and never revisits a revision within this search.
	 */
	private static int firstBranchAbove(GraphIndex graph, int candidate, int current, List<Integer> frontier,
			BitSet pending, BitSet visited) {
		visited.clear();
		int floor = graph.rank[candidate];
		int[] stack = new int[16];
		for (int position = 0; position < frontier.size(); position++) {
			int entry = frontier.get(position);
			if (position == current || visited.get(entry)) {
				continue;
			}
			int top = 0;
			stack[top++] = entry;
			visited.set(entry);
			while (top > 0) {
				int node = stack[--top];
				for (int down : graph.normDown[node]) {
					if (down == candidate) {
						return position;
					}
					if (pending.get(down) && !visited.get(down) && graph.rank[down] > floor) {
						visited.set(down);
						stack = GraphIndex.push(stack, top++, down);
					}
				}
			}
		}
		return -1;
	}

}
