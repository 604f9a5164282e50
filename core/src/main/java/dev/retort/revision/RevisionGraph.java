package dev.retort.revision;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The revision graph, with Alembic's semantics: heads, bases, branch points, merges, branch
 * labels inherited along a branch, {@code Depends On}; resolution of the identifier grammar of
 * SPEC §3; and plans for upgrade, downgrade and stamp. Pure: no files, no database.
 *
 * <p>SKELETON: the API other layers code against. Implemented by the graph work (issue 2).
 */
public final class RevisionGraph {

	private RevisionGraph() {
	}

	/**
	 * Builds and validates a graph. {@code revisions} are in load order, which decides the
	 * order among sibling branches as in Alembic. Every problem is reported at once in one
	 * {@code InvalidGraphException}.
	 */
	public static RevisionGraph of(List<Revision> revisions) {
		throw new IllegalStateException("skeleton");
	}

	/** Every revision, in load order. */
	public List<Revision> revisions() {
		throw new IllegalStateException("skeleton");
	}

	/** Every revision from bases to heads: each after its parents and dependencies. */
	public List<Revision> upgradeOrder() {
		throw new IllegalStateException("skeleton");
	}

	public Optional<Revision> find(String id) {
		throw new IllegalStateException("skeleton");
	}

	/** The revision of that exact id; an {@code UnknownRevisionException} otherwise. */
	public Revision get(String id) {
		throw new IllegalStateException("skeleton");
	}

	/** The heads: revisions with no children (effective heads included, as Alembic's heads). */
	public List<Revision> heads() {
		throw new IllegalStateException("skeleton");
	}

	public List<Revision> bases() {
		throw new IllegalStateException("skeleton");
	}

	public List<Revision> branchPoints() {
		throw new IllegalStateException("skeleton");
	}

	public List<String> children(String id) {
		throw new IllegalStateException("skeleton");
	}

	public boolean isHead(String id) {
		throw new IllegalStateException("skeleton");
	}

	public boolean isBranchPoint(String id) {
		throw new IllegalStateException("skeleton");
	}

	/** The branch labels of a revision, declared and inherited, as Alembic shows them. */
	public Set<String> branchLabels(String id) {
		throw new IllegalStateException("skeleton");
	}

	/** Every revision implied by the given heads: them, their ancestors and dependencies. */
	public Set<String> applied(Collection<String> currentHeads) {
		throw new IllegalStateException("skeleton");
	}

	/**
	 * Resolves a target of SPEC §3 to revision ids ({@code base} gives an empty set), relative
	 * forms against {@code currentHeads}.
	 */
	public Set<String> resolve(String target, Collection<String> currentHeads) {
		throw new IllegalStateException("skeleton");
	}

	public Plan upgrade(Collection<String> currentHeads, String target) {
		throw new IllegalStateException("skeleton");
	}

	public Plan downgrade(Collection<String> currentHeads, String target) {
		throw new IllegalStateException("skeleton");
	}

	public Plan stamp(Collection<String> currentHeads, List<String> targets, boolean purge) {
		throw new IllegalStateException("skeleton");
	}

	/** Revisions of a range {@code [start]:[end]} (or all when {@code null}), newest first. */
	public List<Revision> history(String range, Collection<String> currentHeads) {
		throw new IllegalStateException("skeleton");
	}

}
