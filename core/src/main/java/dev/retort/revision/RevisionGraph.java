package dev.retort.revision;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The revision graph, with Alembic's semantics: heads, bases, branch points, merges, branch
 * labels inherited along a branch, {@code Depends On}; resolution of the identifier grammar of
 * SPEC §3; and plans for upgrade, downgrade and stamp. Pure: no files, no database.
 *
 * <p>Immutable and safe to share between threads. Building and every query are linear in the
 * size of the graph (plans: in the part of the graph they touch, plus one pass over the
 * applied revisions).
 */
public final class RevisionGraph {

	private final GraphIndex graph;

	private final TargetResolver resolver;

	private final Planner planner;

	private final History history;

	private volatile List<Revision> upgradeOrder;

	private RevisionGraph(GraphIndex graph) {
		this.graph = graph;
		this.resolver = new TargetResolver(graph);
		this.planner = new Planner(graph, this.resolver);
		this.history = new History(graph, this.resolver);
	}

	/**
	 * Builds and validates a graph. {@code revisions} are in load order, which decides the
	 * order among sibling branches as in Alembic. Every problem is reported at once in one
	 * {@code InvalidGraphException}.
	 * @throws InvalidGraphException listing duplicate ids, unknown parents and dependencies,
	 * cycles, reused branch labels and identifiers the grammar reserves
	 */
	public static RevisionGraph of(List<Revision> revisions) {
		Objects.requireNonNull(revisions, "'revisions' must not be null");
		return new RevisionGraph(GraphBuilder.build(revisions));
	}

	/**
	 * Why {@code identifier} cannot be a revision id or branch label (it holds a character the
	 * identifier grammar reserves, {@code @ + - :} or a space, or is one of its words
	 * {@code head}, {@code heads}, {@code base}, {@code current}), so that a new revision is
	 * refused before it is written; empty when it can.
	 */
	public static Optional<String> identifierProblem(String identifier) {
		return Optional.ofNullable(GraphBuilder.whyInvalid(identifier));
	}

	/** Every revision, in load order. */
	public List<Revision> revisions() {
		return this.graph.revisions;
	}

	/** Every revision from bases to heads: each after its parents and dependencies. */
	public List<Revision> upgradeOrder() {
		List<Revision> order = this.upgradeOrder;
		if (order == null) {
			BitSet all = new BitSet(this.graph.size());
			all.set(0, this.graph.size());
			int[] topDown = TopologicalOrder.topDown(this.graph, all, this.graph.realHeads);
			order = this.graph.revisionsOf(Planner.reversed(topDown));
			this.upgradeOrder = order;
		}
		return order;
	}

	public Optional<Revision> find(String id) {
		Integer index = this.graph.indexById.get(id);
		return (index != null) ? Optional.of(this.graph.revision(index)) : Optional.empty();
	}

	/** Whether a revision of exactly that id exists. */
	public boolean contains(String id) {
		return this.graph.indexById.containsKey(id);
	}

	/** The revision of that exact id; an {@code UnknownRevisionException} otherwise. */
	public Revision get(String id) {
		return this.graph.revision(index(id));
	}

	/** The heads: revisions with no children (effective heads included, as Alembic's heads). */
	public List<Revision> heads() {
		return this.graph.revisionsOf(this.graph.heads);
	}

	/**
	 * The heads that no other revision depends on: what {@code heads} resolves to, and what
	 * gets a row in the version table.
	 */
	public List<Revision> realHeads() {
		return this.graph.revisionsOf(this.graph.realHeads);
	}

	/**
	 * Heads that another revision depends on ({@code (effective head)} in Alembic's output):
	 * they never get a row of their own, the dependent's row implies them.
	 */
	public List<Revision> effectiveHeads() {
		List<Revision> result = new ArrayList<>();
		for (int head : this.graph.heads) {
			if (this.graph.allChildren[head].length > 0) {
				result.add(this.graph.revision(head));
			}
		}
		return Collections.unmodifiableList(result);
	}

	public List<Revision> bases() {
		return this.graph.revisionsOf(this.graph.bases);
	}

	/** Revisions that more than one revision revises, in load order. */
	public List<Revision> branchPoints() {
		List<Revision> result = new ArrayList<>();
		for (int i = 0; i < this.graph.size(); i++) {
			if (this.graph.children[i].length > 1) {
				result.add(this.graph.revision(i));
			}
		}
		return Collections.unmodifiableList(result);
	}

	/** Revisions that revise more than one revision, in load order. */
	public List<Revision> mergePoints() {
		return this.graph.revisions.stream().filter(Revision::isMerge).toList();
	}

	/** The revisions that revise {@code id} (not those that only depend on it), in load order. */
	public List<String> children(String id) {
		return this.graph.idsOf(this.graph.children[index(id)]);
	}

	/** The revisions that revise or depend on {@code id}, in load order. */
	public List<String> dependents(String id) {
		return this.graph.idsOf(this.graph.allChildren[index(id)]);
	}

	/**
	 * What {@code id} revises and depends on, a dependency named by branch label resolved to the
	 * revision that declares it: the reverse of {@link #dependents}.
	 */
	public List<String> requirements(String id) {
		return this.graph.idsOf(this.graph.allDown[index(id)]);
	}

	public boolean isHead(String id) {
		return this.graph.children[index(id)].length == 0;
	}

	/** Whether {@code id} is a head that another revision depends on: one of {@link #effectiveHeads}. */
	public boolean isEffectiveHead(String id) {
		int index = index(id);
		return this.graph.children[index].length == 0 && this.graph.allChildren[index].length > 0;
	}

	public boolean isBranchPoint(String id) {
		return this.graph.children[index(id)].length > 1;
	}

	/** The branch labels of a revision, declared and inherited, as Alembic shows them. */
	public Set<String> branchLabels(String id) {
		return this.graph.labels.get(index(id));
	}

	/** Every branch label, each with the revision that declares it, in load order. */
	public Set<String> allBranchLabels() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.graph.labelOwner.keySet()));
	}

	/** Every revision implied by the given heads: them, their ancestors and dependencies. */
	public Set<String> applied(Collection<String> currentHeads) {
		return idSet(appliedIndexes(currentHeads));
	}

	/**
	 * The revisions {@link #applied} names, in load order: for walking them, which needs no set
	 * of their ids (a start with nothing pending checks every applied revision's checksum).
	 */
	public List<Revision> appliedRevisions(Collection<String> currentHeads) {
		return this.graph.revisionsOf(appliedIndexes(currentHeads));
	}

	private int[] appliedIndexes(Collection<String> currentHeads) {
		return GraphIndex.toArray(this.graph.ancestors(this.planner.current(currentHeads), true));
	}

	/**
	 * The version rows another row already implies (an ancestor of it, or a dependency of it),
	 * each with the rows above it, in row order: rows that should not be there, left by a hand
	 * edit or a tool that inserted a row instead of moving one. Every plan refuses them, as
	 * Alembic's ("overlaps with other requested revisions"); {@code current} shows them. Rows no
	 * revision declares are left out.
	 */
	public Map<String, List<String>> overlappingRows(Collection<String> rows) {
		List<String> known = rows.stream().filter(this::contains).distinct().toList();
		Map<String, List<String>> result = new LinkedHashMap<>();
		for (String row : known) {
			List<String> above = new ArrayList<>();
			for (String other : known) {
				if (!other.equals(row)
						&& this.graph.ancestors(this.graph.indexById.get(other), true).get(this.graph.indexById.get(row))) {
					above.add(other);
				}
			}
			if (!above.isEmpty()) {
				result.put(row, List.copyOf(above));
			}
		}
		return Collections.unmodifiableMap(result);
	}

	/**
	 * What Alembic's {@code current} shows: the current heads plus, for each branch that a
	 * dependency implies, its applied tip (with {@code b2} depending on {@code a2}, rows
	 * {@code b2} show {@code a2, b2}). In load order.
	 */
	public List<String> current(Collection<String> currentHeads) {
		BitSet applied = this.graph.ancestors(this.planner.current(currentHeads), true);
		List<String> result = new ArrayList<>();
		for (int node = applied.nextSetBit(0); node >= 0; node = applied.nextSetBit(node + 1)) {
			boolean tip = true;
			for (int child : this.graph.children[node]) {
				tip &= !applied.get(child);
			}
			if (tip) {
				result.add(this.graph.id(node));
			}
		}
		return Collections.unmodifiableList(result);
	}

	/**
	 * Resolves a target of SPEC §3 to revision ids ({@code base} gives an empty set), relative
	 * forms against {@code currentHeads}.
	 */
	public Set<String> resolve(String target, Collection<String> currentHeads) {
		Objects.requireNonNull(target, "'target' must not be null");
		return idSet(this.resolver.resolve(target.trim(), this.planner.current(currentHeads)));
	}

	/**
	 * The plan that upgrades from {@code currentHeads} to {@code target} ({@code heads} when
	 * {@code null}). Already applied targets give an empty plan.
	 */
	public Plan upgrade(Collection<String> currentHeads, String target) {
		return this.planner.upgrade(currentHeads, target);
	}

	/**
	 * The plan that downgrades from {@code currentHeads} to {@code target}. A target that is a
	 * current head gives an empty plan.
	 * @throws IrreversibleRevisionException when the plan would cross a revision without a
	 * downgrade
	 */
	public Plan downgrade(Collection<String> currentHeads, String target) {
		return this.planner.downgrade(currentHeads, target);
	}

	/**
	 * The plan that moves the version rows to {@code targets} without running anything;
	 * {@code purge} first deletes every row (and does not look at the current ones).
	 */
	public Plan stamp(Collection<String> currentHeads, List<String> targets, boolean purge) {
		return this.planner.stamp(currentHeads, targets, purge);
	}

	/** Revisions of a range {@code [start]:[end]} (or all when {@code null}), newest first. */
	public List<Revision> history(String range, Collection<String> currentHeads) {
		return this.graph.revisionsOf(this.history.range(range, this.planner.current(currentHeads)));
	}

	private int index(String id) {
		Integer index = this.graph.indexById.get(id);
		if (index == null) {
			throw new UnknownRevisionException(id, "No revision '" + id + "' is known."
					+ Suggestions.nearest(id, this.graph.sortedIds().keySet())
						.map((nearest) -> " Did you mean " + nearest + "?")
						.orElse(""));
		}
		return index;
	}

	private Set<String> idSet(int[] indexes) {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.graph.idsOf(indexes)));
	}

}
