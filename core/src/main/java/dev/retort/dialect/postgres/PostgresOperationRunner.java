package dev.retort.dialect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.retort.operation.Backfill;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;

/**
 * Runs operations on a live connection: renders them with {@link PostgresRenderer} and executes
 * each statement on its own, except that a {@link BulkInsert} binds its values as parameters
 * (batched), so does an {@link Execute} given values for its placeholders, and a {@link Backfill}
 * runs through {@link BatchedBackfill}. Refuses an operation
 * that cannot run in a transaction while the connection is in one, before anything runs.
 *
 * <p>Transactions, timeouts and retries stay with the caller (the runtime).
 */
public final class PostgresOperationRunner {

	private final PostgresRenderer renderer;

	private final BackfillListener backfillListener;

	public PostgresOperationRunner() {
		this(new PostgresRenderer(), (progress) -> {
		});
	}

	public PostgresOperationRunner(PostgresRenderer renderer, BackfillListener backfillListener) {
		this.renderer = Objects.requireNonNull(renderer, "'renderer' must not be null");
		this.backfillListener = Objects.requireNonNull(backfillListener, "'backfillListener' must not be null");
	}

	/**
	 * Runs {@code operation} on {@code connection}. {@code revision} only names the revision in
	 * error messages.
	 *
	 * @throws NonTransactionalOperationException when the operation cannot run in a transaction
	 * and autocommit is off
	 * @throws SQLException when PostgreSQL refuses a statement
	 */
	public void run(Connection connection, Operation operation, String revision) throws SQLException {
		if (operation instanceof Backfill backfill) {
			if (!connection.getAutoCommit()) {
				throw new NonTransactionalOperationException(revision,
						"backfill of " + backfill.table() + " in batches of " + backfill.batchSize());
			}
			BatchedBackfill.run(connection, backfill, this.backfillListener);
			return;
		}
		if (operation instanceof BulkInsert insert) {
			insert(connection, insert);
			return;
		}
		RenderedOperation rendered = this.renderer.render(operation);
		if (!connection.getAutoCommit()) {
			rendered.ensureAllowedInTransaction(revision);
		}
		if (operation instanceof Execute execute && !execute.parameters().isEmpty()) {
			execute(connection, execute);
			return;
		}
		try (Statement statement = connection.createStatement()) {
			for (String sql : rendered.statements()) {
				// One statement per execute: CONCURRENTLY refuses to run in a multi-statement string.
				statement.execute(sql);
			}
		}
	}

	/**
	 * The SQL as given, its values bound: pgjdbc reads the placeholders as
	 * {@link BoundParameters} does (rendering it first checked that they pair up).
	 */
	private static void execute(Connection connection, Execute execute) throws SQLException {
		BoundParameters.ensureCount(execute.sql(), execute.parameters());
		try (PreparedStatement statement = connection.prepareStatement(execute.sql())) {
			for (int i = 0; i < execute.parameters().size(); i++) {
				bind(statement, i + 1, execute.parameters().get(i));
			}
			statement.execute();
		}
	}

	private static void insert(Connection connection, BulkInsert insert) throws SQLException {
		if (insert.rows().isEmpty()) {
			return;
		}
		List<String> columns = insert.columns();
		String sql = "INSERT INTO " + PostgresIdentifiers.qualified(insert.table()) + " ("
				+ PostgresRenderer.columnList(columns) + ") VALUES ("
				+ columns.stream().map((column) -> "?").collect(Collectors.joining(", ")) + ")";
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			int pending = 0;
			for (Map<String, Object> row : insert.rows()) {
				for (int i = 0; i < columns.size(); i++) {
					bind(statement, i + 1, row.get(columns.get(i)));
				}
				statement.addBatch();
				if (++pending == PostgresRenderer.INSERT_ROWS_PER_STATEMENT) {
					statement.executeBatch();
					pending = 0;
				}
			}
			if (pending > 0) {
				statement.executeBatch();
			}
		}
	}

	/**
	 * Text-like values go as untyped parameters so that PostgreSQL converts them to the column's
	 * type ({@code uuid}, {@code jsonb}, an enum) as it would a literal.
	 */
	private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.NULL);
		}
		else if (value instanceof byte[] bytes) {
			statement.setBytes(index, bytes);
		}
		else if (value instanceof Instant instant) {
			statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
		}
		else if (value instanceof ZonedDateTime zoned) {
			statement.setObject(index, zoned.toOffsetDateTime());
		}
		else if (value instanceof CharSequence || value instanceof Character || value instanceof Duration
				|| value instanceof Period) {
			statement.setObject(index, value.toString(), Types.OTHER);
		}
		else if (value instanceof Enum<?> constant) {
			statement.setObject(index, constant.name(), Types.OTHER);
		}
		else if (value instanceof Map<?, ?> map) {
			statement.setObject(index, PostgresLiterals.jsonText(map), Types.OTHER);
		}
		else if (PostgresLiterals.isArray(value)) {
			// Untyped, like a string: PostgreSQL reads it as the column's array type (text[], uuid[], …).
			statement.setObject(index, PostgresLiterals.arrayText(value), Types.OTHER);
		}
		else {
			// Checked the same way as offline, so that a revision fails alike in both modes.
			PostgresLiterals.value(value);
			statement.setObject(index, value);
		}
	}

}
