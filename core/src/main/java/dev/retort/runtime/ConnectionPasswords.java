package dev.retort.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password the run connects with, masked in the foreign text a failure quotes: PostgreSQL's
 * message ({@code invalid input syntax for type integer: "S3cret"}), the statement that failed,
 * and another session's query from {@code pg_stat_activity}. Retort reformats the driver's message
 * ({@code [SQLSTATE …]} added, {@code Position:} dropped), so a caller that looks for the driver's
 * exact text in it misses it: masked here, where the message is built, it is masked alike in the
 * log lines, the exception, {@code retort_history.error}, {@code --format json} and the starter's
 * failure analysis.
 * <p>
 * Whole words only, as the command line masks: a password such as {@code postgres} must not turn
 * {@code jdbc:postgresql} into {@code jdbc:***ql}. Read on failure only: a run that succeeds never
 * computes the pattern. Its {@link #toString} never shows a password.
 */
public final class ConnectionPasswords {

	/** No password known (a DataSource's own). */
	public static final ConnectionPasswords NONE = new ConnectionPasswords(() -> null);

	static final String MASK = "***";

	private final Supplier<String> password;

	private volatile Pattern pattern;

	private ConnectionPasswords(Supplier<String> password) {
		this.password = password;
	}

	/** The password given by {@code password}, asked for on the first failure only. */
	public static ConnectionPasswords of(Supplier<String> password) {
		return new ConnectionPasswords(password);
	}

	/** {@code text} with the password (and its percent-encoded form) masked; {@code null} stays null. */
	public String mask(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		Pattern known = pattern();
		return (known != null) ? known.matcher(text).replaceAll(Matcher.quoteReplacement(MASK)) : text;
	}

	private Pattern pattern() {
		Pattern known = this.pattern;
		if (known == null) {
			String secret = this.password.get();
			if (secret == null || secret.isEmpty()) {
				return null;
			}
			Set<String> forms = new LinkedHashSet<>();
			forms.add(secret);
			forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
			StringBuilder alternatives = new StringBuilder();
			// Longest first, so that a form containing another is masked whole.
			forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).forEach((form) -> alternatives
				.append((alternatives.length() > 0) ? "|" : "").append(Pattern.quote(form)));
			// '_' and '$' are word characters, as in SQL names; a quote or '"' around it is not.
			known = Pattern.compile("(?<![A-Za-z0-9_$])(?:" + alternatives + ")(?![A-Za-z0-9_$])");
			this.pattern = known;
		}
		return known;
	}

	@Override
	public String toString() {
		return "ConnectionPasswords[***]";
	}

}
