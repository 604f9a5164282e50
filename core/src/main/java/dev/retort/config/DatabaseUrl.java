package dev.retort.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A database URL as users write it, turned into what JDBC needs. Accepts
 * {@code jdbc:postgresql://host:port/db?…} and the {@code postgresql://user:pass@host:port/db}
 * (or {@code postgres://}) form of {@code DATABASE_URL} and {@code psql}; credentials written in
 * the URL come out as {@link #user()} and {@link #password()} and never stay in the JDBC URL.
 * The command line's {@code --url} and the starter's {@code retort.url} read URLs the same way.
 *
 * @param jdbcUrl the URL for the driver, without credentials
 * @param user the user written in the URL, or {@code null}
 * @param password the password written in the URL, or {@code null}
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

	private static final String JDBC_PREFIX = "jdbc:postgresql://";

	private static final String MASK = "***";

	/**
	 * The password of a URL's user information: up to the URL's last {@code @}. The text is a URL
	 * alone, so a password holding an unencoded quote, {@code @} or {@code /} (a URL that cannot be
	 * parsed) is masked whole, never up to that character.
	 */
	private static final Pattern URL_USER_INFO = Pattern.compile("(?s)(://[^/\\s:@]*:).*@");

	/**
	 * The value of a {@code password=} (or {@code sslpassword=}) parameter: up to the next
	 * parameter, or to the end when no {@code &name=} follows, so an unencoded {@code &}, quote or
	 * {@code @} in it does not end the mask early.
	 */
	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?is)(password=).*?(?=&[A-Za-z][A-Za-z0-9_.]*=|$)");

	/** The name of a URL's parameter, as pgjdbc's are spelled ({@code sslmode}, {@code options}). */
	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

	/** {@link #URL_USER_INFO} in text: up to the last {@code @} before a space. */
	private static final Pattern TEXT_USER_INFO = Pattern.compile("(://[^/\\s:@]*:)\\S*@");

	/** {@link #PASSWORD_PARAMETER} in text: up to the next parameter or a space. */
	private static final Pattern TEXT_PASSWORD_PARAMETER = Pattern
		.compile("(?i)(password=)\\S*?(?=&[A-Za-z][A-Za-z0-9_.]*=|\\s|$)");

	/** Parses {@code url}; {@code source} names where it came from, for the error message. */
	public static DatabaseUrl parse(String url, String source) {
		String trimmed = url.trim();
		String lower = trimmed.toLowerCase(Locale.ROOT);
		String rest;
		if (lower.startsWith(JDBC_PREFIX)) {
			rest = trimmed.substring(JDBC_PREFIX.length());
		}
		else if (lower.startsWith("postgresql://")) {
			rest = trimmed.substring("postgresql://".length());
		}
		else if (lower.startsWith("postgres://")) {
			rest = trimmed.substring("postgres://".length());
		}
		else if (lower.startsWith("jdbc:")) {
			// Another driver's URL (or a JDBC URL without '//'): hand it on untouched.
			return new DatabaseUrl(trimmed, null, null);
		}
		else {
			throw invalid(trimmed, source, "write it as jdbc:postgresql://HOST:PORT/DATABASE or "
					+ "postgresql://HOST:PORT/DATABASE with USER:PASSWORD@ before HOST.");
		}
		int authorityEnd = indexOfAny(rest, '/', '?');
		String authority = (authorityEnd < 0) ? rest : rest.substring(0, authorityEnd);
		String tail = (authorityEnd < 0) ? "" : rest.substring(authorityEnd);
		String user = null;
		String password = null;
		int at = authority.lastIndexOf('@');
		// A password was written (or a '/' or '?' of one ended the host early, leaving a "port").
		boolean passwordWritten = (at >= 0) ? authority.substring(0, at).contains(":") : badPort(authority) != null;
		if (passwordWritten && tail.contains("@")) {
			// 'user:pa/ss@host', 'user:p@ss/w@host', 'user:pa?ss@host': a '/' or '?' of the password
			// ended the user information or the host early. Read on, part of the password would be
			// quoted as a port, or become the database name or a parameter that messages quote.
			throw invalid(trimmed, source, "an '@' stands after the host, so the user and password end too early;"
					+ " write an '@', '/', '?' or '#' in the user or password as %40, %2F, %3F or %23.");
		}
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			authority = authority.substring(at + 1);
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon), trimmed, source);
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1), trimmed, source);
			if (user.isEmpty()) {
				user = null;
			}
		}
		// pgjdbc also reads user= and password= from the query; take them out so they are handled
		// (and hidden) like any other credentials.
		int question = tail.indexOf('?');
		if (question >= 0) {
			StringBuilder kept = new StringBuilder();
			String previous = null;
			for (String parameter : tail.substring(question + 1).split("&")) {
				int equals = parameter.indexOf('=');
				String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
				if ("password".equalsIgnoreCase(previous) && !PARAMETER_NAME.matcher(name).matches()) {
					// 'password=p@ss&=;': an unencoded '&' ended the password, the rest became a "parameter"
					// that messages quoted, and the login failed as a wrong password with no hint.
					throw invalid(trimmed, source, "the value of its password parameter holds an '&', which ends"
							+ " the password early (what follows it is no parameter). Write an '&' in a password inside a URL as"
							+ " %26 (and '%' as %25, '#' as %23, '+' as %2B), or give the password apart from the URL"
							+ " (--password, RETORT_PASSWORD, or retort.password with the starter).");
				}
				previous = name;
				String value = (equals >= 0) ? decode(parameter.substring(equals + 1), trimmed, source) : "";
				if (name.equalsIgnoreCase("host")) {
					refuseSocketHost(value, trimmed, source);
				}
				if (name.equalsIgnoreCase("user") && user == null) {
					user = value;
				}
				else if (name.equalsIgnoreCase("password") && password == null) {
					password = value;
				}
				else if (!name.equalsIgnoreCase("user") && !name.equalsIgnoreCase("password") && !parameter.isEmpty()) {
					kept.append((kept.length() > 0) ? "&" : "").append(parameter);
				}
			}
			tail = tail.substring(0, question) + ((kept.length() > 0) ? "?" + kept : "");
		}
		for (String host : authority.split(",", -1)) {
			// Only an encoded '/' is decoded here: a '%' of an IPv6 zone (fe80::1%eth0) is no escape.
			if (host.regionMatches(true, 0, "%2F", 0, 3)) {
				refuseSocketHost(decode(host, trimmed, source), trimmed, source);
			}
		}
		checkPorts(authority, trimmed, source);
		return new DatabaseUrl(JDBC_PREFIX + authority + tail, user, password);
	}

	/**
	 * libpq (psql, and psycopg2 under Alembic) reads a host that starts with {@code /} as the
	 * directory of the server's Unix-domain socket ({@code ?host=/var/run/postgresql}, or
	 * {@code %2Fvar%2Frun%2Fpostgresql} as the host). pgjdbc connects over TCP only and would look
	 * the directory up as a host name, failing with a bare "The connection attempt failed": bad
	 * input, said as such, with the TCP form to write instead.
	 */
	private static void refuseSocketHost(String host, String url, String source) {
		if (host.startsWith("/")) {
			throw invalid(url, source, "the host '" + host + "' is a directory of Unix-domain sockets, as psql and libpq"
					+ " read it, but the driver here (pgjdbc) connects over TCP only. Give the server's TCP address"
					+ " instead, as postgresql://USER@localhost:5432/DATABASE; the server must listen on it"
					+ " (listen_addresses), and pg_hba.conf must let 'host' connections in with a password (peer"
					+ " authentication works over a socket only).");
		}
	}

	/**
	 * A port that is no number would reach pgjdbc, which logs a warning of its own and fails as if
	 * the server were down ("Check that the database is running"): bad input, said as such.
	 */
	private static void checkPorts(String authority, String url, String source) {
		for (String host : authority.split(",", -1)) {
			// pgjdbc reads '[::1' as a host named '[:' and fails as if it were unknown: bad input.
			if (host.startsWith("[") != host.contains("]")) {
				throw invalid(url, source, "the IPv6 address '" + host + "' has " + (host.startsWith("[")
						? "no closing ']'" : "a ']' but no opening '['") + "; write it in brackets, as [::1]:5432.");
			}
		}
		String port = badPort(authority);
		if (port != null) {
			throw invalid(url, source, "its port '" + port + "' is not a port number (1 to 65535).");
		}
	}

	/** The first port of {@code authority} that is no port number, or {@code null}. */
	private static String badPort(String authority) {
		// pgjdbc takes several hosts for failover (h1:5432,h2:5433), and IPv6 hosts in brackets.
		for (String host : authority.split(",", -1)) {
			int bracket = host.lastIndexOf(']');
			int colon = host.lastIndexOf(':');
			if (colon <= bracket) {
				continue;
			}
			String port = host.substring(colon + 1);
			if (!port.isEmpty() && (!port.chars().allMatch(Character::isDigit) || port.length() > 5
					|| Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
				return port;
			}
		}
		return null;
	}

	private static RetortException invalid(String url, String source, String why) {
		return new RetortException(ErrorCode.CONFIGURATION,
				"Invalid database URL '" + scrub(url) + "' (" + source + "): " + why);
	}

	private static int indexOfAny(String text, char first, char second) {
		int a = text.indexOf(first);
		int b = text.indexOf(second);
		if (a < 0) {
			return b;
		}
		return (b < 0) ? a : Math.min(a, b);
	}

	private static String decode(String value, String url, String source) {
		try {
			// '+' is a literal plus in a URL's user info, not a space.
			return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// The decoder's message quotes the text, which may be the password.
			throw invalid(url, source, "a '%' in the user, the password or a parameter must start an escape"
					+ " of two hex digits: write '%' itself as %25.");
		}
	}

	/**
	 * {@code url} with a password written in it ({@code user:pass@}, {@code password=}) masked, for
	 * a message or a description that names the URL.
	 * @param url a database URL in any form {@link #parse} reads, or {@code null}
	 * @return the URL to show, or {@code null}
	 */
	public static String masked(String url) {
		return (url != null) ? scrub(url) : null;
	}

	/**
	 * {@code text} (a driver's message that quotes a URL: "Unable to parse URL jdbc:postgresql://…")
	 * with the passwords of the URLs in it masked. A URL in text ends at a space at the latest.
	 * @param text any text, or {@code null}
	 * @return the text to show, or {@code null}
	 */
	public static String maskedInText(String text) {
		if (text == null) {
			return null;
		}
		String scrubbed = TEXT_PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
		return TEXT_USER_INFO.matcher(scrubbed).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
	}

	private static String scrub(String url) {
		// Parameters first: a password parameter's '@' must not be taken for the end of a user's.
		String scrubbed = PASSWORD_PARAMETER.matcher(url).replaceAll("$1" + Matcher.quoteReplacement(MASK));
		return URL_USER_INFO.matcher(scrubbed).replaceAll("$1" + Matcher.quoteReplacement(MASK) + "@");
	}

}
