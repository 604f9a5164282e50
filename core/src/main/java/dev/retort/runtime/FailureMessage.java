package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.retort.revision.Revision;
import dev.retort.revision.Step;

/**
 * The message of a failed revision (DESIGN.md §6): what failed and where ({@code file:line}),
 * PostgreSQL's message and SQLSTATE, the statement (shortened), whether it was rolled back, where
 * the database stays, and what to do.
 */
final class FailureMessage {

	private FailureMessage() {
	}

	/**
	 * How the revision declared that it runs outside a transaction, in its own language: a Java
	 * revision has no {@code Transactional:} header to look for.
	 */
	static String nonTransactional(Revision revision) {
		return (revision.kind() == Revision.Kind.JAVA) ? "@Revision(transactional = false)" : "'Transactional: false'";
	}

	/**
	 * The sessions that blocked a try, one indented line each: pid, application_name, state, when
	 * its query started, the query, and how to end it. The failure of the last try names them, and
	 * so does the warning of each retry before it, so an operator can act while the run still waits.
	 */
	static String blockedBy(List<BlockerWatch.Blocker> blockers, ConnectionPasswords passwords) {
		StringBuilder lines = new StringBuilder();
		for (BlockerWatch.Blocker blocker : blockers) {
			if (blocker.hidden()) {
				lines.append("\n    pid ").append(blocker.pid()).append(" (role '").append(blocker.role())
					.append("', application_name '").append(blocker.application()).append("'; ")
					.append(Visibility.HIDDEN).append("): ").append(blocker.howToEnd());
				continue;
			}
			lines.append("\n    pid ").append(blocker.pid()).append(" (application_name '")
				.append(blocker.application()).append("', ").append(blocker.state()).append(", query started ")
				.append(blocker.queryStart()).append(", '").append(Sql.shorten(passwords.mask(PasswordLiterals.mask(String.valueOf(blocker.query()))))).append("'): ")
				.append(blocker.howToEnd());
		}
		return lines.toString();
	}

	/** What a retry's warning adds: the sessions that blocked the try that gave up, if it saw them. */
	static String retryBlockedBy(List<BlockerWatch.Blocker> blockers, ConnectionPasswords passwords) {
		return blockers.isEmpty() ? "" : ", blocked by:" + blockedBy(blockers, passwords);
	}

	/**
	 * @param unrecorded the {@code success = false} history row could not be written (the
	 * session was gone): said, so an operator does not look for it
	 * @param blockers the sessions seen blocking the last try of a lock-timeout failure, or none
	 * @param stays the heads the database stays at: before the failed transaction's first step
	 * @param createdEarlier for an "already exists" failure, the statement of this run that named
	 * the object before ({@code file:line}), or {@code null}
	 * @param statementTimeoutSet the {@code statement_timeout} Retort sets for revisions, or
	 * {@code null} when it sets none
	 * @param own where the revision sets its own timeouts, which replace Retort's and the role's
	 * @param schema the schema the run migrates, named right after the revision, or {@code null} when
	 * none is configured: an application that migrates a schema per tenant, several at once, must
	 * tell from the message alone which tenant a failure stopped
	 * @param extensionElsewhere for a type or function not found, where the extension that provides
	 * it is installed and what to do ({@link ExtensionElsewhere}), or {@code null}
	 * @param missingPrivilege for a statement refused for want of a privilege, which role lacks it
	 * and what to do ({@link MissingPrivilege}), or {@code null}
	 * @param readOnlySession for a write refused as read-only, whether the server is a standby or a
	 * setting made the session read-only, and what to do ({@link ReadOnlySession#UNKNOWN} when not asked)
	 * @param passwords the password the run connects with, masked in the database's message, the
	 * statement and the blockers' queries (a statement may quote it as a bare literal)
	 */
	static MigrationFailedException exception(Step step, StatementFailure failure, boolean transactional,
			boolean wholeRun, int retries, boolean unrecorded, List<BlockerWatch.Blocker> blockers,
			List<String> stays, String createdEarlier, boolean indexBuild, Duration statementTimeoutSet,
			OwnTimeouts own, String schema, String extensionElsewhere, String missingPrivilege,
			ReadOnlySession readOnlySession, ConnectionPasswords passwords) {
		// A Java revision that wraps the SQLException of its own JDBC work in an unchecked exception:
		// the database's words say what failed, the wrapper's what the revision was doing.
		SQLException wrapped = (failure.sqlException() == null) ? wrappedSqlException(failure.getCause()) : null;
		SQLException sqlException = (wrapped != null) ? wrapped : failure.sqlException();
		// A password the statement sets is masked in all that quotes it (PostgreSQL's message may too).
		String databaseMessage = passwords.mask(PasswordLiterals.mask((wrapped != null) ? wrapping(failure.getCause(), wrapped)
				: (sqlException != null) ? firstLine(sqlException.getMessage())
						: (failure.getCause() instanceof dev.retort.error.RetortException retort) ? retort.getMessage()
								: failure.getCause().toString(), failure.sql));
		String sqlState = (sqlException != null) ? sqlException.getSQLState() : null;
		// Masked before it is shortened, so that a cut cannot leave the start of a password unmasked.
		String statement = (failure.sql != null) ? Sql.shorten(passwords.mask(PasswordLiterals.mask(failure.sql))) : null;
		String heads = describeHeads(stays);
		StringBuilder message = new StringBuilder();
		message.append("Revision ").append(id(step)).append(" (").append(failure.location).append(")");
		if (schema != null) {
			message.append(" in schema ").append(Sql.identifier(schema));
		}
		if (failure.recording != null) {
			// Every statement of the revision ran: blaming its last one would send the user to the wrong place.
			message.append(" ran all its statements, but recording it (Retort's version and history rows) failed");
		}
		else {
			message.append(" failed");
		}
		message.append(transactional ? " and was rolled back: " : ": ");
		int problemStart = message.length();
		message.append(databaseMessage);
		if (sqlState != null) {
			message.append(" [SQLSTATE ").append(sqlState).append("]");
		}
		if (sqlException != null) {
			// PostgreSQL's detail names the row or key at fault (Key (kind)=(espresso) is duplicated).
			details(sqlException.getMessage())
				.forEach((line) -> message.append("\n  ").append(passwords.mask(PasswordLiterals.mask(line, failure.sql))));
		}
		if (failure.recording != null) {
			message.append("\n  in Retort's statement: ").append(statement);
			message.append(recordingAdvice(failure.recording, sqlState));
		}
		else if (statement != null) {
			message.append("\n  in statement: ").append(statement);
		}
		else if (failure.unlocatedStatement()) {
			// Not run again just to find the statement: it would take or wait as long again.
			message.append("\n  in one of its ").append(failure.together)
				.append(" statements, which went to the server together (").append(notLocated(failure, passwords)).append(")");
		}
		if (failure.locateFailure != null && !failure.unlocatedStatement()) {
			// With Retort's rows in its round trip: whether the statement or the rows failed stays unknown.
			message.append("\n  (").append(notLocated(failure, passwords)).append(")");
		}
		if (MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState) && own.lockTimeout() != null) {
			// Its own lock_timeout replaced 'retort.ddl.lock-timeout': raising that would change nothing.
			message.append("\n  It gave up waiting for a lock ").append(retries + 1).append(" time(s), after the")
				.append(" lock_timeout the revision sets itself (at ").append(own.lockTimeout()).append("), which")
				.append(" replaces 'retort.ddl.lock-timeout' for it: another session holds a lock on the table (see")
				.append(" pg_locks); retry when it is quiet, or raise the revision's own lock_timeout.");
		}
		else if (MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState) && !blockers.isEmpty()) {
			message.append("\n  It gave up waiting for a lock ").append(retries + 1).append(" time(s), blocked at the")
				.append(" last try by:").append(blockedBy(blockers, passwords));
			message.append("\n  Retry when it is done, or raise 'retort.ddl.lock-timeout' or 'retort.ddl.retries'.");
		}
		else if (MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState)) {
			message.append("\n  It gave up waiting for a lock ").append(retries + 1).append(" time(s)")
				.append(": another session holds a lock on the table (see pg_locks); retry when it is quiet, or raise")
				.append(" 'retort.ddl.lock-timeout' or 'retort.ddl.retries'.");
		}
		if (transactional && ACTIVE_SQL_TRANSACTION.equals(sqlState)) {
			// CREATE INDEX CONCURRENTLY, VACUUM…: what SPEC §2.1's 'Transactional: false' is for.
			message.append("\n  This statement cannot run inside a transaction, and the revision is transactional:")
				.append(" declare it with '-- Transactional: false' (Java: transactional = false) and keep only such")
				.append(" statements in it.");
		}
		if (createdEarlier != null && sqlState != null && ALREADY_EXISTS.contains(sqlState)) {
			// Not a schema built before Retort: stamping or a baseline would skip the revision.
			message.append("\n  This run created it already, at ").append(createdEarlier).append(" (before this")
				.append(" statement): it is created twice, not left from a schema built before Retort. Remove one of")
				.append(" the two.");
		}
		String otherSchema = (sqlState != null && ALREADY_EXISTS.contains(sqlState) && createdEarlier == null)
				? OtherSchemaName.find(failure.sql, databaseMessage, schema) : null;
		if (otherSchema != null) {
			// A schema per tenant: the first tenant's run made it; stamping this tenant would skip its revision.
			message.append("\n  The statement names ").append(otherSchema).append(", outside schema ")
				.append(Sql.identifier(schema)).append(" that this run migrates: the run of another schema that ran")
				.append(" this revision (another tenant) created it already. Leave the schema out of the name so that")
				.append(" each schema's run creates its own; a table shared by every tenant belongs in revisions")
				.append(" of its own, run once for that schema, not in the revisions every tenant runs.");
		}
		if (extensionElsewhere != null) {
			message.append("\n  ").append(extensionElsewhere);
		}
		if (missingPrivilege != null) {
			message.append("\n  ").append(missingPrivilege);
		}
		String existingRows = ExistingRows.advice(databaseMessage, failure.sql);
		if (existingRows != null) {
			message.append("\n  ").append(existingRows);
		}
		boolean statementTimeout = StatementFailure.QUERY_CANCELED.equals(sqlState) && databaseMessage.contains("statement timeout");
		// Retort sets statement_timeout only when 'retort.ddl.statement-timeout' is set; otherwise the
		// role's, the database's or the server's own stopped it, and "raise" names nothing to raise.
		boolean retortSetsTimeout = statementTimeoutSet != null && !statementTimeoutSet.isZero();
		// Its value is named: at 3 a.m. "raise it" should not send anyone to the configuration to find it.
		String timeout = retortSetsTimeout ? "statement_timeout (" + Sql.describe(statementTimeoutSet)
				+ ", 'retort.ddl.statement-timeout')"
				: "statement_timeout, set for the role, the database or the server ('retort.ddl.statement-timeout' is not"
						+ " set, so Retort left it as it was)";
		String raise = retortSetsTimeout ? "raise it"
				: "set 'retort.ddl.statement-timeout' higher (Retort then sets it for its revisions)";
		boolean ownStatementTimeout = statementTimeout && own.statementTimeout() != null;
		if (ownStatementTimeout) {
			// Retort's property and the role's setting were replaced by the revision's own: name that one.
			message.append("\n  It ran longer than the statement_timeout the revision sets itself (at ")
				.append(own.statementTimeout()).append("), which replaces ")
				.append(retortSetsTimeout ? "'retort.ddl.statement-timeout'" : "the role's, the database's or the server's")
				.append(" for it: raise it there, or remove it.");
		}
		else if (statementTimeout && ConcurrentIndex.buildsConcurrently(failure.sql)) {
			// Built concurrently already: it takes as long as the table is large, and cannot be split.
			message.append("\n  It ran longer than ").append(timeout).append(": an index build")
				.append(" takes as long as the table is large. ").append(Character.toUpperCase(raise.charAt(0)))
				.append(raise.substring(1)).append(" for the run that applies this revision.");
		}
		else if (statementTimeout && indexBuild) {
			message.append("\n  It ran longer than ").append(timeout)
				.append((failure.sql != null) ? ": an index build" : "; one of them is an index build, which")
				.append(" takes as long as the table is large, and CREATE INDEX blocks the table's writes all that time.")
				.append(" Build it with CREATE INDEX CONCURRENTLY in a 'Transactional: false' revision, or ")
				.append(retortSetsTimeout ? "raise 'retort.ddl.statement-timeout'" : raise)
				.append(" for the run that applies this revision.");
		}
		else if (statementTimeout) {
			message.append("\n  It ran longer than ").append(timeout).append(": ").append(raise).append(" for this")
				.append(" run, or split the work (a batched backfill in a 'Transactional: false' revision).");
		}
		boolean cancelled = StatementFailure.QUERY_CANCELED.equals(sqlState) && !statementTimeout;
		if (cancelled) {
			// pg_cancel_backend: someone stopped it on purpose, most often because it seemed stuck.
			message.append("\n  It was cancelled by request (pg_cancel_backend, or a cancel sent by a client), not by a")
				.append(" timeout of Retort's: the revision is not at fault. If it was cancelled because it seemed")
				.append(" stuck, find out first what it waited for (pg_stat_activity, pg_locks).");
		}
		if (failure.connectionLost()) {
			// Nothing is wrong with the revision: the session went away under it.
			message.append("\n  The connection to the server was lost (the server restarted or shut down, or the session")
				.append(" was ended with pg_terminate_backend); ")
				.append(transactional ? "the server rolled back the open transaction." : "the statement did not complete.");
			if (unrecorded) {
				message.append(" No failure row could be written to the history.");
			}
		}
		// The revision's own SET TRANSACTION READ ONLY is its fault, not the server's.
		boolean ownReadOnly = READ_ONLY.equals(sqlState) && own.readOnly() != null;
		boolean readOnly = READ_ONLY.equals(sqlState) && !ownReadOnly;
		if (ownReadOnly) {
			message.append("\n  The revision made its own transaction read-only (at ").append(own.readOnly())
				.append("): remove that statement; Retort runs a revision in a writable transaction.");
		}
		if (readOnly) {
			message.append("\n  ").append(readOnlySession.advice());
			if (unrecorded) {
				message.append(" No failure row could be written to the history.");
			}
		}
		// What follows is where the database stays and how to recover: not part of the problem.
		String problem = message.substring(problemStart);
		String nothingApplied = "\n  Nothing of it was applied; the database stays at " + heads;
		String declared = nonTransactional(step.revision());
		// A Java revision that threw failed at no statement: everything it ran before the exception stays.
		// What ran before the failing statement is what stays committed: said as it is (none, or how many).
		String block = failure.blockRolledBack ? " (those in its open BEGIN block were rolled back with this one)" : "";
		String before = (failure.sql == null && failure.sqlException() == null) ? ": the statements it ran before that stay committed"
				: (failure.firstOfSqlRevision) ? " and failed at its first statement: no statement of it ran before this one"
						: (failure.ranBefore == 0) ? ": none of its statements before this one stays committed" + block
								: (failure.ranBefore > 0) ? ": its " + statements(failure.ranBefore) + " before this one "
										+ ((failure.ranBefore == 1) ? "stays" : "stay") + " committed" + block
										: ": statements before this one stay committed";
		String outside = "\n  It ran outside a transaction (" + declared + ")" + before + ", the version table stays at "
				+ heads;
		// Outside a transaction, only a failure at the first statement of a SQL revision is known to leave nothing.
		boolean committedNothing = transactional || (failure.firstOfSqlRevision && !commitsOnItsOwn(failure.sql));
		String nothingCommitted = "\n  It ran outside a transaction (" + declared + ") and failed at its first"
				+ " statement: nothing of it was committed; the database stays at " + heads;
		if (transactional && JdbcSqlSink.VERSION_MOVED.equals(sqlState)) {
			// The other runner moved the database on: it is not where this run found it, and the
			// revision is not at fault.
			message.append("\n  Nothing of it was applied by this run: another runner migrated the same database while")
				.append(" this one ran, without waiting for the migration lock (one of them has 'retort.lock.enabled'")
				.append(" false, or the version table was changed by hand), so the database is where that runner left")
				.append(" it, not at ").append(heads).append(". The revision is not at fault: run again, and the next")
				.append(" run starts from where the database stands now ('retort current' shows it). Keep")
				.append(" 'retort.lock.enabled' true wherever several instances may migrate at once.");
		}
		else if (transactional && wholeRun) {
			message.append("\n  The whole run was rolled back (transaction-mode all): the database stays at ").append(heads)
				.append(failure.connectionLost() ? ". Run again once the server accepts connections: the next run"
						+ " continues from there." : (missingPrivilege != null)
								? AS_PRIVILEGED_ROLE
								: (statementTimeout || cancelled || MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState))
								? ": the next run continues from there."
								: ". Fix the revision and run again: the next run continues from there.");
		}
		else if (transactional && failure.connectionLost()) {
			message.append(nothingApplied)
				.append(". Run again once the server accepts connections: the next run continues from there.");
		}
		else if (transactional && readOnly) {
			message.append(nothingApplied).append(onceWritable(readOnlySession));
		}
		else if (transactional && existingRows != null) {
			// Said above: the statement is sound; "fix the revision" would contradict it.
			message.append(nothingApplied).append(ONCE_ROWS_FIXED);
		}
		else if (transactional && missingPrivilege != null) {
			// Said above: most often the role, not the revision, is wrong; "fix the revision" would mislead.
			message.append(nothingApplied).append(AS_PRIVILEGED_ROLE);
		}
		else if (transactional && ownStatementTimeout) {
			message.append(nothingApplied).append(". Fix the revision and run again: the next run continues from there.");
		}
		else if (transactional && (statementTimeout || cancelled || MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState))) {
			// Not the revision's fault (said above): "fix the revision" would send the user to edit a good file.
			message.append(nothingApplied)
				.append(": the next run continues from there.");
		}
		else if (transactional && step.operation() == Step.Operation.DOWNGRADE && sqlState != null
				&& UNDEFINED.contains(sqlState)) {
			// Two readings the database cannot tell apart: a downgrade that names what its upgrade never
			// created (a mistake in the revision), or an object removed by hand. Stamping past the first
			// would record as undone a downgrade that never ran and still does not work.
			String to = step.headsAfter().isEmpty() ? "base" : String.join(" ", step.headsAfter());
			message.append(nothingApplied)
				.append(". The database lacks what this downgrade removes. If the downgrade names something the")
				.append(" revision never created (a mistake in the revision), fix the revision's downgrade and run")
				.append(" again. Only if it was removed by hand: undo the rest of the revision's downgrade by hand,")
				.append(" then 'retort stamp ").append(to)
				.append("' records the step without running anything; or restore what is missing and run again.");
		}
		else if (transactional) {
			message.append(nothingApplied)
				.append(". Fix the revision and run again: the next run continues from there.");
		}
		else if (failure.recording != null) {
			// Nothing to undo or make re-runnable: what is missing is Retort's record of it.
			String to = step.headsAfter().isEmpty() ? "base" : String.join(" ", step.headsAfter());
			message.append("\n  It ran outside a transaction (").append(declared).append("): all its statements ran")
				.append(" and stay committed, but it is not recorded as applied; the version table stays at ").append(heads)
				.append(". Once Retort can write its rows, record it without running it again: 'retort stamp ").append(to)
				.append("'.");
		}
		else if (committedNothing && failure.connectionLost()) {
			message.append(nothingCommitted).append(". Run again once the server accepts connections.");
		}
		else if (committedNothing) {
			message.append(nothingCommitted)
				.append(readOnly ? onceWritable(readOnlySession)
						: (statementTimeout || cancelled || MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState))
								? ": the next run continues from there."
								: (missingPrivilege != null) ? AS_PRIVILEGED_ROLE
										: (existingRows != null) ? ONCE_ROWS_FIXED
										: findsItDroppedAlready(step, sqlState) ? ". " + droppedAlready(step)
												: ". Fix the revision and run again.");
		}
		else if (failure.connectionLost()) {
			message.append(outside).append(".");
			if (ConcurrentIndex.buildsConcurrently(failure.sql)) {
				message.append(INVALID_INDEX);
			}
			message.append(" Run again once the server accepts connections.");
		}
		else if (sqlException instanceof ConcurrentIndex.InvalidException invalid) {
			message.append(outside).append(". Drop the INVALID index")
				.append(" (DROP INDEX CONCURRENTLY ").append(invalid.found)
				.append(") and run again: the revision builds it anew.");
		}
		else {
			// A downgrade drops: its re-runnable form is IF EXISTS.
			if (failure.ranBefore == 0) {
				message.append(outside).append(findsItDroppedAlready(step, sqlState) ? ". " + droppedAlready(step)
						: ". Fix the failing statement, then run again.");
			}
			else {
				message.append(outside).append(". Make the statements re-runnable (")
					.append((step.operation() == Step.Operation.DOWNGRADE) ? "IF EXISTS" : "IF NOT EXISTS")
					.append(") or undo them by hand, then run again.");
			}
			ConcurrentIndex.Found left = failure.leftIndex;
			boolean exists = "42P07".equals(sqlState);
			if (left != null && !left.valid() && (exists || left.before())) {
				// The run drops the revision's own leftover before it builds: this one it left alone.
				message.append("\n  Index ").append(left.name()).append(" exists, INVALID (used by no query, still")
					.append(" updated by every write), and was not dropped before the build: a session is building it")
					.append(" now (pg_stat_progress_create_index), or it is not on the table this statement builds it on.")
					.append(" Once no session builds it, drop it (DROP INDEX CONCURRENTLY ").append(left.name())
					.append(") or rename the revision's index, then run again.");
			}
			else if (left != null && !left.valid()) {
				message.append("\n  The failed build left index ").append(left.name()).append(" behind, INVALID (used by")
					.append(" no query, still updated by every write): the next run of this revision drops it (DROP")
					.append(" INDEX CONCURRENTLY IF EXISTS) before it builds it anew, so fix the cause first; or drop it")
					.append(" now (DROP INDEX CONCURRENTLY ").append(left.name()).append(").");
			}
			else if (left != null && exists) {
				message.append("\n  Index ").append(left.name()).append(" exists and is valid: an earlier run of this")
					.append(" revision built it before a later statement failed, or it was built by hand. Keep it by")
					.append(" writing 'CREATE INDEX CONCURRENTLY IF NOT EXISTS', or drop it (DROP INDEX CONCURRENTLY ")
					.append(left.name()).append(").");
			}
			else if (ConcurrentIndex.buildsConcurrently(failure.sql) && exists) {
				message.append(INVALID_INDEX_EXISTS);
			}
		}
		if (!transactional && failure.recording == null && createdEarlier == null && failure.leftIndex == null
				&& sqlState != null && ALREADY_EXISTS.contains(sqlState) && !ConcurrentIndex.buildsConcurrently(failure.sql)) {
			// A run killed half-way through it (kill -9 of a pod, a lost connection) wrote no history
			// row: only the statements it committed tell, and "fix the revision" alone misleads.
			message.append("\n  If an earlier run of this revision stopped half-way (its process killed, or its")
				.append(" connection lost, which leaves no history row), the statements it ran stay committed and")
				.append(" created this: drop what that run created, or make the revision's statements re-runnable")
				.append(" (IF NOT EXISTS), then run again.");
		}
		MigrationFailedException exception = new MigrationFailedException(message.toString(), id(step),
				failure.location, statement, sqlState, databaseMessage, transactional, committedNothing, problem,
				createdEarlier != null || otherSchema != null, indexBuild,
				(failure.sqlException() != null) ? masked(sqlException, failure.sql, passwords) : failure.getCause());
		String ownSetting = ownStatementTimeout ? own.statementTimeout()
				: (MigrationRunner.LOCK_NOT_AVAILABLE.equals(sqlState) && own.lockTimeout() != null) ? own.lockTimeout()
						: ownReadOnly ? own.readOnly() : null;
		return exception.statementsRanBefore(transactional ? -1 : failure.ranBefore).stoppedByOwnSettingAt(ownSetting)
			.recordingFailed(failure.recording != null)
			.wholeRunRolledBack(transactional && wholeRun);
	}

	/**
	 * Whether a downgrade outside a transaction failed at its first statement because what it
	 * drops is gone: most often the statement is not at fault, an earlier run of the same downgrade
	 * that failed further on (its statements before the failure stay committed) or a hand dropped
	 * it; but a downgrade that names what its upgrade never created fails the same way.
	 */
	private static boolean findsItDroppedAlready(Step step, String sqlState) {
		return step.operation() == Step.Operation.DOWNGRADE && sqlState != null && UNDEFINED.contains(sqlState);
	}

	/** What to do about a downgrade that finds gone what it drops (see {@link #findsItDroppedAlready}). */
	private static String droppedAlready(Step step) {
		String to = step.headsAfter().isEmpty() ? "base" : String.join(" ", step.headsAfter());
		return "What it drops is gone already: an earlier run of this downgrade that failed further on (its"
				+ " statements outside a transaction stay committed) or a change by hand removed it; or the downgrade"
				+ " names something the revision never created (a mistake in the revision: fix the revision's"
				+ " downgrade). Otherwise write its drops with IF EXISTS so that it can run again, or undo the rest of"
				+ " its downgrade by hand, then 'retort stamp " + to + "' records the step without running anything.";
	}

	/**
	 * A statement that may commit work before it fails: a concurrent build (an INVALID index, a
	 * partition left detaching), a procedure or {@code DO} block with {@code COMMIT}, and commands
	 * that commit table by table ({@code VACUUM}, {@code ANALYZE}, {@code CLUSTER} and
	 * {@code REINDEX} of many tables). Leading comments aside; a word in a string or comment only makes
	 * the message more careful.
	 */
	private static final Pattern COMMITS_ON_ITS_OWN = Pattern.compile("(?is)\\bconcurrently\\b.*|^(?:\\s*(?:--[^\\n]*"
			+ "(?:\\n|$)|/\\*.*?\\*/))*\\s*(?:call|do|vacuum|analyze|analyse|cluster|reindex)\\b.*");

	/** An index build, concurrent or not ({@code CREATE INDEX}, {@code REINDEX}), leading comments aside. */
	private static final Pattern BUILDS_INDEX = Pattern.compile("(?is)^(?:\\s*(?:--[^\\n]*(?:\\n|$)|/\\*.*?\\*/))*"
			+ "\\s*(?:create\\s+(?:unique\\s+)?index|reindex)\\b.*");

	static boolean buildsIndex(String sql) {
		return sql != null && BUILDS_INDEX.matcher(sql).matches();
	}

	static boolean commitsOnItsOwn(String sql) {
		return sql == null || COMMITS_ON_ITS_OWN.matcher(sql).find();
	}

	/**
	 * Where a failed revision sets its own timeouts, or makes its transaction read-only
	 * ({@code file:line}), each {@code null} when it does not.
	 */
	record OwnTimeouts(String statementTimeout, String lockTimeout, String readOnly) {

		static final OwnTimeouts NONE = new OwnTimeouts(null, null, null);

	}

	/** {@code insufficient_privilege}. */
	static final String INSUFFICIENT_PRIVILEGE = "42501";

	/**
	 * Why Retort's rows could not be written after a revision whose statements all ran: most often
	 * a role the revision set where Retort could not see it to put it back.
	 */
	private static String recordingAdvice(StatementFailure.Recording recording, String sqlState) {
		if (recording.roleChanged()) {
			return "\n  Retort wrote them as role '" + recording.currentUser() + "', not as the session's role '"
					+ recording.sessionUser() + "': a statement of the revision set that role where Retort cannot see it"
					+ " to put it back after the revision (inside a DO block or a function, or with dynamic SQL). Set the"
					+ " role with a SET ROLE statement of its own, which Retort puts back before it records the revision,"
					+ " or end the revision with RESET ROLE.";
		}
		if (INSUFFICIENT_PRIVILEGE.equals(sqlState) && recording.currentUser() != null) {
			return "\n  The role '" + recording.currentUser() + "' may not write Retort's tables: run migrations as their"
					+ " owner, or grant it INSERT, UPDATE and DELETE on the version table and INSERT on the history table"
					+ " (docs/security.md).";
		}
		return "";
	}

	/** Where the next run continues from a statement refused for want of a privilege ({@link MissingPrivilege}). */
	private static final String AS_PRIVILEGED_ROLE = ": a run as a role with that privilege continues from there.";

	/** Where the next run continues from a constraint the table's rows break ({@link ExistingRows}). */
	private static final String ONCE_ROWS_FIXED = ": once the rows are dealt with, the next run continues from there.";

	/** Where the next run continues from a write refused as read-only: on the primary, or once writable. */
	private static String onceWritable(ReadOnlySession readOnlySession) {
		return readOnlySession.standby() ? ": a run on the primary continues from there."
				: ": a run with default_transaction_read_only off continues from there.";
	}

	/** {@code read_only_sql_transaction}: a hot standby, or {@code default_transaction_read_only}. */
	static final String READ_ONLY = "25006";

	/**
	 * Why a write was refused when the connection is read-only: a configuration mistake (the
	 * replica's URL given for the primary's), never the revision's fault.
	 */
	static final String READ_ONLY_ADVICE = "The database refused to write: the session is read-only (a hot standby or"
			+ " replica, or default_transaction_read_only on for the database or the role). The revisions are not at"
			+ " fault: point the migration's connection at the primary, writable database, or turn"
			+ " default_transaction_read_only off for the migrating role.";

	/** {@code duplicate_table}, {@code duplicate_column}, {@code duplicate_object}. */
	static final Set<String> ALREADY_EXISTS = Set.of("42P07", "42701", "42710");

	/** {@code undefined_table}, {@code undefined_column}, {@code undefined_object}. */
	private static final Set<String> UNDEFINED = Set.of("42P01", "42703", "42704");

	/** {@code active_sql_transaction}: a statement that refuses to run inside a transaction block. */
	private static final String ACTIVE_SQL_TRANSACTION = "25001";

	/** A concurrent index build that stops half-way leaves its index behind, marked INVALID. */
	private static final String INVALID_INDEX = " A CREATE INDEX CONCURRENTLY that stops half-way leaves its index"
			+ " behind, INVALID (used by no query, still updated by every write): the next run drops it before it builds"
			+ " it anew when the statement names the index; one the server named must be dropped by hand (DROP INDEX"
			+ " CONCURRENTLY).";

	private static final String INVALID_INDEX_EXISTS = "\n  If an earlier run of this revision was interrupted, the"
			+ " index is left from it: an INVALID one (SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid)"
			+ " must be dropped with DROP INDEX CONCURRENTLY before you run again ('IF NOT EXISTS' would keep it).";

	/** {@code 1 statement}, {@code 3 statements}. */
	static String statements(int count) {
		return count + ((count == 1) ? " statement" : " statements");
	}

	static String describeHeads(List<String> heads) {
		if (heads == null) {
			return "where it was";
		}
		return heads.isEmpty() ? "base" : String.join(", ", heads);
	}

	private static String id(Step step) {
		return (step.revision() != null) ? step.revision().id() : null;
	}

	/**
	 * The {@code Detail:} and {@code Hint:} lines of a server error as pgjdbc prints it, trimmed;
	 * not its {@code Where:} or {@code Position:}, which the statement and its location say.
	 */
	static List<String> details(String message) {
		if (message == null) {
			return List.of();
		}
		return message.lines().skip(1).map(String::strip)
			.filter((line) -> line.startsWith("Detail: ") || line.startsWith("Hint: "))
			.toList();
	}

	/**
	 * The driver's exception as the cause a failure carries (a stack trace prints its message
	 * whole): a copy with the statement's password literals and the connection's password masked,
	 * else the exception itself.
	 */
	static SQLException masked(SQLException ex, String sql, ConnectionPasswords passwords) {
		SQLException literals = PasswordLiterals.mask(ex, sql);
		String message = literals.getMessage();
		String masked = passwords.mask(message);
		if (message == null || message.equals(masked)) {
			return literals;
		}
		SQLException copy = new SQLException(masked, ex.getSQLState(), ex.getErrorCode());
		copy.setStackTrace(ex.getStackTrace());
		return copy;
	}

	/** The first {@code SQLException} among the causes of {@code thrown}, or {@code null}. */
	private static SQLException wrappedSqlException(Throwable thrown) {
		for (Throwable cause = (thrown != null) ? thrown.getCause() : null; cause != null
				&& cause != cause.getCause(); cause = cause.getCause()) {
			if (cause instanceof SQLException sqlException) {
				return sqlException;
			}
		}
		return null;
	}

	/**
	 * {@code java.lang.IllegalStateException: could not copy: ERROR: duplicate key …}; the wrapper
	 * alone when its message already quotes the database's ({@code new RuntimeException(ex)}).
	 */
	private static String wrapping(Throwable wrapper, SQLException wrapped) {
		String database = firstLine(wrapped.getMessage());
		String own = firstLine(wrapper.toString());
		return own.contains(database) ? own : own + ": " + database;
	}

	static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

	/** Why the statements were not run again one at a time to name the one that failed. */
	private static String notLocated(StatementFailure failure, ConnectionPasswords passwords) {
		if (failure.locateFailure != null) {
			// Honest: the first try's failure is the revision's; the run to locate it failed on its own.
			SQLException rerun = failure.locateFailure;
			return "running them again one at a time to find which failed for a reason of its own, not the revision's: "
					+ passwords.mask(firstLine(rerun.getMessage())) + ((rerun.getSQLState() != null)
							? " [SQLSTATE " + rerun.getSQLState() + "]" : "")
					+ "; which statement fails is not known";
		}
		if (failure.connectionLost()) {
			return "its session is gone, so they could not run again one at a time to find which";
		}
		if (failure.cancelledByRequest()) {
			return "a cancelled statement is not run again to find which: it was stopped on purpose";
		}
		if (failure.timedOut()) {
			return "a timeout is not run again to find which: it would wait as long again";
		}
		return "a try longer than " + MigrationRunner.LOCATE_WITHIN.toSeconds() + " s is not run again to find which";
	}

}
