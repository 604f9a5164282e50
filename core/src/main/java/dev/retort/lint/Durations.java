package dev.retort.lint;

import java.util.Locale;

/** A {@code lock_timeout} value as PostgreSQL reads it: a number of milliseconds, or a string with a unit. */
final class Durations {

	private Durations() {
	}

	/**
	 * Milliseconds of a setting's value, or -1 when it cannot be read.
	 * @param value the value token's text (a number, or a string such as {@code 5s})
	 */
	static long millis(String value) {
		String text = value.strip().toLowerCase(Locale.ROOT);
		int unitAt = 0;
		while (unitAt < text.length() && (Character.isDigit(text.charAt(unitAt)) || text.charAt(unitAt) == '.')) {
			unitAt++;
		}
		if (unitAt == 0) {
			return -1;
		}
		double number;
		try {
			number = Double.parseDouble(text.substring(0, unitAt));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
		String unit = text.substring(unitAt).strip();
		double factor = switch (unit) {
			case "", "ms" -> 1;
			case "us" -> 0.001;
			case "s" -> 1_000;
			case "min" -> 60_000;
			case "h" -> 3_600_000;
			case "d" -> 86_400_000;
			default -> -1;
		};
		return (factor < 0) ? -1 : Math.round(number * factor);
	}

}
