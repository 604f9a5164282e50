package dev.retort.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.error.RetortException;

/**
 * The passwords of one run, and the masking that keeps them out of what the command line prints.
 * A password given in any layer of the configuration is registered here before anything connects.
 * <p>
 * Masking is applied where a password can stand, not to every line: a password is often an
 * ordinary word ({@code retort}, {@code coffee}), and masking it in Retort's own notes, help,
 * revision messages or SQL would print {@code '*** upgrade' applies what is pending}. A password
 * reaches the output only through a URL ({@code user:pass@}, {@code password=}), a configuration
 * file's text quoted by a parse error, or the message of an exception Retort did not write (the
 * driver's, the JDK's): {@link #url}, {@link #scrubConfigText} and {@link #message}/{@link #printStackTrace}
 * mask those.
 */
final class Secrets {

	static final String MASK = "***";

	/**
	 * The user information of a URL: up to the last {@code @} of the URL, so that a password
	 * holding an unencoded {@code /} or {@code @} (a URL that cannot be parsed) is masked whole.
	 */
	private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/\\s:@'\"]*:)[^\\s'\"]*@");

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s;,'\"]*");

	/** A password written in a configuration file: {@code password: …} (YAML) or {@code password=…}. */
	private static final Pattern PASSWORD_SETTING = Pattern.compile("(?im)(password\\s*[:=]\\s*)\\S.*$");

	private final Set<String> passwords = new LinkedHashSet<>();

	private volatile Pattern known;

	/** Remembers a password so that it is masked wherever it can stand. */
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
			// 'retort' a class name in a driver's trace ('retort_version'). '_' and '$' are word
			// characters, as in SQL names.
			this.known = Pattern.compile("(?<![A-Za-z0-9_$])(?:" + alternatives + ")(?![A-Za-z0-9_$])");
		}
	}

	/**
	 * {@code text} that Retort did not write (a driver's or the JDK's message, a usage error
	 * quoting the arguments, a parser's quoting a configuration file) with every known password,
	 * every password written in a URL and every {@code password:} setting masked. Never for
	 * Retort's own text: there a password that is a word masks that word.
	 */
	String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String scrubbed = scrubConfigText(text);
		Pattern pattern = this.known;
		return (pattern != null) ? pattern.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(MASK)) : scrubbed;
	}

	/** A database URL to print: its credentials masked, and any known password in it. */
	String url(String url) {
		if (url == null) {
			return null;
		}
		String scrubbed = scrubUrl(url);
		for (String password : this.passwords) {
			// Inside a URL a password is no word of a sentence: masked wherever it stands.
			scrubbed = scrubbed.replace(password, MASK);
		}
		return scrubbed;
	}

	/**
	 * The message to print for a failure. Retort's own message keeps its words, with the URLs in
	 * it masked, and the text of a cause it quotes (a driver's message) masked as foreign text;
	 * any other exception's message is foreign text as a whole.
	 */
	String message(Throwable ex, String message) {
		if (message == null || message.isEmpty()) {
			return message;
		}
		if (!(ex instanceof RetortException)) {
			return scrub(message);
		}
		String result = scrubUrl(message);
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = ex.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
			String quoted = cause.getMessage();
			if (quoted != null && !quoted.isBlank() && result.contains(quoted)) {
				// Foreign text as a whole, or a Retort message that quotes foreign text in turn.
				result = result.replace(quoted, (cause instanceof RetortException) ? scrubUrl(quoted) : scrub(quoted));
			}
		}
		return result;
	}

	/**
	 * {@link Throwable#printStackTrace} with every message masked as {@link #message} masks it:
	 * the frames (class names such as {@code dev.retort.cli.Main}) are printed as they are.
	 */
	void printStackTrace(Throwable ex, PrintWriter err) {
		print(ex, "", "", err, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private void print(Throwable ex, String caption, String indent, PrintWriter err, Set<Throwable> seen) {
		if (!seen.add(ex)) {
			err.println(indent + caption + "[CIRCULAR REFERENCE: " + ex.getClass().getName() + "]");
			return;
		}
		String message = ex.getLocalizedMessage();
		err.println(indent + caption + ex.getClass().getName() + ((message != null) ? ": " + message(ex, message) : ""));
		for (StackTraceElement frame : ex.getStackTrace()) {
			err.println(indent + "\tat " + frame);
		}
		for (Throwable suppressed : ex.getSuppressed()) {
			print(suppressed, "Suppressed: ", indent + "\t", err, seen);
		}
		if (ex.getCause() != null) {
			print(ex.getCause(), "Caused by: ", indent, err, seen);
		}
	}

	/** {@code text} with passwords written in URLs ({@code user:pass@}, {@code password=}) masked. */
	static String scrubUrl(String text) {
		if (text == null) {
			return null;
		}
		String scrubbed = URL_USER_INFO.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
		return PASSWORD_PARAMETER.matcher(scrubbed).replaceAll("$1" + Matcher.quoteReplacement(MASK));
	}

	/**
	 * The text of a configuration file that a parser quotes (SnakeYAML shows the line it stopped
	 * at): the value of a {@code password} setting masked, and the URLs.
	 */
	static String scrubConfigText(String text) {
		if (text == null) {
			return null;
		}
		return PASSWORD_SETTING.matcher(scrubUrl(text)).replaceAll("$1" + Matcher.quoteReplacement(MASK));
	}

}
