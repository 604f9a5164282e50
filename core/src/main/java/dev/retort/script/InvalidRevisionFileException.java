package dev.retort.script;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * One or more revision files or classes cannot be read: a bad header, a missing
 * {@code Revision ID}, a misused {@code @Revision}. Every problem found while loading is listed,
 * each naming its {@code file:line} or class, so a user fixes them all in one pass.
 */
public class InvalidRevisionFileException extends RetortException {

	private final List<String> problems;

	public InvalidRevisionFileException(List<String> problems) {
		super(ErrorCode.INVALID_REVISION_FILE, describe(problems));
		this.problems = List.copyOf(problems);
	}

	/** Problems found together with a failure that caused this report (the graph's). */
	public InvalidRevisionFileException(List<String> problems, Throwable cause) {
		super(ErrorCode.INVALID_REVISION_FILE, describe(problems), cause);
		this.problems = List.copyOf(problems);
	}

	/**
	 * Whether every problem is a Java revision class that could not be created on this class path
	 * but may be on an application's (a Migration bean with constructor arguments, or one using
	 * classes the command line lacks); not one that is wrong wherever it runs (no Migration, a bad
	 * id, a static initializer that throws), nor a problem of a file.
	 */
	public boolean onlyNeedsAnApplicationsClassPath() {
		return this.problems.stream()
			.allMatch((problem) -> JavaRevisionLoader.NEEDS_THE_APPLICATION.stream().anyMatch(problem::contains));
	}

	/** Every problem, each a sentence starting with the file and line or the class. */
	public List<String> problems() {
		return this.problems;
	}

	static String describe(List<String> problems) {
		if (problems.size() == 1) {
			return problems.get(0);
		}
		StringBuilder message = new StringBuilder("Found " + problems.size() + " problems in the revisions:");
		for (String problem : problems) {
			message.append('\n').append("  - ").append(problem);
		}
		return message.toString();
	}

}
