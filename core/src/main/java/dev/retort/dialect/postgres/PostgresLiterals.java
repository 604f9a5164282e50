package dev.retort.dialect.postgres;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.UUID;

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
	 * Any supported value as a literal: {@code NULL}, numbers and booleans bare, an instant as a
	 * {@code timestamptz} ({@code '2026-11-25T21:00Z'::timestamptz}), everything else as a string
	 * literal that PostgreSQL converts to the column's type.
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
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return Double.isFinite(number) ? value.toString() : string(value.toString());
		}
		if (value instanceof byte[] bytes) {
			return string("\\x" + HexFormat.of().formatHex(bytes));
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
				|| value instanceof OffsetTime || value instanceof Duration) {
			return string(value.toString());
		}
		if (value instanceof Enum<?> constant) {
			return string(constant.name());
		}
		throw new IllegalArgumentException("A value of type " + value.getClass().getName()
				+ " cannot be written as a SQL literal; use a String, number, boolean, java.time value, UUID or byte[]");
	}

	private static String timestamptz(OffsetDateTime value) {
		return string(value.toString()) + "::timestamptz";
	}

}
