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
		return new StatementFailure((revision != null) ? revision.origin().source() : "stamp", ex);
	}

	SQLException sqlException() {
		return this.cause;
	}

	boolean lockTimeout() {
		return this.cause != null && MigrationRunner.LOCK_NOT_AVAILABLE.equals(this.cause.getSQLState());
	}

}
