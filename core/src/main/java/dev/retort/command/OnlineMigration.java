package dev.retort.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.retort.config.RetortConfig;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.IrreversibleRevisionException;
import dev.retort.revision.Plan;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.Step;
import dev.retort.revision.UnknownRevisionException;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.runtime.Database;
import dev.retort.runtime.DatabaseAheadException;
import dev.retort.runtime.LockTimeoutException;
import dev.retort.runtime.LockWaitStoppedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.MigrationRunner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape of every command that changes the database: read where the database stands and
 * return when there is nothing to do; otherwise take the lock, read again (after the lock, so a
 * runner that waited sees the work of the one it waited for), validate, plan, create the tables
 * on first use, run, release.
 */
final class OnlineMigration {

	private static final Logger logger = LoggerFactory.getLogger(OnlineMigration.class);

	private final CommandContext context;

	OnlineMigration(CommandContext context) {
		this.context = context;
	}

	/**
	 * Runs the plan {@code planner} makes from the database's state.
	 * @param command the command's name, for messages
	 * @param baseline whether {@code retort.baseline} may stamp a non-empty schema first
	 * @param planner the plan, from the graph and the state
	 */
	MigrationResult run(String command, boolean baseline, Planner planner) {
		RetortConfig config = this.context.config();
		// The revisions may still be loading (ScriptLoad): connect and read meanwhile, then wait.
		try (Database database = this.context.openDatabase()) {
			MigrationLock lock = null;
			if (config.lockEnabled()) {
				MigrationResult upToDate = upToDate(database, planner, command);
				if (upToDate != null) {
					return upToDate;
				}
			}
			if (config.lockEnabled()) {
				// Checks the sessions are the runner's own before it names this one and locks.
				try {
					lock = database.lock(config.lockWaitTimeout(), this.context.listener()::stopWaitingForLock,
							this.context.listener()::waitingForLock);
				}
				catch (LockTimeoutException ex) {
					// The wait that failed the run is the one an operator most needs timed.
					this.context.listener().lockWaitTimedOut(ex.waited());
					throw ex;
				}
				catch (LockWaitStoppedException ex) {
					// A rollout's instance scaled down while it waited: timed too, or the wait goes unseen.
					this.context.listener().lockWaitStopped(ex.waited());
					throw ex;
				}
				this.context.listener().lockAcquired(lock.waited());
			}
			database.identify();
			try {
				RevisionGraph graph = this.context.graph();
				DatabaseState state = DatabaseState.read(database, graph);
				this.context.listener().versionRowsRead(state.rows());
				List<String> from = state.rows();
				List<StepResult> steps = new ArrayList<>();
				if (baseline && state.stampsBaseline(database, config)) {
					Plan stamp = baselineStamp(graph, config.baseline());
					logger.info("Schema {} holds {} but Retort never migrated it ({} has no row): stamping baseline {}",
							database.names().schema(), String.join(", ", database.otherObjectKinds()), config.versionTable(),
							config.baseline());
					database.createTables(this.context.createSchema());
					steps.addAll(CommandContext.results(this.context.runner(database.sink(), database.names()).run(stamp)));
					state = DatabaseState.read(database, graph);
					this.context.listener().versionRowsRead(state.rows());
				}
				if (baseline && state.neverMigrated()) {
					refuseUntakenAlembicDatabase(database, config);
				}
				Plan plan = validatedPlan(planner, graph, state, command);
				MigrationRunner runner = this.context.runner(database.sink(), database.names())
					.untouchedRows(state.unknown());
				// A refusal says "Nothing was run": it must come before the schema and tables are created.
				runner.requireRunnable(plan);
				if (!state.versionTableExists() || !state.historyTableExists()) {
					database.createTables(this.context.createSchema());
				}
				steps.addAll(CommandContext.results(runner.run(plan)));
				return new MigrationResult(from, headsAfter(plan, state), steps);
			}
			finally {
				if (lock != null) {
					lock.close();
				}
			}
		}
	}

	/**
	 * The stamp of {@code retort.baseline}. A value that names no revision is the property's
	 * fault, and says so: read as a target, its error would send the user to {@code retort.target}.
	 */
	static Plan baselineStamp(RevisionGraph graph, String baseline) {
		try {
			return graph.stamp(List.of(), List.of(baseline), false);
		}
		catch (RetortException ex) {
			throw new RetortException(ErrorCode.CONFIGURATION, "retort.baseline is '" + baseline + "', which does not"
					+ " name one revision: " + ex.getMessage() + " Set retort.baseline (RETORT_BASELINE) to the id of the"
					+ " revision that describes the existing schema. Nothing was run.", ex);
		}
	}

	/**
	 * Refuses a first upgrade of a schema whose {@code alembic_version} holds rows while another
	 * version table is configured: the usual slip when taking a database over from Alembic. The
	 * empty configured table would read as base, and every revision would run again.
	 */
	static void refuseUntakenAlembicDatabase(Database database, RetortConfig config) {
		List<String> alembic = database.alembicVersionRows();
		if (alembic.isEmpty()) {
			return;
		}
		throw new RetortException(ErrorCode.CONFIGURATION, "Schema " + database.names().schema() + " holds "
				+ Database.ALEMBIC_VERSION_TABLE + " at " + String.join(", ", alembic)
				+ ": Alembic migrated this database, but the configured version table " + config.versionTable()
				+ " holds no revision, so this upgrade would run every revision from base again. Nothing was run. To"
				+ " take the database over, set retort.version-table: " + Database.ALEMBIC_VERSION_TABLE
				+ " (RETORT_VERSION_TABLE=" + Database.ALEMBIC_VERSION_TABLE + "). If " + Database.ALEMBIC_VERSION_TABLE
				+ " is not this application's, 'retort stamp REV' first records where the schema stands in "
				+ config.versionTable() + ".");
	}

	/**
	 * The result of a run with nothing to do, read without the lock, or {@code null} when there
	 * may be something to do. Every start of an application that is up to date is such a run: it
	 * need not open the lock's session, nor wait behind a runner that holds the lock. Anything but
	 * an empty plan (a table missing, a changed checksum, a plan with steps, a refusal) goes the
	 * locked way, which reads again and decides, so no change and no error rests on a state read
	 * without the lock.
	 */
	private MigrationResult upToDate(Database database, Planner planner, String command) {
		DatabaseState state;
		Plan plan;
		try {
			Database.RecordedState recorded = database.readRecorded();
			if (recorded.heads().isEmpty() || recorded.applied().isEmpty()) {
				// A first run: go and lock while the revisions load (ScriptLoad), without waiting.
				return null;
			}
			RevisionGraph graph = this.context.graph();
			state = DatabaseState.of(recorded, graph);
			// Heard before the plan, which may refuse, and before the lock, whose wait may time out.
			this.context.listener().versionRowsRead(state.rows());
			plan = validatedPlan(planner, graph, state, command);
		}
		catch (RetortException ex) {
			return null;
		}
		return plan.isEmpty() ? new MigrationResult(state.rows(), headsAfter(plan, state), List.of()) : null;
	}

	/** The plan, once every applied revision's checksum matched its file (when configured). */
	private Plan validatedPlan(Planner planner, RevisionGraph graph, DatabaseState state, String command) {
		if (this.context.config().validateChecksums()) {
			try {
				state.validateChecksums(this.context.scripts(), this.context.config().schema());
			}
			catch (ChecksumMismatchException ex) {
				return planDespiteChangedFiles(planner, graph, state, command, ex);
			}
		}
		return plan(planner, graph, state, command);
	}

	/**
	 * The plan when applied revisions differ from their files here, which is refused unless the
	 * database is ahead and nothing is to run: a newer version migrated it (a rolling deploy, or
	 * a rollback of one), applied the revisions as its files say and checks them itself. An older
	 * instance that would run nothing must still start, as it does when the database is ahead
	 * on every branch (its rows then imply no revision known here, so none is compared).
	 */
	private Plan planDespiteChangedFiles(Planner planner, RevisionGraph graph, DatabaseState state, String command,
			ChecksumMismatchException mismatch) {
		if (!state.ahead()) {
			throw mismatch;
		}
		Plan plan = plan(planner, graph, state, command);
		if (!plan.isEmpty()) {
			throw mismatch;
		}
		logger.warn("{} The database is ahead of this version ({} unknown here): a newer version applied it, so"
				+ " this one, which has nothing to run, does not refuse", mismatch.getMessage(),
				String.join(", ", state.unknown()));
		return plan;
	}

	/** The version rows once {@code plan} ran: its heads, and the rows the scripts do not know. */
	private static List<String> headsAfter(Plan plan, DatabaseState state) {
		List<String> to = new ArrayList<>(plan.isEmpty() ? state.known() : plan.toHeads());
		if (!purges(plan)) {
			to.addAll(state.unknown());
		}
		// As the rows of 'from' (DatabaseState): the same heads read the same after any run.
		to.sort(null);
		return to;
	}

	/** The target, unless it is a {@code FROM:TO} range: online, a run starts where the database stands. */
	static String refuseRange(String command, String target) {
		if (target.indexOf(':') >= 0) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "A range ('" + target + "') is only allowed with --sql;"
					+ " online, " + command + " starts from the database's current revision.");
		}
		return target;
	}

	private static boolean purges(Plan plan) {
		return plan.steps().stream().anyMatch(Step::purges);
	}

	/**
	 * The plan, made from the rows the scripts know. With unknown rows a plan that needs them
	 * (a downgrade through them, a relative move) fails to build: that is the database being
	 * ahead, and said so.
	 */
	private static Plan plan(Planner planner, RevisionGraph graph, DatabaseState state, String command) {
		Plan plan;
		try {
			plan = planner.plan(graph, state);
		}
		catch (DatabaseAheadException ex) {
			throw ex;
		}
		catch (RetortException ex) {
			if (state.ahead() && !independentOfTheDatabase(ex, state)) {
				throw state.aheadError(command, ex);
			}
			throw ex;
		}
		List<String> repeated = state.repeatedRows();
		if (!repeated.isEmpty() && !purges(plan)) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "The version table holds " + String.join(", ", repeated)
					+ " more than once: a version table without a primary key (Alembic's version_table_pk=False, or one"
					+ " created before Alembic 0.8.10) lets a row repeat, and each step would move every copy. Nothing"
					+ " was changed. Replace the rows with 'retort stamp --purge "
					+ String.join(" ", new LinkedHashSet<>(state.known())) + "'.");
		}
		if (plan.operation() == Step.Operation.STAMP) {
			return plan;
		}
		Plan guarded = state.guardAhead(plan, command, graph);
		if (guarded.isEmpty() && guarded.operation() == Step.Operation.DOWNGRADE && state.ahead()) {
			refuseDowngradePastUnknownRows(planner, graph, state, command);
		}
		return guarded;
	}

	/**
	 * Refuses a downgrade that has nothing to run among the known rows but would remove what the
	 * history shows applied below the unknown rows: 'downgrade base' on a database a newer
	 * version moved to a revision no file here declares. Said as nothing to do, it would exit 0
	 * and leave a rollback script believing the schema is at base.
	 */
	private static void refuseDowngradePastUnknownRows(Planner planner, RevisionGraph graph, DatabaseState state,
			String command) {
		Plan belowUnknownRows;
		try {
			belowUnknownRows = planner.plan(graph, state.asHistoryShows(graph));
		}
		catch (IrreversibleRevisionException ex) {
			// Refused for a revision without a downgrade among those the history shows applied:
			// so there is something past the unknown rows to remove, not nothing to do.
			throw state.aheadError(command, ex);
		}
		catch (RetortException ex) {
			// The history does not place the target either: the empty plan stands.
			return;
		}
		if (!belowUnknownRows.isEmpty()) {
			throw state.aheadError(command, null);
		}
	}

	/**
	 * Whether the target is wrong whatever the database holds: a label or revision that no file
	 * declares and that is not one of the unknown rows (a typo in 'retort.target'), an ambiguous
	 * prefix, {@code head} with several heads. Said as such rather than blamed on a newer version,
	 * which would send the user to deploy it to fix a typo.
	 */
	static boolean independentOfTheDatabase(RetortException ex, DatabaseState state) {
		if (ex.code() == ErrorCode.AMBIGUOUS_REVISION || ex.code() == ErrorCode.MULTIPLE_HEADS) {
			return true;
		}
		if (!(ex instanceof UnknownRevisionException unknown) || unknown.identifier() == null) {
			return false;
		}
		for (String part : unknown.identifier().split("[@:+-]")) {
			for (String row : state.unknown()) {
				if (part.length() >= 4 && row.startsWith(part)) {
					return false;
				}
			}
		}
		return true;
	}

	/** Makes the plan once the state is known. */
	@FunctionalInterface
	interface Planner {

		Plan plan(RevisionGraph graph, DatabaseState state);

	}

}
