package dev.retort.runtime;

import java.util.Optional;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A connection to the database could not be made ({@link ErrorCode#CONNECTION_FAILED}; a
 * parameter of the URL without a valid value, {@link ErrorCode#CONFIGURATION}): the
 * message names the connection (never its password), the driver's reason and what to check.
 * {@link #refusal()} says whether the server answered and refused it, where retrying cannot help.
 */
public class ConnectionFailedException extends RetortException {

	private final ConnectionRefusal refusal;

	private final UnansweredConnection unanswered;

	ConnectionFailedException(String message, ConnectionRefusal refusal) {
		this(message, refusal, null);
	}

	ConnectionFailedException(String message, ConnectionRefusal refusal, UnansweredConnection unanswered) {
		// A URL parameter without a valid value is bad input (exit code 2), as a port that is no number is.
		super((refusal != null && refusal.invalidSetting()) ? ErrorCode.CONFIGURATION : ErrorCode.CONNECTION_FAILED,
				message);
		this.refusal = refusal;
		this.unanswered = unanswered;
	}

	/**
	 * @return what the server refused (no such database, the password, the user), or empty when
	 * it could not be reached or is still starting, which waiting can help
	 */
	public Optional<ConnectionRefusal> refusal() {
		return Optional.ofNullable(this.refusal);
	}

	/**
	 * @return how the connection ran out of time with nothing refused (the TCP connect, or a server
	 * that took it and did not answer), or empty for any other failure
	 */
	public Optional<UnansweredConnection> unanswered() {
		return Optional.ofNullable(this.unanswered);
	}

}
