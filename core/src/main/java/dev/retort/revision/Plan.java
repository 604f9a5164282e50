package dev.retort.revision;

import java.util.List;

/**
 * The complete, checked list of steps that takes the version table from {@code fromHeads} to
 * {@code toHeads}. A plan is built before anything runs; if it cannot be built (an unknown
 * target, an irreversible revision on the way down) nothing runs.
 *
 * @param operation what the plan does
 * @param fromHeads version rows before the plan
 * @param toHeads version rows after the plan
 * @param steps the steps, in execution order
 */
public record Plan(Step.Operation operation, List<String> fromHeads, List<String> toHeads, List<Step> steps) {

	public Plan {
		fromHeads = List.copyOf(fromHeads);
		toHeads = List.copyOf(toHeads);
		steps = List.copyOf(steps);
	}

	public boolean isEmpty() {
		return this.steps.isEmpty();
	}

	/** The revisions this plan runs, in order. */
	public List<Revision> revisions() {
		return this.steps.stream().map(Step::revision).filter(java.util.Objects::nonNull).toList();
	}

}
