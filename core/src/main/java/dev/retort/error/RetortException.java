package dev.retort.error;

/**
 * The root of every error Retort reports. Subclasses carry the data of the failure (the heads,
 * the revision, the file and line) so that the CLI and the Spring Boot failure analyzers can
 * phrase the fix in their own vocabulary; the message itself already says what, where, why and
 * what to do (SPEC §8).
 */
public class RetortException extends RuntimeException {

	private final ErrorCode code;

	public RetortException(ErrorCode code, String message) {
		super(message);
		this.code = code;
	}

	public RetortException(ErrorCode code, String message, Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	/** What kind of failure this is. */
	public ErrorCode code() {
		return this.code;
	}

	/** The process exit code for this failure. */
	public int exitCode() {
		return this.code.exitCode();
	}

}
