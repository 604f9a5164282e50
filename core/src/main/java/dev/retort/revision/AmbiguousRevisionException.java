package dev.retort.revision;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/** A partial revision id matches several revisions. */
public class AmbiguousRevisionException extends RetortException {

	private final String prefix;

	private final List<String> candidates;

	public AmbiguousRevisionException(String prefix, List<String> candidates) {
		super(ErrorCode.AMBIGUOUS_REVISION, "Revision prefix '" + prefix + "' is ambiguous: it matches "
				+ String.join(", ", candidates) + ". Give more characters of the id.");
		this.prefix = prefix;
		this.candidates = List.copyOf(candidates);
	}

	/** The prefix as the user wrote it. */
	public String prefix() {
		return this.prefix;
	}

	/** Every revision id starting with the prefix, in load order. */
	public List<String> candidates() {
		return this.candidates;
	}

}
