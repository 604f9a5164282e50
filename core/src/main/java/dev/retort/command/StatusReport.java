package dev.retort.command;

import java.util.List;

/**
 * Where a database stands, read-only: the body of {@code GET /actuator/migrations} (SPEC §7).
 *
 * @param schema schema of the version tables
 * @param versionTable name of the version table
 * @param current version rows
 * @param heads heads of the scripts
 * @param upToDate whether nothing is pending (and the version rows do not overlap, which an upgrade
 * refuses)
 * @param databaseAhead whether the database holds revisions the scripts do not know
 * @param pending revisions an upgrade to heads would apply, in order
 * @param revisions every revision, newest first, with its state
 * @param history rows of the history table, newest first
 * @param lastMigration the last history row, or {@code null}
 * @param lock the migration lock
 */
public record StatusReport(String schema, String versionTable, List<String> current, List<String> heads,
		boolean upToDate, boolean databaseAhead, List<RevisionInfo> pending, List<RevisionInfo> revisions,
		List<HistoryEntry> history, LastMigration lastMigration, LockInfo lock) {

	public StatusReport {
		current = List.copyOf(current);
		heads = List.copyOf(heads);
		pending = List.copyOf(pending);
		revisions = List.copyOf(revisions);
		history = List.copyOf(history);
	}

}
