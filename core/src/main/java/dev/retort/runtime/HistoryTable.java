package dev.retort.runtime;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/**
 * The audit log: one row per step, never updated (SPEC §4). A failed step records a row with
 * {@code success = false} in a transaction of its own. The last successful {@code upgrade} row
 * of a revision holds the checksum it was applied with.
 */
final class HistoryTable {

	private final TableNames names;

	HistoryTable(TableNames names) {
		this.names = names;
	}

	String createSql() {
		return "CREATE TABLE IF NOT EXISTS " + this.names.qualifiedHistoryTable() + " (\n"
				+ "    id bigserial NOT NULL,\n" + "    revision varchar(32),\n"
				+ "    operation varchar(16) NOT NULL,\n" + "    from_heads text[] NOT NULL,\n"
				+ "    to_heads text[] NOT NULL,\n" + "    message text,\n" + "    checksum varchar(64),\n"
				+ "    applied_by text NOT NULL DEFAULT current_user,\n" + "    client text,\n"
				+ "    started_at timestamptz NOT NULL DEFAULT now(),\n" + "    duration_ms bigint NOT NULL,\n"
				+ "    success boolean NOT NULL,\n" + "    error text,\n" + "    CONSTRAINT "
				+ Sql.identifier(this.names.historyTable() + "_pk") + " PRIMARY KEY (id)\n)";
	}

	/**
	 * What the history says of every revision it knows, in one query: the operation of its last
	 * successful step and the checksum of its last successful upgrade. Empty when the table does
	 * not exist (a database Alembic managed, or a fresh one).
	 */
	Optional<Map<String, AppliedRevision>> readApplied(Session session) throws SQLException {
		try {
			return Optional.of(byRevision(session.query(appliedQuery(), HistoryTable::applied)));
		}
		catch (SQLException ex) {
			if (VersionTable.missingRelation(ex)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Every successful step of a revision, oldest first; {@link #byRevision} folds them. Not
	 * grouped in SQL: {@code GROUP BY revision} with an ordered aggregate per group sorts twice on
	 * the server and took four times as long as this scan of the primary key, which every start
	 * with nothing pending pays (2.6 against 0.6 ms with 1,000 rows).
	 */
	String appliedQuery() {
		return "SELECT revision, operation, checksum FROM " + this.names.qualifiedHistoryTable()
				+ " WHERE success AND revision IS NOT NULL ORDER BY id";
	}

	static AppliedRevision applied(ResultSet row) throws SQLException {
		return new AppliedRevision(row.getString(1), row.getString(2), row.getString(3));
	}

	/**
	 * Per revision: the operation of its last successful step and the checksum of its last
	 * successful upgrade that no downgrade undid since ({@code null} when it was only stamped,
	 * or stamped back after a downgrade).
	 * @param steps successful steps, oldest first, as {@link #appliedQuery} reads them
	 */
	static Map<String, AppliedRevision> byRevision(List<AppliedRevision> steps) {
		Map<String, AppliedRevision> applied = new LinkedHashMap<>();
		for (AppliedRevision step : steps) {
			AppliedRevision before = applied.get(step.revision());
			// A downgrade undoes the upgrade: its file may be edited before the revision is applied
			// again, and 'stamp' (after fixing a failed revision by hand) writes no upgrade checksum.
			String checksum = "upgrade".equals(step.lastOperation()) ? step.checksum()
					: "downgrade".equals(step.lastOperation()) ? null
					: (before != null) ? before.checksum() : null;
			applied.put(step.revision(), new AppliedRevision(step.revision(), step.lastOperation(), checksum));
		}
		return applied;
	}

	/**
	 * The parents each revision's steps recorded, for {@code validate} alone: it reads every
	 * step's heads, which the start-up read ({@link #appliedQuery}) leaves out to stay small.
	 * Empty when the table does not exist.
	 */
	RecordedLineage readLineage(Session session) throws SQLException {
		String sql = "SELECT revision, operation, from_heads, to_heads FROM " + this.names.qualifiedHistoryTable()
				+ " WHERE success AND revision IS NOT NULL AND operation IN ('upgrade', 'downgrade') ORDER BY id";
		try {
			return RecordedLineage.of(session.query(sql, (row) -> new Step(row.getString(1), row.getString(2),
					strings(row.getArray(3)), strings(row.getArray(4)))));
		}
		catch (SQLException ex) {
			if (VersionTable.missingRelation(ex)) {
				return new RecordedLineage(Map.of());
			}
			throw ex;
		}
	}

	/**
	 * The heads the history takes as applied without an upgrade of each revision below them, for
	 * {@code validate} alone: the heads each successful stamp left, and every head a step started
	 * from or left that no earlier step upgraded (applied before Retort took the database over, as
	 * Alembic's rows are, whether the first step there is an upgrade or a downgrade; or upgraded
	 * by rows deleted since). Empty when the table does not exist.
	 */
	Set<String> readVouchedHeads(Session session) throws SQLException {
		String table = this.names.qualifiedHistoryTable();
		String sql = "SELECT unnest(to_heads) FROM " + table + " WHERE success AND operation = 'stamp'"
				+ " UNION SELECT named.head FROM (SELECT id, unnest(from_heads || to_heads) AS head FROM " + table
				+ " WHERE success) named WHERE NOT EXISTS (SELECT 1 FROM " + table + " step WHERE step.success"
				+ " AND step.operation = 'upgrade' AND step.revision = named.head AND step.id <= named.id)";
		try {
			return new LinkedHashSet<>(session.query(sql, (row) -> row.getString(1)));
		}
		catch (SQLException ex) {
			if (VersionTable.missingRelation(ex)) {
				return Set.of();
			}
			throw ex;
		}
	}

	/**
	 * The revisions whose last successful step is an upgrade that nothing undid since: no stamp
	 * after it (a stamp may move the rows below it, and leaves no row per revision it drops), for
	 * {@code validate} alone. Empty when the table does not exist.
	 */
	List<String> readUpgradedSinceAnyStamp(Session session) throws SQLException {
		String table = this.names.qualifiedHistoryTable();
		String sql = "SELECT step.revision FROM " + table + " step WHERE step.success AND step.operation = 'upgrade'"
				+ " AND step.revision IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + table + " later WHERE later.success"
				+ " AND later.id > step.id AND (later.operation = 'stamp' OR later.revision = step.revision))"
				+ " ORDER BY step.id";
		try {
			return session.query(sql, (row) -> row.getString(1));
		}
		catch (SQLException ex) {
			if (VersionTable.missingRelation(ex)) {
				return List.of();
			}
			throw ex;
		}
	}

	/** A successful step as {@link #readLineage} reads it. */
	record Step(String revision, String operation, List<String> fromHeads, List<String> toHeads) {
	}

	/** The newest rows first, at most {@code limit}; empty when the table does not exist. */
	List<HistoryRecord> readEntries(Session session, int limit) throws SQLException {
		String sql = "SELECT revision, operation, from_heads, to_heads, message, checksum, applied_by, client,"
				+ " started_at, duration_ms, success, error FROM " + this.names.qualifiedHistoryTable()
				+ " ORDER BY id DESC LIMIT " + limit;
		try {
			return session.query(sql, HistoryTable::entry);
		}
		catch (SQLException ex) {
			if (VersionTable.missingRelation(ex)) {
				return List.of();
			}
			throw ex;
		}
	}

	private static HistoryRecord entry(ResultSet row) throws SQLException {
		Timestamp started = row.getTimestamp(9);
		return new HistoryRecord(row.getString(1), row.getString(2), strings(row.getArray(3)),
				strings(row.getArray(4)), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
				(started != null) ? started.toInstant() : null, row.getLong(10), row.getBoolean(11),
				// Masked when read too: rows written before failures were masked keep the literal.
				PasswordLiterals.mask(row.getString(12)));
	}

	private static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
	}

	/**
	 * The statement a script runs before the statements of a step outside a transaction: its
	 * record is written in a transaction after them, whose {@code now()} is their end, so the
	 * session notes when the step started ({@link HistoryRow#startNoted()}).
	 */
	static Bookkeeping noteStepStart() {
		return new Bookkeeping("DO $retort$\nBEGIN\n    PERFORM set_config('" + STEP_STARTED_SETTING
				+ "', clock_timestamp()::text, false);\nEND\n$retort$", Bookkeeping.ANY_ROWS);
	}

	/** The session setting {@link #noteStepStart()} writes (a custom setting: its name has a dot). */
	private static final String STEP_STARTED_SETTING = "retort.step_started_at";

	/** The {@code INSERT} of one row. Unknown times (offline) are left to the database. */
	Bookkeeping insert(HistoryRow row) {
		// Offline, each transactional unit is one transaction: its age is the step's duration. A step
		// outside one noted its start in the session before its statements ran.
		String start = row.startNoted() ? "current_setting('" + STEP_STARTED_SETTING + "')::timestamptz" : "now()";
		String startedAt = (row.startedAt() != null) ? Sql.literal(row.startedAt().toString()) + "::timestamptz"
				: start;
		String duration = (row.durationMs() != null) ? row.durationMs().toString()
				: "(extract(epoch FROM clock_timestamp() - " + start + ") * 1000)::bigint";
		String client = (row.client() != null) ? Sql.literal(row.client())
				: "coalesce(host(inet_client_addr()), 'local') || ' ' || current_setting('application_name')";
		return new Bookkeeping("INSERT INTO " + this.names.qualifiedHistoryTable()
				+ " (revision, operation, from_heads, to_heads, message, checksum, client, started_at, duration_ms,"
				+ " success, error) VALUES (" + Sql.literal(row.revision()) + ", " + Sql.literal(row.operation())
				+ ", " + Sql.textArray(row.fromHeads()) + ", " + Sql.textArray(row.toHeads()) + ", "
				+ Sql.literal(row.message()) + ", " + Sql.literal(row.checksum()) + ", " + client + ", " + startedAt
				+ ", " + duration + ", " + row.success() + ", " + Sql.literal(row.error()) + ")", 1);
	}

	/**
	 * One row to write.
	 *
	 * @param revision the revision, or {@code null} (stamp base)
	 * @param operation upgrade, downgrade or stamp
	 * @param fromHeads version rows before
	 * @param toHeads version rows after
	 * @param message the revision's message
	 * @param checksum the checksum applied
	 * @param client host and application name; {@code null} offline
	 * @param startedAt when it started; {@code null} offline
	 * @param durationMs how long it ran; {@code null} offline
	 * @param success whether it succeeded
	 * @param error the error, or {@code null}
	 * @param startNoted offline, whether the step's start is in the session ({@link #noteStepStart()})
	 * rather than the start of the transaction that writes the row
	 */
	record HistoryRow(String revision, String operation, List<String> fromHeads, List<String> toHeads,
			String message, String checksum, String client, Instant startedAt, Long durationMs, boolean success,
			String error, boolean startNoted) {

		HistoryRow {
			fromHeads = List.copyOf(fromHeads);
			toHeads = List.copyOf(toHeads);
		}

	}

}
