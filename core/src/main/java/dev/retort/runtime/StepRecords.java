package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.retort.revision.Revision;
import dev.retort.revision.Step;

/**
 * What a run writes about each step (SPEC.md §4): the version table's change and a history row
 * for a step that ran, and a {@code success = false} row, in a transaction of its own, for one
 * that failed.
 */
final class StepRecords {

	private final SqlSink sink;

	private final VersionTable versionTable;

	private final HistoryTable historyTable;

	/** Asked for only when a history row is written: naming the host can take a DNS lookup. */
	private final Supplier<String> client;

	/** The checksum a step is recorded with (a Java revision's is rendered, not read). */
	private final Function<Step, String> checksums;

	StepRecords(SqlSink sink, TableNames names, Supplier<String> client, Function<Step, String> checksums) {
		this.sink = sink;
		this.checksums = checksums;
		this.versionTable = new VersionTable(names);
		this.historyTable = new HistoryTable(names);
		this.client = client;
	}

	/**
	 * The statements that record a step that ran: they travel in its transaction, with its last
	 * statement where they can.
	 * @param startedAt when the step started, or {@code null} for the server's {@code now()}
	 * @param ms how long it took, or {@code null} when the server times it
	 */
	List<Bookkeeping> applied(Step step, Instant startedAt, Long ms) {
		return applied(step, startedAt, ms, false);
	}

	/**
	 * As {@link #applied(Step, Instant, Long)}, for a step that ran outside a transaction: a
	 * script's record of it takes its start from the session ({@link HistoryTable#noteStepStart()}).
	 */
	List<Bookkeeping> appliedOutsideTransaction(Step step, Instant startedAt, Long ms) {
		return applied(step, startedAt, ms, this.sink.offline());
	}

	private List<Bookkeeping> applied(Step step, Instant startedAt, Long ms, boolean startNoted) {
		List<Bookkeeping> statements = new ArrayList<>();
		step.changes().forEach((change) -> statements.add(this.versionTable.change(change)));
		statements.add(this.historyTable
			.insert(historyRow(step, step.headsBefore(), startedAt, ms, true, null, startNoted)));
		return statements;
	}

	/**
	 * Writes the failure's history row, in a transaction of its own; on a session of its own
	 * when the migration session is gone, so a restart or a {@code pg_terminate_backend} does not
	 * leave the failure out of the history.
	 * @param databaseAt the heads the database stays at, recorded as the row's from and to heads
	 * @param sessionLost the step failed because the migration session went away: nothing more
	 * can run on it
	 * @return why it could not, or {@code null}
	 */
	Exception failed(Step step, List<String> databaseAt, long ms, String error, boolean sessionLost) {
		if (this.sink.offline()) {
			return null;
		}
		List<Bookkeeping> row = List.of(this.historyTable
			.insert(historyRow(step, databaseAt, Instant.now().minusMillis(ms), ms, false, error, false)));
		SQLException lost = null;
		if (!sessionLost) {
			try {
				this.sink.begin();
				this.sink.write(row);
				this.sink.commit();
				return null;
			}
			catch (SQLException | RuntimeException ex) {
				this.sink.rollback();
				if (!(ex instanceof SQLException sqlException && StatementFailure.connectionLost(sqlException))) {
					return ex;
				}
				lost = sqlException;
			}
		}
		try {
			// One statement in autocommit: a transaction of its own. Asked for at once when the
			// session is known to be gone: a pool (HikariCP) closes a connection it saw fail with
			// 57P01, and its closed connection then fails with no SQLSTATE that says so.
			this.sink.writeApart(row);
			return null;
		}
		catch (SQLException | RuntimeException apart) {
			if (lost != null) {
				apart.addSuppressed(lost);
			}
			return apart;
		}
	}

	private HistoryTable.HistoryRow historyRow(Step step, List<String> from, Instant startedAt, Long ms, boolean success,
			String error, boolean startNoted) {
		Revision revision = step.revision();
		boolean offline = this.sink.offline();
		return new HistoryTable.HistoryRow((revision != null) ? revision.id() : null, step.operation().jsonName(), from,
				success ? step.headsAfter() : from, (revision != null) ? revision.message() : null,
				(revision != null) ? this.checksums.apply(step) : null, offline ? null : this.client.get(),
				offline ? null : startedAt, offline ? null : ms, success, error, offline && startNoted);
	}

}
