package dev.retort.revision;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * An identifier names no revision or branch label of the graph (or, with {@code label@REV},
 * no revision on that branch).
 */
public class UnknownRevisionException extends RetortException {

	private final String identifier;

	public UnknownRevisionException(String identifier, String message) {
		super(ErrorCode.UNKNOWN_REVISION, message);
		this.identifier = identifier;
	}

	/** The identifier as the user wrote it. */
	public String identifier() {
		return this.identifier;
	}

}
