package dev.retort.dialect.postgres;

/**
 * Called by {@link BatchedBackfill} after each batch has committed, before the next begins: a
 * place to report progress, or to pause.
 */
@FunctionalInterface
public interface BackfillListener {

	/** One more batch has committed. */
	void afterBatch(BackfillProgress progress);

}
