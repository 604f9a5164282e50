package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Thrown at startup with 'retort.on-startup=validate' when {@code retort validate} finds
 * problems (graph, checksums, applied revisions missing).
 */
public class RevisionsInvalidException extends RetortException {

	private final List<String> problems;

	/**
	 * Creates a new instance.
	 * @param problems each problem, a full sentence
	 */
	public RevisionsInvalidException(List<String> problems) {
		super(ErrorCode.CHECK_FAILED, "Validation of the revisions found " + problems.size() + " problem(s):"
				+ System.lineSeparator() + " - " + String.join(System.lineSeparator() + " - ", problems));
		this.problems = List.copyOf(problems);
	}

	/** The problems found. */
	public List<String> problems() {
		return this.problems;
	}

}
