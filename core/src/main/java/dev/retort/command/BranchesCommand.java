package dev.retort.command;

/** {@code retort branches}: the branch points of the scripts. Never connects. */
public final class BranchesCommand {

	private final CommandContext context;

	public BranchesCommand(CommandContext context) {
		this.context = context;
	}

	public BranchesResult run() {
		return new BranchesResult(this.context.graph()
			.branchPoints()
			.stream()
			.map((revision) -> this.context.info(revision, null))
			.toList());
	}

}
