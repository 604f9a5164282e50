package dev.retort.error;

/**
 * What kind of failure a {@link RetortException} is, and so how the CLI exits and how a Spring
 * Boot failure analyzer explains it. The exit codes are those of SPEC §5: {@code 1} a failure at
 * run time (nothing half-applied), {@code 2} bad usage or bad input, {@code 3} a check found
 * something.
 */
public enum ErrorCode {

	/** A revision file or class cannot be read or is malformed. */
	INVALID_REVISION_FILE(2),

	/** The revision graph is inconsistent: duplicate ids, unknown parents, cycles, labels. */
	INVALID_GRAPH(2),

	/** An identifier names no revision or branch. */
	UNKNOWN_REVISION(2),

	/** A prefix matches several revisions. */
	AMBIGUOUS_REVISION(2),

	/** {@code head} was asked for while the graph has several heads. */
	MULTIPLE_HEADS(2),

	/** A target or relative move cannot be reached from the current heads. */
	INVALID_TARGET(2),

	/** A downgrade plan crosses a revision without a downgrade. */
	IRREVERSIBLE_REVISION(2),

	/** Invalid configuration: a property, an option, a location. */
	CONFIGURATION(2),

	/** Something asked of offline ({@code --sql}) mode needs a database. */
	OFFLINE_UNSUPPORTED(2),

	/** An applied revision changed on disk. */
	CHECKSUM_MISMATCH(2),

	/** The database holds revisions the scripts do not know, and the plan touches them. */
	DATABASE_AHEAD(2),

	/** A revision failed while running; it was rolled back. */
	MIGRATION_FAILED(1),

	/** The migration lock could not be acquired in time. */
	LOCK_TIMEOUT(1),

	/** The database could not be reached. */
	CONNECTION_FAILED(1),

	/** Any other failure at run time. */
	RUNTIME(1),

	/** A check ({@code validate}, {@code check}, {@code lint}) found something. */
	CHECK_FAILED(3);

	private final int exitCode;

	ErrorCode(int exitCode) {
		this.exitCode = exitCode;
	}

	/** The process exit code of SPEC §5 for this kind of failure. */
	public int exitCode() {
		return this.exitCode;
	}

}
