package dev.retort.operation;

import java.sql.Connection;
import java.util.Objects;

/**
 * The API handed to each Java revision (Alembic's {@code op}). Every call becomes an
 * {@link Operation} sent to the {@link OperationExecutor}, so the same revision runs online or
 * prints SQL offline.
 *
 * <p>SKELETON: the fluent DDL vocabulary is the Operations issue (issue 4).
 */
public class Operations {

	private final OperationExecutor executor;

	public Operations(OperationExecutor executor) {
		this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
	}

	/** Runs raw SQL: {@code op.execute("UPDATE users SET active = true")}. */
	public Operations execute(String sql) {
		this.executor.execute(new Operation.Execute(sql));
		return this;
	}

	/**
	 * The JDBC connection of the running revision, for data migrations. Offline ({@code --sql})
	 * this throws: a script cannot read data.
	 */
	public Connection connection() {
		return this.executor.connection();
	}

	/** Whether this revision is being rendered as an offline script. */
	public boolean offline() {
		return this.executor.offline();
	}

	protected OperationExecutor executor() {
		return this.executor;
	}

}
