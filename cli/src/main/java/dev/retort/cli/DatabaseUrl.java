package dev.retort.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A database URL as users write it, turned into what JDBC needs. Accepts
 * {@code jdbc:postgresql://host:port/db?…} and the {@code postgresql://user:pass@host:port/db}
 * (or {@code postgres://}) form of {@code DATABASE_URL} and {@code psql}; credentials written in
 * the URL come out as {@link #user()} and {@link #password()} and never stay in the JDBC URL.
 *
 * @param jdbcUrl the URL for the driver, without credentials
 * @param user the user written in the URL, or {@code null}
 * @param password the password written in the URL, or {@code null}
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

	private static final String JDBC_PREFIX = "jdbc:postgresql://";

	/** Parses {@code url}; {@code source} names where it came from, for the error message. */
	static DatabaseUrl parse(String url, String source) {
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
			throw new RetortException(ErrorCode.CONFIGURATION, "Invalid database URL '" + Secrets.scrubUrl(trimmed)
					+ "' (" + source + "): write it as jdbc:postgresql://HOST:PORT/DATABASE or "
					+ "postgresql://HOST:PORT/DATABASE with USER:PASSWORD@ before HOST.");
		}
		int authorityEnd = indexOfAny(rest, '/', '?');
		String authority = (authorityEnd < 0) ? rest : rest.substring(0, authorityEnd);
		String tail = (authorityEnd < 0) ? "" : rest.substring(authorityEnd);
		String user = null;
		String password = null;
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			String userInfo = authority.substring(0, at);
			authority = authority.substring(at + 1);
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
			if (user.isEmpty()) {
				user = null;
			}
		}
		// pgjdbc also reads user= and password= from the query; take them out so they are handled
		// (and hidden) like any other credentials.
		int question = tail.indexOf('?');
		if (question >= 0) {
			StringBuilder kept = new StringBuilder();
			for (String parameter : tail.substring(question + 1).split("&")) {
				int equals = parameter.indexOf('=');
				String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
				String value = (equals >= 0) ? decode(parameter.substring(equals + 1)) : "";
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
		return new DatabaseUrl(JDBC_PREFIX + authority + tail, user, password);
	}

	private static int indexOfAny(String text, char first, char second) {
		int a = text.indexOf(first);
		int b = text.indexOf(second);
		if (a < 0) {
			return b;
		}
		return (b < 0) ? a : Math.min(a, b);
	}

	private static String decode(String value) {
		// '+' is a literal plus in a URL's user info, not a space.
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
