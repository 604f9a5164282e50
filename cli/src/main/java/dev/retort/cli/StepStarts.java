package dev.retort.cli;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.retort.revision.Step;

/**
 * When each step of a run first started, and its number as the operator counts them: its place
 * among the steps started. A step started again keeps both: a lock-timeout retry, or the
 * statement-by-statement run that locates a failure, starts its step (in
 * {@code transaction-mode: all}, every step of the transaction) once more, and "step 2 … after
 * 3 s" must count from its first try; in that mode the steps also start before any finishes.
 */
final class StepStarts {

	/** By identity: the runner starts the same step object again, and a run may hold thousands. */
	private final Map<Step, Start> starts = new IdentityHashMap<>();

	/** The start of {@code step}: its first, or now as the next number when it is new. */
	Start of(Step step) {
		return this.starts.computeIfAbsent(step, (first) -> new Start(this.starts.size() + 1, System.nanoTime()));
	}

	/**
	 * The first start of a step.
	 *
	 * @param number its number, 1 for the first step of the run
	 * @param nanoTime {@link System#nanoTime()} when it first started
	 */
	record Start(int number, long nanoTime) {
	}

}
