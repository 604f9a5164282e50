package dev.retort.dialect.postgres;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Writes values as PostgreSQL literals, for offline scripts only: online, values are bound as
 * parameters. Strings are quoted so that they stay strings whatever
 * {@code standard_conforming_strings} is: a backslash switches to an {@code E''} literal with the
 * backslash doubled.
 */
public final class PostgresLiterals {

	private PostgresLiterals() {
	}

	/** {@code it's} → {@code 'it''s'}; {@code a\b} → {@code E'a\\b'}. */
	public static String string(String value) {
		if (value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("PostgreSQL text cannot hold the NUL character: "
					+ value.replace("\0", "\\0"));
		}
		String quoted = value.replace("'", "''");
		if (value.indexOf('\\') >= 0) {
			return "E'" + quoted.replace("\\", "\\\\") + "'";
		}
		return "'" + quoted + "'";
	}

	/**
	 * Any supported value as a literal: {@code NULL}, integers, {@code BigDecimal} and booleans
	 * bare, a {@code double} or {@code float} typed as online ({@code '0.25'::double precision}), an
	 * instant as a {@code timestamptz} ({@code '2026-11-25T21:00Z'::timestamptz}), everything else
	 * as a string literal that PostgreSQL converts to the column's type.
	 */
	public static String value(Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof Boolean bool) {
			return bool ? "TRUE" : "FALSE";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return value.toString();
		}
		// Typed, as the float8 or float4 parameter online is, so that PostgreSQL converts it to the
		// column's type the same way: a bare 2.5 is an exact numeric, which an integer column rounds
		// to 3 where the double 2.5 gives 2, and a float's 0.1 would be 0.1 in a double precision
		// column where online it is 0.10000000149011612.
		if (value instanceof Double) {
			return string(value.toString()) + "::double precision";
		}
		if (value instanceof Float) {
			return string(value.toString()) + "::real";
		}
		if (value instanceof byte[] bytes) {
			return string("\\x" + HexFormat.of().formatHex(bytes));
		}
		if (isArray(value)) {
			return string(arrayText(value));
		}
		if (value instanceof Map<?, ?> map) {
			return string(jsonText(map));
		}
		// A point in time is typed, as the timestamptz parameter online is: a timestamp or date column
		// then takes it in the session's time zone, where an untyped literal would drop its offset.
		if (value instanceof Instant instant) {
			return timestamptz(instant.atOffset(ZoneOffset.UTC));
		}
		if (value instanceof ZonedDateTime zoned) {
			return timestamptz(zoned.toOffsetDateTime());
		}
		if (value instanceof OffsetDateTime offset) {
			return timestamptz(offset);
		}
		if (value instanceof CharSequence || value instanceof Character || value instanceof UUID
				|| value instanceof LocalDate || value instanceof LocalDateTime || value instanceof LocalTime
				|| value instanceof OffsetTime || value instanceof Duration || value instanceof Period) {
			return string(value.toString());
		}
		if (value instanceof Enum<?> constant) {
			return string(constant.name());
		}
		throw new IllegalArgumentException("A value of type " + value.getClass().getName()
				+ " cannot be written as a SQL literal; use a String, number, boolean, java.time value, UUID, byte[],"
				+ " a List or array of those, or a Map (JSON)");
	}

	/** Whether {@code value} is written as a PostgreSQL array: a {@code List} or a Java array other than {@code byte[]}. */
	static boolean isArray(Object value) {
		return value instanceof List<?> || (value.getClass().isArray() && !(value instanceof byte[]));
	}

	/**
	 * A {@code List} or Java array in PostgreSQL's array syntax: {@code {"a","it's",NULL}},
	 * {@code {{1,2},{3,4}}}. Sent untyped (online) or as a string literal (offline), it becomes
	 * whatever array type the column has, as a string becomes a {@code uuid} or {@code jsonb}.
	 */
	static String arrayText(Object array) {
		List<?> elements = elements(array);
		StringBuilder text = new StringBuilder("{");
		for (int i = 0; i < elements.size(); i++) {
			if (i > 0) {
				text.append(',');
			}
			Object element = elements.get(i);
			if (element == null) {
				text.append("NULL");
			}
			else if (isArray(element)) {
				text.append(arrayText(element));
			}
			else {
				// Every element is quoted, so that 'NULL', commas and braces stay text.
				text.append('"').append(elementText(element).replace("\\", "\\\\").replace("\"", "\\\""))
					.append('"');
			}
		}
		return text.append('}').toString();
	}

	/**
	 * A {@code Map} as JSON text, for a {@code json} or {@code jsonb} column (Alembic's dict for a
	 * JSON column): nested maps are objects (keys in the map's order when it has one, else sorted),
	 * lists and Java arrays are arrays, numbers and booleans bare, anything else a string
	 * ({@code UUID}, {@code java.time} values).
	 */
	static String jsonText(Map<?, ?> map) {
		StringBuilder json = new StringBuilder();
		json(json, map);
		return json.toString();
	}

	private static void json(StringBuilder json, Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : entries(map)) {
				json.append(first ? "" : ", ");
				first = false;
				jsonString(json, String.valueOf(entry.getKey()));
				json.append(": ");
				json(json, entry.getValue());
			}
			json.append('}');
		}
		else if (isArray(value)) {
			List<?> elements = elements(value);
			json.append('[');
			for (int i = 0; i < elements.size(); i++) {
				json.append((i > 0) ? ", " : "");
				json(json, elements.get(i));
			}
			json.append(']');
		}
		else if (value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (!Double.isFinite(number)) {
				throw new IllegalArgumentException("JSON has no number " + value + ": write it as a string or null");
			}
			json.append(value);
		}
		else if (value instanceof Number number) {
			json.append(value(number));
		}
		else {
			jsonString(json, elementText(value));
		}
	}

	/**
	 * {@code text} as a JSON string, quotes included: the one JSON string writer of core, for a
	 * {@code json}/{@code jsonb} value here and for the command results' JSON
	 * ({@code dev.retort.command.Json}, which may use this package where this one may not use
	 * it). Control characters are escaped, and so are U+2028 and U+2029, which JavaScript
	 * source does not take raw.
	 */
	public static void jsonString(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

	/**
	 * A map's entries in its own order when it has one ({@code LinkedHashMap}, {@code SortedMap}),
	 * else sorted by key: the order of a {@code Map.of} changes from one JVM to the next (and a
	 * {@code HashMap}'s with its capacity), and a revision must render the same JSON on every run,
	 * both for its checksum and for a {@code json} column, which keeps the order it is given.
	 */
	private static Collection<? extends Map.Entry<?, ?>> entries(Map<?, ?> map) {
		if (map instanceof LinkedHashMap<?, ?> || map instanceof SortedMap<?, ?>) {
			return map.entrySet();
		}
		List<Map.Entry<?, ?>> sorted = new ArrayList<>(map.entrySet());
		sorted.sort(Comparator.comparing((entry) -> String.valueOf(entry.getKey())));
		return sorted;
	}

	private static List<?> elements(Object array) {
		return (array instanceof List<?> list) ? list
				: IntStream.range(0, Array.getLength(array)).mapToObj((i) -> Array.get(array, i)).toList();
	}

	/** An array element as PostgreSQL reads it, before the array's own quoting. */
	private static String elementText(Object element) {
		if (element instanceof BigDecimal decimal) {
			return decimal.toPlainString();
		}
		if (element instanceof byte[] bytes) {
			return "\\x" + HexFormat.of().formatHex(bytes);
		}
		if (element instanceof Instant instant) {
			return instant.atOffset(ZoneOffset.UTC).toString();
		}
		if (element instanceof ZonedDateTime zoned) {
			return zoned.toOffsetDateTime().toString();
		}
		if (element instanceof Enum<?> constant) {
			return constant.name();
		}
		if (element instanceof Boolean || element instanceof Number || element instanceof CharSequence
				|| element instanceof Character || element instanceof UUID || element instanceof LocalDate
				|| element instanceof LocalDateTime || element instanceof LocalTime || element instanceof OffsetDateTime
				|| element instanceof OffsetTime || element instanceof Duration || element instanceof Period) {
			return element.toString();
		}
		throw new IllegalArgumentException("A value of type " + element.getClass().getName() + " in an array or Map"
				+ " cannot be written as a SQL literal; use a String, number, boolean, java.time value, UUID or byte[]");
	}

	private static String timestamptz(OffsetDateTime value) {
		return string(value.toString()) + "::timestamptz";
	}

}
