package dev.retort.revision;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A single head was asked for ({@code head}, {@code label@head}) while several exist. The
 * message names every head and the ways out: name one, {@code label@head}, {@code heads}, or
 * merge them.
 */
public class MultipleHeadsException extends RetortException {

	private final String argument;

	private final List<String> heads;

	public MultipleHeadsException(String argument, List<String> heads) {
		super(ErrorCode.MULTIPLE_HEADS, message(argument, heads));
		this.argument = argument;
		this.heads = List.copyOf(heads);
	}

	/** The identifier that asked for one head ({@code head} or {@code label@head}). */
	public String argument() {
		return this.argument;
	}

	/** The heads that matched, in load order. */
	public List<String> heads() {
		return this.heads;
	}

	private static String message(String argument, List<String> heads) {
		String list = String.join(", ", heads);
		String join = " To join them: retort merge -m \"merge\" " + String.join(" ", heads);
		if ("head".equals(argument)) {
			return "Multiple heads are present (" + list + "); name one, use 'label@head', or 'heads'." + join;
		}
		if (argument.endsWith("@head")) {
			// The branch itself splits: 'label@head' is what failed, so the way on is one head or all of them.
			String branch = argument.substring(0, argument.length() - "@head".length());
			return "Multiple heads match '" + argument + "' (" + list + "): the branch '" + branch
					+ "' has several heads; name one, or '" + branch + "@heads' for all of them." + join;
		}
		return "Multiple heads match '" + argument + "' (" + list + "); name one." + join;
	}

}
