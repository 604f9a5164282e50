package dev.retort.command;

import java.util.List;
import java.util.Set;

import dev.retort.config.TransactionMode;
import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.lint.PsqlVariables;
import dev.retort.revision.Plan;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.Step;
import dev.retort.runtime.Database;
import dev.retort.runtime.ScriptLock;
import dev.retort.runtime.ScriptSqlSink;
import dev.retort.runtime.ScriptStartGuard;
import dev.retort.runtime.TableNames;
import dev.retort.script.RevisionScript.SqlBody;

/**
 * The shape of every {@code --sql} command: find the starting revision (from {@code FROM:TO},
 * read from the database for {@code current:TO} only, else base, as Alembic's offline mode never
 * connects), plan, and run the plan through a
 * {@link ScriptSqlSink} with the same runner an online run uses. The script always starts with
 * the idempotent {@code CREATE TABLE IF NOT EXISTS} of both tables, so it runs on a fresh
 * database and on a migrated one alike; one that starts above base then checks that the version
 * table holds its start ({@link ScriptStartGuard}).
 */
final class OfflineMigration {

	private final CommandContext context;

	OfflineMigration(CommandContext context) {
		this.context = context;
	}

	/** The start of {@code FROM:TO} resolved to version rows; {@code null} when {@code target} has none. */
	static String[] splitRange(String target) {
		int colon = target.indexOf(':');
		if (colon < 0) {
			return null;
		}
		return new String[] { target.substring(0, colon), target.substring(colon + 1) };
	}

	/**
	 * The version rows a script starts from: an explicit start, the database's rows
	 * ({@code current}), or base (no start).
	 */
	List<String> startingHeads(String start, OnlineMigration.Planner planner) {
		return startingPoint(start, false, planner).heads();
	}

	/**
	 * Where a script starts, as {@link #startingHeads}; with {@code baseline}, read from the
	 * database ({@code current}) in the same session, also the stamp of
	 * {@code retort.baseline} that an online upgrade runs first on a schema that holds tables and
	 * that Retort never migrated: the script must do the same, not build the schema again.
	 * {@code planner} makes the script's plan from the start: a target wrong whatever the database
	 * holds (a typo) is said as such before a database ahead of the files is, as online.
	 */
	Start startingPoint(String start, boolean baseline, OnlineMigration.Planner planner) {
		RevisionGraph graph = this.context.graph();
		if (start == null) {
			// SPEC §5, as Alembic: a script is written without a database, even where one is configured
			// (a production database seen from a laptop); its start guard stops it on a database that moved.
			return new Start(null, List.of(), null);
		}
		if (!"current".equals(start)) {
			Set<String> resolved = graph.resolve(start.isEmpty() ? "base" : start, List.of());
			return new Start(null, List.copyOf(resolved), null);
		}
		if (!this.context.connections().configured()) {
			// 'current' as the start is the one way an offline script reads the database.
			throw new RetortException(ErrorCode.CONFIGURATION, "'current' as the start of FROM:TO reads the"
					+ " database's revision(s), but no database is configured. Give one (--url), or name the"
					+ " start revision.");
		}
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			if (baseline && state.stampsBaseline(database, this.context.config())) {
				Plan stamp = OnlineMigration.baselineStamp(graph, this.context.config().baseline());
				return new Start(stamp, stamp.toHeads(), null);
			}
			if (baseline && state.neverMigrated()) {
				OnlineMigration.refuseUntakenAlembicDatabase(database, this.context.config());
			}
			if (state.ahead()) {
				refuseTargetWrongWhateverTheDatabase(graph, state, planner);
				state.refuseScriptFromUnrecordedRows();
				if (upgradesNothingPastTheUnknownRows(graph, state, planner)) {
					// As online, which says so and exits 0 (and compares no checksum: the newer version checks its own).
					List<String> rows = state.rows().stream().sorted().toList();
					return new Start(null, rows, "the database is at " + String.join(", ", rows) + ", ahead of this"
							+ " version: no revision file here declares " + String.join(", ", state.unknown())
							+ " (a newer version of the application migrated it)");
				}
				if (!upgradesBesideTheUnknownRows(graph, state, planner)) {
					// A start these files declare is no way out: the script's start guard looks only at the
					// rows it moves, so the version table cannot tell it what the newer version applied.
					throw new RetortException(ErrorCode.DATABASE_AHEAD, "The database is at "
							+ String.join(", ", state.unknown()) + ", which no revision file declares (a newer version"
							+ " of the application migrated it): a script cannot start there. Write it with the newer"
							+ " version, or add the missing revision files (a script from a revision these files declare"
							+ " checks only the rows it moves, not what the newer version applied).");
				}
			}
			if (this.context.config().validateChecksums()) {
				// The online run refuses an applied revision edited since; its script must not run it instead.
				state.validateChecksums(this.context.scripts(), this.context.config().schema());
			}
			return new Start(null, state.known(), null);
		}
	}

	/**
	 * Plans from the rows the files know, so that a target no file declares (not one of the
	 * unknown rows) fails as the typo it is, with its did-you-mean, as an online run says it.
	 */
	private static void refuseTargetWrongWhateverTheDatabase(RevisionGraph graph, DatabaseState state,
			OnlineMigration.Planner planner) {
		try {
			planner.plan(graph, state);
		}
		catch (RetortException ex) {
			if (OnlineMigration.independentOfTheDatabase(ex, state)) {
				throw ex;
			}
		}
	}

	/**
	 * Whether the upgrade runs, online, beside the rows no file declares: it moves none of them,
	 * and the history shows none of its revisions applied (a newer version added a branch of its
	 * own), so {@link DatabaseState#guardAhead} lets it run and the rows stay. The script then
	 * starts from the rows the files know, and its start guard lets the others stand beside
	 * them, as online.
	 */
	private static boolean upgradesBesideTheUnknownRows(RevisionGraph graph, DatabaseState state,
			OnlineMigration.Planner planner) {
		Plan plan;
		try {
			plan = planner.plan(graph, state);
		}
		catch (RetortException ex) {
			return false;
		}
		if (plan.operation() != Step.Operation.UPGRADE || plan.isEmpty()) {
			return false;
		}
		try {
			return state.guardAhead(plan, "upgrade", graph) == plan;
		}
		catch (RetortException ex) {
			return false;
		}
	}

	/**
	 * Whether the upgrade has nothing to run, online, past the rows no file declares: the
	 * history shows every revision of its plan applied (a newer version moved the database past
	 * this version's heads), so {@link DatabaseState#guardAhead} gives back a plan with no step.
	 */
	private static boolean upgradesNothingPastTheUnknownRows(RevisionGraph graph, DatabaseState state,
			OnlineMigration.Planner planner) {
		try {
			Plan plan = planner.plan(graph, state);
			return plan.operation() == Step.Operation.UPGRADE && state.guardAhead(plan, "upgrade", graph).isEmpty();
		}
		catch (RetortException ex) {
			return false;
		}
	}

	/**
	 * Where a script starts.
	 * @param baseline the stamp of {@code retort.baseline} to run first, or {@code null}
	 * @param heads the version rows the script's plan starts from (after that stamp)
	 * @param nothingToDo why an upgrade has nothing to run whatever its target, as online says
	 * it (the database is ahead of this version), or {@code null}
	 */
	record Start(Plan baseline, List<String> heads, String nothingToDo) {
	}

	/**
	 * {@code script} with a note, when a database is configured, that it starts at base: a user
	 * used to online runs (or to this command before it followed SPEC §5) may expect the start
	 * where the database stands, which only {@code current:} reads.
	 * @param fromCurrent the command that starts where the database stands, e.g.
	 * {@code retort upgrade current:heads --sql}
	 */
	OfflineScript noteStartAtBase(OfflineScript script, String fromCurrent) {
		if (!this.context.connections().configured()) {
			return script;
		}
		String baseline = (this.context.config().baseline() != null)
				? " It is also the script that stamps retort.baseline (" + this.context.config().baseline()
						+ ") first on a schema Retort never migrated, as a first start does."
				: "";
		return script.startingAtBase("This script starts at base: --sql does not read the database, though one is"
				+ " configured, and on a database that holds a revision of the branches it writes it stops before"
				+ " anything runs. To start where the database stands, write '" + fromCurrent + "' (it only reads the"
				+ " database)." + baseline);
	}

	/** The script of a plan. */
	OfflineScript render(Plan plan, String command) {
		return render(null, plan, command);
	}

	/** The script of {@code first} (may be {@code null}), then of {@code plan}. */
	OfflineScript render(Plan first, Plan plan, String command) {
		return render(first, plan, command, null);
	}

	/**
	 * The script of {@code first} (may be {@code null}), then of {@code plan}.
	 * @param whyNothing why {@code plan} has no step, when the caller knows more than "it is there
	 * already" (an upgrade to a revision below the start); {@code null} otherwise
	 */
	OfflineScript render(Plan first, Plan plan, String command, String whyNothing) {
		TableNames names = this.context.offlineNames();
		ScriptSqlSink sink = new ScriptSqlSink();
		List<String> from = (first != null) ? first.fromHeads() : plan.fromHeads();
		sink.comment("Retort " + command + " (offline): " + side(from) + " -> " + side(plan.toHeads()));
		// A script of nothing but the version tables would read as a mistake of Retort's: say it, as online does.
		String nothingToDo = (first == null && plan.isEmpty()) ? nothingToDo(command, from, whyNothing) : null;
		if (nothingToDo != null) {
			sink.comment(nothingToDo);
		}
		sink.commentBlock(ScriptHeader.lines(command, (first != null) ? List.of(first, plan) : List.of(plan),
				this.context.ddl(), this.context.config().transactionMode()));
		// psql goes on after a failed statement unless told otherwise, and nothing the server can check
		// holds back a 'Transactional: false' revision after a failure (its statements run outside any
		// transaction), nor tells its bookkeeping that one of its own statements failed: without this
		// line, the script would record such a revision as applied. The script says it, not the DBA.
		sink.comment("For psql (psql -X -f FILE): the next line makes psql stop at the first error, with or without"
				+ " -v ON_ERROR_STOP=1; other tools do not read it, and must stop at the first error too");
		sink.psqlCommand("\\set ON_ERROR_STOP on");
		// The script is UTF-8 text, as everything an online run sends over JDBC is. psql would read it
		// in its own client encoding instead (the locale's, PGCLIENTENCODING, else the database's):
		// in a LATIN1 one, 'café' in a revision would be stored as 'cafÃ©', silently.
		sink.comment("The script is UTF-8, as an online run's SQL is: psql reads it so whatever its own encoding"
				+ " (locale, PGCLIENTENCODING, the database's); RESET at the end");
		sink.execute("SET client_encoding = 'UTF8'");
		int steps = plan.steps().size() + ((first != null) ? first.steps().size() : 0);
		if (steps > 1 && this.context.config().transactionMode() != TransactionMode.ALL) {
			// psql -1 reads as all or nothing; each step commits on its own, so refuse it before anything runs.
			sink.comment("Stops here when run in one transaction (psql -1, --single-transaction): each step commits"
					+ " on its own, so that transaction could not undo the steps before a failure");
			for (String statement : ScriptStartGuard.notInOneTransactionStatements(steps)) {
				sink.execute(statement);
			}
		}
		boolean startsAbove = !plan.isEmpty() && !from.isEmpty();
		ScriptStartGuard.UnrecordedRows unrecorded = (plan.operation() == Step.Operation.UPGRADE)
				? unrecordedRows(command) : null;
		if (startsAbove) {
			// First of all: on the wrong database (or one that moved) nothing is created, not even
			// the version tables or the schema.
			List<String> written = written(plan);
			// A downgrade writes no revision into the table: its check is of the start alone, and says so.
			sink.comment("Stops here, before anything runs, unless " + names.qualifiedVersionTable() + " holds "
					+ describe(from) + (written.isEmpty() ? "" : " and none of the revisions this script applies")
					+ " (as the online run checks each row it moves)" + (unrecorded != null ? UNRECORDED_NOTE : ""));
			sink.execute(ScriptStartGuard.statement(names, from, written, unrecorded));
		}
		if (this.context.config().schema() != null) {
			if (this.context.createSchema()) {
				sink.execute(Database.createSchemaIfMissingSql(names));
			}
			String searchPath = PostgresIdentifiers.quote(this.context.config().schema());
			sink.execute("SET search_path TO " + searchPath);
			sink.runSetting("search_path", searchPath);
		}
		boolean locked = this.context.config().lockEnabled() && !plan.isEmpty();
		if (locked) {
			sink.comment("Stops here unless no other run migrates this schema; holds the migration lock until the end,"
					+ " as online");
			sink.execute(ScriptLock.acquire(names));
		}
		sink.begin();
		// On every database but a new one the tables exist, and psql would print a NOTICE for each
		// ('already exists, skipping'): Retort's own idempotence, which reads as a problem to the DBA
		// who watches the run. For this transaction only; a revision's own notices still show.
		sink.execute("SET LOCAL client_min_messages = warning");
		for (String statement : Database.createSql(names, false)) {
			sink.execute(statement);
		}
		sink.commit();
		if (!startsAbove && !plan.isEmpty()) {
			sink.comment("Stops here, before anything runs, if " + names.qualifiedVersionTable()
					+ " holds a revision of the branches this script writes (it starts at base)"
					+ (unrecorded != null ? UNRECORDED_NOTE : ""));
			String guard = ScriptStartGuard.baseStatement(names, lineage(first != null ? first : plan), unrecorded);
			sink.execute(guard);
			// Its first step starts from no row, so the runner has nothing to check there: repeat this check.
			sink.guardNextTransaction(guard);
		}
		if (first != null) {
			this.context.runner(sink, names).run(first);
		}
		this.context.runner(sink, names).run(plan);
		if (locked) {
			sink.execute(ScriptLock.release(names));
		}
		if (this.context.config().schema() != null) {
			// The session may go on (psql's \i, a console): it gets its own search_path back.
			sink.execute("RESET search_path");
		}
		// As search_path: a session that goes on (psql's \i) gets its own encoding back.
		sink.execute("RESET client_encoding");
		return new OfflineScript(sink.script(), nothingToDo, psqlVariables(first, plan));
	}

	private static final String UNRECORDED_NOTE = "; also where it holds a row that neither these files nor the"
			+ " history know (Alembic's, or written by hand), as an online upgrade refuses it";

	/**
	 * What an upgrade script refuses as the online upgrade does: rows no file declares that the
	 * history does not record, said in its words ({@link DatabaseState#unrecordedMessage}). The
	 * guard lists every id the files declare once: about 16 bytes a revision (16 KB for 1,000),
	 * which PostgreSQL matches against the few version rows as one hashed list.
	 * @param command the script's command ({@code upgrade FROM:TO}), named as the online upgrade
	 * to the same target
	 */
	private ScriptStartGuard.UnrecordedRows unrecordedRows(String command) {
		int colon = command.indexOf(':');
		String who = "'" + ((colon < 0) ? command : "upgrade " + command.substring(colon + 1)) + "'";
		String rows = ScriptStartGuard.UnrecordedRows.ROWS;
		String howToPlace = DatabaseState.howToPlace(rows, List.of(ScriptStartGuard.UnrecordedRows.FIRST));
		return new ScriptStartGuard.UnrecordedRows(
				this.context.graph().revisions().stream().map(dev.retort.revision.Revision::id).toList(),
				DatabaseState.unrecordedMessage(who, rows, null, howToPlace),
				DatabaseState.unrecordedMessage(who, rows, ScriptStartGuard.UnrecordedRows.KNOWN, howToPlace));
	}

	/**
	 * The places in the SQL files the script copies where psql reads a variable (LINT004 of
	 * {@code retort lint}): the script is run with psql, which replaces them silently.
	 */
	private List<String> psqlVariables(Plan first, Plan plan) {
		List<String> notes = new java.util.ArrayList<>();
		for (Plan each : (first != null) ? List.of(first, plan) : List.of(plan)) {
			for (Step step : each.steps()) {
				if (step.operation() == Step.Operation.STAMP
						|| !(this.context.script(step.revision().id()).body() instanceof SqlBody sql)) {
					continue;
				}
				List<SqlStatement> statements = (step.operation() == Step.Operation.UPGRADE) ? sql.upgrade()
						: sql.downgrade();
				for (SqlStatement statement : (statements != null) ? statements : List.<SqlStatement>of()) {
					for (PsqlVariables.Reference reference : PsqlVariables.in(statement.sql(), statement.line())) {
						notes.add(step.revision().origin().source() + ":" + reference.line() + ": '" + reference.text()
								+ "' stands outside quotes and comments, where psql reads a variable: "
								+ (reference.setByPsql() ? "psql sets " + reference.name() + " itself and puts its value there"
										: "run with a variable " + reference.name() + " set (-v, ~/.psqlrc), psql puts its"
												+ " value there")
								+ ", silently. Write it with a space after the colon (retort lint: LINT004).");
					}
				}
			}
		}
		return notes;
	}

	private static String nothingToDo(String command, List<String> from, String why) {
		int space = command.indexOf(' ');
		String verb = (space < 0) ? command : command.substring(0, space);
		String target = (space < 0) ? "" : command.substring(space + 1);
		return "Nothing to " + verb + ": " + ((why != null) ? why
				: "the script starts at " + describe(from) + ", where '" + target + "' leads already")
				+ ". This script only creates the version tables when they are missing.";
	}

	/**
	 * The revisions on the branches a script that starts at base writes: what it leads to, their
	 * ancestors and dependencies, and everything built on any of them. A version table holding
	 * one of them did not start at base: the script ran already, or the database moved since.
	 * A branch with nothing in common stays apart, so the script may add it beside the others.
	 */
	private List<String> lineage(Plan plan) {
		RevisionGraph graph = this.context.graph();
		Set<String> related = new java.util.HashSet<>(graph.applied(plan.toHeads()));
		java.util.Deque<String> toVisit = new java.util.ArrayDeque<>(related);
		while (!toVisit.isEmpty()) {
			for (String dependent : graph.dependents(toVisit.pop())) {
				if (related.add(dependent)) {
					toVisit.push(dependent);
				}
			}
		}
		return graph.revisions().stream().map(dev.retort.revision.Revision::id).filter(related::contains).toList();
	}

	/**
	 * The revisions {@code plan}'s upgrades and stamps add to the version table, and everything
	 * built on them, but its start: a version table holding one of them is past the start
	 * already. A step that adds a branch beside the start's rows (its parent is not a row) moves
	 * none of them, so the start's rows alone cannot tell that a script ran before, or that the
	 * database moved on that branch since it was written.
	 */
	private List<String> written(Plan plan) {
		RevisionGraph graph = this.context.graph();
		Set<String> written = new java.util.LinkedHashSet<>();
		java.util.Deque<String> toVisit = new java.util.ArrayDeque<>();
		for (Step step : plan.steps()) {
			if (step.operation() != Step.Operation.DOWNGRADE) {
				for (String added : step.headsAfter()) {
					if (!step.headsBefore().contains(added) && written.add(added)) {
						toVisit.push(added);
					}
				}
			}
		}
		while (!toVisit.isEmpty()) {
			for (String dependent : graph.dependents(toVisit.pop())) {
				if (written.add(dependent)) {
					toVisit.push(dependent);
				}
			}
		}
		written.removeAll(plan.fromHeads());
		return graph.revisions().stream().map(dev.retort.revision.Revision::id).filter(written::contains).toList();
	}

	private static String describe(List<String> heads) {
		return heads.isEmpty() ? "base" : String.join(", ", heads);
	}

	/** One side of the script's path, written as the online run's {@code Done: <base> -> …} line writes it. */
	private static String side(List<String> heads) {
		return heads.isEmpty() ? "<base>" : String.join(", ", heads);
	}

}
