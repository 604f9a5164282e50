package dev.retort.dialect.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operation;
import dev.retort.operation.OperationExecutor;
import dev.retort.operation.Operations;
import dev.retort.testing.TestDatabase;

/**
 * A test-only {@link OperationExecutor}: online it runs each operation on a real connection
 * through {@link PostgresOperationRunner}; offline it collects the rendered statements. The
 * runtime's executors do the same with transactions, version tables and scripts around them.
 */
public final class TestOperationExecutor implements OperationExecutor, AutoCloseable {

	private final Connection connection;

	private final PostgresOperationRunner runner;

	private final List<String> script = new ArrayList<>();

	private final PostgresRenderer renderer = new PostgresRenderer();

	private TestOperationExecutor(Connection connection, PostgresOperationRunner runner) {
		this.connection = connection;
		this.runner = runner;
	}

	/** Runs operations on a new autocommit connection to {@code db}. */
	public static TestOperationExecutor online(TestDatabase db) {
		return online(db, new PostgresOperationRunner());
	}

	/** Runs operations on a new autocommit connection to {@code db} with that runner. */
	public static TestOperationExecutor online(TestDatabase db, PostgresOperationRunner runner) {
		try {
			return new TestOperationExecutor(db.connect(), runner);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** Runs operations on {@code connection}, which the caller owns (its autocommit decides transactions). */
	public static TestOperationExecutor on(Connection connection) {
		return new TestOperationExecutor(connection, new PostgresOperationRunner());
	}

	/** Collects the SQL instead of running it. */
	public static TestOperationExecutor scriptOnly() {
		return new TestOperationExecutor(null, null);
	}

	/** An {@link Operations} facade over this executor. */
	public Operations operations() {
		return new Operations(this);
	}

	@Override
	public void execute(Operation operation) {
		if (this.connection == null) {
			this.script.addAll(this.renderer.render(operation).statements());
			return;
		}
		try {
			this.runner.run(this.connection, operation, "test");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	@Override
	public Connection connection() {
		if (this.connection == null) {
			throw new RetortException(ErrorCode.OFFLINE_UNSUPPORTED,
					"A revision asked for the database connection while rendering an offline script");
		}
		return this.connection;
	}

	@Override
	public boolean offline() {
		return this.connection == null;
	}

	/** The statements collected offline. */
	public List<String> script() {
		return List.copyOf(this.script);
	}

	@Override
	public void close() throws SQLException {
		if (this.connection != null) {
			this.connection.close();
		}
	}

}
