package dev.retort.command;

import java.util.List;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.Database;

/** {@code retort current}: the database's version rows and whether they are the heads. Read-only. */
public final class CurrentCommand {

	private final CommandContext context;

	public CurrentCommand(CommandContext context) {
		this.context = context;
	}

	public CurrentResult run() {
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			// From the history summary the state has read already: no query of its own. The operator
			// looks here first, and the upgrade after it would refuse such a file.
			List<ChecksumMismatchException.Mismatch> changed = this.context.config().validateChecksums()
					? state.checksumMismatches(this.context.scripts()) : List.of();
			List<String> heads = graph.realHeads().stream().map(Revision::id).toList();
			// Rows that overlap are shown, not refused: this is the command that tells what the table
			// holds. No plan can be made from them (upgrade refuses them), so they are not up to date.
			List<String> overlapping = List.copyOf(graph.overlappingRows(state.known()).keySet());
			if (!overlapping.isEmpty()) {
				return new CurrentResult(state.rows(), heads, false, state.ahead(), overlapping, changed);
			}
			DatabaseState planned = state.asUpgradeFinds(database, this.context.config(), graph);
			boolean upToDate = planned.pending(graph.upgrade(planned.known(), "heads")).isEmpty();
			return new CurrentResult(state.rows(), heads, upToDate, state.ahead(), overlapping, changed);
		}
	}

}
