package dev.retort.lint;

import java.util.Map;

/**
 * Which {@code ALTER COLUMN ... TYPE} changes PostgreSQL makes without rewriting the table
 * (shared/reference/migration-safety.md, PG112): longer or unlimited {@code varchar},
 * {@code varchar} to {@code text} and back without a limit, more {@code numeric} precision at the
 * same scale, {@code cidr} to {@code inet}, more or default precision of the time types; none of
 * them for arrays.
 */
final class TypeChanges {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("character varying", "varchar"),
			Map.entry("character", "char"), Map.entry("bpchar", "char"), Map.entry("int", "integer"),
			Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
			Map.entry("decimal", "numeric"), Map.entry("timestamp with time zone", "timestamptz"),
			Map.entry("timestamp without time zone", "timestamp"), Map.entry("time with time zone", "timetz"),
			Map.entry("time without time zone", "time"), Map.entry("bool", "boolean"),
			Map.entry("float8", "double precision"), Map.entry("float4", "real"));

	private TypeChanges() {
	}

	/** A type as written, in one spelling: {@code character varying(20)} → {@code varchar(20)}. */
	static String normalise(String type) {
		String text = type.strip();
		String array = "";
		while (text.endsWith("[]")) {
			array += "[]";
			text = text.substring(0, text.length() - 2).strip();
		}
		String args = "";
		int open = text.indexOf('(');
		int close = text.indexOf(')', Math.max(open, 0));
		if (open >= 0 && close > open) {
			args = text.substring(open, close + 1);
			text = (text.substring(0, open) + " " + text.substring(close + 1)).strip().replaceAll("\\s+", " ");
		}
		return ALIASES.getOrDefault(text, text) + args + array;
	}

	static boolean isSafe(String oldType, String newType) {
		if (oldType.equals(newType)) {
			return true;
		}
		// An array's elements are converted one by one: PostgreSQL rewrites even varchar(10)[] to varchar(20)[].
		if (oldType.endsWith("]") || newType.endsWith("]")) {
			return false;
		}
		String oldBase = base(oldType);
		String newBase = base(newType);
		int[] oldArgs = args(oldType);
		int[] newArgs = args(newType);
		if (oldBase.equals("varchar") && (newBase.equals("text") || (newBase.equals("varchar")
				&& (newArgs.length == 0 || (oldArgs.length == 1 && newArgs[0] >= oldArgs[0]))))) {
			return true;
		}
		if (oldBase.equals("text") && newBase.equals("varchar") && newArgs.length == 0) {
			return true;
		}
		if (oldBase.equals("numeric") && newBase.equals("numeric")) {
			return newArgs.length == 0 || (oldArgs.length > 0 && newArgs[0] >= oldArgs[0]
					&& scale(oldArgs) == scale(newArgs));
		}
		if (oldBase.equals("cidr") && newBase.equals("inet")) {
			return true;
		}
		if (oldBase.equals(newBase) && (oldBase.equals("timestamp") || oldBase.equals("timestamptz")
				|| oldBase.equals("time") || oldBase.equals("timetz") || oldBase.equals("interval"))) {
			int oldPrecision = (oldArgs.length == 0) ? 6 : oldArgs[0];
			return newArgs.length == 0 || newArgs[0] >= oldPrecision;
		}
		return false;
	}

	/**
	 * Whether the change is between {@code timestamp} and {@code timestamptz} at the same or more
	 * precision, which PostgreSQL makes without a rewrite when the session's TimeZone is UTC (and
	 * there is no USING), and with one otherwise.
	 */
	static boolean isTimeZoneChange(String oldType, String newType) {
		if (oldType.endsWith("]") || newType.endsWith("]")) {
			return false;
		}
		String oldBase = base(oldType);
		String newBase = base(newType);
		boolean zoneChanges = (oldBase.equals("timestamp") && newBase.equals("timestamptz"))
				|| (oldBase.equals("timestamptz") && newBase.equals("timestamp"));
		int[] oldArgs = args(oldType);
		int[] newArgs = args(newType);
		int oldPrecision = (oldArgs.length == 0) ? 6 : oldArgs[0];
		return zoneChanges && (newArgs.length == 0 || newArgs[0] >= oldPrecision);
	}

	private static String base(String type) {
		int open = type.indexOf('(');
		return (open < 0) ? type : type.substring(0, open);
	}

	private static int[] args(String type) {
		int open = type.indexOf('(');
		int close = type.indexOf(')');
		if (open < 0 || close < open) {
			return new int[0];
		}
		String[] parts = type.substring(open + 1, close).split(",");
		int[] values = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				values[i] = Integer.parseInt(parts[i].strip());
			}
			catch (NumberFormatException ex) {
				return new int[0];
			}
		}
		return values;
	}

	private static int scale(int[] args) {
		return (args.length > 1) ? args[1] : 0;
	}

}
