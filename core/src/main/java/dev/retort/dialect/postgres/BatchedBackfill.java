package dev.retort.dialect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Backfill;

/**
 * Runs a {@link Backfill} online: one {@code UPDATE} per key range of the batch size, each
 * committed on its own (the connection is in autocommit), so that row locks are held for one
 * batch at a time and never on the whole table for the whole run. Progress (rows, rate, time
 * left) is logged at INFO every {@value #LOG_INTERVAL_SECONDS} seconds and at the end, and at
 * DEBUG after every batch.
 *
 * <p>The key range is read once at the start: rows inserted above it afterwards are not
 * visited (new rows should get the value from the application or a default).
 */
public final class BatchedBackfill {

	private static final Logger logger = LoggerFactory.getLogger(BatchedBackfill.class);

	static final long LOG_INTERVAL_SECONDS = 10;

	private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

	private static final String KEY_QUERY = "SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)"
			+ " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
			+ " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)";

	private static final String COLUMN_TYPE_QUERY = "SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
			+ " WHERE a.attrelid = ?::regclass AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped";

	private BatchedBackfill() {
	}

	/** Runs the backfill; returns where it ended. */
	public static BackfillProgress run(Connection connection, Backfill backfill) {
		return run(connection, backfill, (progress) -> {
		});
	}

	/**
	 * Runs the backfill, calling {@code listener} after each committed batch (between batches,
	 * when no row lock of the backfill is held).
	 */
	public static BackfillProgress run(Connection connection, Backfill backfill, BackfillListener listener) {
		String table = PostgresIdentifiers.qualified(backfill.table());
		try {
			if (!connection.getAutoCommit()) {
				throw new NonTransactionalOperationException(null,
						"backfill of " + backfill.table() + " in batches of " + backfill.batchSize());
			}
			String key = keyColumn(connection, backfill, table);
			long[] range = keyRange(connection, table, key);
			if (range == null) {
				logger.info("Backfill of {}: the table is empty, nothing to update", backfill.table());
				return new BackfillProgress(backfill.table(), key, 0, 0, 0, 0, 0, Duration.ZERO);
			}
			return runBatches(connection, backfill, table, key, range[0], range[1], listener);
		}
		catch (SQLException ex) {
			throw new RetortException(ErrorCode.MIGRATION_FAILED,
					"Backfill of '" + backfill.table() + "' failed: " + ex.getMessage()
							+ ". Batches committed before the failure stay committed; fix the cause and run it again"
							+ " (its WHERE clause should skip rows already done).",
					ex);
		}
	}

	private static BackfillProgress runBatches(Connection connection, Backfill backfill, String table, String key,
			long minKey, long maxKey, BackfillListener listener) throws SQLException {
		String quotedKey = PostgresIdentifiers.quote(key);
		String sql = "UPDATE " + table + " SET " + backfill.setClause() + " WHERE " + quotedKey + " >= ? AND "
				+ quotedKey + " <= ?" + ((backfill.whereClause() != null) ? " AND (" + backfill.whereClause() + ")" : "");
		logger.info("Backfill of {}: keys {} to {} of {} in batches of {}", backfill.table(), minKey, maxKey, key,
				backfill.batchSize());
		long started = System.nanoTime();
		long lastLog = started;
		long batches = 0;
		long rows = 0;
		long batchStart = minKey;
		BackfillProgress progress = null;
		try (PreparedStatement update = connection.prepareStatement(sql)) {
			while (true) {
				long batchEnd = lastKeyOfBatch(batchStart, backfill.batchSize(), maxKey);
				update.setLong(1, batchStart);
				update.setLong(2, batchEnd);
				rows += update.executeUpdate();
				batches++;
				long now = System.nanoTime();
				progress = new BackfillProgress(backfill.table(), key, batches, rows, batchEnd, minKey, maxKey,
						Duration.ofNanos(now - started));
				logger.debug("Backfill of {}: batch {} up to key {}, {} rows so far", backfill.table(), batches,
						batchEnd, rows);
				if (now - lastLog >= Duration.ofSeconds(LOG_INTERVAL_SECONDS).toNanos() && !progress.complete()) {
					logProgress(progress);
					lastLog = now;
				}
				listener.afterBatch(progress);
				if (batchEnd >= maxKey) {
					break;
				}
				batchStart = batchEnd + 1;
			}
		}
		logger.info("Backfill of {}: done, {} rows updated in {} batches in {} ms ({} rows/s)", backfill.table(),
				progress.rowsUpdated(), progress.batches(), progress.elapsed().toMillis(),
				Math.round(progress.rowsPerSecond()));
		return progress;
	}

	/** The batch's last key, clamped to the range so that keys near Long.MAX_VALUE cannot overflow. */
	static long lastKeyOfBatch(long batchStart, int batchSize, long maxKey) {
		try {
			return Math.min(maxKey, Math.addExact(batchStart, batchSize - 1));
		}
		catch (ArithmeticException ex) {
			return maxKey;
		}
	}

	private static void logProgress(BackfillProgress progress) {
		logger.info("Backfill of {}: {} rows updated, {}% of keys, {} rows/s, about {} s left", progress.table(),
				progress.rowsUpdated(), Math.round(progress.fractionDone() * 100), Math.round(progress.rowsPerSecond()),
				progress.estimatedRemaining().toSeconds());
	}

	private static String keyColumn(Connection connection, Backfill backfill, String table) throws SQLException {
		if (backfill.keyColumn() != null) {
			try (PreparedStatement query = connection.prepareStatement(COLUMN_TYPE_QUERY)) {
				query.setString(1, table);
				query.setString(2, backfill.keyColumn());
				try (ResultSet result = query.executeQuery()) {
					String type = result.next() ? result.getString(1) : null;
					if (type == null || !INTEGER_TYPES.contains(type)) {
						throw new RetortException(ErrorCode.MIGRATION_FAILED, "Backfill of '" + backfill.table()
								+ "' cannot batch by column '" + backfill.keyColumn() + "': "
								+ ((type != null) ? "it is of type " + type : "there is no such column")
								+ ". Name an integer, smallint or bigint column with an index.");
					}
				}
			}
			return backfill.keyColumn();
		}
		List<String> columns = new ArrayList<>();
		List<String> types = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(KEY_QUERY)) {
			query.setString(1, table);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					columns.add(result.getString(1));
					types.add(result.getString(2));
				}
			}
		}
		if (columns.size() != 1 || !INTEGER_TYPES.contains(types.get(0))) {
			String found = columns.isEmpty() ? "it has no primary key"
					: "its primary key is (" + String.join(", ", columns) + ") of type (" + String.join(", ", types)
							+ ")";
			throw new RetortException(ErrorCode.MIGRATION_FAILED, "Backfill of '" + backfill.table()
					+ "' needs a single-column integer primary key to batch by, but " + found
					+ ". Give the backfill a key column: op.invoke(new Backfill(table, set, where, batchSize, \"column\")).");
		}
		return columns.get(0);
	}

	private static long[] keyRange(Connection connection, String table, String key) throws SQLException {
		String quotedKey = PostgresIdentifiers.quote(key);
		try (PreparedStatement query = connection
			.prepareStatement("SELECT min(" + quotedKey + "), max(" + quotedKey + ") FROM " + table);
				ResultSet result = query.executeQuery()) {
			result.next();
			long min = result.getLong(1);
			if (result.wasNull()) {
				return null;
			}
			return new long[] { min, result.getLong(2) };
		}
	}

}
