package dev.retort.command;

import java.util.List;
import java.util.Set;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.Step;

/** {@code retort upgrade [REV] [--sql]}: apply revisions up to a target (default {@code heads}). */
public final class UpgradeCommand {

	private final CommandContext context;

	public UpgradeCommand(CommandContext context) {
		this.context = context;
	}

	/** Upgrades the database to {@code target}; with {@code retort.baseline}, stamps a non-empty schema first. */
	public MigrationResult run(String target) {
		String resolvedTarget = OnlineMigration.refuseRange("upgrade", target(target));
		return new OnlineMigration(this.context).run("upgrade " + resolvedTarget, true,
				(graph, state) -> graph.upgrade(state.known(), resolvedTarget));
	}

	/** The psql script of an upgrade to {@code target}, or of {@code FROM:TO}. */
	public OfflineScript sql(String target) {
		String resolvedTarget = target(target);
		OfflineMigration offline = new OfflineMigration(this.context);
		String[] range = OfflineMigration.splitRange(resolvedTarget);
		String to = (range != null) ? target(range[1]) : resolvedTarget;
		String from = (range != null) ? range[0] : null;
		// From 'current', where the database stands, as online: a schema built before Retort is stamped
		// at the baseline first.
		OfflineMigration.Start start = offline.startingPoint(from, true,
				(graph, state) -> graph.upgrade(state.known(), to));
		RevisionGraph graph = this.context.graph();
		OfflineScript script = (start.nothingToDo() != null)
				? offline.render(null, new Plan(Step.Operation.UPGRADE, start.heads(), start.heads(), List.of()),
						"upgrade " + resolvedTarget, start.nothingToDo())
				: offline.render(start.baseline(), graph.upgrade(start.heads(), to), "upgrade " + resolvedTarget,
						below(graph, start.heads(), to));
		return (from != null) ? script
				: offline.noteStartAtBase(script, "retort upgrade current:" + resolvedTarget + " --sql");
	}

	/**
	 * Why an upgrade from {@code heads} to {@code target} has nothing to run when the target lies
	 * below them, as {@code heads:base} does; {@code null} when it does not. Alembic writes an empty
	 * script for such a range and so does Retort, but says that upgrade never moves down.
	 */
	private static String below(RevisionGraph graph, List<String> heads, String target) {
		if (heads.isEmpty()) {
			return null;
		}
		Set<String> targets = graph.resolve(target, heads);
		boolean strictlyBelow = graph.applied(heads).containsAll(targets)
				&& (targets.isEmpty() || !heads.containsAll(targets));
		if (!strictlyBelow) {
			return null;
		}
		String to = targets.isEmpty() ? "base" : String.join(", ", targets);
		String start = String.join(", ", heads);
		return to + " is below " + start + ", where this script starts, and an upgrade never moves down (to write"
				+ " that, use 'retort downgrade " + (heads.size() == 1 ? start : "FROM") + ":" + target + " --sql')";
	}

	private String target(String target) {
		String result = (target == null || target.isBlank()) ? "heads" : target.strip();
		// The graph only when asked for: the revisions may still be loading (ScriptLoad).
		if (this.context.config().failOnMultipleHeads() && result.equals("heads")) {
			// A head only depended on is pulled in by its dependent, as 'heads' resolves: no branch to merge.
			List<String> heads = this.context.graph().realHeads().stream().map(Revision::id).toList();
			if (heads.size() > 1) {
				throw new RetortException(ErrorCode.MULTIPLE_HEADS, "Multiple heads are present ("
						+ String.join(", ", heads) + ") and 'retort.fail-on-multiple-heads' is set; merge them first:"
						+ " retort merge -m \"merge\" " + String.join(" ", heads));
			}
		}
		return result;
	}

}
