package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.operation.Execute;
import dev.retort.operation.Operations;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

/**
 * {@code op.execute(sql, values…)} stores exactly the given values, bound as parameters online and
 * written as literals offline, with the placeholders read as pgjdbc reads them.
 */
@ExtendWith(PostgresExtension.class)
class ExecuteParametersTests {

	private static final String TABLE = "CREATE TABLE samples (id integer PRIMARY KEY, label text, token uuid,"
			+ " doc jsonb, day date, at timestamptz, price numeric(10, 2), ok boolean, tags text[], ratio double precision)";

	private static final String READ = "SELECT concat_ws('|', id, label, token, doc, day, at AT TIME ZONE 'UTC', price,"
			+ " ok, tags, ratio) FROM samples ORDER BY id";

	@Test
	void onlineAndOfflineStoreTheSameValues(TestDatabase db) throws SQLException {
		db.execute(TABLE);
		List<Execute> statements = List.of(
				new Execute("INSERT INTO samples (id, label, token, doc, day, at, price, ok, tags, ratio)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						List.of(1, "Robert'); DROP TABLE samples; --", UUID.fromString("6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"),
								Map.of("a", "it's"), LocalDate.of(2026, 11, 25), Instant.parse("2026-11-25T21:00:00Z"),
								new BigDecimal("12.50"), true, List.of("x", "it's", "a,b"), 0.25)),
				new Execute("INSERT INTO samples (id, label) VALUES (?, ?)", Arrays.asList(2, null)),
				// '?' in a string, a quoted name and comments is no placeholder; a negative number after
				// '-' does not start a comment; ?? is the jsonb operator.
				new Execute("/* why? */ INSERT INTO samples (id, label, \"ok\") -- which?\n"
						+ " SELECT 10 - ?, 'what? ' || ?, '{\"k\": 1}'::jsonb ?? 'k'", List.of(-3, "back\\slash $$")));
		ReadBack readBack = onlineThenOffline(db, statements, READ);
		assertThat(readBack.offline()).isEqualTo(readBack.online()).containsExactly(
				"1|Robert'); DROP TABLE samples; --|6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b|{\"a\": \"it's\"}|2026-11-25"
						+ "|2026-11-25 21:00:00|12.50|t|{x,it's,\"a,b\"}|0.25",
				"2", "13|what? back\\slash $$|t");
	}

	@Test
	void offlineTheValuesAreQuotedLiterals() {
		TestOperationExecutor executor = TestOperationExecutor.scriptOnly();
		Operations op = executor.operations();
		op.execute("UPDATE users SET plan = ? WHERE signed_up < ? AND id - ? > 0 AND doc ?? 'plan'", "it's free",
				LocalDate.of(2026, 1, 1), -1);
		op.execute("UPDATE users SET note = ? WHERE note = '?'", (Object) null);
		op.execute("UPDATE users SET note = ?", null);
		assertThat(executor.script()).containsExactly(
				"UPDATE users SET plan = 'it''s free' WHERE signed_up < '2026-01-01' AND id - (-1) > 0 AND doc ? 'plan'",
				"UPDATE users SET note = NULL WHERE note = '?'", "UPDATE users SET note = NULL");
	}

	@Test
	void withoutValuesTheSqlIsWrittenAsGiven() {
		TestOperationExecutor executor = TestOperationExecutor.scriptOnly();
		executor.operations().execute("SELECT doc ? 'plan', doc ?? 'x' FROM users");
		assertThat(executor.script()).containsExactly("SELECT doc ? 'plan', doc ?? 'x' FROM users");
	}

	@Test
	void valuesThatDoNotPairUpWithThePlaceholdersAreRefusedInBothModes(TestDatabase db) throws SQLException {
		Execute execute = new Execute("UPDATE users SET plan = ? WHERE note = '?'", List.of("free", 2));
		String message = "op.execute was given 2 values for 1 '?' placeholder in 'UPDATE users SET plan = ? WHERE"
				+ " note = '?'': give one value per '?' (a '?' inside quotes or a comment is not a placeholder; write"
				+ " the jsonb operator ? as ??)";
		assertThatIllegalArgumentException().isThrownBy(() -> new PostgresRenderer().render(execute))
			.withMessage(message);
		db.execute("CREATE TABLE users (plan text, note text)");
		try (Connection connection = db.connect()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new PostgresOperationRunner().run(connection, execute, "test"))
				.withMessage(message);
		}
	}

	private static ReadBack onlineThenOffline(TestDatabase db, List<Execute> statements, String read)
			throws SQLException {
		try (TestOperationExecutor executor = TestOperationExecutor.online(db)) {
			statements.forEach(executor::execute);
		}
		List<String> online = db.queryStrings(read);
		db.execute("TRUNCATE samples");
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (Execute execute : statements) {
				for (String sql : new PostgresRenderer().render(execute).statements()) {
					statement.execute(sql);
				}
			}
		}
		return new ReadBack(online, db.queryStrings(read));
	}

	private record ReadBack(List<String> online, List<String> offline) {
	}

}
