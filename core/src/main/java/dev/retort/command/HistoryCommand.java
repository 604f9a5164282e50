package dev.retort.command;

import java.util.List;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.Database;

/**
 * {@code retort history [-r RANGE]}: revisions newest first; when the database is read, each
 * with its state (applied, pending, other-branch). Read-only.
 */
public final class HistoryCommand {

	private final CommandContext context;

	public HistoryCommand(CommandContext context) {
		this.context = context;
	}

	public HistoryResult run(String range, boolean readDatabase) {
		RevisionGraph graph = this.context.graph();
		if (!readDatabase) {
			List<Revision> revisions = graph.history(blankToNull(range), List.of());
			return new HistoryResult(revisions.stream().map((revision) -> this.context.info(revision, null)).toList());
		}
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			RevisionStates states = new RevisionStates(graph, state);
			List<Revision> revisions = graph.history(blankToNull(range), state.known());
			return new HistoryResult(revisions.stream()
				.map((revision) -> this.context.info(revision, states.of(revision.id())))
				.toList());
		}
	}

	private static String blankToNull(String range) {
		return (range == null || range.isBlank()) ? null : range.strip();
	}

}
