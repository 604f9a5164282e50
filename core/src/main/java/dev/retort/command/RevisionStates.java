package dev.retort.command;

import java.util.List;
import java.util.Set;

import dev.retort.revision.RevisionGraph;

/**
 * The state of each revision where a database was read: {@code applied} (implied by the version
 * rows, or shown applied by the history below rows the scripts do not know), {@code pending}
 * (not applied, and on a branch the database has started, or any revision of a database at
 * base), {@code other-branch} (not applied, and no ancestor of it is: a branch this database
 * never started).
 */
final class RevisionStates {

	static final String APPLIED = "applied";

	static final String PENDING = "pending";

	static final String OTHER_BRANCH = "other-branch";

	private final RevisionGraph graph;

	private final DatabaseState state;

	private final Set<String> applied;

	RevisionStates(RevisionGraph graph, DatabaseState state) {
		this.graph = graph;
		this.state = state;
		this.applied = state.applied(graph);
	}

	String of(String id) {
		if (isApplied(id)) {
			return APPLIED;
		}
		if (this.applied.isEmpty() && !this.state.ahead()) {
			return PENDING;
		}
		for (String ancestor : this.graph.applied(List.of(id))) {
			if (!ancestor.equals(id) && isApplied(ancestor)) {
				return PENDING;
			}
		}
		return OTHER_BRANCH;
	}

	private boolean isApplied(String id) {
		return this.applied.contains(id) || (this.state.ahead() && this.state.historyShowsApplied(id));
	}

}
