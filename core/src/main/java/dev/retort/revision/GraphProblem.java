package dev.retort.revision;

import java.util.List;

/**
 * One inconsistency found while building a {@link RevisionGraph}: what is wrong, where, and
 * which revisions are involved. {@link InvalidGraphException} carries every problem found at
 * once so that a user fixes them in one pass.
 *
 * @param kind the kind of problem
 * @param revisions the revisions involved, the offending one first
 * @param location where to look ({@code file:line}), or the source alone when the line is unknown
 * @param message the full sentence shown to the user
 */
public record GraphProblem(Kind kind, List<String> revisions, String location, String message) {

	public GraphProblem {
		revisions = List.copyOf(revisions);
	}

	/** What kind of inconsistency a {@link GraphProblem} is. */
	public enum Kind {

		/** Two revisions declare the same id. */
		DUPLICATE_ID,

		/** An id or label holds a character or word the identifier grammar reserves. */
		INVALID_IDENTIFIER,

		/** A {@code Revises} entry names no revision. */
		UNKNOWN_PARENT,

		/** A {@code Depends On} entry names no revision or branch label. */
		UNKNOWN_DEPENDENCY,

		/** Revisions revise each other in a loop. */
		CYCLE,

		/** Revisions depend on each other (through {@code Depends On}) in a loop. */
		DEPENDENCY_CYCLE,

		/** A branch label is declared twice, or clashes with a revision id. */
		DUPLICATE_BRANCH_LABEL

	}

}
