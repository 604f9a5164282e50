package dev.retort.dialect.postgres;

import java.time.Duration;

/**
 * Where a running {@link BatchedBackfill} stands after a batch has committed.
 *
 * @param table the table being updated
 * @param keyColumn the column the batches are ranged on
 * @param batches the batches committed so far
 * @param rowsUpdated the rows updated so far
 * @param lastKey the highest key value covered so far
 * @param minKey the lowest key value at the start
 * @param maxKey the highest key value at the start
 * @param elapsed the time since the backfill started
 */
public record BackfillProgress(String table, String keyColumn, long batches, long rowsUpdated, long lastKey,
		long minKey, long maxKey, Duration elapsed) {

	/** The share of the key range done, from 0 to 1. */
	public double fractionDone() {
		double span = (double) this.maxKey - this.minKey + 1;
		return Math.min(1.0, ((double) this.lastKey - this.minKey + 1) / span);
	}

	/** Rows updated per second so far. */
	public double rowsPerSecond() {
		double seconds = this.elapsed.toNanos() / 1e9;
		return (seconds > 0) ? this.rowsUpdated / seconds : 0;
	}

	/** The estimated time left, from the share of the key range done so far. */
	public Duration estimatedRemaining() {
		double done = fractionDone();
		if (done <= 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) (this.elapsed.toNanos() * (1 - done) / done));
	}

	/** Whether the whole key range has been covered. */
	public boolean complete() {
		return this.lastKey >= this.maxKey;
	}

}
