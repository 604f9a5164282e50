package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.retort.dialect.postgres.SessionSettings;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.TransactionControl;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the statements of the step running now through the {@link SqlSink} in as few round
 * trips as it can: the {@code SET LOCAL} settings opening a transaction wait here to travel with
 * its first statement, a step's bookkeeping travels with its last, and a SQL revision's
 * statements may go in one round trip. Outside a transaction a statement that hit
 * {@code lock_timeout} is retried alone, and a concurrent index build is checked for the INVALID
 * index it may leave. Apart from {@link MigrationRunner}, which decides transactions, retries of
 * whole revisions and failure rows, because SQL and Java revisions both send through here and
 * what shares a round trip is one concern.
 */
final class StepStatements {

	/** Under the runner's name: an operator follows a run in one logger. */
	private static final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);

	private final SqlSink sink;

	private final DdlSettings ddl;

	/** The {@code SET LOCAL} statements opening each transaction that runs a revision. */
	private final List<Bookkeeping> transactionSettings;

	/** Settings waiting to travel with the next statement. */
	private List<Bookkeeping> pendingBefore = List.of();

	/**
	 * The session settings the step running now changed and that are not yet put back: a Java
	 * revision's, or a {@code Transactional: false} one's, which the runner puts back after it.
	 */
	private Set<String> changedSettings = new LinkedHashSet<>();

	/** Who blocks the try running now, when it is the last after lock timeouts. */
	private BlockerWatch blockers = BlockerWatch.NONE;

	private ConnectionPasswords passwords = ConnectionPasswords.NONE;

	/** The INVALID leftovers of earlier runs dropped in the step running now ({@link #leftByEarlierRun}), once dropped. */
	private final List<String> dropped = new ArrayList<>();

	private static final String IDLE_IN_TRANSACTION_TIMEOUT = "idle_in_transaction_session_timeout";

	/** Ends with the transaction (the revision's commit or rollback), as the revision's own setting does. */
	private static final Bookkeeping NO_IDLE_TIMEOUT = new Bookkeeping(
			"SET LOCAL " + IDLE_IN_TRANSACTION_TIMEOUT + " = 0", Bookkeeping.ANY_ROWS);

	StepStatements(SqlSink sink, DdlSettings ddl) {
		this.sink = sink;
		this.ddl = ddl;
		this.transactionSettings = ddl.apply(true);
	}

	/**
	 * A transaction has begun: when it runs any revision's body, its settings wait to travel with
	 * its first statement (SET LOCAL costs no round trip of its own).
	 */
	void transactionBegun(boolean runsBodies) {
		this.pendingBefore = runsBodies ? this.transactionSettings : List.of();
	}

	/** {@code settings} wait to travel with the next statement, outside a transaction. */
	void sendBeforeNext(List<Bookkeeping> settings) {
		this.pendingBefore = settings;
	}

	/** The settings still waiting, for the caller to send; none wait after. */
	List<Bookkeeping> takePending() {
		List<Bookkeeping> before = this.pendingBefore;
		this.pendingBefore = List.of();
		return before;
	}

	/**
	 * Forgets the waiting settings and the revision's changed ones: their transaction was rolled
	 * back, and a {@code SET} goes with it.
	 */
	void rolledBack() {
		this.pendingBefore = List.of();
		this.changedSettings.clear();
	}

	/**
	 * The statements that put back the session settings the step changed and that are still set
	 * ({@link SessionBaseline}), for the caller to send; none are left after. Inside a
	 * transaction, Retort's own {@code SET LOCAL} timeouts follow when the step changed them: the
	 * revisions after it in the transaction ('transaction-mode: all'), and the step's bookkeeping,
	 * get them back.
	 */
	List<Bookkeeping> takePutBack(boolean inTransaction) {
		if (this.changedSettings.isEmpty()) {
			return List.of();
		}
		List<Bookkeeping> statements = putBack(this.changedSettings, inTransaction);
		this.changedSettings = new LinkedHashSet<>();
		return statements;
	}

	private List<Bookkeeping> putBack(Set<String> changed, boolean inTransaction) {
		List<Bookkeeping> statements = new ArrayList<>(this.sink.putBack(changed));
		if (inTransaction && (changed.contains(SessionSettings.ALL) || changed.contains("lock_timeout")
				|| changed.contains("statement_timeout"))) {
			statements.addAll(this.transactionSettings);
		}
		return statements;
	}

	/**
	 * Runs a SQL revision's statements. {@code after} (the step's own bookkeeping) is sent with
	 * the last statement, in the same round trip; with {@code together}, in a transaction, so are
	 * all the revision's statements.
	 * @return whether {@code after} was sent
	 */
	boolean run(Revision revision, List<SqlStatement> statements, boolean autocommit, List<Bookkeeping> after,
			boolean together) {
		Set<String> changed = SessionSettings.changedBy(statements);
		List<Bookkeeping> putBack = List.of();
		if (!changed.isEmpty() && autocommit) {
			// Each statement commits on its own: the runner puts them back after the last, and after a failure.
			this.changedSettings.addAll(changed);
		}
		else if (!changed.isEmpty()) {
			// Before Retort's own rows, in the same round trip: they are written as the run's role, in its schema.
			putBack = putBack(changed, true);
		}
		if (statements.isEmpty()) {
			return false;
		}
		if (together && !autocommit && statements.size() > 1 && !this.sink.offline()) {
			runTogether(statements, revision, concat(putBack, after));
			return !after.isEmpty();
		}
		// Running again to find what failed: Retort's rows go on their own, so that their failure is
		// not blamed on the revision's last statement.
		boolean apart = !together && !this.sink.offline() && !(putBack.isEmpty() && after.isEmpty());
		// One statement per round trip, in a transaction: the session idles in it between them, as it
		// never does when they go together (the first try).
		boolean idlesBetween = !together && !autocommit && !this.sink.offline();
		for (int i = 0; i < statements.size(); i++) {
			SqlStatement statement = statements.get(i);
			boolean last = i == statements.size() - 1;
			List<Bookkeeping> with = (last && !apart) ? concat(putBack, after) : List.of();
			// A revision's own idle_in_transaction_session_timeout ends the session in those idle gaps:
			// switched off right after it, in its round trip, so the run ends as the first try did.
			List<Bookkeeping> sent = (idlesBetween && SessionSettings.changedBy(statement.sql())
				.contains(IDLE_IN_TRANSACTION_TIMEOUT)) ? concat(List.of(NO_IDLE_TIMEOUT), with) : with;
			try {
				statement(statement.sql(), revision.origin().at(statement.line()), autocommit, sent, last);
			}
			catch (StatementFailure failure) {
				StatementFailure thrown = with.isEmpty() ? failure : failure.sentWithBookkeeping();
				// Outside a transaction, a failure at the first statement may have committed nothing of the revision.
				if (i == 0) {
					throw thrown.atFirstStatement();
				}
				if (!autocommit) {
					throw thrown;
				}
				if (TransactionControl.unclosedBegin(statements.subList(0, i)) >= 0) {
					// Failed inside the revision's own BEGIN block: the server aborted the block, and
					// nothing more (the failure row) runs on the session until it ends.
					endAbortedBlock();
					thrown.blockRolledBack = true;
				}
				throw thrown.ranBefore(TransactionControl.committedBefore(statements, i));
			}
		}
		if (apart) {
			record(revision, putBack, after);
		}
		return !after.isEmpty();
	}

	/**
	 * Writes a revision's put-back settings and Retort's rows after its statements all ran, reading
	 * first who writes them: when writing them fails, the message says so, and as whom.
	 */
	private void record(Revision revision, List<Bookkeeping> putBack, List<Bookkeeping> after) {
		String sql = putBack.isEmpty() ? after.get(0).sql() : putBack.get(0).sql();
		StatementFailure.Recording recording = null;
		try {
			if (!putBack.isEmpty()) {
				this.sink.write(putBack);
			}
			if (after.isEmpty()) {
				return;
			}
			sql = after.get(0).sql();
			List<String> users = this.sink.queryRow("SELECT current_user, session_user");
			recording = new StatementFailure.Recording(users.get(0), users.get(1));
			this.sink.write(after);
		}
		catch (SQLException ex) {
			throw recordingFailed(revision, sql, after, ex, recording);
		}
	}

	/**
	 * Writing Retort's rows for a revision whose statements all ran failed: the one failure both a
	 * revision in a transaction and one outside ({@code Transactional: false}) report, saying as
	 * whom the rows were written. Another process moving the version row is no recording problem.
	 * @param rows Retort's rows, written on their own (the revision's statements ran before them)
	 * @param recording who wrote them, or {@code null} when it could not be read
	 */
	static StatementFailure recordingFailed(Revision revision, String sql, List<Bookkeeping> rows, SQLException ex,
			StatementFailure.Recording recording) {
		if (JdbcSqlSink.VERSION_MOVED.equals(ex.getSQLState())) {
			return new StatementFailure(sql, "version table", ex);
		}
		Bookkeeping insert = rows.stream().filter(VersionTable::inserts).findFirst().orElse(null);
		if (UNIQUE_VIOLATION.equals(ex.getSQLState()) && insert != null) {
			// The version table's key is the only unique one among Retort's rows: another runner, not
			// waiting for the migration lock, added the same version row first (two runners at base).
			return new StatementFailure(insert.sql(), "version table", new SQLException("Expected to add a row to"
					+ " the version table, but it is there: another process moved the version while this one ran ("
					+ Sql.shorten(insert.sql()) + "; " + FailureMessage.firstLine(ex.getMessage()) + ")",
					JdbcSqlSink.VERSION_MOVED, ex));
		}
		return StatementFailure.recording(sql, revision.origin().source(), ex,
				(recording != null) ? recording : new StatementFailure.Recording(null, null));
	}

	/**
	 * Who writes Retort's rows on the session now, read after writing them failed outside a
	 * transaction (a failed write leaves none open to read it in); {@code null} when it cannot be
	 * read.
	 */
	StatementFailure.Recording whoRecords() {
		try {
			List<String> users = this.sink.queryRow("SELECT current_user, session_user");
			return (users != null) ? new StatementFailure.Recording(users.get(0), users.get(1)) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private void endAbortedBlock() {
		try {
			this.sink.execute("ROLLBACK");
		}
		catch (SQLException ex) {
			// A broken session fails again on the failure row, which says so.
		}
	}

	private static List<Bookkeeping> concat(List<Bookkeeping> first, List<Bookkeeping> second) {
		if (first.isEmpty()) {
			return second;
		}
		List<Bookkeeping> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/**
	 * Runs a revision's statements in one round trip, with the pending settings before them and
	 * {@code after} behind them: a server round trip per statement is most of what a revision of
	 * small statements costs. The server stops at the first error and does not say which
	 * statement it was, so a failure names the file alone.
	 */
	private void runTogether(List<SqlStatement> statements, Revision revision, List<Bookkeeping> after) {
		List<Bookkeeping> before = takePending();
		List<String> sql = new ArrayList<>(statements.size());
		for (SqlStatement statement : statements) {
			sql.add(statement.sql());
		}
		try {
			this.sink.execute(sql, before, after);
		}
		catch (SQLException ex) {
			// Not located yet, so masked against them all: the INFO line of the run one at a time quotes it.
			throw new StatementFailure(null, revision.origin().source(), PasswordLiterals.mask(ex, String.join("\n", sql)),
					statements.size());
		}
	}

	/** Notes the session settings {@code sql} changes, for a statement run apart from the sink. */
	void changedSettings(String sql) {
		this.changedSettings.addAll(SessionSettings.changedBy(sql));
	}

	/** Runs one migration statement of a Java revision. */
	void statement(String sql, String location, boolean autocommit) {
		this.changedSettings.addAll(SessionSettings.changedBy(sql));
		statement(sql, location, autocommit, List.of(), false);
	}

	/**
	 * In a script, outside a transaction, a concurrent index build waits for older transactions
	 * with no {@code lock_timeout}: online it is retried after one (its INVALID index dropped first),
	 * a script cannot retry, and a build given up after a few seconds leaves an INVALID index and
	 * stops psql; waiting blocks no reads or writes of the table, and psql shows it running.
	 * @param last whether no statement of the step follows, so that the step's own {@code RESET}
	 * puts the setting back
	 */
	private void statement(String sql, String location, boolean autocommit, List<Bookkeeping> after, boolean last) {
		if (!autocommit || !this.sink.offline() || !this.ddl.hasLockTimeout()
				|| !ConcurrentIndex.buildsConcurrently(sql)) {
			statement(sql, location, autocommit, after);
			return;
		}
		List<Bookkeeping> lockTimeout = this.ddl.apply(false).stream()
			.filter((setting) -> setting.sql().startsWith("SET lock_timeout"))
			.toList();
		// Retort's lock_timeout, waiting before the step's first statement, gives way to none here.
		List<Bookkeeping> before = new ArrayList<>(takePending());
		before.removeAll(lockTimeout);
		before.add(new Bookkeeping("SET lock_timeout = 0", Bookkeeping.ANY_ROWS));
		this.sink.comment("A concurrent index build waits for every older transaction to end, with no lock_timeout:"
				+ " it blocks no reads or writes meanwhile, and a script cannot retry it as an online run does (see"
				+ " pg_stat_activity for what it waits for)");
		this.pendingBefore = before;
		statement(sql, location, autocommit, last ? after : concat(lockTimeout, after));
	}

	/**
	 * Runs one migration statement, with the pending settings before it and {@code after}
	 * behind it in the same round trip; in autocommit, a lock timeout retries just this
	 * statement.
	 */
	private void statement(String sql, String location, boolean autocommit, List<Bookkeeping> after) {
		List<Bookkeeping> before = takePending();
		int attempt = 0;
		// The INVALID indexes to drop before the next try: those an earlier, interrupted run of this
		// statement left (a pod killed in the build), and the one a concurrent build left when it
		// gave up on lock_timeout (waiting for older transactions). Kept, the build would fail on
		// them ('already exists'), keep one unusable (IF NOT EXISTS), or, unnamed, build a second
		// one beside it.
		List<String> found = autocommit ? leftByEarlierRun(sql, location) : List.of();
		List<String> leftInvalid = new ArrayList<>(found.stream()
			.filter((row) -> row.charAt(0) == ConcurrentIndex.DROP)
			.map((row) -> row.substring(1))
			.toList());
		List<String> earlierRuns = new ArrayList<>(leftInvalid);
		// An index of the name that was there and not dropped: a lock timeout of the build (waiting
		// for the session building it) does not make it the build's own.
		List<String> keptBefore = found.stream()
			.filter((row) -> row.charAt(0) == ConcurrentIndex.KEEP)
			.map((row) -> row.substring(1))
			.toList();
		String invalidBefore = autocommit ? invalidIndexesBefore(sql, location) : null;
		if (autocommit && this.sink.offline() && !ConcurrentIndex.keepsExisting(sql)) {
			// Online drops an INVALID leftover above; a script says what it meets, before the build.
			ConcurrentIndex.builtBy(sql).ifPresent((index) -> checkNoLeftoverInScript(index, sql, location));
		}
		while (true) {
			try (BlockerWatch watch = autocommit ? watchTry(attempt) : BlockerWatch.NONE) {
				for (String index : leftInvalid) {
					// IF EXISTS: a drop that gave up on lock_timeout is tried again with the statement.
					this.sink.execute(List.of("DROP INDEX CONCURRENTLY IF EXISTS " + index), before, List.of());
					if (earlierRuns.remove(index)) {
						this.dropped.add(index);
					}
				}
				leftInvalid.clear();
				this.sink.execute(List.of(sql), before, after);
			}
			catch (SQLException ex) {
				if (autocommit && MigrationRunner.LOCK_NOT_AVAILABLE.equals(ex.getSQLState())
						&& attempt < this.ddl.retries()) {
					ConcurrentIndex.Found left = leftBehind(sql, ex, invalidBefore);
					if (left != null && !left.valid() && !leftInvalid.contains(left.name())
							&& !keptBefore.contains(left.name())) {
						// This try built it: a leftover of an earlier run would have failed at once (42P07),
						// or been skipped by IF NOT EXISTS, without waiting for any lock.
						leftInvalid.add(left.name());
					}
					attempt++;
					Duration backoff = this.ddl.backoff(attempt);
					logger.warn("Statement at {} waited longer than lock_timeout for a lock ({}); retry {} of {} in {} ms{}",
							location, this.passwords.mask(ex.getMessage()), attempt, this.ddl.retries(), backoff.toMillis(),
							FailureMessage.retryBlockedBy(this.blockers.seen(), this.passwords));
					this.sink.pausing(new RetryPause(attempt, this.ddl.retries(), backoff));
					if (!pause(backoff)) {
						throw new RetortException(ErrorCode.RUNTIME,
								interruptedRetry("the statement at " + location, attempt, this.ddl.retries())
										+ " The revision runs outside a transaction: its statements before this one stay"
										+ " committed, and it is not recorded as applied.", ex);
					}
					continue;
				}
				ConcurrentIndex.Found left = autocommit ? leftBehind(sql, ex, invalidBefore) : null;
				throw new StatementFailure(sql, location, ex,
						(left != null && keptBefore.contains(left.name())) ? left.thereBefore() : left);
			}
			if (autocommit && !this.sink.offline()) {
				stopWatching();
				ConcurrentIndex.builtBy(sql).ifPresent((index) -> requireValid(index, sql, location));
			}
			else if (autocommit && ConcurrentIndex.keepsExisting(sql)) {
				// Only IF NOT EXISTS can succeed on an INVALID leftover; the script checks as online does.
				ConcurrentIndex.builtBy(sql).ifPresent((index) -> checkValidInScript(index, sql, location));
			}
			return;
		}
	}

	/**
	 * Fails the step when the index a concurrent build names is INVALID: left by an interrupted
	 * build, and kept by {@code IF NOT EXISTS}, it would be recorded as applied while no query
	 * can use it. One query, after a concurrent build only.
	 */
	private void requireValid(ConcurrentIndex index, String sql, String location) {
		List<String> row;
		try {
			row = this.sink.queryRow(index.validityQuery());
		}
		catch (SQLException ex) {
			throw new StatementFailure(sql, location, ex);
		}
		if (row != null && !Boolean.parseBoolean(row.get(0))) {
			throw new StatementFailure(sql, location, new ConcurrentIndex.InvalidException(row.get(1)));
		}
	}

	private void checkNoLeftoverInScript(ConcurrentIndex index, String sql, String location) {
		try {
			this.sink.execute(index.offlineLeftoverCheck());
		}
		catch (SQLException ex) {
			throw new StatementFailure(sql, location, ex);
		}
	}

	private void checkValidInScript(ConcurrentIndex index, String sql, String location) {
		try {
			this.sink.execute(index.offlineValidityCheck());
		}
		catch (SQLException ex) {
			throw new StatementFailure(sql, location, ex);
		}
	}

	/**
	 * The index a failed concurrent build names, when it exists: a build that fails half-way (a
	 * duplicate key of a unique index, a deadlock) leaves it behind, INVALID, and one that meets
	 * an existing index ({@code 42P07}) may meet a leftover of an earlier run. Read so that the
	 * message says which it is and what to drop; {@code null} when the session is gone or the
	 * catalog cannot be read (the failure stands as it is).
	 */
	private ConcurrentIndex.Found leftBehind(String sql, SQLException failure, String invalidBefore) {
		if (this.sink.offline() || StatementFailure.connectionLost(failure)) {
			return null;
		}
		Optional<ConcurrentIndex> index = ConcurrentIndex.builtBy(sql);
		Optional<String> unnamedOn = ConcurrentIndex.unnamedBuildOn(sql);
		if (index.isEmpty() && (unnamedOn.isEmpty() || invalidBefore == null)) {
			return null;
		}
		try {
			List<String> row = this.sink.queryRow(index.isPresent() ? index.get().validityQuery()
					: ConcurrentIndex.newInvalidIndexQuery(unnamedOn.get(), invalidBefore));
			return (row != null) ? new ConcurrentIndex.Found(row.get(1), Boolean.parseBoolean(row.get(0))) : null;
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
			return null;
		}
	}

	/**
	 * The INVALID indexes an earlier run of this very statement left when it was cut short (its
	 * process killed, the server restarted) or failed, and that no session builds now: the
	 * statement is about to build them anew, and no query can use them, so they are dropped
	 * first, with a WARN and a note to the listener, instead of failing every run until a person
	 * drops them. Any other INVALID index (another name, another table, one being built) is left
	 * alone: the statement then fails on it as before. Online only; one query, before a
	 * concurrent build only.
	 * @return the rows of {@link ConcurrentIndex#leftoversQuery}: each index of the name, after
	 * {@link ConcurrentIndex#DROP} when it is to be dropped, else after {@link ConcurrentIndex#KEEP}
	 */
	private List<String> leftByEarlierRun(String sql, String location) {
		Optional<String> query = this.sink.offline() ? Optional.empty() : ConcurrentIndex.leftoversQuery(sql);
		if (query.isEmpty()) {
			return List.of();
		}
		List<String> found;
		try {
			// One row, the names one a line: a name holding a line break is not a name anyone writes.
			List<String> row = this.sink.queryRow("SELECT coalesce(string_agg(f.name, E'\\n' ORDER BY f.name), '') FROM ("
					+ query.get() + ") AS f (name)");
			found = (row == null || row.get(0).isEmpty()) ? List.of() : List.of(row.get(0).split("\n"));
		}
		catch (SQLException ex) {
			throw new StatementFailure(sql, location, ex);
		}
		for (String row : found) {
			if (row.charAt(0) != ConcurrentIndex.DROP) {
				continue;
			}
			String index = row.substring(1);
			logger.warn("Index {} is INVALID, left by a concurrent build that was interrupted or failed (an earlier run"
					+ " of the statement at {}, as a rule), and no session is building it now; no query can use it:"
					+ " dropping it (DROP INDEX CONCURRENTLY IF EXISTS {}) so that the statement builds it anew", index,
					location, index);
		}
		return found;
	}

	/**
	 * The INVALID leftovers of earlier runs dropped since the last call, for the runner to report
	 * with the step.
	 */
	List<String> takeDropped() {
		List<String> taken = List.copyOf(this.dropped);
		this.dropped.clear();
		return taken;
	}

	/**
	 * For a concurrent build that names no index, the INVALID indexes its table has before it
	 * runs (oids, comma-separated), so that one it leaves behind can be told from them; else, or
	 * offline, {@code null}. One query, before such a build only.
	 */
	private String invalidIndexesBefore(String sql, String location) {
		Optional<String> table = this.sink.offline() ? Optional.empty() : ConcurrentIndex.unnamedBuildOn(sql);
		if (table.isEmpty()) {
			return null;
		}
		try {
			List<String> row = this.sink.queryRow(ConcurrentIndex.invalidIndexesQuery(table.get()));
			return (row != null) ? row.get(0) : "";
		}
		catch (SQLException ex) {
			throw new StatementFailure(sql, location, ex);
		}
	}

	/** Sends the pending settings now: a Java revision is about to use the connection itself. */
	void flushPending() {
		if (this.pendingBefore.isEmpty()) {
			return;
		}
		List<Bookkeeping> before = takePending();
		try {
			this.sink.write(before);
		}
		catch (SQLException ex) {
			throw new StatementFailure(before.get(0).sql(), "settings", ex);
		}
	}

	/**
	 * Starts the try {@code attempt} (0 for the first) of a revision (or, outside a transaction,
	 * a statement): a watch of who blocks it, so that when it gives up on {@code lock_timeout} the
	 * retry's warning, or the last try's failure, names them. A first try, which every revision
	 * runs, sends nothing for it and opens no session unless it runs half a {@code lock_timeout}:
	 * a quick revision costs none. Without the migration lock, whose session finds the migration
	 * session in pg_locks, a first try is watched only when it is the only one
	 * ({@code retort.ddl.retries} 0).
	 */
	BlockerWatch watchTry(int attempt) {
		this.blockers = watch(attempt);
		return this.blockers;
	}

	private BlockerWatch watch(int attempt) {
		if (this.sink.offline()) {
			return BlockerWatch.NONE;
		}
		boolean timesOut = this.ddl.lockTimeout() != null && !this.ddl.lockTimeout().isZero()
				&& !this.ddl.lockTimeout().isNegative();
		if (attempt == 0 && !timesOut) {
			return BlockerWatch.NONE;
		}
		Duration lockTimeout = timesOut ? this.ddl.lockTimeout() : Duration.ofSeconds(1);
		// Several looks within one lock_timeout, the last shortly before it gives up.
		Duration every = lockTimeout.dividedBy(5);
		return this.sink.watchBlockers((every.compareTo(Duration.ofMillis(10)) < 0) ? Duration.ofMillis(10)
				: (every.compareTo(Duration.ofSeconds(1)) > 0) ? Duration.ofSeconds(1) : every,
				(attempt == 0) ? lockTimeout.dividedBy(2) : Duration.ZERO, attempt == 0 && this.ddl.retries() > 0);
	}

	/** The sessions that blocked the try running now, when it was watched; else empty. */
	/** The password the run connects with, masked in the warnings of a retry. */
	void connectionPasswords(ConnectionPasswords passwords) {
		this.passwords = passwords;
	}

	List<BlockerWatch.Blocker> blockedBy() {
		return this.blockers.seen();
	}

	/** The try running now is over, or no longer the one a failure would name blockers of. */
	void stopWatching() {
		this.blockers = BlockerWatch.NONE;
	}

	/**
	 * Waits out the backoff before a retry; {@code false} when the thread was interrupted first (as
	 * Spring interrupts the main thread when it shuts down), its interrupt status kept for the
	 * caller, who says what became of the step.
	 */
	/** SQLSTATE unique_violation. */
	private static final String UNIQUE_VIOLATION = "23505";

	static boolean pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Why a retry did not happen: the thread was interrupted while it waited for it. */
	static String interruptedRetry(String what, int attempt, int retries) {
		return "Interrupted while waiting to retry " + what + " (retry " + attempt + " of " + retries + ", after it waited"
				+ " longer than lock_timeout for a lock): the thread was interrupted, as when the application shuts down.";
	}

}
