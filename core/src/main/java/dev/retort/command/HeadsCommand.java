package dev.retort.command;

/** {@code retort heads}: the heads of the scripts. Never connects. */
public final class HeadsCommand {

	private final CommandContext context;

	public HeadsCommand(CommandContext context) {
		this.context = context;
	}

	public HeadsResult run() {
		return new HeadsResult(
				this.context.graph().heads().stream().map((revision) -> this.context.info(revision, null)).toList());
	}

}
