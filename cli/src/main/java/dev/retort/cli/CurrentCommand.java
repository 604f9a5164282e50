package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.retort.Retort;
import dev.retort.command.CurrentResult;
import dev.retort.command.HistoryEntry;
import dev.retort.error.RetortException;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.InvalidIndex;
import dev.retort.revision.RevisionGraph;
import dev.retort.script.RevisionIds;
import picocli.CommandLine.Command;

/** {@code retort current [--verbose]}. */
@Command(name = "current", mixinStandardHelpOptions = true, sortOptions = false,
		header = "Show the database's current revision(s).",
		description = "Prints each revision in the version table, marked (head) when it is a head of the files, and, as Alembic does, the applied tip of a branch that only a dependency keeps applied. Never changes the database (not even to create the version table).",
		footerHeading = "%nExamples:%n",
		footer = { "  retort current", "  retort current --verbose", "  retort current --format json" })
final class CurrentCommand extends RetortCommand {

	@Override
	int run() {
		requireDatabase();
		Retort retort = retort();
		CurrentResult result = retort.current();
		if (json()) {
			printJson(result);
			return 0;
		}
		if (verbose()) {
			out().println("Current revision(s) for " + databaseDescription() + ":");
		}
		RevisionGraph graph = retort.graph();
		Map<String, List<String>> overlapping = result.overlapping().isEmpty() ? Map.of()
				: graph.overlappingRows(result.current());
		for (String revision : shown(graph, result.current())) {
			if (verbose()) {
				out().println(entry(retort, revision));
			}
			else {
				out().println(revision + (graph.contains(revision) ? treeMarkers(graph, revision) : "")
						+ (overlapping.containsKey(revision) ? " (an ancestor of " + String.join(", ", overlapping.get(revision))
								+ ": this row should not be there)" : ""));
			}
		}
		// The operator checks 'current' first: an applied file edited since is what the next upgrade
		// refuses (exit 2), so it is said here rather than found at 3 a.m. by that upgrade.
		for (ChecksumMismatchException.Mismatch changed : result.changed()) {
			note(changed.describe(retort.config().schema()) + (result.databaseAhead() ? ""
					: " Until then 'retort upgrade' and 'retort downgrade' refuse to run."));
		}
		// Behind its heads while another runner holds the lock: a deploy migrates it now, and the
		// upgrade the note would advise waits for that runner.
		String lockHolder = result.upToDate() ? null : retort.migrationLockHolder().orElse(null);
		if (result.current().isEmpty()) {
			List<String> alembic = retort.alembicVersionRows();
			// What the schema holds that Retort did not create, named as found (types and
			// functions count as much as tables): read only where a note depends on it.
			List<String> found = (alembic.isEmpty() && lockHolder == null) ? retort.schemaObjectsWithoutRetort()
					: List.of();
			if (!alembic.isEmpty()) {
				// Taking a database over from Alembic without the version table: 'upgrade' refuses.
				note("No revision applied in " + retort.config().versionTable() + ", but the schema holds alembic_version at "
						+ String.join(", ", alembic) + ": Alembic migrated this database. To take it over, set"
						+ " retort.version-table: alembic_version (RETORT_VERSION_TABLE=alembic_version).");
			}
			else if (lockHolder != null) {
				note("No revision applied: the database is at base; " + migrating(lockHolder));
			}
			else if (found.isEmpty()) {
				note("No revision applied: the database is at base. 'retort upgrade' applies every revision.");
			}
			else if (retort.config().baseline() != null) {
				// What 'upgrade' does here: the revisions before the baseline are not pending.
				note("No revision applied, but the schema holds " + kinds(found) + " Retort did not create: 'retort"
						+ " upgrade' stamps the baseline " + retort.config().baseline() + " ('retort.baseline': recorded as"
						+ " applied, not run), then applies the revisions after it.");
			}
			else {
				// A schema built by hand or by another tool (Flyway): every revision from base would
				// meet its tables ("already exists"). Say so before the first upgrade fails.
				note("No revision applied, but the schema holds " + kinds(found) + " Retort did not create (built by hand or"
						+ " by another tool, such as Flyway): 'retort upgrade' would run every revision from base on them."
						+ " Record the revision that describes the existing schema first: 'retort stamp REV', or"
						+ " 'retort.baseline: REV' (RETORT_BASELINE), which stamps it at the first upgrade.");
			}
		}
		else if (result.current().stream().anyMatch((revision) -> !graph.contains(revision)) && !quiet()
				&& unrecordedVersionRows(retort)) {
			// Neither the files nor the history know the rows: another tool wrote them (Alembic's table
			// taken over under new ids), and upgrade refuses them; a newer version is not the answer.
			List<String> unknown = result.current().stream().filter((revision) -> !graph.contains(revision)).toList();
			List<String> tooLong = unknown.stream().filter((row) -> row.length() > RevisionIds.MAX_LENGTH).toList();
			String rows = String.join(", ", unknown);
			note("The database holds " + rows + ", which no revision file declares and the history does not record:"
					+ " another tool (such as Alembic) or a hand-written row put it in the version table, not a newer"
					+ " version of the application. 'retort upgrade' refuses to start there, since "
					+ (unknown.size() == result.current().size() ? "it would run every revision from base. "
							: "nothing tells which revisions the database holds beside the rows the files declare. ")
					+ (tooLong.isEmpty()
							? "Give the revision that describes " + rows + " its id ('Revision ID: " + unknown.get(0)
									+ "'), or record where the database is with 'retort stamp --purge REV...'."
							: "Record where the database is with 'retort stamp --purge REV...', REV the revision that"
									+ " describes it here (" + String.join(", ", tooLong) + " cannot be a revision file's id:"
									+ " it has " + tooLong.get(0).length() + " characters, and Retort's have at most "
									+ RevisionIds.MAX_LENGTH + ")."));
		}
		else if (result.current().stream().anyMatch((revision) -> !graph.contains(revision))) {
			// Ahead, not behind: 'retort upgrade' would refuse to move past what it does not know.
			note("The database holds " + String.join(", ",
					result.current().stream().filter((revision) -> !graph.contains(revision)).toList())
					+ ", which no revision file declares: a newer version of the application (or another branch"
					+ " of the code) migrated it. Run commands from that version, or add the missing revision files."
					// The command line misses the application's Migration beans; the application has them.
					+ (embedded() ? "" : " (A Migration bean is read by the application only: then run 'java -jar"
							+ " app.jar retort current'.)"));
			// Or no newer version at all: a rebase or a rename gave an applied revision a new id.
			java.util.Map<String, String> renamed = retort.renamedRevisions();
			if (!renamed.isEmpty()) {
				note("The history shows applied what no file declares but a file holds under another id (same upgrade"
						+ " SQL): " + String.join(", ", renamed.entrySet().stream()
							.map((entry) -> entry.getKey() + " as " + entry.getValue()).toList())
						+ ". A rebase or a rename may have changed an id; 'retort validate' says what to do.");
			}
		}
		else if (!overlapping.isEmpty()) {
			// What every plan refuses, and the stamp that replaces the rows: the schema is most likely at
			// the rows above (the row below them was left behind, not moved).
			List<String> above = result.current().stream()
				.filter((row) -> graph.contains(row) && !overlapping.containsKey(row))
				.distinct()
				.toList();
			for (Map.Entry<String, List<String>> row : overlapping.entrySet()) {
				note("The version table holds both " + row.getKey() + " and " + String.join(", ", row.getValue()) + ", but "
						+ row.getKey() + " is an ancestor of " + String.join(", ", row.getValue())
						+ ": its row should not be there (a hand edit, or a tool that inserted a row instead of moving one).");
			}
			note("upgrade, downgrade and stamp refuse these rows. If the schema is at " + String.join(", ", above)
					+ " (as the rows above say), replace the rows: retort stamp --purge " + String.join(" ", above));
		}
		else if (!result.upToDate()) {
			note("Not up to date: the heads are " + String.join(", ", result.heads()) + "; "
					+ ((lockHolder != null) ? migrating(lockHolder) : "'retort upgrade' applies what is pending."));
		}
		List<String> repeated = result.current().stream()
			.filter((row) -> result.current().indexOf(row) != result.current().lastIndexOf(row))
			.distinct()
			.toList();
		if (!repeated.isEmpty()) {
			// upgrade, downgrade and stamp refuse these rows: say so before they are tried.
			note("The version table holds " + String.join(", ", repeated) + " more than once (it has no primary key):"
					+ " upgrade, downgrade and stamp refuse to move such rows. 'retort stamp --purge REV...' replaces them.");
		}
		if (!quiet()) {
			// One read of pg_index: an INVALID index is otherwise unseen until the next upgrade fails on it.
			for (InvalidIndex invalid : retort.invalidIndexes()) {
				note("Index " + invalid.name() + " on " + invalid.table() + " is INVALID, left by a CREATE INDEX"
						+ " CONCURRENTLY that was killed or failed: drop it (DROP INDEX CONCURRENTLY " + invalid.name()
						+ "); 'retort validate' names the revision that creates it and how to build it again.");
			}
			lastFailure(retort);
		}
		return 0;
	}

	/** That another runner holds the lock, and what it migrates: an upgrade now would wait for it. */
	/** "tables", "tables and functions", "tables, types and functions". */
	private static String kinds(List<String> found) {
		if (found.size() == 1) {
			return found.get(0);
		}
		return String.join(", ", found.subList(0, found.size() - 1)) + " and " + found.get(found.size() - 1);
	}

	private static String migrating(String lockHolder) {
		return "the migration lock is " + lockHolder + ". 'retort upgrade' would wait for it; 'retort current' again"
				+ " shows where it got.";
	}

	/**
	 * When the newest history row is a failed step, what it said: a deploy failed, and running it
	 * again unchanged would likely meet the same error.
	 */
	private void lastFailure(Retort retort) {
		HistoryEntry failed = retort.lastRun().orElse(null);
		if (failed == null || failed.success()) {
			return;
		}
		// A failed row's heads are both those before it, so the revision says what it ran.
		note("The last run failed (" + failed.operation() + " of "
				+ ((failed.revision() != null) ? failed.revision() : "base") + ", started " + failed.startedAt()
				+ " by " + failed.appliedBy() + "); what it said:\n  "
				+ String.valueOf(failed.error()).replace("\n", "\n  "));
	}

	/**
	 * What Alembic's {@code current} shows: the version rows, then the applied tip of each branch
	 * that only a dependency keeps applied (rows {@code 5e8b} depending on {@code 27c6} show
	 * {@code 27c6} too), which has no row of its own. Rows no file declares (the database is
	 * ahead of these files) are shown as they are.
	 */
	private static List<String> shown(RevisionGraph graph, List<String> rows) {
		List<String> shown = new ArrayList<>(rows);
		for (String implied : graph.current(rows.stream().filter(graph::contains).toList())) {
			if (!shown.contains(implied)) {
				shown.add(implied);
			}
		}
		return shown;
	}

	/** As Alembic's {@code current}: {@code (head)} or {@code (effective head)}, {@code (branchpoint)}, {@code (mergepoint)}. */
	private static String treeMarkers(RevisionGraph graph, String revision) {
		return RevisionText.headMarker(revision, graph) + (graph.isBranchPoint(revision) ? " (branchpoint)" : "")
				+ (graph.get(revision).isMerge() ? " (mergepoint)" : "");
	}

	private static String entry(Retort retort, String revision) {
		try {
			return RevisionText.entry(retort.show(revision).revision(), retort.graph(), true);
		}
		catch (RetortException ex) {
			// The database may be ahead of these files (an older checkout): say so, don't fail.
			return "Rev: " + revision + " (not in the revision files: " + ex.getMessage() + ")\n";
		}
	}

}
