package dev.retort.revision;

import java.util.List;
import java.util.stream.Collectors;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The revisions do not form a valid graph. Carries every problem found, not just the first, so
 * a user fixes them all in one pass.
 */
public class InvalidGraphException extends RetortException {

	private final List<GraphProblem> problems;

	public InvalidGraphException(List<GraphProblem> problems) {
		super(ErrorCode.INVALID_GRAPH, message(problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The same problems, with what the graph cannot know: where its revisions came from. An
	 * unknown parent is most often a revision that was never read (a misspelt location or Java
	 * package, classes not compiled), not one that was deleted.
	 * @param problems every problem found
	 * @param hint a paragraph appended to the message
	 */
	public InvalidGraphException(List<GraphProblem> problems, String hint) {
		super(ErrorCode.INVALID_GRAPH, message(problems) + "\n" + hint);
		this.problems = List.copyOf(problems);
	}

	/** Every problem found, in the order of the revisions' load order. */
	public List<GraphProblem> problems() {
		return this.problems;
	}

	private static String message(List<GraphProblem> problems) {
		if (problems.size() == 1) {
			return "The revision graph is invalid: " + problems.get(0).message();
		}
		return "The revision graph is invalid (" + problems.size() + " problems):"
				+ problems.stream().map((problem) -> "\n  - " + problem.message()).collect(Collectors.joining());
	}

}
