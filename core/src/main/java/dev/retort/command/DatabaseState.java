package dev.retort.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.retort.config.RetortConfig;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.AppliedRevision;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.Database;
import dev.retort.runtime.DatabaseAheadException;
import dev.retort.runtime.JavaChecksum;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.script.RevisionIds;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.SqlRevisionParser;

/**
 * Where the database stands, read in two queries (version rows, history summary) whatever the
 * number of revisions: its version rows split into those the scripts know and those they do not
 * (the database is ahead), and what the history says of each revision.
 *
 * @param versionTableExists whether the version table exists
 * @param historyTableExists whether the history table exists
 * @param rows the version rows
 * @param known rows the scripts declare
 * @param unknown rows the scripts do not declare
 * @param history what the history says of each revision (empty without a history table)
 * @param appliedPerHistory the revisions the history shows applied, with all they needed; read
 * only when the database is ahead (empty otherwise)
 */
record DatabaseState(boolean versionTableExists, boolean historyTableExists, List<String> rows, List<String> known,
		List<String> unknown, Map<String, AppliedRevision> history, Set<String> appliedPerHistory) {

	DatabaseState {
		// The table's rows come in its physical order, which each UPDATE changes: sorted, the same
		// rows print the same 'current' and JSON whatever order the branches were applied in.
		rows = sorted(rows);
		known = sorted(known);
		unknown = sorted(unknown);
		history = Map.copyOf(history);
		appliedPerHistory = Set.copyOf(appliedPerHistory);
	}

	private static List<String> sorted(List<String> ids) {
		return ids.stream().sorted().toList();
	}

	/** Reads the state; never creates anything. */
	static DatabaseState read(Database database, RevisionGraph graph) {
		return of(database.readRecorded(), graph);
	}

	/** The state of what the tables hold, against the revisions. */
	static DatabaseState of(Database.RecordedState recorded, RevisionGraph graph) {
		Optional<List<String>> rows = recorded.heads();
		Optional<Map<String, AppliedRevision>> history = recorded.applied();
		return of(rows.isPresent(), history.isPresent(), rows.orElse(List.of()), history.orElse(Map.of()), graph);
	}

	static DatabaseState of(boolean versionTableExists, boolean historyTableExists, List<String> rows,
			Map<String, AppliedRevision> history, RevisionGraph graph) {
		List<String> known = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String row : rows) {
			(graph.find(row).isPresent() ? known : unknown).add(row);
		}
		Set<String> appliedPerHistory = unknown.isEmpty() ? Set.of() : appliedPerHistory(history, graph);
		return new DatabaseState(versionTableExists, historyTableExists, rows, known, unknown, history,
				appliedPerHistory);
	}

	/**
	 * The revisions the history shows applied, and every revision below them: one is applied
	 * only after its ancestors and dependencies, and a stamp applies them without a row of their
	 * own (the baseline of a schema another tool built: only the baseline has a row).
	 */
	private static Set<String> appliedPerHistory(Map<String, AppliedRevision> history, RevisionGraph graph) {
		List<String> applied = history.values()
			.stream()
			.filter(AppliedRevision::applied)
			.map(AppliedRevision::revision)
			.filter(graph::contains)
			.toList();
		return applied.isEmpty() ? Set.of() : graph.applied(applied);
	}

	/** A database nobody has migrated yet (offline, no database configured). */
	static DatabaseState empty() {
		return new DatabaseState(false, false, List.of(), List.of(), List.of(), Map.of(), Set.of());
	}

	/**
	 * Whether Retort never migrated this schema: no version table, or one with no row and no
	 * successful step in the history (a first run that failed leaves both tables, empty). A
	 * schema downgraded to base has successful steps, so it is not such a schema.
	 */
	boolean neverMigrated() {
		return !this.versionTableExists || (this.rows.isEmpty() && this.history.isEmpty());
	}

	/**
	 * Whether the next upgrade stamps {@code retort.baseline} first: it is set, Retort never
	 * migrated the schema, and the schema holds tables (another tool built it).
	 */
	boolean stampsBaseline(Database database, RetortConfig config) {
		return config.baseline() != null && builtWithoutRetort(database);
	}

	/**
	 * Whether Retort never migrated the schema and it holds tables: a schema built another way (by
	 * hand, by Flyway), which needs a baseline.
	 */
	boolean builtWithoutRetort(Database database) {
		return neverMigrated() && database.schemaHasOtherObjects();
	}

	/**
	 * The state the next upgrade plans from: this one, or, when it stamps {@code retort.baseline}
	 * first, the baseline's, whose revisions and everything below them are stamped, not run. What
	 * is pending is read from it, so that the endpoint, the health contributor, the gauge and
	 * {@code on-startup=validate} count what an upgrade would run, not every revision from base.
	 * The version rows it reports stay those of the database.
	 */
	DatabaseState asUpgradeFinds(Database database, RetortConfig config, RevisionGraph graph) {
		if (!stampsBaseline(database, config)) {
			return this;
		}
		Plan stamp = OnlineMigration.baselineStamp(graph, config.baseline());
		return new DatabaseState(true, this.historyTableExists, this.rows, stamp.toHeads(), List.of(), this.history,
				Set.of());
	}

	/**
	 * The rows the version table holds more than once. Its primary key prevents that; a table
	 * without one (Alembic's {@code version_table_pk=False}, or one created before Alembic 0.8.10)
	 * does not, and every step would then move all of them at once.
	 */
	List<String> repeatedRows() {
		Set<String> seen = new HashSet<>();
		Set<String> repeated = new LinkedHashSet<>();
		for (String row : this.rows) {
			if (!seen.add(row)) {
				repeated.add(row);
			}
		}
		return List.copyOf(repeated);
	}

	/** Whether the database holds revisions the scripts do not know. */
	boolean ahead() {
		return !this.unknown.isEmpty();
	}

	/** Every revision the known rows imply (them, their ancestors and dependencies). */
	Set<String> applied(RevisionGraph graph) {
		return graph.applied(this.known);
	}

	/**
	 * Whether the history holds a step that applied this revision itself (not one that only
	 * needed it): what {@code validate} checks a revision below applied ones against.
	 */
	boolean historyRecordsApplied(String revision) {
		AppliedRevision applied = this.history.get(revision);
		return applied != null && applied.applied();
	}

	/**
	 * Whether the history shows this revision applied, itself or through a revision that needed
	 * it; read when the database is ahead.
	 */
	boolean historyShowsApplied(String revision) {
		return this.appliedPerHistory.contains(revision);
	}

	/**
	 * The revisions of an upgrade plan that really are pending. When the database is ahead, the
	 * plan (built from the known rows only) also lists revisions below the unknown rows; the
	 * history tells them apart.
	 */
	List<Revision> pending(Plan plan) {
		if (!ahead()) {
			return plan.revisions();
		}
		return plan.revisions().stream().filter((revision) -> !historyShowsApplied(revision.id())).toList();
	}

	/**
	 * Refuses a plan that would move past revisions the scripts do not know: a plan made from
	 * the known rows is safe only when the history shows none of its revisions applied (it runs
	 * on another branch). A plan whose revisions are all applied already means the database is
	 * ahead of this target: nothing to do. An upgrade from rows the history never recorded is
	 * refused, whatever its plan ({@link #refuseUnrecordedRows}).
	 * @return the plan to run (possibly empty)
	 */
	Plan guardAhead(Plan plan, String command, RevisionGraph graph) {
		if (!ahead()) {
			return plan;
		}
		boolean upgrade = plan.operation() == dev.retort.revision.Step.Operation.UPGRADE;
		if (upgrade) {
			refuseUnrecordedRows(plan, command);
		}
		if (plan.isEmpty()) {
			return plan;
		}
		long alreadyApplied = plan.revisions().stream().filter((r) -> historyShowsApplied(r.id())).count();
		if (upgrade && alreadyApplied == plan.revisions().size()) {
			return new Plan(plan.operation(), plan.fromHeads(), plan.fromHeads(), List.of());
		}
		if (upgrade) {
			refuseRenamed(plan, graph);
		}
		if (upgrade && alreadyApplied == 0) {
			return plan;
		}
		throw aheadError(command, null);
	}

	/**
	 * Refuses an upgrade from version rows that neither the files nor the history know. A newer
	 * version of the application records what it applies in the history; a row it never recorded
	 * was put in the version table another way (Alembic's version table taken over, a row written
	 * by hand), and nothing tells which revisions it stands above: with no known row the plan
	 * would start from base, and beside known rows it may stand above every revision of the plan.
	 * Upgrade asks this before it runs, and the status (the endpoint, the health contributor, the
	 * pending gauge, {@code on-startup=validate}) before it counts the plan as pending: one answer
	 * for both sides. Read from the rows and the history already read: no query of its own.
	 * @param plan an upgrade plan made from the known rows
	 * @param command the upgrade, as its error names it ({@code upgrade heads})
	 */
	void refuseUnrecordedRows(Plan plan, String command) {
		List<String> unrecorded = unrecorded();
		if (!unrecorded.isEmpty()) {
			throw unrecordedError("'" + command + "'", unrecorded, this.known.isEmpty());
		}
	}

	/**
	 * Refuses a script ({@code --sql} from {@code current}) that would start from rows the
	 * history never recorded, as upgrade refuses them ({@link #refuseUnrecordedRows}).
	 */
	void refuseScriptFromUnrecordedRows() {
		List<String> unrecorded = unrecorded();
		if (!unrecorded.isEmpty()) {
			throw unrecordedError("a script", unrecorded, false);
		}
	}

	/**
	 * The rows no file declares that the history never recorded applied: written by hand or by
	 * another tool, not by a newer version of the application, which records each step.
	 */
	List<String> unrecorded() {
		return this.unknown.stream().filter((row) -> !historyRecordsApplied(row)).toList();
	}

	/**
	 * The error for a command that starts from rows that neither the files nor the history know:
	 * nothing tells which revisions the database already holds.
	 * @param who what cannot start there ({@code 'upgrade heads'}, {@code a script})
	 * @param fromBase whether it would run every revision from base (an upgrade from no known row)
	 */
	private UnrecordedVersionRowsException unrecordedError(String who, List<String> unrecorded, boolean fromBase) {
		String rows = String.join(", ", unrecorded);
		return new UnrecordedVersionRowsException(unrecordedMessage(who, rows,
				fromBase ? null : String.join(", ", this.known), howToPlace(rows, unrecorded)), this.unknown);
	}

	/**
	 * The words of {@link #unrecordedError}, which a script's start guard also says, filled in
	 * with what it reads at run time ({@link dev.retort.runtime.ScriptStartGuard.UnrecordedRows}).
	 * @param known the known rows beside them ({@code ""} for none), or {@code null} when an
	 * upgrade would run every revision from base
	 * @param howToPlace {@link #howToPlace}'s advice
	 */
	static String unrecordedMessage(String who, String rows, String known, String howToPlace) {
		String why = (known == null)
				? who + " would run every revision from base though the database holds some of them already"
				: who + " cannot tell which revisions the database holds"
						+ (known.isEmpty() ? "" : " beside " + known + " (the row may stand above any of them)");
		return "The database is at " + rows + ", which no revision file declares and the history does not record"
				+ " (another tool, such as Alembic, or a hand-written row put it in the version table), so " + why
				+ ". Nothing was changed. " + howToPlace;
	}

	/**
	 * How to tell Retort where rows no file declares stand. An id too long for a revision file
	 * (an Alembic version table widened for hand-written ids) cannot be given back to the file
	 * that describes it, so only the stamp is offered.
	 */
	static String howToPlace(String rows, List<String> unrecorded) {
		List<String> tooLong = unrecorded.stream().filter((row) -> row.length() > RevisionIds.MAX_LENGTH).toList();
		if (!tooLong.isEmpty()) {
			return String.join(", ", tooLong) + " cannot be a revision file's id (" + tooLong.get(0).length()
					+ " characters; Retort's ids have at most " + RevisionIds.MAX_LENGTH + ", the varchar(" + RevisionIds.MAX_LENGTH
					+ ") of Alembic's own version table, which was widened here): record where the database is with"
					+ " 'retort stamp --purge REV...', REV the revision that describes it here.";
		}
		return "Give the revision that describes " + rows + " its id ('Revision ID: " + unrecorded.get(0)
				+ "'), or record where the database is with 'retort stamp --purge REV...'.";
	}

	/**
	 * Refuses a plan that would run, under a new id, a revision this database applied under its
	 * old one: a rebase or a rename changed the id, so no file declares the old one (the database
	 * looks ahead) and the new one looks pending. Told apart by the upgrade SQL's checksum; an
	 * empty upgrade (a merge) says nothing of where it came from.
	 */
	private void refuseRenamed(Plan plan, RevisionGraph graph) {
		for (Map.Entry<String, Revision> renamed : renamed(plan.revisions(), graph).entrySet()) {
			String old = renamed.getKey();
			Revision revision = renamed.getValue();
			throw new DatabaseAheadException("Revision " + revision.id() + " (" + revision.origin().at(
					revision.origin().idLine()) + ") has the upgrade SQL of " + old + " (checksum "
					+ revision.checksum() + "), which this database applied and no revision file declares any"
					+ " more: a rebase or a rename gave it a new id, and upgrade would run it a second time."
					+ " Nothing was changed. " + giveItsIdBack(old) + "; if it is a revision of its own, give it"
					+ " different SQL.", this.unknown);
		}
	}

	/**
	 * The revisions the history shows applied that no file declares, by the checksum of their
	 * upgrade: a file holding one of these under another id is that revision renamed. An empty
	 * upgrade (a merge) says nothing of where it came from, so it is left out.
	 */
	Map<String, String> undeclaredByChecksum(RevisionGraph graph) {
		Map<String, String> undeclared = new HashMap<>();
		// Hashed here, not when the class loads: every start reads a state, few ever ask this.
		String emptyUpgrade = SqlRevisionParser.checksum("");
		for (AppliedRevision recorded : this.history.values()) {
			if (recorded.applied() && recorded.checksum() != null && !recorded.checksum().equals(emptyUpgrade)
					&& !graph.contains(recorded.revision())) {
				undeclared.put(recorded.checksum(), recorded.revision());
			}
		}
		return undeclared;
	}

	/**
	 * Of {@code revisions}, those holding the upgrade SQL of a revision the history shows applied
	 * and no file declares, by that revision's id (the first of them, in their order): a rebase or
	 * a rename gave it a new id.
	 */
	Map<String, Revision> renamed(List<Revision> revisions, RevisionGraph graph) {
		Map<String, String> undeclaredByChecksum = undeclaredByChecksum(graph);
		Map<String, Revision> renamed = new LinkedHashMap<>();
		if (undeclaredByChecksum.isEmpty()) {
			return renamed;
		}
		for (Revision revision : revisions) {
			String old = (revision.checksum() != null) ? undeclaredByChecksum.get(revision.checksum()) : null;
			if (old != null) {
				renamed.putIfAbsent(old, revision);
			}
		}
		return renamed;
	}

	/** What to do about a revision a rebase or a rename gave a new id; {@code old} is the id it was applied under. */
	static String giveItsIdBack(String old) {
		return "Give it its id back ('Revision ID: " + old + "', and in the 'Revises:' of what revises it)";
	}

	/**
	 * This state as the history shows it when the database is ahead: the tips of every revision
	 * the history shows applied (those below the unknown rows included) as the known rows, and no
	 * unknown row. A downgrade planned from it removes what the real one would have to, past the
	 * unknown rows; without a history it is this state's known rows alone.
	 */
	DatabaseState asHistoryShows(RevisionGraph graph) {
		Set<String> applied = new HashSet<>(this.appliedPerHistory);
		applied.addAll(graph.applied(this.known));
		List<String> tips = applied.stream()
			.filter((id) -> graph.dependents(id).stream().noneMatch(applied::contains))
			.toList();
		return new DatabaseState(this.versionTableExists, this.historyTableExists, tips, tips, List.of(), this.history,
				Set.of());
	}

	/**
	 * The error for a command that would have to move past the unknown rows: rows the history
	 * never recorded are no newer version's ({@link #unrecorded()}), and are said to be so as
	 * upgrade says it.
	 */
	DatabaseAheadException aheadError(String command, Throwable cause) {
		List<String> unrecorded = unrecorded();
		DatabaseAheadException error = !unrecorded.isEmpty() ? unrecordedError("'" + command + "'", unrecorded, false)
				: new DatabaseAheadException("The database is at " + String.join(", ", this.unknown)
						+ ", which no revision file declares (a newer version of the application migrated it), and '"
						+ command + "' would have to move past it. Run this command from the newer version, or add the"
						+ " missing revision files.", this.unknown);
		if (cause != null) {
			error.addSuppressed(cause);
		}
		return error;
	}

	/**
	 * Every applied revision whose file changed since, from the last successful upgrade row. A
	 * Java revision is rendered offline for its checksum only when the history recorded one (a
	 * Retort before Java checksums recorded none).
	 */
	List<ChecksumMismatchException.Mismatch> checksumMismatches(ScriptDirectory scripts) {
		List<ChecksumMismatchException.Mismatch> mismatches = new ArrayList<>();
		if (this.history.isEmpty()) {
			return mismatches;
		}
		RevisionGraph graph = scripts.graph();
		// Looked for in load order, which needs no sort; changed files (rare) are listed in upgrade order.
		Map<String, String> changed = new HashMap<>();
		for (Revision revision : graph.appliedRevisions(this.known)) {
			AppliedRevision applied = this.history.get(revision.id());
			if (applied == null || applied.checksum() == null) {
				continue;
			}
			String now = (revision.kind() == Revision.Kind.JAVA) ? JavaChecksum.of(scripts.script(revision.id()))
					: revision.checksum();
			if (now != null && !applied.checksum().equals(now)) {
				changed.put(revision.id(), now);
			}
		}
		if (changed.isEmpty()) {
			return mismatches;
		}
		for (Revision revision : graph.upgradeOrder()) {
			String now = changed.get(revision.id());
			if (now != null) {
				mismatches.add(new ChecksumMismatchException.Mismatch(revision.id(), revision.origin().source(),
						this.history.get(revision.id()).checksum(), now, revision.kind()));
			}
		}
		return mismatches;
	}

	/**
	 * Throws when an applied revision changed on disk, showing both checksums of each.
	 * @param schema the configured schema, named in the message, or {@code null} when none is
	 */
	void validateChecksums(ScriptDirectory scripts, String schema) {
		validateChecksums(scripts, schema, "");
	}

	/**
	 * As {@link #validateChecksums(ScriptDirectory, String)}, the message followed by {@code why},
	 * which says what the refusing command would have done with the changed revisions.
	 */
	void validateChecksums(ScriptDirectory scripts, String schema, String why) {
		List<ChecksumMismatchException.Mismatch> mismatches = checksumMismatches(scripts);
		if (!mismatches.isEmpty()) {
			throw new ChecksumMismatchException(String.join("\n",
					mismatches.stream().map((mismatch) -> mismatch.describe(schema)).toList()) + why, mismatches);
		}
	}

}
