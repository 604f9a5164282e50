package dev.retort.command;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** {@code retort downgrade REV [--sql FROM:TO]}: revert revisions down to a target. */
public final class DowngradeCommand {

	private final CommandContext context;

	public DowngradeCommand(CommandContext context) {
		this.context = context;
	}

	/** Downgrades the database to {@code target} (required: a revision, {@code -1}, {@code base}…). */
	public MigrationResult run(String target) {
		String resolvedTarget = OnlineMigration.refuseRange("downgrade", required(target));
		return new OnlineMigration(this.context).run("downgrade " + resolvedTarget, false,
				(graph, state) -> graph.downgrade(state.known(), resolvedTarget));
	}

	/** The psql script of a downgrade; offline there is no database to start from, so FROM:TO is required. */
	public OfflineScript sql(String range) {
		String resolvedRange = required(range);
		String[] parts = OfflineMigration.splitRange(resolvedRange);
		if (parts == null || parts[0].isBlank() || parts[1].isBlank()) {
			throw new RetortException(ErrorCode.OFFLINE_UNSUPPORTED, "downgrade with --sql needs FROM:TO (got '"
					+ resolvedRange + "'): a script cannot read where the database stands. Example: retort downgrade"
					+ " --sql ae1027a6acf3:base");
		}
		OfflineMigration offline = new OfflineMigration(this.context);
		List<String> start = offline.startingHeads(parts[0],
				(graph, state) -> graph.downgrade(state.known(), parts[1]));
		refuseSwappedEnds(start, parts);
		return offline.render(this.context.graph().downgrade(start, parts[1]), "downgrade " + resolvedRange);
	}

	/**
	 * A range whose end lies above its start (typed the other way round): the planner's advice
	 * for an online downgrade ("use 'retort upgrade'") would drop the start; a script names both
	 * ways to read it. A target it cannot place is left to the planner's own message.
	 */
	private void refuseSwappedEnds(List<String> start, String[] parts) {
		dev.retort.revision.RevisionGraph graph = this.context.graph();
		java.util.Set<String> targets;
		try {
			targets = graph.resolve(parts[1], start);
		}
		catch (RetortException ex) {
			return;
		}
		java.util.Set<String> applied = graph.applied(start);
		if (start.isEmpty() || targets.isEmpty() || targets.stream().anyMatch(applied::contains)
				|| !graph.applied(targets).containsAll(start)) {
			return;
		}
		String from = parts[0].strip();
		String to = parts[1].strip();
		throw new RetortException(ErrorCode.INVALID_TARGET, "downgrade --sql " + from + ":" + to + " runs down from "
				+ from + " to " + to + ", but " + String.join(", ", targets) + " lies above " + String.join(", ", start)
				+ ": the ends are swapped. The downgrade from " + to + " to " + from + " is 'retort downgrade " + to + ":"
				+ from + " --sql'; the upgrade from " + from + " to " + to + " is 'retort upgrade " + from + ":" + to
				+ " --sql'.");
	}

	private static String required(String target) {
		if (target == null || target.isBlank()) {
			throw new RetortException(ErrorCode.INVALID_TARGET,
					"downgrade needs a target revision: a revision id, '-1', 'label@-1' or 'base'.");
		}
		return target.strip();
	}

}
