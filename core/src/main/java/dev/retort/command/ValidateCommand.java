package dev.retort.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.Database;
import dev.retort.runtime.InvalidIndex;
import dev.retort.script.RevisionScript;

/**
 * {@code retort validate}: every problem at once: SQL that cannot be split into statements (a
 * quote never closed), applied revisions that changed on disk (unless 'validate-checksums' is
 * off), version rows where one is an ancestor of another, revisions the version rows imply that the
 * history never applied, applied revisions missing on disk, and, when 'fail-on-multiple-heads' is
 * set, several heads (what upgrade would refuse). (Graph problems stop {@code load()} already; the facade's static
 * {@code validate(config)} turns them into problems too.) Read-only; without a database only the
 * graph is checked. INVALID indexes left by a concurrent build are warnings, not problems: they are
 * not wrong revisions, and a health check must not take an application out of service for them.
 */
public final class ValidateCommand {

	private final CommandContext context;

	public ValidateCommand(CommandContext context) {
		this.context = context;
	}

	public ValidateResult run() {
		List<String> problems = new ArrayList<>(this.context.scripts().statementProblems());
		List<String> warnings = new ArrayList<>();
		if (this.context.config().failOnMultipleHeads()) {
			String heads = multipleHeads(this.context.graph());
			if (heads != null) {
				problems.add(heads);
			}
		}
		if (!this.context.connections().configured()) {
			return new ValidateResult(problems);
		}
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			// 'validate-checksums: false' accepts changed files: upgrade runs, so validate (and the
			// health contributor and on-startup=validate with it) does not refuse them either.
			if (this.context.config().validateChecksums()) {
				for (ChecksumMismatchException.Mismatch mismatch : state.checksumMismatches(this.context.scripts())) {
					problems.add(mismatch.describe());
				}
			}
			// What every plan refuses (Planner): reported here too, so validate is not the one command
			// that finds nothing wrong with such rows (a stamp script run on the wrong database). The
			// rows no other row implies are where the schema most likely is, so the stamp that
			// replaces the rows is named in full, as upgrade, stamp and current name it.
			Map<String, List<String>> overlapping = graph.overlappingRows(state.known());
			List<String> top = state.known()
				.stream()
				.filter((row) -> graph.contains(row) && !overlapping.containsKey(row))
				.toList();
			overlapping.forEach((row, above) -> problems.add("The version table holds both " + row + " and "
					+ above.get(0) + ", but " + row + " is an ancestor of " + above.get(0) + "; its row should not be"
					+ " there. Replace the rows with 'retort stamp --purge REV...' (plain 'stamp' refuses them), naming"
					+ " the revisions the database is at: 'retort stamp --purge " + String.join(" ", top) + "' if it is at "
					+ String.join(", ", top) + "."));
			// Applied revisions no file declares, by their upgrade's checksum, and the file that holds
			// each one's SQL under a new id.
			Map<String, String> undeclaredByChecksum = state.undeclaredByChecksum(graph);
			Map<String, Revision> renamed = state.renamed(graph.revisions(), graph);
			List<String> unrecorded = state.unrecorded();
			for (String unknown : state.unknown()) {
				if (unrecorded.contains(unknown)) {
					// Not a newer version's: it would have recorded the step in the history.
					problems.add("Revision " + unknown + " is in " + this.context.config().versionTable() + " but no"
							+ " revision file declares it and " + this.context.config().historyTable() + " does not"
							+ " record it: another tool (such as Alembic) or a hand-written row put it there, not a newer"
							+ " version of the application. " + DatabaseState.howToPlace(unknown, List.of(unknown)));
					continue;
				}
				problems.add("Revision " + unknown + " is in " + this.context.config().versionTable()
						+ " but no revision file declares it: " + renamedOr(unknown, renamed, "restore its file, or,"
								+ " if the database is ahead of this checkout, validate from the newer version."));
			}
			List<Revision> neverApplied = neverApplied(database, state, graph);
			for (Revision skipped : neverApplied) {
				problems.add(describeNeverApplied(skipped, state, graph, undeclaredByChecksum));
			}
			// A revision renamed below applied ones is one problem, told with its old id above.
			Set<String> renamedBelow = new HashSet<>();
			neverApplied.forEach((skipped) -> renamedBelow.add(undeclaredByChecksum.get(skipped.checksum())));
			// A newer version's rows: the revisions it applied below them have no file here either,
			// which in a rolling deploy is no deleted file (the old image's validate meets them).
			List<String> newer = state.unknown().stream().filter((row) -> !unrecorded.contains(row)).toList();
			String orNewer = newer.isEmpty() ? "restore its file; applied revisions are never deleted."
					: "restore its file, or, if the database is ahead of this checkout (at " + String.join(", ", newer)
							+ ", which no file declares either), it is the newer version's: validate from the newer version.";
			for (String missing : missingApplied(database, state, graph)) {
				if (renamedBelow.contains(missing)) {
					continue;
				}
				problems.add("Revision " + missing + " was applied (" + this.context.config().historyTable()
						+ ") but no revision file declares it: " + renamedOr(missing, renamed, orNewer));
			}
			Set<String> applied = state.applied(graph);
			for (InvalidIndex invalid : database.invalidIndexes()) {
				warnings.add(describeInvalid(invalid, this.context.scripts().scripts(), applied));
			}
		}
		return new ValidateResult(problems, warnings);
	}

	/**
	 * Several heads, when the configuration says that upgrade refuses them: two branches that each
	 * added a revision on the same parent and were merged in git (the files differ, so git does not
	 * object) leave two heads. A CI job that runs validate must see what the deploy's upgrade (or an
	 * upgrade at startup) will refuse. A head only depended on needs no merge, as in 'retort heads'.
	 */
	private static String multipleHeads(RevisionGraph graph) {
		List<Revision> heads = graph.realHeads();
		if (heads.size() < 2) {
			return null;
		}
		List<String> named = heads.stream().map((head) -> head.id() + " (" + head.origin().source() + ")").toList();
		List<String> ids = heads.stream().map(Revision::id).toList();
		return "The revisions have " + heads.size() + " heads, " + String.join(", ", named)
				+ ", and 'retort.fail-on-multiple-heads' is set, so 'retort upgrade' (and an upgrade at startup)"
				+ " refuses them: branches that each added a revision on the same parent were merged. Join them"
				+ " with: retort merge -m \"merge\" " + String.join(" ", ids);
	}

	/**
	 * An INVALID index, the SQL revision that creates it (its upgrade SQL names it) and what to do:
	 * the words of the failed upgrade that meets it (MigrationRunner), so both say the same.
	 */
	static String describeInvalid(InvalidIndex invalid, List<RevisionScript> scripts, Set<String> applied) {
		StringBuilder described = new StringBuilder("Index ").append(invalid.name()).append(" on ")
			.append(invalid.table()).append(" is INVALID: a CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY)")
			.append(" that was killed or failed left it behind; no query uses it, yet every write updates it.");
		Revision creator = creatorOf(invalid.relname(), scripts);
		String drop = "DROP INDEX CONCURRENTLY " + invalid.name();
		if (creator == null) {
			described.append(" No revision file names it. Drop it (").append(drop)
				.append("), then build it again if it is needed.");
		}
		else if (applied.contains(creator.id())) {
			described.append(" Revision ").append(creator.id()).append(" (").append(creator.origin().source())
				.append(") creates it and is applied, so upgrade will not build it again: drop it (").append(drop)
				.append(") and run that revision's CREATE INDEX CONCURRENTLY again by hand.");
		}
		else if (!creator.transactional() && buildsConcurrently(invalid.relname(), scripts, creator)) {
			// The upgrade drops the leftover of its own build first (unless a session builds it then).
			described.append(" Revision ").append(creator.id()).append(" (").append(creator.origin().source())
				.append(") builds it and is pending: 'retort upgrade' drops it (DROP INDEX CONCURRENTLY IF EXISTS)")
				.append(" before that revision builds it anew, or drop it now (").append(drop).append(").");
		}
		else {
			described.append(" Revision ").append(creator.id()).append(" (").append(creator.origin().source())
				.append(") creates it and is pending: its upgrade fails on it (or, with 'IF NOT EXISTS', refuses to")
				.append(" record it). Drop it (").append(drop)
				.append("), then run 'retort upgrade' again: the revision builds it anew.");
		}
		return described.toString();
	}

	/** Whether the creator's upgrade builds the index concurrently under its name, as the run's leftover drop needs. */
	private static boolean buildsConcurrently(String index, List<RevisionScript> scripts, Revision creator) {
		Pattern build = Pattern.compile("(?is)\\bcreate\\s+(?:unique\\s+)?index\\s+concurrently\\s+(?:if\\s+not\\s+exists\\s+)?"
				+ "\"?" + Pattern.quote(index) + "\"?\\s+on\\b");
		for (RevisionScript script : scripts) {
			if (script.revision() == creator && script.body() instanceof RevisionScript.SqlBody sql) {
				return build.matcher(sql.upgradeText()).find();
			}
		}
		return false;
	}

	/** The first SQL revision whose upgrade names the index, or {@code null}. */
	private static Revision creatorOf(String index, List<RevisionScript> scripts) {
		// The name as a word, quoted or not: orders_idx, not orders_idx_old.
		Pattern named = Pattern.compile("(?i)(?<![\\p{L}\\p{N}_$])\"?" + Pattern.quote(index)
				+ "\"?(?![\\p{L}\\p{N}_$])");
		for (RevisionScript script : scripts) {
			if (script.body() instanceof RevisionScript.SqlBody sql && named.matcher(sql.upgradeText()).find()) {
				return script.revision();
			}
		}
		return null;
	}

	/**
	 * What to do about an applied revision no file declares: when a file holds its upgrade SQL
	 * under another id (a rebase or a rename gave it a new one), to give it its id back, else
	 * {@code otherwise}.
	 */
	private static String renamedOr(String undeclared, Map<String, Revision> renamed, String otherwise) {
		Revision revision = renamed.get(undeclared);
		if (revision == null) {
			return otherwise;
		}
		return revision.id() + " (" + revision.origin().at(revision.origin().idLine()) + ") has its upgrade SQL:"
				+ " a rebase or a rename gave it a new id. " + DatabaseState.giveItsIdBack(undeclared) + ".";
	}

	/**
	 * Revisions the version rows imply that the history never applied: a merge or a rebase put
	 * them under revisions already applied (a teammate's revision older than the release, its
	 * child's {@code Revises:} changed to it). Alembic cannot tell them from applied ones, and
	 * neither can a plan: upgrade never runs them. The history can, except below what it took
	 * as applied without running it (stamps, and the heads it starts from on a database taken
	 * over), so those are left out; so is a database whose history holds nothing.
	 */
	private static List<Revision> neverApplied(Database database, DatabaseState state, RevisionGraph graph) {
		if (!state.historyTableExists() || state.history().isEmpty()) {
			return List.of();
		}
		List<Revision> applied = graph.appliedRevisions(state.known());
		List<Revision> unrecorded = applied.stream()
			.filter((revision) -> !state.historyRecordsApplied(revision.id()))
			.toList();
		if (unrecorded.isEmpty()) {
			return unrecorded;
		}
		// Below a revision the history applied: a version row put there by hand, with nothing of the
		// history under it, is another matter.
		Set<String> belowRecorded = graph.applied(applied.stream()
			.filter((revision) -> state.historyRecordsApplied(revision.id()))
			.map(Revision::id)
			.toList());
		Set<String> vouched = graph.applied(database.vouchedHeads().stream().filter(graph::contains).toList());
		return unrecorded.stream()
			.filter((revision) -> belowRecorded.contains(revision.id()) && !vouched.contains(revision.id()))
			.toList();
	}

	/** Names what stands on a revision that was never applied, at the header line that says so. */
	private static String describeNeverApplied(Revision skipped, DatabaseState state, RevisionGraph graph,
			Map<String, String> undeclaredByChecksum) {
		Set<String> applied = state.applied(graph);
		List<String> standing = new ArrayList<>();
		for (String id : graph.dependents(skipped.id())) {
			if (applied.contains(id)) {
				Revision above = graph.get(id);
				boolean revises = above.parents().contains(skipped.id());
				standing.add(id + " (" + above.origin().at(revises ? above.origin().revisesLine()
						: above.origin().dependsOnLine()) + ") " + (revises ? "revises" : "depends on") + " it");
			}
		}
		String described = "Revision " + skipped.id() + " (" + skipped.origin().source() + ") was never applied to"
				+ " this database, yet applied revisions stand on it: " + String.join(", ", standing) + ".";
		String old = undeclaredByChecksum.get(skipped.checksum());
		if (old != null) {
			return described + " It has the upgrade SQL of " + old + ", which this database applied and no revision"
					+ " file declares any more: a rebase or a rename gave it a new id. " + DatabaseState.giveItsIdBack(old)
					+ ".";
		}
		return described + " A merge or a rebase put it below them, so upgrade takes it for applied and never runs"
				+ " it. Give what stands on it back the parent it was applied on, and make " + skipped.id()
				+ " revise a head instead (retort heads), so the next upgrade runs it.";
	}

	/**
	 * Applied revisions no file declares, other than the version rows (reported already). Applied
	 * means implied by the version rows, not "last named by the history": a stamp down to an
	 * ancestor writes its row under the target, so the history's last word on a revision it left
	 * behind is still its upgrade. The version rows the files declare imply only revisions the
	 * files declare (a file whose parent is missing does not load); only the rows no file declares
	 * can imply missing ones, through the parents the history recorded. A file deleted along with
	 * its children's {@code Revises:} of it, though, leaves no trace in the graph: the history's
	 * upgrade of it, with no downgrade or stamp since, is what says it is applied.
	 */
	private static Set<String> missingApplied(Database database, DatabaseState state, RevisionGraph graph) {
		if (!state.historyTableExists() || state.history().isEmpty()) {
			return Set.of();
		}
		Set<String> missing = new TreeSet<>();
		if (!state.unknown().isEmpty()) {
			missing.addAll(database.recordedLineage().ancestors(state.unknown(), graph::contains));
		}
		if (state.history().keySet().stream().anyMatch((revision) -> !graph.contains(revision))) {
			missing.addAll(database.upgradedSinceAnyStamp());
		}
		missing.removeIf(graph::contains);
		missing.removeAll(state.unknown());
		return missing;
	}

}
