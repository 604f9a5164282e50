package dev.retort.command;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.runtime.Database;

/**
 * {@code baseline REV} (SPEC §6): adopt a schema that was built without Retort by stamping the
 * revision that describes it. Only for a non-empty schema with no version table: anywhere else
 * it would hide real work.
 */
public final class BaselineCommand {

	private final CommandContext context;

	public BaselineCommand(CommandContext context) {
		this.context = context;
	}

	public MigrationResult run(String revision) {
		if (revision == null || revision.isBlank()) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "baseline needs the revision the schema is at.");
		}
		String target = revision.strip();
		try (Database database = this.context.openDatabase()) {
			boolean hasVersionTable = database.readRecorded().heads().isPresent();
			String schema = database.names().schema();
			if (hasVersionTable) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "Schema '" + schema + "' already has "
						+ this.context.config().versionTable() + ": baseline is only for a schema Retort has never"
						+ " migrated. Use 'retort stamp " + target + "' to move the version explicitly.");
			}
			if (!database.schemaHasOtherObjects()) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "Schema '" + schema
						+ "' is empty: there is nothing to baseline. Run 'retort upgrade' to build it from the revisions.");
			}
		}
		return new OnlineMigration(this.context).run("baseline " + target, false, (graph, state) -> {
			if (state.versionTableExists()) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "Another process created "
						+ this.context.config().versionTable() + " meanwhile: baseline is only for a schema Retort has"
						+ " never migrated.");
			}
			return graph.stamp(List.of(), List.of(target), false);
		});
	}

}
