package dev.retort.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.retort.operation.BulkInsert;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

/**
 * A bulk insert stores exactly the given values, whether bound as parameters online or written
 * as literals offline, including values that would break naive string concatenation.
 */
@ExtendWith(PostgresExtension.class)
class BulkInsertTests {

	private static final String TABLE = "CREATE TABLE samples (id integer PRIMARY KEY, label text, token uuid,"
			+ " doc jsonb, day date, at timestamptz, local_at timestamp, price numeric(10, 2), ok boolean,"
			+ " raw bytea, mood mood, span interval, ratio double precision)";

	private static final String READ = "SELECT concat_ws('|', id, label, token, doc, day, at AT TIME ZONE 'UTC',"
			+ " local_at, price, ok, encode(raw, 'hex'), mood, span, ratio) FROM samples ORDER BY id";

	@Test
	void onlineAndOfflineInsertsStoreTheSameValues(TestDatabase db) throws SQLException {
		db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')", TABLE);
		BulkInsert insert = new BulkInsert("samples", rows());
		ReadBack readBack = onlineThenOffline(db, insert, READ);
		assertThat(readBack.offline()).isEqualTo(readBack.online()).containsExactly(
				"1|Robert'); DROP TABLE samples; --|6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b|{\"a\": \"it's\"}|2026-11-25"
						+ "|2026-11-25 21:00:00|2026-11-25 21:30:00|12.50|t|00ff5c|happy|01:30:00|0.25",
				"2|back\\slash 100% $$");
	}

	@Test
	void anInstantInATimestampColumnIsTheSameOnlineAndOffline(TestDatabase db) throws SQLException {
		// Online an instant is a timestamptz parameter, which a timestamp column takes in the session's
		// time zone; an untyped literal would instead drop its offset and keep the wall-clock time.
		db.execute("CREATE TABLE events (id integer PRIMARY KEY, local_at timestamp, on_day date)");
		OffsetDateTime at = OffsetDateTime.parse("2026-11-25T21:00:00+05:00");
		Map<String, Object> first = Map.of("id", 1, "local_at", at, "on_day", at);
		Map<String, Object> second = Map.of("id", 2, "local_at", at.toInstant(), "on_day", at.toInstant());
		Map<String, Object> third = Map.of("id", 3, "local_at", at.atZoneSameInstant(ZoneId.of("Asia/Tokyo")),
				"on_day", at.atZoneSameInstant(ZoneId.of("Asia/Tokyo")));
		BulkInsert insert = new BulkInsert("events", List.of(first, second, third));
		String read = "SELECT id || ' ' || (local_at = '2026-11-25T21:00:00+05:00'::timestamptz::timestamp)"
				+ " || ' ' || (on_day = '2026-11-25T21:00:00+05:00'::timestamptz::date) FROM events ORDER BY id";
		ReadBack readBack = onlineThenOffline(db, insert, read);
		assertThat(readBack.online()).containsExactly("1 true true", "2 true true", "3 true true");
		assertThat(readBack.offline()).isEqualTo(readBack.online());
	}

	@Test
	void arraysAreInsertedFromListsAndJavaArraysOnlineAndOffline(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE tagged (id integer PRIMARY KEY, tags text[], counts integer[], grid integer[][],"
				+ " tokens uuid[])");
		Map<String, Object> first = new HashMap<>();
		first.put("id", 1);
		first.put("tags", Arrays.asList("plain", "it's", "with \"quotes\"", "back\\slash", "NULL", "a,b {c}", null, ""));
		first.put("counts", new int[] { 1, 2, 3 });
		first.put("grid", List.of(List.of(1, 2), List.of(3, 4)));
		first.put("tokens", new UUID[] { UUID.fromString("6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b") });
		Map<String, Object> second = new HashMap<>();
		second.put("id", 2);
		second.put("tags", List.of());
		second.put("counts", new Integer[] { null, 7 });
		second.put("grid", null);
		second.put("tokens", List.of());
		BulkInsert insert = new BulkInsert("tagged", List.of(first, second));
		String read = "SELECT id || ' ' || array_length(tags, 1) || ' ' || array_to_json(tags) || ' '"
				+ " || array_to_json(counts) || ' ' || coalesce(array_to_json(grid)::text, '-') || ' '"
				+ " || array_to_json(tokens) FROM tagged ORDER BY id";
		ReadBack readBack = onlineThenOffline(db, insert, read);
		assertThat(readBack.offline()).isEqualTo(readBack.online());
		assertThat(readBack.online().get(0)).isEqualTo("1 8 [\"plain\",\"it's\",\"with \\\"quotes\\\"\",\"back\\\\slash\",\"NULL\","
				+ "\"a,b {c}\",null,\"\"] [1,2,3] [[1,2],[3,4]] [\"6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b\"]");
		// array_length of an empty array is NULL (so row 2 read as NULL above): ask its cardinality.
		assertThat(db.queryStrings("SELECT cardinality(tags) || ' ' || array_to_json(counts) FROM tagged WHERE id = 2"))
			.containsExactly("0 [null,7]");
	}

	@Test
	void aMapIsInsertedAsJsonOnlineAndOffline(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE settings (id integer PRIMARY KEY, doc jsonb, raw json)");
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("name", "it's \"quoted\" \\ and\ttabbed");
		nested.put("count", 3);
		nested.put("ratio", new BigDecimal("0.50"));
		nested.put("on", true);
		nested.put("none", null);
		nested.put("tags", List.of("a", 1, false));
		nested.put("id", UUID.fromString("6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
		nested.put("inner", Map.of("x", new int[] { 1, 2 }));
		BulkInsert insert = new BulkInsert("settings", List.of(Map.of("id", 1, "doc", nested, "raw", Map.of())));
		String read = "SELECT id || ' ' || doc::text || ' ' || raw::text FROM settings";
		ReadBack readBack = onlineThenOffline(db, insert, read);
		assertThat(readBack.offline()).isEqualTo(readBack.online())
			.containsExactly("1 {\"id\": \"6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b\", \"on\": true, \"name\":"
					+ " \"it's \\\"quoted\\\" \\\\ and\\ttabbed\", \"none\": null, \"tags\": [\"a\", 1, false],"
					+ " \"count\": 3, \"inner\": {\"x\": [1, 2]}, \"ratio\": 0.50} {}");
	}

	@Test
	void equalMapsAreWrittenAsTheSameJsonWhateverTheirIterationOrder(TestDatabase db) throws SQLException {
		// Map.of iterates in an order that changes with each JVM, and a HashMap's changes with its
		// capacity: a json column keeps the order it is given, and a revision's checksum the text.
		db.execute("CREATE TABLE settings (id integer PRIMARY KEY, raw json)");
		Map<String, Object> small = new HashMap<>(16);
		Map<String, Object> large = new HashMap<>(128);
		for (String key : List.of("a", "B", "0")) {
			small.put(key, key);
			large.put(key, key);
		}
		assertThat(List.copyOf(small.keySet())).isNotEqualTo(List.copyOf(large.keySet()));
		BulkInsert insert = new BulkInsert("settings",
				List.of(Map.of("id", 1, "raw", small), Map.of("id", 2, "raw", large)));
		ReadBack readBack = onlineThenOffline(db, insert, "SELECT raw::text FROM settings ORDER BY id");
		assertThat(readBack.online()).containsExactly("{\"0\": \"0\", \"B\": \"B\", \"a\": \"a\"}",
				"{\"0\": \"0\", \"B\": \"B\", \"a\": \"a\"}");
		assertThat(readBack.offline()).isEqualTo(readBack.online());
	}

	@Test
	void doublesAndFloatsAreConvertedAlikeOnlineAndOffline(TestDatabase db) throws SQLException {
		// Online a double is a float8 parameter and a float a float4 one; offline a bare literal would
		// be an exact numeric, which PostgreSQL converts to the column's type otherwise.
		db.execute("CREATE TABLE measures (id integer PRIMARY KEY, whole integer, exact numeric, wide double precision,"
				+ " narrow real, label text)");
		Map<String, Object> doubles = Map.of("id", 1, "whole", 2.5, "exact", 0.30000000000000004, "wide", 1e20,
				"narrow", 0.1, "label", 1e20);
		Map<String, Object> floats = Map.of("id", 2, "whole", 3.5f, "exact", 0.1f, "wide", 0.1f, "narrow",
				Float.MIN_VALUE, "label", 0.1f);
		Map<String, Object> special = new HashMap<>(Map.of("id", 3, "exact", Double.NaN, "wide",
				Double.NEGATIVE_INFINITY, "narrow", Float.POSITIVE_INFINITY, "label", -0.0));
		special.put("whole", null);
		BulkInsert insert = new BulkInsert("measures", List.of(doubles, floats, special));
		String read = "SELECT concat_ws('|', id, whole, exact, wide, narrow, label) FROM measures ORDER BY id";
		ReadBack readBack = onlineThenOffline(db, insert, read);
		assertThat(readBack.online()).containsExactly("1|2|0.3|1e+20|0.1|1e+20",
				"2|4|0.1|0.10000000149011612|1e-45|0.1", "3|NaN|-Infinity|Infinity|-0");
		assertThat(readBack.offline()).isEqualTo(readBack.online());
	}

	@Test
	void aPeriodIsAnIntervalOnlineAndOffline(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE plans (id integer PRIMARY KEY, term interval)");
		BulkInsert insert = new BulkInsert("plans", List.of(Map.of("id", 1, "term", Period.of(1, 2, 3))));
		ReadBack readBack = onlineThenOffline(db, insert, "SELECT term::text FROM plans");
		assertThat(readBack.online()).containsExactly("1 year 2 mons 3 days");
		assertThat(readBack.offline()).isEqualTo(readBack.online());
	}

	@Test
	void manyRowsAreInsertedInBatches(TestDatabase db) throws SQLException {
		db.execute("CREATE TABLE numbers (n integer PRIMARY KEY, label text)");
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 1; i <= 2500; i++) {
			rows.add(Map.of("n", i, "label", "n" + i));
		}
		try (TestOperationExecutor executor = TestOperationExecutor.online(db)) {
			executor.operations().bulkInsert("numbers", rows);
		}
		assertThat(db.queryStrings("SELECT count(*) || ':' || sum(n) FROM numbers")).containsExactly("2500:3126250");
		assertThat(new PostgresRenderer().render(new BulkInsert("numbers", rows)).statements()).hasSize(3);
	}

	@Test
	void unsupportedValuesAreRefusedAlikeOnlineAndOffline() {
		BulkInsert insert = new BulkInsert("samples", List.of(Map.of("label", new StringBuilder("x"), "doc",
				Optional.of(1))));
		assertThatIllegalArgumentException().isThrownBy(() -> new PostgresRenderer().render(insert))
			.withMessage("A value of type java.util.Optional cannot be written as a SQL literal;"
					+ " use a String, number, boolean, java.time value, UUID, byte[], a List or array of those, or a Map (JSON)");
	}

	@Test
	void aJsonValueIsEscapedAsTheCommandResultsJsonIsOnlineAndOffline(TestDatabase db) throws SQLException {
		// A json column keeps its text: its escapes are those the command results' JSON writes (JsonTests).
		db.execute("CREATE TABLE settings (id integer PRIMARY KEY, raw json)");
		String text = "bell\u0007 back\bspace form\ffeed line\u2028sep";
		BulkInsert insert = new BulkInsert("settings", List.of(Map.of("id", 1, "raw", Map.of("k", text))));
		String read = "SELECT raw::text || ' ' || (raw->>'k' = " + PostgresLiterals.string(text) + ") FROM settings";
		ReadBack readBack = onlineThenOffline(db, insert, read);
		assertThat(readBack.offline()).isEqualTo(readBack.online())
			.containsExactly("{\"k\": \"bell\\u0007 back\\bspace form\\ffeed line\\u2028sep\"} true");
	}

	/**
	 * What {@code read} finds after {@code insert} ran online, and again after its offline script
	 * ran instead, on the table emptied between: the two must agree.
	 */
	private static ReadBack onlineThenOffline(TestDatabase db, BulkInsert insert, String read) throws SQLException {
		try (TestOperationExecutor executor = TestOperationExecutor.online(db)) {
			executor.execute(insert);
		}
		List<String> online = db.queryStrings(read);
		db.execute("TRUNCATE " + insert.table());
		try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
			for (String sql : new PostgresRenderer().render(insert).statements()) {
				statement.execute(sql);
			}
		}
		return new ReadBack(online, db.queryStrings(read));
	}

	private record ReadBack(List<String> online, List<String> offline) {
	}

	private static List<Map<String, Object>> rows() {
		Map<String, Object> first = new HashMap<>();
		first.put("id", 1);
		first.put("label", "Robert'); DROP TABLE samples; --");
		first.put("token", UUID.fromString("6f1c2b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
		first.put("doc", "{\"a\": \"it's\"}");
		first.put("day", LocalDate.of(2026, 11, 25));
		first.put("at", Instant.parse("2026-11-25T21:00:00Z"));
		first.put("local_at", LocalDateTime.of(2026, 11, 25, 21, 30));
		first.put("price", new BigDecimal("12.50"));
		first.put("ok", true);
		first.put("raw", new byte[] { 0, (byte) 0xff, 0x5c });
		first.put("mood", "happy");
		first.put("span", Duration.ofMinutes(90));
		first.put("ratio", 0.25);
		Map<String, Object> second = new HashMap<>();
		for (String column : first.keySet()) {
			second.put(column, null);
		}
		second.put("id", 2L);
		second.put("label", "back\\slash 100% $$");
		return List.of(first, second);
	}

}
