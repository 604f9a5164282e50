package dev.retort.command;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;

/**
 * The state of each revision where a database was read: {@code applied} (implied by the version
 * rows, or shown applied by the history below rows the scripts do not know), {@code pending}
 * (not applied, and on a branch the database has started, or needed by a revision that is, or
 * any revision of a database at base), {@code other-branch} (not applied, and neither an ancestor
 * of it is nor a revision it leads to needs it: a branch this database never started).
 */
final class RevisionStates {

	static final String APPLIED = "applied";

	static final String PENDING = "pending";

	static final String OTHER_BRANCH = "other-branch";

	private final DatabaseState state;

	private final Set<String> applied;

	/** Revisions that are applied or have an applied ancestor: computed once, in one pass. */
	private final Set<String> started = new HashSet<>();

	RevisionStates(RevisionGraph graph, DatabaseState state) {
		this.state = state;
		this.applied = state.applied(graph);
		// One walk from bases to heads instead of an ancestor walk per revision, so a status
		// of 10,000 revisions stays linear.
		List<Revision> order = graph.upgradeOrder();
		for (Revision revision : order) {
			if (isApplied(revision.id()) || anyStarted(graph.requirements(revision.id()))) {
				this.started.add(revision.id());
			}
		}
		// What a started revision needs is pending with it (the root of a branch whose next
		// revision depends on an applied one): heads first, so a need passes down a whole line.
		for (int i = order.size() - 1; i >= 0; i--) {
			String id = order.get(i).id();
			if (this.started.contains(id) && !isApplied(id)) {
				this.started.addAll(graph.requirements(id));
			}
		}
	}

	private boolean anyStarted(List<String> ids) {
		for (String id : ids) {
			if (this.started.contains(id)) {
				return true;
			}
		}
		return false;
	}

	String of(String id) {
		if (isApplied(id)) {
			return APPLIED;
		}
		if (this.applied.isEmpty() && !this.state.ahead()) {
			return PENDING;
		}
		return this.started.contains(id) ? PENDING : OTHER_BRANCH;
	}

	private boolean isApplied(String id) {
		return this.applied.contains(id) || (this.state.ahead() && this.state.historyShowsApplied(id));
	}

}
