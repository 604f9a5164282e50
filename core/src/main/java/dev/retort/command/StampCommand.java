package dev.retort.command;

import java.util.ArrayList;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * {@code retort stamp REV... [--purge] [--sql]}: set the version table to revisions without
 * running them; {@code --purge} first empties it (for a version table holding unknown rows).
 */
public final class StampCommand {

	private final CommandContext context;

	public StampCommand(CommandContext context) {
		this.context = context;
	}

	public MigrationResult run(List<String> revisions, boolean purge) {
		List<String> targets = required(revisions);
		String command = "stamp " + String.join(" ", targets) + (purge ? " --purge" : "");
		return new OnlineMigration(this.context).run(command, false, (graph, state) -> {
			if (purge) {
				// --purge forgets the rows, known or not, without resolving them; its history row
				// still records them as from_heads, the audit of what was thrown away.
				return graph.stamp(state.rows(), targets, true);
			}
			if (state.ahead()) {
				throw new dev.retort.runtime.DatabaseAheadException("The database is at "
						+ String.join(", ", state.unknown()) + ", which no revision file declares; '" + command
						+ "' cannot move it. Use 'stamp --purge' to replace every row.", state.unknown());
			}
			return graph.stamp(state.known(), targets, false);
		});
	}

	/**
	 * The psql script of a stamp. {@code FROM:TO} gives the start explicitly; with several
	 * targets (one per branch) each may carry it, as in Alembic, as long as they name one start.
	 */
	public OfflineScript sql(List<String> revisions) {
		List<String> targets = required(revisions);
		OfflineMigration offline = new OfflineMigration(this.context);
		String from = null;
		List<String> to = new ArrayList<>();
		for (String target : targets) {
			String[] range = OfflineMigration.splitRange(target);
			if (range == null) {
				to.add(target);
				continue;
			}
			if (from != null && !from.equals(range[0])) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "'stamp --sql' starts from one place, but '"
						+ String.join(" ", targets) + "' names two starts ('" + from + "' and '" + range[0] + "')."
						+ " Give the start once, e.g. 'retort stamp " + from + ":REV REV --sql'.");
			}
			from = range[0];
			to.add(range[1]);
		}
		List<String> start = offline.startingHeads(from, (graph, state) -> graph.stamp(state.known(), to, false));
		OfflineScript script = offline.render(this.context.graph().stamp(start, to, false),
				"stamp " + String.join(" ", targets));
		return (from != null) ? script
				: offline.noteStartAtBase(script, "retort stamp current:" + String.join(" ", targets) + " --sql");
	}

	private static List<String> required(List<String> revisions) {
		if (revisions == null || revisions.isEmpty()) {
			throw new RetortException(ErrorCode.INVALID_TARGET,
					"stamp needs at least one revision: a revision id, 'heads', or 'base'.");
		}
		return revisions.stream().map(String::strip).toList();
	}

}
