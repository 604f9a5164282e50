package dev.retort.cli;

import java.util.List;

import dev.retort.command.StepResult;
import dev.retort.error.ErrorCode;
import dev.retort.runtime.MigrationFailedException;
import dev.retort.script.InvalidRevisionFileException;

/**
 * The JSON document of a command that failed under {@code --format json}: SPEC §5 promises one
 * document on standard output, and a pipeline reading it ({@code retort upgrade --format json | jq})
 * must get one also when the command fails, with the same exit code as the process. The human
 * {@code ERROR: …} line still goes to standard error.
 *
 * <pre>
 * {"error": {"code": "UNKNOWN_REVISION", "message": "…", "exitCode": 2}}
 * </pre>
 *
 * An {@code upgrade}, {@code downgrade} or {@code stamp} adds what ran before the failure, in the
 * shape of its success: {@code {"from", "to", "steps", "error"}}.
 */
final class FailureDocument {

	private FailureDocument() {
	}

	/** {@code {"error": {…}}}. */
	static Object of(Error error) {
		return new Failed(error);
	}

	/**
	 * {@code {"from", "to", "steps", "error"}}: the steps that were applied (committed) before the
	 * failure. Lists always, as SPEC §5 shapes them: before the first step, both are the version
	 * rows the run read (where the database stays), or empty when it never read them.
	 */
	static Object of(StepsSoFar sofar, Error error) {
		return new FailedMigration(sofar.from(), sofar.to(), sofar.steps(), error);
	}

	/** The {@code error} member of an exception, its message already scrubbed of passwords. */
	static Error error(Throwable ex, String message, int exitCode) {
		ErrorCode code = Failures.code(ex);
		if (ex instanceof MigrationFailedException failed) {
			return new RevisionError(code, message, exitCode, failed.revision(), failed.location(), failed.sqlState(),
					failed.rolledBack());
		}
		if (ex instanceof InvalidRevisionFileException invalid) {
			return new FileError(code, message, exitCode, invalid.problems());
		}
		return new PlainError(code, message, exitCode);
	}

	/** The {@code error} member. */
	sealed interface Error permits PlainError, RevisionError, FileError {
	}

	/**
	 * @param code what kind of failure, as {@link ErrorCode} names it
	 * @param message the message of the {@code ERROR:} line
	 * @param exitCode the process's exit code
	 */
	record PlainError(ErrorCode code, String message, int exitCode) implements Error {
	}

	/**
	 * A revision that failed while running: the fields a pipeline acts on without parsing the message.
	 *
	 * @param code {@link ErrorCode#MIGRATION_FAILED}
	 * @param message the message of the {@code ERROR:} line
	 * @param exitCode {@code 1}
	 * @param revision the revision that failed
	 * @param location {@code file:line} of the failing statement, or the Java revision's class
	 * @param sqlState PostgreSQL's SQLSTATE, or {@code null}
	 * @param rolledBack whether everything the revision did was rolled back
	 */
	record RevisionError(ErrorCode code, String message, int exitCode, String revision, String location,
			String sqlState, boolean rolledBack) implements Error {
	}

	/**
	 * Revision files or classes that cannot be read: each problem apart, as {@code validate} lists them.
	 *
	 * @param code {@link ErrorCode#INVALID_REVISION_FILE}
	 * @param message the message of the {@code ERROR:} line
	 * @param exitCode {@code 2}
	 * @param problems every problem, each starting with its {@code file:line} or class
	 */
	record FileError(ErrorCode code, String message, int exitCode, List<String> problems) implements Error {
	}

	private record Failed(Error error) {
	}

	private record FailedMigration(List<String> from, List<String> to, List<StepResult> steps, Error error) {
	}

}
