package dev.retort.runtime;

import java.sql.Connection;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationExecutor;
import dev.retort.revision.Revision;

/**
 * The {@link OperationExecutor} a Java revision's {@code Operations} talk to: each operation is
 * rendered to PostgreSQL and sent through the runner's {@link SqlSink}, so the same revision runs
 * online or prints itself into an offline script. Offline, {@link #connection()} refuses.
 */
final class RevisionExecutor implements OperationExecutor {

	private final MigrationRunner runner;

	private final Revision revision;

	private final boolean autocommit;

	RevisionExecutor(MigrationRunner runner, Revision revision, boolean autocommit) {
		this.runner = runner;
		this.revision = revision;
		this.autocommit = autocommit;
	}

	@Override
	public void execute(Operation operation) {
		String location = callerLocation();
		for (String sql : render(operation)) {
			this.runner.statement(sql, location, this.autocommit);
		}
	}

	private List<String> render(Operation operation) {
		if (operation instanceof Operation.Execute execute) {
			return List.of(execute.sql());
		}
		throw new RetortException(ErrorCode.RUNTIME, "Revision " + this.revision.id() + " ("
				+ this.revision.origin().source() + ") uses an operation this build cannot render: " + operation);
	}

	@Override
	public Connection connection() {
		return this.runner.sink().connection();
	}

	@Override
	public boolean offline() {
		return this.runner.sink().offline();
	}

	/** {@code Class.java:line} of the revision's call, so a failure points at the line to fix. */
	private String callerLocation() {
		String source = this.revision.origin().source();
		return StackWalker.getInstance()
			.walk((frames) -> frames.filter((frame) -> frame.getClassName().equals(source)
					|| frame.getClassName().startsWith(source + "$"))
				.findFirst()
				.map((frame) -> source + ":" + frame.getLineNumber())
				.orElse(source));
	}

}
