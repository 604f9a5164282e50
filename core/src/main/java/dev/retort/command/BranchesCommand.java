package dev.retort.command;

import java.util.List;

import dev.retort.revision.RevisionGraph;

/** {@code retort branches}: the branch points of the scripts. Never connects. */
public final class BranchesCommand {

	private final CommandContext context;

	public BranchesCommand(CommandContext context) {
		this.context = context;
	}

	public BranchesResult run() {
		RevisionGraph graph = this.context.graph();
		// Newest first, in the order history lists them, as alembic branches prints them: in load
		// order (file names, so random ids) a branch point and the one it grew from came either way.
		return new BranchesResult(graph.history(null, List.of())
			.stream()
			.filter((revision) -> graph.isBranchPoint(revision.id()))
			.map((revision) -> this.context.info(revision, null))
			.toList());
	}

}
