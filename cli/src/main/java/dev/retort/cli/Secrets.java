package dev.retort.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords of one run, and the scrubbing that keeps them out of every line the command line
 * writes: results, errors, {@code -v} stack traces and driver messages. A password given in any
 * layer of the configuration is registered here before anything connects.
 */
final class Secrets {

	static final String MASK = "***";

	private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/\\s:@]*:)[^@\\s/]*@");

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s;,'\"]*");

	private final Set<String> passwords = new LinkedHashSet<>();

	private volatile Pattern known;

	/** Remembers a password so that it is masked wherever it appears. */
	synchronized void add(String password) {
		if (password == null || password.isEmpty()) {
			return;
		}
		if (this.passwords.add(password)) {
			this.passwords.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
			StringBuilder alternatives = new StringBuilder();
			// Longest first, so that a password containing another is masked whole.
			this.passwords.stream().sorted((a, b) -> b.length() - a.length()).forEach((each) -> {
				alternatives.append((alternatives.length() > 0) ? "|" : "").append(Pattern.quote(each));
			});
			// Only whole words: a password such as 'postgres' must not mangle 'postgresql://', nor
			// 'coffee' or 'retort' an identifier ('coffee_logs', 'retort_version'): masked there, an
			// --sql script would no longer run. '_' and '$' are word characters, as in SQL names.
			this.known = Pattern.compile("(?<![A-Za-z0-9_$])(?:" + alternatives + ")(?![A-Za-z0-9_$])");
		}
	}

	/** {@code text} with every known password and every password written in a URL masked. */
	String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		return scrubKnown(scrubUrl(text));
	}

	/**
	 * {@code text} with every known password masked; what standard output gets, where the help
	 * shows URL examples with a password in them.
	 */
	String scrubKnown(String text) {
		Pattern pattern = this.known;
		if (text == null || text.isEmpty() || pattern == null) {
			return text;
		}
		return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
	}

	/** {@code text} with passwords written in URLs ({@code user:pass@}, {@code password=}) masked. */
	static String scrubUrl(String text) {
		String scrubbed = URL_USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
		return PASSWORD_PARAMETER.matcher(scrubbed).replaceAll("$1" + Matcher.quoteReplacement(MASK));
	}

}
