package dev.retort.command;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.Database;
import dev.retort.runtime.MigrationRunner;
import dev.retort.script.RevisionScript;

/**
 * {@code retort show REV}: one revision with its SQL; a Java revision is rendered through the
 * offline executor. Connects only for {@code show current}.
 */
public final class ShowCommand {

	private static final String CURRENT = "current";

	private static final Pattern RELATIVE_DOWN = Pattern.compile("(?:[^@]+@)?-\\d+");

	private final CommandContext context;

	public ShowCommand(CommandContext context) {
		this.context = context;
	}

	public ShowResult run(String revision) {
		Resolved resolved = resolve(revision);
		return show(exactlyOne(resolved.target(), resolved.ids()), resolved.state());
	}

	/**
	 * Every revision {@code REV} names, as Alembic's {@code show} prints them: {@code heads}, a
	 * merge's {@code REV-1}, {@code current} at several rows.
	 */
	public List<ShowResult> runAll(String revision) {
		Resolved resolved = resolve(revision);
		return resolved.ids().stream().map((id) -> show(id, resolved.state())).toList();
	}

	private Resolved resolve(String revision) {
		if (revision == null || revision.isBlank()) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "show needs a revision: an id, a prefix or 'head'.");
		}
		RevisionGraph graph = this.context.graph();
		String target = revision.strip();
		if (CURRENT.equals(target)) {
			return new Resolved(CURRENT, current(graph), RevisionStates.APPLIED);
		}
		if (target.contains(":")) {
			// What an Alembic user types to see several revisions in full: history's verbose form.
			throw new RetortException(ErrorCode.INVALID_TARGET, "'" + target + "' is a range, and show prints one"
					+ " revision (or those one identifier names, such as 'heads'): 'retort history -r " + target
					+ " --verbose' prints each revision of the range in full, as 'alembic history -r " + target
					+ " -v' does.");
		}
		// As Alembic's show (get_revisions): '-N' and 'label@-N' count down from the heads, since show
		// does not read the database; against no current revision they could never resolve.
		List<String> from = RELATIVE_DOWN.matcher(target).matches()
				? graph.heads().stream().map(Revision::id).toList() : List.of();
		Set<String> ids = graph.resolve(target, from);
		if (ids.isEmpty()) {
			// Only 'base' resolves to nothing: the empty database has no file.
			List<String> bases = firstRevisions(graph, target);
			throw new RetortException(ErrorCode.INVALID_TARGET, "'" + target
					+ "' is the empty database before the first revision, not a revision: it has no file to show."
					+ (bases.isEmpty() ? "" : " The first revision" + ((bases.size() == 1) ? " is " : "s are ")
							+ String.join(", ", bases) + ": 'retort show " + bases.get(0) + "'."));
		}
		return new Resolved(target, ids, null);
	}

	/**
	 * The revisions above {@code base}: for {@code label@base}, the first ones on that branch (in a
	 * forest, the others' roots are no answer), else every root.
	 */
	private static List<String> firstRevisions(RevisionGraph graph, String base) {
		int at = base.indexOf('@');
		if (at > 0) {
			try {
				return List.copyOf(graph.resolve(base.substring(0, at) + "@base+1", List.of()));
			}
			catch (RetortException ex) {
				// Several first revisions on the branch: every root, as for plain 'base'.
			}
		}
		return graph.bases().stream().map(Revision::id).toList();
	}

	/**
	 * {@code show current}: the revisions the database is at, as Alembic's {@code show current}.
	 * Reads the database (and never creates anything).
	 */
	private Set<String> current(RevisionGraph graph) {
		if (!this.context.connections().configured()) {
			throw new RetortException(ErrorCode.CONFIGURATION, "'show current' reads the revision the database is"
					+ " at, and no database is configured: give its URL, or name the revision.");
		}
		DatabaseState state;
		try (Database database = this.context.openDatabase()) {
			state = DatabaseState.read(database, graph);
		}
		List<String> rows = state.rows();
		if (rows.isEmpty()) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "The database is at base (no revision applied):"
					+ " there is no current revision to show. 'retort upgrade' applies the revisions.");
		}
		for (String id : rows) {
			if (graph.find(id).isEmpty() && !state.historyRecordsApplied(id)) {
				// A newer version's runner records what it applies: a row the history never saw is
				// another tool's (Alembic's table taken over under new ids), as 'current' says.
				throw new RetortException(ErrorCode.DATABASE_AHEAD, "The database is at " + id + ", which no revision"
						+ " file declares and the history does not record: another tool (such as Alembic) or a"
						+ " hand-written row put it in the version table, not a newer version of the application, so"
						+ " there is no file to show. " + DatabaseState.howToPlace(id, List.of(id)));
			}
			if (graph.find(id).isEmpty()) {
				throw new RetortException(ErrorCode.DATABASE_AHEAD, "The database is at " + id
						+ ", which no revision file declares (a newer version of the application migrated it): there is"
						+ " no file to show. Show it from the newer version.");
			}
		}
		return new LinkedHashSet<>(rows);
	}

	/** The revisions a symbol names, and their state when the database was read. */
	private record Resolved(String target, Set<String> ids, String state) {
	}

	private static String exactlyOne(String target, Set<String> ids) {
		if (ids.size() != 1) {
			String first = ids.iterator().next();
			throw new RetortException(ErrorCode.INVALID_TARGET, "'" + target + "' names " + ids.size()
					+ " revisions (" + String.join(", ", ids) + "); show takes exactly one: name it, e.g. 'retort show "
					+ first + "'.");
		}
		return ids.iterator().next();
	}

	private ShowResult show(String id, String state) {
		RevisionScript script = this.context.script(id);
		Revision resolved = script.revision();
		RevisionInfo info = this.context.info(resolved, state);
		if (script.body() instanceof RevisionScript.SqlBody sql) {
			return new ShowResult(info, sql.upgradeText(), sql.downgradeText());
		}
		String upgrade = MigrationRunner.render(script, true);
		String downgrade = resolved.reversible() ? MigrationRunner.render(script, false) : null;
		return new ShowResult(info, upgrade, downgrade);
	}

}
