package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.retort.config.TransactionMode;
import dev.retort.dialect.postgres.NonTransactionalOperationException;
import dev.retort.dialect.postgres.SessionSettings;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;
import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.Step;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.JavaBody;
import dev.retort.script.RevisionScript.SqlBody;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Plan} through a {@link SqlSink}: the same code online and offline. Each
 * revision runs in its own transaction with its version-table change and history row (or all
 * of them in one, {@link TransactionMode#ALL}); a {@code Transactional: false} revision runs
 * statement by statement in autocommit. A failing revision is rolled back whole, a
 * {@code success = false} history row is written in a transaction of its own, and a
 * {@link MigrationFailedException} says where and why. A revision that hit {@code lock_timeout}
 * is rolled back and retried with backoff. What goes to the server in which round trip is
 * {@link StepStatements}'s job; refusing a plan that could not run whole, {@link PlanChecks}'s.
 */
public final class MigrationRunner {

	private static final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);

	static final String LOCK_NOT_AVAILABLE = "55P03";

	/** Retort's SQLSTATE for a concurrent index build that left its index INVALID. */
	static final String INVALID_INDEX = "RT002";

	static final Duration LOCATE_WITHIN = Duration.ofSeconds(10);

	/**
	 * How long the failure row of a run whose session was lost may wait for the server to take a
	 * new session: a restart takes a few seconds; a server that stays down must not hold up the
	 * end of a run that failed already.
	 */
	static final Duration RECORD_APART_WITHIN = Duration.ofSeconds(5);

	private final SqlSink sink;

	/** The version-table changes and history rows each step writes. */
	private final StepRecords records;

	private final Function<String, RevisionScript> scripts;

	/** The steps of the plan being run: what ran before a failed step, for its message. */
	private List<Step> planSteps = List.of();

	private final DdlSettings ddl;

	private final TransactionMode mode;

	private final RunListener listener;

	/** The bookkeeping tables, named in an offline script's step guards. */
	private final TableNames names;

	/**
	 * How long a failed try of statements sent together may have taken to be run again one
	 * statement at a time, to name the one that fails: a longer one would take as long again.
	 */
	private Duration locateWithin = LOCATE_WITHIN;

	/**
	 * The checksum of each Java revision's upgrade, by id, rendered once by {@link PlanChecks}
	 * before the run: what the history records for it.
	 */
	private final Map<String, String> javaChecksums = new HashMap<>();

	/** The plan {@link #requireRunnable} passed last: asked before the tables are created and again by {@link #run}. */
	private Plan checkedPlan;

	/** What the step running now sends, and what waits to travel with it. */
	private final StepStatements statements;

	/**
	 * Version rows the plan leaves alone: those no revision file declares (a newer release or
	 * another branch migrated them). A failure names them among where the database stays.
	 */
	private List<String> untouchedRows = List.of();

	/** The schema configured for the run, named in a failure's message; {@code null} when none is. */
	private String configuredSchema;

	private ConnectionPasswords passwords = ConnectionPasswords.NONE;

	/**
	 * Told each statement of a Java revision and its Java location before it is sent: how
	 * {@link #renderJava} maps lines to calls and keeps the statements its checksum covers.
	 */
	private BiConsumer<String, String> statementCalls = (sql, location) -> {
	};

	/**
	 * @param sink where SQL goes
	 * @param names the bookkeeping tables
	 * @param scripts the script of a revision id
	 * @param ddl lock and statement timeouts, retries
	 * @param mode per revision or one transaction
	 * @param listener told about each step
	 * @param client host and application name for the history (ignored offline), asked for when
	 * the first history row is written
	 */
	public MigrationRunner(SqlSink sink, TableNames names, Function<String, RevisionScript> scripts, DdlSettings ddl,
			TransactionMode mode, RunListener listener, Supplier<String> client) {
		this.sink = sink;
		this.names = names;
		this.records = new StepRecords(sink, names, client, this::checksum);
		this.scripts = scripts;
		this.ddl = ddl;
		this.statements = new StepStatements(sink, ddl);
		this.mode = mode;
		this.listener = (listener != null) ? listener : RunListener.NONE;
	}

	/**
	 * Throws when the plan cannot run whole (a file that cannot be split, a revision that must
	 * run outside the one transaction of the run), before anything is sent: a caller that
	 * creates the version tables first asks this before it does, so a refused run leaves the
	 * database untouched.
	 */
	public void requireRunnable(Plan plan) {
		if (!plan.isEmpty() && plan != this.checkedPlan) {
			PlanChecks.requireRunnable(plan, this.scripts, this.mode, this.javaChecksums);
			this.checkedPlan = plan;
		}
	}

	/** Runs every step of the plan; returns what ran. */
	public List<AppliedStep> run(Plan plan) {
		List<AppliedStep> results = new ArrayList<>();
		if (plan.isEmpty()) {
			return results;
		}
		this.planSteps = plan.steps();
		requireRunnable(plan);
		if (this.mode == TransactionMode.ALL) {
			runTransaction(plan.steps(), results);
			return results;
		}
		for (Step step : plan.steps()) {
			if (transactional(step)) {
				runTransaction(List.of(step), results);
			}
			else {
				runAutocommit(step, results);
			}
		}
		return results;
	}

	/**
	 * Offline, the first statement of a step's transaction (and, for a {@code Transactional:
	 * false} step, of its statements too): it fails unless the version table holds the rows the
	 * step starts from. psql without {@code ON_ERROR_STOP} goes on after a failed statement,
	 * where an online run stops, and a script cannot count the rows an {@code UPDATE} or
	 * {@code DELETE} of the version table touched. The guard's error aborts the step's
	 * transaction, so a script that goes on after a failure, or runs a second time, neither runs
	 * the next revisions' transactions on a schema that lacks the failed one nor records them.
	 */
	private void guardStep(Step step) throws SQLException {
		if (this.sink.offline() && !step.headsBefore().isEmpty()) {
			this.sink.execute(ScriptStartGuard.stepStatement(this.names, step.path("<base>"), step.headsBefore()));
		}
	}

	private void runTransaction(List<Step> unit, List<AppliedStep> results) {
		int attempt = 0;
		// The first try sends each SQL revision's statements in one round trip; any later try sends
		// them one at a time, so a failure names its statement by file and line.
		boolean together = true;
		// A revision of its own counts from its first try, as a 'Transactional: false' one does: a
		// step that waited out three lock timeouts took that long, not only its last try. A run in
		// one transaction starts every step again, so there each counts within its try.
		long firstTry = System.nanoTime();
		Instant firstTryAt = Instant.now();
		// The first try's failure while its statements run again one at a time to find which failed:
		// it stands when that run fails for a reason of its own.
		StatementFailure locating = null;
		Step locatingStep = null;
		while (true) {
			List<AppliedStep> done = new ArrayList<>();
			Step current = unit.get(0);
			long attemptStarted = System.nanoTime();
			long started = attemptStarted;
			try (BlockerWatch watch = this.statements.watchTry(attempt)) {
				comment(current);
				this.sink.begin();
				guardStep(current);
				this.statements.transactionBegun(anyBody(unit));
				// One revision per transaction: its history row is timed by the server (now() is the
				// transaction's start), so the row can travel with the revision's last statement. A
				// retry is timed here instead, from the first try as the step's timer is: the server
				// sees only the last try, and the row would hide the lock waits and backoffs before it.
				boolean serverTimed = unit.size() == 1 && attempt == 0;
				for (Step step : unit) {
					if (step != current) {
						comment(step);
					}
					current = step;
					this.listener.stepStarting(step);
					Instant startedAt = (unit.size() == 1) ? firstTryAt : Instant.now();
					started = (unit.size() == 1) ? firstTry : System.nanoTime();
					List<Bookkeeping> after = serverTimed ? this.records.applied(step, null, null) : List.of();
					boolean sent = runBody(step, false, after, together);
					long ms = millisSince(started);
					if (!sent) {
						List<Bookkeeping> writes = new ArrayList<>(this.statements.takePending());
						// A Java revision's settings: a SQL revision's went with its last statement.
						writes.addAll(this.statements.takePutBack(true));
						writes.addAll(serverTimed ? after : this.records.applied(step, startedAt, ms));
						write(writes);
					}
					done.add(new AppliedStep(id(step), step.operation().jsonName(), ms));
				}
				this.sink.commit();
				for (int i = 0; i < done.size(); i++) {
					this.listener.stepFinished(unit.get(i), done.get(i).durationMs(), null);
				}
				results.addAll(done);
				return;
			}
			catch (StatementFailure failure) {
				this.sink.rollback();
				this.statements.rolledBack();
				if (locating != null && failure.notTheRevisions()) {
					// Its session ended (idle between statements past the revision's own idle timeout, a
					// restart) or it waited on a lock the first try got: not what failed the revision.
					throw fail(locatingStep, locating.notLocated(failure), millisSince(started), true, unit, attempt);
				}
				if (failure.lockTimeout() && attempt < this.ddl.retries()) {
					together = false;
					attempt++;
					Duration backoff = this.ddl.backoff(attempt);
					// WARN: an operator watching a stalled deploy needs to see it, in the CLI as in a Boot log.
					logger.warn("Revision {} waited longer than lock_timeout for a lock ({}); rolled back, retry {} of {}"
							+ " in {} ms{}", id(current), this.passwords.mask(failure.cause.getMessage()), attempt, this.ddl.retries(),
							backoff.toMillis(), FailureMessage.retryBlockedBy(this.statements.blockedBy(), this.passwords));
					// Before the listener hears of it: a runner waiting for the migration lock reads the pause.
					this.sink.pausing(new RetryPause(attempt, this.ddl.retries(), backoff));
					this.listener.stepRetrying(current, attempt, backoff, failure.cause);
					if (!StepStatements.pause(backoff)) {
						throw interruptedRetry(current, unit, attempt, millisSince(started), failure.cause);
					}
					continue;
				}
				if (together && failure.worthLocating()
						&& System.nanoTime() - attemptStarted < this.locateWithin.toNanos()) {
					// Rolled back whole, so running it again changes nothing that the failure left.
					together = false;
					locating = failure;
					locatingStep = current;
					logger.info("Revision {}{} failed and was rolled back ({}); running it again one statement at a time"
							+ " to find the statement that fails", id(current),
							(this.configuredSchema != null) ? " in schema " + Sql.identifier(this.configuredSchema) : "",
							this.passwords.mask(FailureMessage.firstLine(failure.cause.getMessage())));
					continue;
				}
				throw fail(current, failure, millisSince(started), true, unit, attempt);
			}
			catch (SQLException ex) {
				this.sink.rollback();
				throw fail(current, StatementFailure.of(current, ex), millisSince(started), true, unit, attempt);
			}
			catch (RuntimeException ex) {
				this.sink.rollback();
				if (this.sink.offline()) {
					throw offlineFailure(current, ex);
				}
				throw fail(current, StatementFailure.of(current, ex), millisSince(started), true, unit, attempt);
			}
			finally {
				this.statements.stopWatching();
			}
		}
	}

	/**
	 * Tells the listener of the INVALID leftovers of earlier runs the step dropped before it built
	 * them anew, and returns them.
	 */
	private List<String> reportDropped(Step step) {
		List<String> dropped = this.statements.takeDropped();
		for (String index : dropped) {
			this.listener.invalidIndexDropped(step, index);
		}
		return dropped;
	}

	private void runAutocommit(Step step, List<AppliedStep> results) {
		this.listener.stepStarting(step);
		comment(step);
		Instant startedAt = Instant.now();
		long started = System.nanoTime();
		boolean settingsApplied = false;
		try {
			guardStep(step);
			if (this.sink.offline()) {
				// Recorded in a transaction after its statements, whose now() is their end.
				this.sink.write(List.of(HistoryTable.noteStepStart()));
			}
			List<Bookkeeping> settings = this.ddl.apply(false);
			if (this.sink.offline()) {
				// A script shows what runs: the settings wait for the body's first statement, so an
				// empty body gets no SET and RESET around nothing.
				this.statements.sendBeforeNext(settings);
			}
			else if (!settings.isEmpty()) {
				this.sink.write(settings);
				settingsApplied = true;
			}
			runBody(step, true, List.of(), false);
			List<String> dropped = reportDropped(step);
			if (this.sink.offline()) {
				settingsApplied = !settings.isEmpty() && this.statements.takePending().isEmpty();
			}
			long ms = millisSince(started);
			List<Bookkeeping> restore = new ArrayList<>();
			if (settingsApplied) {
				settingsApplied = false;
				restore.addAll(this.ddl.reset());
			}
			// Its own SETs committed with their statements: the revisions after it must not inherit them.
			restore.addAll(this.statements.takePutBack(false));
			if (!restore.isEmpty()) {
				this.sink.write(restore);
			}
			this.sink.begin();
			guardStep(step);
			List<Bookkeeping> rows = this.records.appliedOutsideTransaction(step, startedAt, ms);
			try {
				this.sink.write(rows);
			}
			catch (SQLException ex) {
				// Its statements all ran and stay committed: said as a transactional revision's is, with
				// the role the rows were written as, read once the failed transaction is gone.
				this.sink.rollback();
				throw StepStatements.recordingFailed(step.revision(), rows.get(0).sql(), rows, ex,
						this.statements.whoRecords());
			}
			this.sink.commit();
			this.listener.stepFinished(step, ms, null);
			results.add(new AppliedStep(id(step), step.operation().jsonName(), ms, dropped));
		}
		catch (SQLException | RuntimeException ex) {
			this.sink.rollback();
			// Dropped before the statement failed: gone all the same.
			reportDropped(step);
			// Before the failure row, which must not be written as the revision's role or in its schema.
			List<Bookkeeping> restore = new ArrayList<>(settingsApplied ? this.ddl.reset() : List.of());
			restore.addAll(this.statements.takePutBack(false));
			if (ex instanceof StatementFailure failed && failed.recording != null && failed.recording.roleChanged()) {
				// A role the revision set unseen (a DO block) committed with it: the failure row, and a
				// pool's next borrower, get the session's own back.
				restore.addAll(this.sink.putBack(java.util.Set.of(SessionSettings.ROLE)));
			}
			if (!restore.isEmpty()) {
				try {
					this.sink.write(restore);
				}
				catch (SQLException resetFailure) {
					ex.addSuppressed(resetFailure);
				}
			}
			if (this.sink.offline() && ex instanceof RuntimeException runtime && !(ex instanceof StatementFailure)) {
				throw offlineFailure(step, runtime);
			}
			StatementFailure failure = (ex instanceof StatementFailure statementFailure) ? statementFailure
					: (ex instanceof SQLException sqlException) ? StatementFailure.of(step, sqlException)
							: StatementFailure.of(step, (RuntimeException) ex);
			throw fail(step, failure, millisSince(started), false, List.of(step), this.ddl.retries());
		}
		finally {
			this.statements.stopWatching();
		}
	}

	/**
	 * Runs what a step runs: a SQL revision's statements through {@link StepStatements#run}, a
	 * Java revision's migration through a {@link RevisionExecutor}.
	 * @return whether {@code after}, the step's own bookkeeping, was sent
	 */
	private boolean runBody(Step step, boolean autocommit, List<Bookkeeping> after, boolean together) {
		Revision revision = step.revision();
		if (!hasBody(step)) {
			return false;
		}
		RevisionScript script = this.scripts.apply(revision.id());
		boolean upgrade = step.operation() == Step.Operation.UPGRADE;
		if (script.body() instanceof SqlBody sql) {
			List<SqlStatement> section = upgrade ? sql.upgrade() : sql.downgrade();
			if (section == null) {
				throw new RetortException(ErrorCode.IRREVERSIBLE_REVISION, "Revision " + revision.id() + " ("
						+ revision.origin().source() + ") has no '-- +downgrade' section and cannot be downgraded.");
			}
			return this.statements.run(revision, section, autocommit, after, together);
		}
		else if (script.body() instanceof JavaBody java) {
			Operations operations = new Operations(new RevisionExecutor(this, revision, autocommit));
			if (upgrade) {
				java.migration().upgrade(operations);
			}
			else {
				java.migration().downgrade(operations);
			}
		}
		return false;
	}

	/**
	 * The SQL a Java revision's upgrade or downgrade renders to, through the offline executor:
	 * what {@code retort show} prints. A revision that asks for the JDBC connection cannot be
	 * shown as SQL from there, nor one past a call every run refuses ({@code op.execute("COMMIT")}
	 * in a transactional revision, {@code COPY … FROM STDIN}); the text then says so.
	 */
	public static String render(RevisionScript script, boolean upgrade) {
		try {
			return renderJava(script, upgrade).sql();
		}
		catch (RefusedStatementException ex) {
			// What it runs up to the refused call, and a comment saying why it stops there, as for
			// op.connection(): every run refuses it, but the SQL before it is still the revision's.
			return ex.rendered().sql();
		}
	}

	/** As {@link #render}, saying whether the SQL is complete: {@code lint} must not pass what it never saw. */
	public static RenderedJava renderJava(RevisionScript script, boolean upgrade) {
		ScriptSqlSink sink = new ScriptSqlSink();
		MigrationRunner runner = new MigrationRunner(sink, new TableNames(null, "retort_version", "retort_history"),
				(id) -> script, DdlSettings.NONE, TransactionMode.PER_REVISION, RunListener.NONE, () -> null);
		// The line each statement starts on, with the revision's call that rendered it: a finding on
		// line 13 of SQL the reader never wrote names the line of the class to change.
		TreeMap<Integer, String> calls = new TreeMap<>();
		List<String> statements = new ArrayList<>();
		runner.statementCalls = (sql, location) -> {
			calls.put(sink.nextLine(), location);
			statements.add(sql);
		};
		Revision revision = script.revision();
		Step step = new Step(revision, upgrade ? Step.Operation.UPGRADE : Step.Operation.DOWNGRADE, List.of(),
				List.of(), List.of());
		try {
			runner.runBody(step, !revision.transactional(), List.of(), false);
		}
		catch (RefusedStatementException ex) {
			// Refused all the same (PlanChecks), with what came before it for lint and show to read.
			calls.put(sink.nextLine(), StatementFailure.of(step, ex).location);
			sink.comment(ex.getMessage());
			throw ex.rendered(new RenderedJava(sink.script(), statements, ex.getMessage(), null, calls));
		}
		catch (InvalidRevisionFileException ex) {
			// A psql command: refused as in a SQL file, not rendered around.
			throw ex;
		}
		catch (RuntimeException ex) {
			String reason = offlineFailure(step, ex).getMessage();
			calls.put(sink.nextLine(), StatementFailure.of(step, ex).location);
			sink.comment(reason);
			String refused = (ex instanceof NonTransactionalOperationException nonTransactional)
					? nonTransactional.shortStatement() : null;
			return new RenderedJava(sink.script(), statements, reason, refused, calls);
		}
		return new RenderedJava(sink.script(), statements, null, null, calls);
	}

	/**
	 * The checksum a step is recorded with: a SQL file's, read with it; a Java revision's upgrade,
	 * {@link JavaChecksum#toRecord}, worked out once per run ({@code null} is a value too). Only an
	 * upgrade's is ever compared, so a Java revision is not rendered for a stamp or a downgrade.
	 */
	private String checksum(Step step) {
		Revision revision = step.revision();
		if (revision.kind() != Revision.Kind.JAVA) {
			return revision.checksum();
		}
		if (step.operation() != Step.Operation.UPGRADE) {
			return null;
		}
		if (!this.javaChecksums.containsKey(revision.id())) {
			RevisionScript script = this.scripts.apply(revision.id());
			this.javaChecksums.put(revision.id(), JavaChecksum.toRecord(script, renderJava(script, true)));
		}
		return this.javaChecksums.get(revision.id());
	}

	/**
	 * Offline, an exception of a Java revision's own code names the revision and its line, as
	 * online; Retort's own errors (the connection refused offline) already do.
	 */
	private static RuntimeException offlineFailure(Step step, RuntimeException ex) {
		if (ex instanceof RetortException || step.revision() == null) {
			return ex;
		}
		return new RetortException(ErrorCode.MIGRATION_FAILED, "Revision " + step.revision().id() + " ("
				+ StatementFailure.of(step, ex).location + ") failed while the offline (--sql) script was written: "
				+ ex, ex);
	}

	/** Runs one migration statement of a Java revision. */
	void statement(String sql, String location, boolean autocommit) {
		this.statementCalls.accept(sql, location);
		this.statements.statement(sql, location, autocommit);
	}

	/** Notes the session settings {@code sql} changes, for a statement the dialect runs itself. */
	void changedSettings(String sql) {
		this.statements.changedSettings(sql);
	}

	SqlSink sink() {
		return this.sink;
	}

	/** For tests: how long a failed try may have taken to be run again statement by statement. */
	MigrationRunner locateWithin(Duration limit) {
		this.locateWithin = limit;
		return this;
	}

	/** Sends the pending settings now: a Java revision is about to use the connection itself. */
	void flushPending() {
		this.statements.flushPending();
	}

	private void write(List<Bookkeeping> statements) throws SQLException {
		try {
			this.sink.write(statements);
		}
		catch (SQLException ex) {
			throw new StatementFailure(statements.get(0).sql(), "version table", ex);
		}
	}

	/**
	 * Tells the runner of version rows its plans leave alone (rows no revision file declares), so
	 * that a failure names every row the version table holds, not only those the plan moves.
	 */
	public MigrationRunner untouchedRows(List<String> rows) {
		this.untouchedRows = List.copyOf(rows);
		return this;
	}

	/**
	 * Names {@code schema} (the configured one, {@code null} for none) in the message of a failed
	 * revision: with one schema per tenant, migrated several at once, the revision alone does not
	 * say which tenant stays behind.
	 */
	public MigrationRunner configuredSchema(String schema) {
		this.configuredSchema = schema;
		return this;
	}

	/**
	 * The password the run connects with: masked in what a failure quotes (the database's message,
	 * the statement, another session's query), where a revision or another session may write it.
	 */
	public MigrationRunner connectionPasswords(ConnectionPasswords passwords) {
		this.passwords = passwords;
		this.statements.connectionPasswords(passwords);
		return this;
	}

	/**
	 * The thread was interrupted (an application shutting down) while a step waited to be tried
	 * again after a lock timeout. Its transaction was rolled back before the wait: it is neither
	 * applied nor recorded, and what committed before it stays.
	 */
	private RetortException interruptedRetry(Step step, List<Step> unit, int attempt, long ms, Throwable cause) {
		String id = id(step);
		String undone = (unit.size() > 1)
				? " The run's one transaction ('retort.transaction-mode: all') was rolled back: none of its revisions is"
						+ " applied or recorded."
				: " Revision " + id + " was rolled back and is not recorded as applied; the revisions before it stay"
						+ " applied.";
		RetortException exception = new RetortException(ErrorCode.RUNTIME, StepStatements.interruptedRetry("revision "
				+ id, attempt, this.ddl.retries()) + undone + " Run the " + step.operation().jsonName() + " again to go on.",
				cause);
		this.listener.stepFinished(step, ms, exception);
		return exception;
	}

	/**
	 * @param unit the steps of the failed transaction (the step alone outside one): the database
	 * stays at the heads before its first step, which the history row records as both its from and
	 * to heads, since a rolled-back run never reached the failed step's own starting point
	 */
	private MigrationFailedException fail(Step step, StatementFailure failure, long ms, boolean transactional,
			List<Step> unit, int retries) {
		List<BlockerWatch.Blocker> blockedBy = this.statements.blockedBy();
		List<String> stays = new ArrayList<>(unit.get(0).headsBefore());
		stays.addAll(this.untouchedRows);
		String createdEarlier = createdEarlier(step, failure);
		boolean indexBuild = indexBuild(step, failure);
		FailureMessage.OwnTimeouts own = ownTimeouts(step, failure);
		String extensionElsewhere = ExtensionElsewhere.advice(this.sink, failure, transactional, this.configuredSchema);
		String missingPrivilege = MissingPrivilege.advice(this.sink, failure);
		ReadOnlySession readOnly = readOnlySession(failure);
		MigrationFailedException exception = FailureMessage.exception(step, failure, transactional, unit.size() > 1,
				retries, false, blockedBy, stays, createdEarlier, indexBuild, this.ddl.statementTimeout(), own,
				this.configuredSchema, extensionElsewhere, missingPrivilege, readOnly, this.passwords);
		Exception unrecorded = this.records.failed(step, unit.get(0).headsBefore(), ms, exception.getMessage(),
				failure.sessionLost());
		if (unrecorded != null) {
			// Said where the row cannot be written for a reason that is not a bug: nobody should look for it.
			if (failure.sessionLost() || FailureMessage.READ_ONLY.equals(exception.sqlState())) {
				exception = FailureMessage.exception(step, failure, transactional, unit.size() > 1, retries, true,
						blockedBy, stays, createdEarlier, indexBuild, this.ddl.statementTimeout(), own,
						this.configuredSchema, extensionElsewhere, missingPrivilege, readOnly, this.passwords);
			}
			exception.addSuppressed(unrecorded);
		}
		this.listener.stepFinished(step, ms, exception);
		return exception;
	}

	/**
	 * For a write refused as read-only, whether the server is a standby or a setting made the
	 * session read-only: fixed in different places. Asked on failure only.
	 */
	private ReadOnlySession readOnlySession(StatementFailure failure) {
		if (failure.sqlException() == null || !FailureMessage.READ_ONLY.equals(failure.sqlException().getSQLState())
				|| this.sink.offline() || failure.sessionLost()) {
			return ReadOnlySession.UNKNOWN;
		}
		return ReadOnlySession.of(this.sink::queryRow);
	}

	/**
	 * For a timeout, where the failed SQL revision sets {@code statement_timeout} or
	 * {@code lock_timeout} itself ({@code file:line}): then its own value, not Retort's or the
	 * role's, stopped it; for a write refused as read-only, where it made its transaction
	 * read-only. Read on failure only.
	 */
	private FailureMessage.OwnTimeouts ownTimeouts(Step step, StatementFailure failure) {
		boolean readOnly = failure.sqlException() != null
				&& FailureMessage.READ_ONLY.equals(failure.sqlException().getSQLState());
		if (!(failure.timedOut() || readOnly) || failure.cancelledByRequest() || !hasBody(step)
				|| !(this.scripts.apply(step.revision().id()).body() instanceof SqlBody sql)) {
			return FailureMessage.OwnTimeouts.NONE;
		}
		List<SqlStatement> section = (step.operation() == Step.Operation.UPGRADE) ? sql.upgrade() : sql.downgrade();
		String statementTimeout = null;
		String lockTimeout = null;
		String readOnlyAt = null;
		for (SqlStatement statement : (section != null) ? section : List.<SqlStatement>of()) {
			java.util.Set<String> changed = SessionSettings.changedBy(statement.sql());
			if (readOnly && (changed.contains("default_transaction_read_only") || changed.contains("transaction_read_only")
					|| SessionSettings.makesTransactionReadOnly(statement.sql()))) {
				readOnlyAt = step.revision().origin().at(statement.line());
			}
			if (changed.contains("statement_timeout")) {
				statementTimeout = step.revision().origin().at(statement.line());
			}
			if (changed.contains("lock_timeout")) {
				lockTimeout = step.revision().origin().at(statement.line());
			}
		}
		return new FailureMessage.OwnTimeouts(statementTimeout, lockTimeout, readOnlyAt);
	}

	/**
	 * For an "already exists" failure, where this run named the object before the failing
	 * statement ({@code file:line}), or {@code null}.
	 */
	private String createdEarlier(Step step, StatementFailure failure) {
		if (failure.sqlException() == null || !FailureMessage.ALREADY_EXISTS.contains(
				String.valueOf(failure.sqlException().getSQLState()))) {
			return null;
		}
		int index = this.planSteps.indexOf(step);
		List<Step> earlier = (index > 0) ? this.planSteps.subList(0, index) : List.of();
		return EarlierCreation.find(FailureMessage.firstLine(failure.sqlException().getMessage()), failure.location, step,
				earlier, this.scripts);
	}

	/**
	 * Whether the failing statement builds an index; when it is not known which statement failed
	 * (a timeout is not run again to find it), whether one of the step's statements does.
	 */
	private boolean indexBuild(Step step, StatementFailure failure) {
		if (failure.sql != null || !failure.unlocatedStatement() || step.revision() == null) {
			return FailureMessage.buildsIndex(failure.sql);
		}
		if (!(this.scripts.apply(step.revision().id()).body() instanceof SqlBody sql)) {
			return false;
		}
		List<SqlStatement> section = (step.operation() == Step.Operation.UPGRADE) ? sql.upgrade() : sql.downgrade();
		return section != null && section.stream().anyMatch((statement) -> FailureMessage.buildsIndex(statement.sql()));
	}

	private void comment(Step step) {
		if (!this.sink.keepsComments()) {
			return;
		}
		this.sink.comment("Running " + step.operation().jsonName() + " " + step.path("<base>"));
	}

	private static boolean anyBody(List<Step> unit) {
		for (Step step : unit) {
			if (hasBody(step)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the step runs its revision's upgrade or downgrade: a stamp runs none. */
	static boolean hasBody(Step step) {
		return step.revision() != null && step.operation() != Step.Operation.STAMP;
	}

	/** Whether the step may run inside a transaction: all but a {@code Transactional: false} revision's. */
	static boolean transactional(Step step) {
		return !hasBody(step) || step.revision().transactional();
	}

	private static String id(Step step) {
		return (step.revision() != null) ? step.revision().id() : null;
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
