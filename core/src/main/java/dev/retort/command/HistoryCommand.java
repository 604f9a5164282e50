package dev.retort.command;

import java.util.Arrays;
import java.util.List;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.Database;
import dev.retort.runtime.DatabaseAheadException;

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
			if (state.ahead() && namesCurrent(range)) {
				// The known rows alone would place 'current' at base: 'current:' would list
				// revisions already applied as if they were still to come.
				throw new DatabaseAheadException("The database is at " + String.join(", ", state.unknown())
						+ ", which no revision file declares (a newer version of the application migrated it):"
						+ " 'current' in the range '" + range.strip() + "' cannot be placed in these files. Name a"
						+ " revision instead, or run history from the newer version.", state.unknown());
			}
			RevisionStates states = new RevisionStates(graph,
					state.asUpgradeFinds(database, this.context.config(), graph));
			List<Revision> revisions = graph.history(blankToNull(range), state.known());
			return new HistoryResult(revisions.stream()
				.map((revision) -> this.context.info(revision, states.of(revision.id())))
				.toList());
		}
	}

	/**
	 * Whether an end of the range {@code start:end} is {@code current}, the one end that needs the
	 * database: not a range without its colon (malformed), nor a label that contains the word.
	 * @param range the range, or {@code null}
	 * @return whether the range names {@code current}
	 */
	public static boolean namesCurrent(String range) {
		return range != null && range.contains(":")
				&& Arrays.stream(range.split(":", -1)).anyMatch((end) -> end.strip().equals("current"));
	}

	private static String blankToNull(String range) {
		return (range == null || range.isBlank()) ? null : range.strip();
	}

}
