package dev.retort.autogenerate;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.dialect.postgres.PostgresLiterals;

/**
 * The type changes PostgreSQL makes by rounding the values, without a word: {@code numeric(10,3)}
 * to {@code integer} or to {@code numeric(10,2)}, {@code double precision} to {@code real} or to
 * an integer type, {@code timestamp} to {@code timestamp(0)}. A change that would cut or overflow
 * a value ({@code varchar(20)}, {@code bigint} to {@code integer}) PostgreSQL refuses on its own;
 * these it does not, so a revision written for one checks first that no value would change, and
 * stops with a message naming the column if one would: rounding them is the author's call, with
 * a {@code USING} that says how.
 */
final class RoundingConversion {

	private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

	private static final Set<String> FLOATS = Set.of("real", "double precision");

	/** {@code numeric}, {@code numeric(10)}, {@code numeric(10,3)} as {@code format_type} prints them. */
	private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+)(?:,(-?\\d+))?\\))?");

	/** A date/time type with fractional seconds, its precision (6 when left out) between its words. */
	private static final Pattern DATETIME = Pattern
		.compile("(timestamp|time|interval)(?:\\((\\d)\\))?( with(?:out)? time zone)?");

	/** The precision of seconds PostgreSQL keeps when a type names none. */
	private static final int MICROSECONDS = 6;

	private RoundingConversion() {
	}

	/**
	 * Whether PostgreSQL rounds values when a column changes from one type to the other.
	 * @param from the type the column has, as {@code format_type} prints it
	 * @param to the type it gets
	 * @return what it rounds to ({@code no fraction}), or empty when it keeps every value or refuses
	 */
	static Optional<String> of(String from, String to) {
		boolean fractional = FLOATS.contains(from) || scale(from) != 0;
		if (INTEGERS.contains(to) && fractional) {
			return Optional.of("no fraction");
		}
		Matcher toNumeric = NUMERIC.matcher(to);
		if (toNumeric.matches() && toNumeric.group(1) != null) {
			int toScale = (toNumeric.group(2) != null) ? Integer.parseInt(toNumeric.group(2)) : 0;
			// A float's digits, as the numeric it is printed as, may go on further than any scale.
			if (FLOATS.contains(from) || scale(from) > toScale) {
				return Optional.of(toScale + ((toScale == 1) ? " decimal place" : " decimal places"));
			}
		}
		if (from.equals("double precision") && to.equals("real")) {
			return Optional.of("about 6 significant digits");
		}
		Matcher fromTime = DATETIME.matcher(from);
		Matcher toTime = DATETIME.matcher(to);
		if (fromTime.matches() && toTime.matches() && fromTime.group(1).equals(toTime.group(1))
				&& Objects.equals(fromTime.group(3), toTime.group(3)) && precision(toTime) < precision(fromTime)) {
			int digits = precision(toTime);
			return Optional.of(digits + ((digits == 1) ? " fractional digit" : " fractional digits") + " of a second");
		}
		return Optional.empty();
	}

	/** The digits after the point a numeric type keeps: all of them for {@code numeric} alone, 0 for other types. */
	private static int scale(String type) {
		Matcher numeric = NUMERIC.matcher(type);
		if (!numeric.matches()) {
			return 0;
		}
		if (numeric.group(1) == null) {
			return Integer.MAX_VALUE;
		}
		return (numeric.group(2) != null) ? Integer.parseInt(numeric.group(2)) : 0;
	}

	private static int precision(Matcher datetime) {
		return (datetime.group(2) != null) ? Integer.parseInt(datetime.group(2)) : MICROSECONDS;
	}

	/**
	 * The statement that stops the revision, before the type changes, when a row holds a value the
	 * new type would round. It locks the table as the {@code ALTER} would, so that no such value
	 * comes in between. The message goes in as the argument of a {@code '%'} format, as a quoted
	 * name with a {@code %} in it would otherwise be taken for a placeholder.
	 * @param table the table, quoted
	 * @param column the column, quoted
	 * @param where the column as the message names it ({@code orders.total})
	 * @param to the type it gets
	 * @param rounding what the type rounds to
	 * @return the statement
	 */
	static String refusal(String table, String column, String where, String to, String rounding) {
		String message = where + " holds values that " + to + " would round (it keeps " + rounding + "): round them first, "
				+ "or write this change by hand with a USING that says how";
		return "DO $retort$\nBEGIN\n"
				+ "    LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE;\n"
				+ "    IF EXISTS (SELECT FROM " + table + " WHERE " + column + " <> " + column + "::" + to + ") THEN\n"
				+ "        RAISE EXCEPTION '%', " + PostgresLiterals.string(message) + ";\n"
				+ "    END IF;\n"
				+ "END\n$retort$";
	}

}
