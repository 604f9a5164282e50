package dev.retort.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.retort.dialect.postgres.ClientCopy;
import dev.retort.dialect.postgres.NonTransactionalOperationException;
import dev.retort.dialect.postgres.PostgresOperationRunner;
import dev.retort.dialect.postgres.PostgresRenderer;
import dev.retort.dialect.postgres.RenderedOperation;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.dialect.postgres.TransactionControl;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Backfill;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationExecutor;
import dev.retort.revision.Revision;
import dev.retort.script.InvalidRevisionFileException;

/**
 * The {@link OperationExecutor} a Java revision's {@code Operations} talk to: each operation is
 * rendered to PostgreSQL and sent through the runner's {@link SqlSink}, so the same revision runs
 * online or prints itself into an offline script. Offline, {@link #connection()} refuses; online it
 * lends the session's connection ({@link LentConnection}).
 */
final class RevisionExecutor implements OperationExecutor {

	private final MigrationRunner runner;

	private final Revision revision;

	private final boolean autocommit;

	private final PostgresRenderer renderer = new PostgresRenderer();

	private final PostgresOperationRunner operations = new PostgresOperationRunner();

	RevisionExecutor(MigrationRunner runner, Revision revision, boolean autocommit) {
		this.runner = runner;
		this.revision = revision;
		this.autocommit = autocommit;
	}

	@Override
	public void execute(Operation operation) {
		String location = callerLocation();
		boolean offline = offline();
		if (!offline && (operation instanceof Backfill || operation instanceof BulkInsert || bindsValues(operation))) {
			// Values are bound as parameters and a backfill commits batch by batch: the dialect runs them.
			if (operation instanceof Execute execute) {
				// A setting it changes (set_config('search_path', ?, false)) is put back after the revision.
				this.runner.changedSettings(this.renderer.render(execute).statements().get(0));
			}
			try {
				this.operations.run(sessionConnection(), operation, this.revision.id());
			}
			catch (SQLException ex) {
				throw new StatementFailure(describe(operation), location, ex);
			}
			return;
		}
		RenderedOperation rendered = this.renderer.render(operation);
		if (!this.autocommit && operation instanceof Backfill && rendered.nonTransactional()) {
			// Offline a backfill renders as a long DO block: the error names it as online.
			throw new NonTransactionalOperationException(this.revision.id(), describe(operation));
		}
		if (!this.autocommit) {
			rendered.ensureAllowedInTransaction(this.revision.id());
		}
		refusePsqlCommands(rendered, location);
		if (!this.autocommit) {
			refuseTransactionControl(rendered, location);
		}
		for (String sql : rendered.statements()) {
			this.runner.statement(sql, location, this.autocommit);
		}
	}

	/**
	 * Refuses what a SQL revision's file may not hold either ({@code op.execute("\\! rm …")}):
	 * PostgreSQL would refuse it online, but printed into an {@code --sql} script psql would run it.
	 */
	private void refusePsqlCommands(RenderedOperation rendered, String location) {
		for (String sql : rendered.statements()) {
			StatementSplitter.PsqlCommand command = StatementSplitter.psqlCommand(sql, 1);
			if (command != null) {
				throw new InvalidRevisionFileException(
						List.of("Revision " + this.revision.id() + " (" + location + "): " + command.problem()));
			}
			// op.execute("COPY … FROM STDIN") fails as the same line in a SQL file would (PlanChecks).
			String copy = ClientCopy.of(sql);
			if (copy != null) {
				throw new ClientCopyException(PlanChecks.clientCopy(this.revision, location, copy), copy);
			}
		}
	}

	/**
	 * {@code op.execute("COMMIT")} in a transactional revision would commit part of it apart from
	 * its version row, as the same line in a SQL file would ({@link PlanChecks}); the plan's checks
	 * render every Java revision first, so it is refused before anything runs.
	 */
	private void refuseTransactionControl(RenderedOperation rendered, String location) {
		for (String sql : rendered.statements()) {
			String command = TransactionControl.of(sql);
			if (command != null) {
				throw new TransactionControlException(
						PlanChecks.transactionControl(this.revision, location, "it executes", command), command);
			}
		}
	}

	private static boolean bindsValues(Operation operation) {
		return operation instanceof Execute execute && !execute.parameters().isEmpty();
	}

	private static String describe(Operation operation) {
		if (operation instanceof Execute execute) {
			return execute.sql();
		}
		if (operation instanceof Backfill backfill) {
			return "backfill of " + backfill.table() + " in batches of " + backfill.batchSize();
		}
		return "bulk insert into " + ((BulkInsert) operation).table();
	}

	@Override
	public Connection connection() {
		if (offline()) {
			// Name the revision and its line: the script may hold dozens of Java revisions.
			throw new RetortException(ErrorCode.OFFLINE_UNSUPPORTED, "Revision " + this.revision.id() + " ("
					+ callerLocation() + ") asked for the JDBC connection while writing an offline (--sql) script: "
					+ "a script cannot read data. Run this revision online, or write it with Operations calls only.");
		}
		// Lent, not handed over: what would end Retort's transaction or session is refused (LentConnection).
		return LentConnection.lend(sessionConnection(), this.revision, this.autocommit);
	}

	/** The session's own connection, with the statements rendered so far sent first. */
	private Connection sessionConnection() {
		Connection connection = this.runner.sink().connection();
		this.runner.flushPending();
		return connection;
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
