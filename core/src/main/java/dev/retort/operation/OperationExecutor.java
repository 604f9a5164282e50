package dev.retort.operation;

import java.sql.Connection;

/**
 * Where {@link Operations} sends its work: the runtime implements it once for online execution
 * and once for offline ({@code --sql}) scripts, so a Java revision runs the same either way.
 */
public interface OperationExecutor {

	/** Renders and runs (or prints) one operation. */
	void execute(Operation operation);

	/**
	 * The JDBC connection of the running revision, for data migrations. Offline this throws a
	 * {@code RetortException} with {@code OFFLINE_UNSUPPORTED}.
	 */
	Connection connection();

	/** Whether this executor prints a script instead of touching a database. */
	boolean offline();

}
