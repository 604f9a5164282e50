package dev.retort.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Spring Boot reads them: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d}, ISO-8601, or milliseconds. */
final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

	private Durations() {
	}

	/** The duration, or {@code null} when the text is not one. */
	static Duration parse(String text) {
		String value = text.trim();
		Matcher matcher = SIMPLE.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
				case "", "ms" -> Duration.ofMillis(amount);
				case "ns" -> Duration.ofNanos(amount);
				case "us" -> Duration.ofNanos(amount * 1000);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> null;
			};
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
