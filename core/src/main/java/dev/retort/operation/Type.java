package dev.retort.operation;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL column type: a built-in name with its modifiers ({@code varchar(40)},
 * {@code numeric(10, 2)}), an array of another type, or a user-defined type such as an enum
 * (whose name is quoted like any identifier when rendered).
 *
 * <p>Use the constants and factories: {@code column("price", numeric(10, 2))},
 * {@code column("tags", arrayOf(TEXT))}, {@code column("mood", enumType("mood"))}.
 *
 * @param name the type name as PostgreSQL spells it ({@code integer}, {@code timestamptz}), or
 * the user-defined type's name ({@code "public.mood"})
 * @param modifiers the type modifiers, such as length, precision and scale
 * @param arrayDimensions how many {@code []} follow the type
 * @param userDefined whether {@code name} is an identifier to quote (enum and other created types)
 * rather than a built-in type name
 */
public record Type(String name, List<Integer> modifiers, int arrayDimensions, boolean userDefined) {

	public static final Type SMALLINT = builtIn("smallint");

	public static final Type INTEGER = builtIn("integer");

	public static final Type BIGINT = builtIn("bigint");

	/** {@code serial}: an integer with an owned sequence as its default (prefer {@code identity()}). */
	public static final Type SERIAL = builtIn("serial");

	/** {@code bigserial}: a bigint with an owned sequence as its default (prefer {@code identity()}). */
	public static final Type BIGSERIAL = builtIn("bigserial");

	/** {@code numeric} without precision: any number of digits. */
	public static final Type NUMERIC = builtIn("numeric");

	public static final Type REAL = builtIn("real");

	public static final Type DOUBLE_PRECISION = builtIn("double precision");

	public static final Type TEXT = builtIn("text");

	/** {@code varchar} without a length limit. */
	public static final Type VARCHAR = builtIn("varchar");

	public static final Type BOOLEAN = builtIn("boolean");

	public static final Type DATE = builtIn("date");

	/** {@code time} (without time zone). */
	public static final Type TIME = builtIn("time");

	/** {@code timestamp} (without time zone). */
	public static final Type TIMESTAMP = builtIn("timestamp");

	/** {@code timestamptz} (timestamp with time zone): the right type for instants. */
	public static final Type TIMESTAMPTZ = builtIn("timestamptz");

	public static final Type INTERVAL = builtIn("interval");

	public static final Type UUID = builtIn("uuid");

	public static final Type JSON = builtIn("json");

	public static final Type JSONB = builtIn("jsonb");

	public static final Type BYTEA = builtIn("bytea");

	public static final Type INET = builtIn("inet");

	public static final Type CIDR = builtIn("cidr");

	public static final Type TSVECTOR = builtIn("tsvector");

	public static final Type XML = builtIn("xml");

	public Type {
		Names.require(name, "name");
		modifiers = (modifiers != null) ? List.copyOf(modifiers) : List.of();
		if (arrayDimensions < 0) {
			throw new IllegalArgumentException("'arrayDimensions' must not be negative, was " + arrayDimensions);
		}
	}

	/** {@code varchar(length)}. */
	public static Type varchar(int length) {
		return withModifiers("varchar", positive(length, "length"));
	}

	/** {@code char(length)}: blank-padded, rarely what you want (prefer {@code TEXT}). */
	public static Type character(int length) {
		return withModifiers("char", positive(length, "length"));
	}

	/** {@code numeric(precision)}: an integer of at most {@code precision} digits. */
	public static Type numeric(int precision) {
		return withModifiers("numeric", positive(precision, "precision"));
	}

	/** {@code numeric(precision, scale)}: {@code numeric(10, 2)} for money-like amounts. */
	public static Type numeric(int precision, int scale) {
		if (scale < 0 || scale > precision) {
			throw new IllegalArgumentException(
					"'scale' must be between 0 and the precision " + precision + ", was " + scale);
		}
		return withModifiers("numeric", positive(precision, "precision"), scale);
	}

	/** {@code timestamp(precision)}: fractional seconds digits, 0 to 6. */
	public static Type timestamp(int precision) {
		return withModifiers("timestamp", secondsPrecision(precision));
	}

	/** {@code timestamptz(precision)}: fractional seconds digits, 0 to 6. */
	public static Type timestamptz(int precision) {
		return withModifiers("timestamptz", secondsPrecision(precision));
	}

	/** {@code time(precision)}: fractional seconds digits, 0 to 6. */
	public static Type time(int precision) {
		return withModifiers("time", secondsPrecision(precision));
	}

	/** An array of {@code element}: {@code arrayOf(TEXT)} is {@code text[]}. */
	public static Type arrayOf(Type element) {
		Objects.requireNonNull(element, "'element' must not be null");
		return new Type(element.name, element.modifiers, element.arrayDimensions + 1, element.userDefined);
	}

	/**
	 * An enum (or any other created type) by name, optionally schema-qualified
	 * ({@code "billing.status"}); create it first with {@code op.createEnumType(..)}.
	 */
	public static Type enumType(String name) {
		return new Type(name, List.of(), 0, true);
	}

	/**
	 * Any other type, written as PostgreSQL reads it and rendered verbatim:
	 * {@code named("geometry(Point, 4326)")}, {@code named("citext")}.
	 */
	public static Type named(String sql) {
		return builtIn(sql);
	}

	/** Whether this is an array type. */
	public boolean isArray() {
		return this.arrayDimensions > 0;
	}

	private static Type builtIn(String name) {
		return new Type(name, List.of(), 0, false);
	}

	private static Type withModifiers(String name, Integer... modifiers) {
		return new Type(name, List.of(modifiers), 0, false);
	}

	private static int positive(int value, String argument) {
		if (value < 1) {
			throw new IllegalArgumentException("'" + argument + "' must be at least 1, was " + value);
		}
		return value;
	}

	private static int secondsPrecision(int precision) {
		if (precision < 0 || precision > 6) {
			throw new IllegalArgumentException("'precision' must be between 0 and 6, was " + precision);
		}
		return precision;
	}

}
