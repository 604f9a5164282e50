package dev.retort.revision;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** A partial revision id matches several revisions. */
public class AmbiguousRevisionException extends RetortException {

	private final String prefix;

	private final List<String> candidates;

	public AmbiguousRevisionException(String prefix, List<String> candidates) {
		this(candidates.stream().sorted().toList(), prefix);
	}

	// Sorted: in the files' order, 'b0000000001, b0000000003, b0000000002' read like a missing one.
	private AmbiguousRevisionException(List<String> sorted, String prefix) {
		super(ErrorCode.AMBIGUOUS_REVISION, "Revision prefix '" + prefix + "' is ambiguous: it matches "
				+ String.join(", ", sorted) + ". Give more characters of the id.");
		this.prefix = prefix;
		this.candidates = sorted;
	}

	/** The prefix as the user wrote it. */
	public String prefix() {
		return this.prefix;
	}

	/** Every revision id starting with the prefix, sorted. */
	public List<String> candidates() {
		return this.candidates;
	}

}
