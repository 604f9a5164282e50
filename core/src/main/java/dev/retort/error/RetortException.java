package dev.retort.error;

/**
 * The root of every error Retort reports. Subclasses carry the data of the failure (the heads,
 * the revision, the file and line) so that the CLI and the Spring Boot failure analyzers can
 * phrase the fix in their own vocabulary; the message itself already says what, where, why and
 * what to do (SPEC §8).
 */
public class RetortException extends RuntimeException {

	private final ErrorCode code;

	/** See {@link #schema()}. */
	private String schema;

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

	/**
	 * The schema the failed run ran in, as configured ({@code retort.schema}, or the schema of a
	 * {@code Retort.forSchema} facade); {@code null} when none is configured (the connection's) or
	 * the failure came from no run. An application that migrates a schema per tenant tells from it
	 * which tenant failed, and where to look: advice to run {@code retort current} (or
	 * {@code stamp}, {@code downgrade}, …) must name this schema, not the application's own.
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Records the schema the failed run ran in, once: the first one told wins (a run of one
	 * schema inside another's is told of its own first). Set by the facade that ran the command,
	 * from its configuration: nothing is asked of the database.
	 * @param configured the run's configured schema, or {@code null}
	 * @return this exception, to rethrow
	 */
	public RetortException ranInSchema(String configured) {
		if (this.schema == null) {
			this.schema = configured;
		}
		return this;
	}

	/** The process exit code for this failure. */
	public int exitCode() {
		return this.code.exitCode();
	}

}
