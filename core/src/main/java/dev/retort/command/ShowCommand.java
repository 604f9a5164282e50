package dev.retort.command;

import java.util.List;
import java.util.Set;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;
import dev.retort.runtime.MigrationRunner;
import dev.retort.script.RevisionScript;

/**
 * {@code retort show REV}: one revision with its SQL; a Java revision is rendered through the
 * offline executor. Never connects.
 */
public final class ShowCommand {

	private final CommandContext context;

	public ShowCommand(CommandContext context) {
		this.context = context;
	}

	public ShowResult run(String revision) {
		if (revision == null || revision.isBlank()) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "show needs a revision: an id, a prefix or 'head'.");
		}
		Set<String> ids = this.context.graph().resolve(revision.strip(), List.of());
		if (ids.size() != 1) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "'" + revision + "' names " + ids.size()
					+ " revisions (" + String.join(", ", ids) + "); show takes exactly one.");
		}
		RevisionScript script = this.context.script(ids.iterator().next());
		Revision resolved = script.revision();
		RevisionInfo info = this.context.info(resolved, null);
		if (script.body() instanceof RevisionScript.SqlBody sql) {
			return new ShowResult(info, sql.upgradeText(), sql.downgradeText());
		}
		String upgrade = MigrationRunner.render(script, true);
		String downgrade = resolved.reversible() ? MigrationRunner.render(script, false) : null;
		return new ShowResult(info, upgrade, downgrade);
	}

}
