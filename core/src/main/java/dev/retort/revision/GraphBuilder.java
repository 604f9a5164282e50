package dev.retort.revision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.retort.revision.GraphProblem.Kind;

/**
 * Validates revisions and builds a {@link GraphIndex}. Every check runs even after a failure
 * so that one {@link InvalidGraphException} reports every problem at once.
 */
final class GraphBuilder {

	private static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");

	private final List<GraphProblem> problems = new ArrayList<>();

	private final List<Revision> revisions = new ArrayList<>();

	/**
	 * The revisions, then the second (third, …) declarations of a duplicate id: those are checked
	 * too (their parents, dependencies, labels, cycles through them), so that a copied file does
	 * not hide its other problems; an invalid graph is never built, so they need no place in it.
	 */
	private final List<Revision> nodes = new ArrayList<>();

	/** Each duplicate id's later declarations (indices into {@link #nodes}); usually empty. */
	private final Map<String, List<Integer>> redeclared = new HashMap<>();

	private final Map<String, Integer> indexById = new HashMap<>();

	private final Map<String, Integer> labelOwner = new LinkedHashMap<>();

	private GraphBuilder() {
	}

	static GraphIndex build(List<Revision> input) {
		return new GraphBuilder().doBuild(input);
	}

	private GraphIndex doBuild(List<Revision> input) {
		int[] loadOrder = collectRevisions(input);
		collectLabels(loadOrder);
		int count = this.nodes.size();
		int[][] parents = new int[count][];
		int[][] dependencies = new int[count][];
		for (int i : loadOrder) {
			parents[i] = resolveParents(i);
			dependencies[i] = resolveDependencies(i);
		}
		if (!this.redeclared.isEmpty()) {
			addRedeclarations(parents, Revision::parents);
			addRedeclarations(dependencies, Revision::dependsOn);
		}
		int[][] allDown = new int[count][];
		for (int i = 0; i < count; i++) {
			allDown[i] = concatDistinct(parents[i], dependencies[i]);
		}
		detectCycles(parents, allDown);
		if (!this.problems.isEmpty()) {
			throw new InvalidGraphException(this.problems);
		}
		// Valid: no duplicates, so the nodes are the revisions, indices alike.
		int[][] normDown = normalize(parents, dependencies);
		return new GraphIndex(List.copyOf(this.revisions), Map.copyOf(this.indexById), Map.copyOf(this.labelOwner),
				parents, allDown, normDown);
	}

	/**
	 * Indexes the revisions by id, and sets the later declarations of a duplicate id aside as
	 * nodes after them.
	 * @return the node index of each input revision, in load order
	 */
	private int[] collectRevisions(List<Revision> input) {
		List<Revision> duplicates = new ArrayList<>(0);
		int[] loadOrder = new int[input.size()];
		int next = 0;
		for (Revision revision : input) {
			Integer existing = this.indexById.get(revision.id());
			if (existing != null) {
				Revision first = this.revisions.get(existing);
				problem(Kind.DUPLICATE_ID, List.of(revision.id()), at(revision, revision.origin().idLine()),
						"Revision " + revision.id() + " is declared twice: in " + at(first, first.origin().idLine())
								+ " and in " + at(revision, revision.origin().idLine()) + ". " + whichToRename(first, revision));
				duplicates.add(revision);
				// Numbered once the revisions are counted: -1 for the first duplicate, -2 for the next.
				loadOrder[next++] = -duplicates.size();
				continue;
			}
			checkIdentifier(revision, revision.id(), "Revision id", revision.origin().idLine());
			loadOrder[next++] = this.revisions.size();
			this.indexById.put(revision.id(), this.revisions.size());
			this.revisions.add(revision);
		}
		this.nodes.addAll(this.revisions);
		this.nodes.addAll(duplicates);
		for (int i = 0; i < loadOrder.length; i++) {
			if (loadOrder[i] < 0) {
				loadOrder[i] = this.revisions.size() - loadOrder[i] - 1;
				this.redeclared.computeIfAbsent(this.nodes.get(loadOrder[i]).id(), (id) -> new ArrayList<>())
					.add(loadOrder[i]);
			}
		}
		return loadOrder;
	}

	/**
	 * What to do about two declarations of one id. One that revises that very id is a copy of the
	 * other (the newest class or file copied, 'revises' pointed at it, 'id' left as it was): it is
	 * the one to rename, and "remove it from 'Revises'" would make it a base.
	 */
	private static String whichToRename(Revision first, Revision second) {
		String id = first.id();
		Revision copy = second.parents().contains(id) ? second : first.parents().contains(id) ? first : null;
		if (copy == null || (copy == second && first.parents().contains(id))) {
			return "Revision ids must be unique: give one of them a new id and update what revises it.";
		}
		Revision original = (copy == first) ? second : first;
		String copyAt = at(copy, copy.origin().idLine());
		String originalAt = at(original, original.origin().idLine());
		return copyAt + " revises " + id + ", its own id: it was copied from " + originalAt + " and kept its id. Give "
				+ copyAt + " a new id (" + originalAt + " stays " + id + ").";
	}

	private void checkIdentifier(Revision revision, String identifier, String what, int line) {
		if (!identifier.isEmpty() && !hasReservedCharacter(identifier) && !RESERVED.contains(identifier)) {
			// The common case, without building a message: every revision of every start passes here.
			return;
		}
		String why = whyInvalid(identifier);
		if (why != null) {
			problem(Kind.INVALID_IDENTIFIER, List.of(revision.id()), at(revision, line), what + " '" + identifier + "' ("
					+ at(revision, line) + ") " + why + ". Use letters, digits and '_' (not head, heads, base, current).");
		}
	}

	/**
	 * Why a revision id or branch label cannot be addressed by the identifier grammar ("is a
	 * reserved word of the identifier grammar"), or {@code null} when it can.
	 */
	static String whyInvalid(String identifier) {
		String bad = identifier.chars()
			.filter((c) -> isReserved((char) c))
			.mapToObj((c) -> "'" + (char) c + "'")
			.distinct()
			.collect(Collectors.joining(", "));
		return identifier.isEmpty() ? "is empty"
				: !bad.isEmpty() ? "contains " + bad + ", which the identifier grammar reserves"
						: RESERVED.contains(identifier) ? "is a reserved word of the identifier grammar" : null;
	}

	private static boolean hasReservedCharacter(String identifier) {
		for (int i = 0; i < identifier.length(); i++) {
			if (isReserved(identifier.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	/** A character the identifier grammar gives a meaning ({@code label@head}, {@code +2}, {@code a:b}). */
	private static boolean isReserved(char c) {
		return c == '@' || c == '+' || c == '-' || c == ':' || Character.isWhitespace(c);
	}

	private void collectLabels(int[] loadOrder) {
		for (int i : loadOrder) {
			Revision revision = this.nodes.get(i);
			if (revision.branchLabels().isEmpty()) {
				continue;
			}
			int line = revision.origin().branchLabelsLine();
			for (String label : new LinkedHashSet<>(revision.branchLabels())) {
				checkIdentifier(revision, label, "Branch label", line);
				Integer owner = this.labelOwner.get(label);
				if (owner != null && this.nodes.get(owner).id().equals(revision.id())) {
					// Two declarations of one id (a copied file): the duplicate id says it already.
					continue;
				}
				if (owner != null) {
					Revision first = this.nodes.get(owner);
					problem(Kind.DUPLICATE_BRANCH_LABEL, List.of(revision.id(), first.id()), at(revision, line),
							"Branch label '" + label + "' is declared by both " + first.id() + " ("
									+ at(first, first.origin().branchLabelsLine()) + ") and " + revision.id() + " ("
									+ at(revision, line) + "); a label names one branch: rename one of them.");
					continue;
				}
				if (this.indexById.containsKey(label)) {
					problem(Kind.DUPLICATE_BRANCH_LABEL, List.of(revision.id(), label), at(revision, line),
							"Branch label '" + label + "' of revision " + revision.id() + " (" + at(revision, line)
									+ ") is also the id of revision " + label + "; rename the label.");
					continue;
				}
				this.labelOwner.put(label, i);
			}
		}
	}

	private int[] resolveParents(int index) {
		Revision revision = this.nodes.get(index);
		// Every revision of every start passes here: no set, and no location string unless a problem needs it.
		int[] result = new int[revision.parents().size()];
		int size = 0;
		for (String parent : revision.parents()) {
			Integer resolved = this.indexById.get(parent);
			// A later declaration of a duplicate id naming that id names the first declaration, another file.
			boolean itself = resolved != null && resolved == index;
			String where = (resolved == null || itself) ? at(revision, revision.origin().revisesLine()) : null;
			if (resolved == null) {
				problem(Kind.UNKNOWN_PARENT, List.of(revision.id(), parent), where, "Revision " + revision.id() + " ("
						+ where + ") revises " + parent + ", which does not exist."
						+ didYouMean(parent, false, revision.id()).orElse(" Name an existing revision (retort history "
								+ "lists them), or restore the file that declared " + parent + "."));
			}
			else if (itself && this.redeclared.containsKey(revision.id())) {
				// A copy that kept the id of the revision it revises: the duplicate id says which to rename.
				continue;
			}
			else if (itself) {
				problem(Kind.CYCLE, List.of(revision.id()), where,
						"Revision " + revision.id() + " (" + where + ") revises itself; remove it from 'Revises'.");
			}
			else {
				size = addDistinct(result, size, resolved);
			}
		}
		return (size == result.length) ? result : Arrays.copyOf(result, size);
	}

	/**
	 * Adds to each node's edges the later declarations of the ids it names, so that a cycle
	 * through either declaration of a duplicate id is found (the user may rename either one).
	 */
	private void addRedeclarations(int[][] edges, Function<Revision, List<String>> names) {
		for (int i = 0; i < edges.length; i++) {
			for (String name : names.apply(this.nodes.get(i))) {
				for (int later : this.redeclared.getOrDefault(name, List.of())) {
					if (later != i && !contains(edges[i], later)) {
						edges[i] = Arrays.copyOf(edges[i], edges[i].length + 1);
						edges[i][edges[i].length - 1] = later;
					}
				}
			}
		}
	}

	private int[] resolveDependencies(int index) {
		Revision revision = this.nodes.get(index);
		int[] result = new int[revision.dependsOn().size()];
		int size = 0;
		for (String dependency : revision.dependsOn()) {
			Integer resolved = this.indexById.get(dependency);
			if (resolved == null) {
				resolved = this.labelOwner.get(dependency);
			}
			boolean itself = resolved != null && resolved == index;
			String where = (resolved == null || itself) ? at(revision, revision.origin().dependsOnLine())
					: null;
			if (resolved == null) {
				problem(Kind.UNKNOWN_DEPENDENCY, List.of(revision.id(), dependency), where,
						"Revision " + revision.id() + " (" + where + ") depends on " + dependency
								+ ", which is neither a revision nor a branch label."
								+ didYouMean(dependency, true, revision.id()).orElse(" Name an existing revision or "
										+ "branch label (retort history and retort branches list them), or restore the "
										+ "file that declared " + dependency + "."));
			}
			else if (itself) {
				problem(Kind.DEPENDENCY_CYCLE, List.of(revision.id()), where, "Revision " + revision.id() + " ("
						+ where + ") depends on itself ('" + dependency + "'); remove it from 'Depends On'.");
			}
			else {
				size = addDistinct(result, size, resolved);
			}
		}
		return (size == result.length) ? result : Arrays.copyOf(result, size);
	}

	/** Appends {@code value} unless the first {@code size} entries hold it; returns the new size. */
	private static int addDistinct(int[] values, int size, int value) {
		for (int i = 0; i < size; i++) {
			if (values[i] == value) {
				return size;
			}
		}
		values[size] = value;
		return size + 1;
	}

	/** The nearest other name; never {@code asking}, the revision whose header names the missing one. */
	private Optional<String> didYouMean(String wanted, boolean withLabels, String asking) {
		List<String> known = new ArrayList<>(this.indexById.keySet());
		if (withLabels) {
			known.addAll(this.labelOwner.keySet());
		}
		// "b3 revises b2, which does not exist. Did you mean b3?" would point at the revision itself.
		known.remove(asking);
		known.sort(null);
		return Suggestions.nearest(wanted, known).map((nearest) -> " Did you mean " + nearest + "?");
	}

	private void detectCycles(int[][] parents, int[][] allDown) {
		List<int[]> parentCycles = StronglyConnected.components(parents);
		Set<String> reported = new LinkedHashSet<>();
		for (int[] component : parentCycles) {
			reported.add(Arrays.toString(component));
			reportCycle(Kind.CYCLE, component, parents, parents);
		}
		for (int[] component : StronglyConnected.components(allDown)) {
			if (!reported.contains(Arrays.toString(component))) {
				reportCycle(Kind.DEPENDENCY_CYCLE, component, allDown, parents);
			}
		}
	}

	/** Names one concrete loop inside a strongly connected component, edge by edge. */
	private void reportCycle(Kind kind, int[] component, int[][] edges, int[][] parents) {
		BitSet members = new BitSet();
		for (int member : component) {
			members.set(member);
		}
		List<Integer> path = new ArrayList<>();
		Map<Integer, Integer> position = new HashMap<>();
		int current = component[0];
		while (!position.containsKey(current)) {
			position.put(current, path.size());
			path.add(current);
			current = nextInCycle(current, edges, parents, members, kind);
		}
		List<Integer> loop = new ArrayList<>(path.subList(position.get(current), path.size()));
		loop.add(current);
		StringBuilder detail = new StringBuilder();
		for (int i = 0; i + 1 < loop.size(); i++) {
			Revision from = this.nodes.get(loop.get(i));
			boolean revises = contains(parents[loop.get(i)], loop.get(i + 1));
			int line = revises ? from.origin().revisesLine() : from.origin().dependsOnLine();
			detail.append((i == 0) ? "" : ", ")
				.append(from.id())
				.append(" (")
				.append(at(from, line))
				.append(revises ? ") revises " : ") depends on ")
				.append(this.nodes.get(loop.get(i + 1)).id());
		}
		List<String> ids = loop.subList(0, loop.size() - 1).stream().map((i) -> this.nodes.get(i).id()).toList();
		Revision first = this.nodes.get(loop.get(0));
		String what = (kind == Kind.CYCLE) ? "form a cycle" : "form a dependency cycle";
		problem(kind, ids, at(first, first.origin().revisesLine()), "Revisions " + String.join(", ", ids) + " " + what
				+ ": " + detail + ". A revision cannot come after itself: break the loop.");
	}

	private static int nextInCycle(int node, int[][] edges, int[][] parents, BitSet members, Kind kind) {
		int fallback = -1;
		for (int next : edges[node]) {
			if (members.get(next)) {
				if (kind == Kind.CYCLE || !contains(parents[node], next)) {
					return next;
				}
				fallback = (fallback < 0) ? next : fallback;
			}
		}
		return fallback;
	}

	/**
	 * Alembic's {@code _normalize_depends_on}: a dependency already declared by a (versioned)
	 * ancestor is dropped from the immediate down revisions. For each dependency target with
	 * several declarers, one walk from the declarers marks their strict descendants.
	 */
	private int[][] normalize(int[][] parents, int[][] dependencies) {
		int n = parents.length;
		Map<Integer, List<Integer>> declarers = new HashMap<>();
		for (int i = 0; i < n; i++) {
			for (int dependency : dependencies[i]) {
				declarers.computeIfAbsent(dependency, (key) -> new ArrayList<>()).add(i);
			}
		}
		int[][] children = GraphIndex.reverse(parents, n);
		Map<Integer, Set<Integer>> dropped = new HashMap<>();
		for (Map.Entry<Integer, List<Integer>> entry : declarers.entrySet()) {
			List<Integer> declaring = entry.getValue();
			if (declaring.size() < 2) {
				continue;
			}
			BitSet below = new BitSet(n);
			int[] stack = new int[16];
			int top = 0;
			for (int declarer : declaring) {
				for (int child : children[declarer]) {
					if (!below.get(child)) {
						below.set(child);
						stack = GraphIndex.push(stack, top++, child);
					}
				}
			}
			while (top > 0) {
				int node = stack[--top];
				for (int child : children[node]) {
					if (!below.get(child)) {
						below.set(child);
						stack = GraphIndex.push(stack, top++, child);
					}
				}
			}
			for (int declarer : declaring) {
				if (below.get(declarer)) {
					dropped.computeIfAbsent(declarer, (key) -> new LinkedHashSet<>()).add(entry.getKey());
				}
			}
		}
		int[][] normDown = new int[n][];
		for (int i = 0; i < n; i++) {
			Set<Integer> drop = dropped.getOrDefault(i, Set.of());
			int[] kept = dependencies[i];
			if (kept.length > 0 && !drop.isEmpty()) {
				kept = Arrays.stream(kept).filter((d) -> !drop.contains(d)).toArray();
			}
			normDown[i] = concatDistinct(parents[i], kept);
		}
		return normDown;
	}

	/** {@code first} (distinct already), then what {@code second} adds to it. */
	private static int[] concatDistinct(int[] first, int[] second) {
		if (second.length == 0) {
			return first;
		}
		int[] result = Arrays.copyOf(first, first.length + second.length);
		int size = first.length;
		for (int value : second) {
			size = addDistinct(result, size, value);
		}
		return (size == result.length) ? result : Arrays.copyOf(result, size);
	}

	private static boolean contains(int[] values, int value) {
		for (int candidate : values) {
			if (candidate == value) {
				return true;
			}
		}
		return false;
	}

	private static String at(Revision revision, int line) {
		return revision.origin().at(line);
	}

	private void problem(Kind kind, List<String> ids, String location, String message) {
		this.problems.add(new GraphProblem(kind, ids, location, message));
	}

}
