package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tarjan's strongly connected components, iterative so that a chain of 10,000 revisions does
 * not overflow the stack. Only components of two or more nodes are returned: those are the
 * cycles (self-loops are reported before this runs).
 */
final class StronglyConnected {

	private StronglyConnected() {
	}

	static List<int[]> components(int[][] edges) {
		int n = edges.length;
		int[] index = new int[n];
		int[] low = new int[n];
		boolean[] onStack = new boolean[n];
		Arrays.fill(index, -1);
		int[] stack = new int[n];
		int stackTop = 0;
		int[] callNode = new int[n];
		int[] callEdge = new int[n];
		int counter = 0;
		List<int[]> result = new ArrayList<>();
		for (int root = 0; root < n; root++) {
			if (index[root] >= 0) {
				continue;
			}
			int depth = 0;
			callNode[0] = root;
			callEdge[0] = 0;
			index[root] = low[root] = counter++;
			stack[stackTop++] = root;
			onStack[root] = true;
			while (depth >= 0) {
				int node = callNode[depth];
				if (callEdge[depth] < edges[node].length) {
					int next = edges[node][callEdge[depth]++];
					if (index[next] < 0) {
						index[next] = low[next] = counter++;
						stack[stackTop++] = next;
						onStack[next] = true;
						depth++;
						callNode[depth] = next;
						callEdge[depth] = 0;
					}
					else if (onStack[next]) {
						low[node] = Math.min(low[node], index[next]);
					}
					continue;
				}
				if (low[node] == index[node]) {
					int size = 0;
					int[] members = new int[0];
					int member;
					do {
						member = stack[--stackTop];
						onStack[member] = false;
						members = GraphIndex.push(members.length == 0 ? new int[4] : members, size++, member);
					}
					while (member != node);
					if (size > 1) {
						int[] component = Arrays.copyOf(members, size);
						Arrays.sort(component);
						result.add(component);
					}
				}
				depth--;
				if (depth >= 0) {
					int parent = callNode[depth];
					low[parent] = Math.min(low[parent], low[node]);
				}
			}
		}
		return result;
	}

}
