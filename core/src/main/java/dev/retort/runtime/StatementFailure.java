package dev.retort.runtime;

import java.sql.SQLException;

import dev.retort.revision.Revision;
import dev.retort.revision.Step;

/** A statement failed: carries what and where, unwinding through a Java migration. */
final class StatementFailure extends RuntimeException {

	final String sql;

	final String location;

	final SQLException cause;

	StatementFailure(String sql, String location, SQLException cause) {
		super((cause != null) ? cause.getMessage() : null, cause, false, false);
		this.sql = sql;
		this.location = location;
		this.cause = cause;
	}

	private StatementFailure(String location, RuntimeException cause) {
		super(cause.getMessage(), cause, false, false);
		this.sql = null;
		this.location = location;
		this.cause = null;
	}

	static StatementFailure of(Step step, RuntimeException ex) {
		if (ex instanceof StatementFailure failure) {
			return failure;
		}
		Revision revision = step.revision();
		return new StatementFailure((revision != null) ? location(revision.origin().source(), ex) : "stamp", ex);
	}

	/** {@code Class:line} of the Java revision's own frame in the failure, else the source alone. */
	private static String location(String source, Throwable ex) {
		for (StackTraceElement frame : ex.getStackTrace()) {
			String className = frame.getClassName();
			if ((className.equals(source) || className.startsWith(source + "$")) && frame.getLineNumber() > 0) {
				return source + ":" + frame.getLineNumber();
			}
		}
		return source;
	}

	SQLException sqlException() {
		return this.cause;
	}

	boolean lockTimeout() {
		return this.cause != null && MigrationRunner.LOCK_NOT_AVAILABLE.equals(this.cause.getSQLState());
	}

}
