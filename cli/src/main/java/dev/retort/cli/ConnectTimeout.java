package dev.retort.cli;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The command line's bound on opening a connection ({@code retort.connect-timeout}, as libpq's
 * {@code connect_timeout}): pgjdbc's {@code loginTimeout}, which covers the TCP connect and the
 * login. The driver has none by default, so a server that takes the connection and never answers
 * (a hung server, a stuck pooler, a port-forward to nothing) kept {@code retort current} waiting
 * without end; its {@code connectTimeout} (10 s by default) bounds the TCP connect alone.
 * <p>
 * The bound goes into the URL as a parameter, the one way of passing a driver setting that the
 * command line has (the URL is the whole of what it hands the core), and so it costs no query
 * and no round trip. A URL that sets {@code loginTimeout} or {@code connectTimeout} itself is left
 * as it is: whoever wrote it chose the connection's bounds.
 *
 * @param timeout the bound, {@link Duration#ZERO} for none
 * @param source where it was set, for the message of a connection that ran into it
 */
record ConnectTimeout(Duration timeout, String source) {

	/** As HikariCP's {@code connectionTimeout}: long enough for a server under load, short enough to be told. */
	static final ConnectTimeout DEFAULT = new ConnectTimeout(Duration.ofSeconds(30), "the command line's default");

	/** pgjdbc's own bound on the TCP connect alone ({@code connectTimeout}), which a URL without one gets. */
	private static final Duration DRIVER_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** What pgjdbc says when {@code loginTimeout} has passed (08001). */
	private static final String TIMED_OUT = "Connection attempt timed out";

	private static final String JDBC_PREFIX = "jdbc:postgresql://";

	/** {@code jdbcUrl} with this bound as its {@code loginTimeout}, or as it is (see the type's comment). */
	String bound(String jdbcUrl) {
		if (jdbcUrl == null || this.timeout.isZero() || !jdbcUrl.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())
				|| setsItsOwn(jdbcUrl)) {
			return jdbcUrl;
		}
		return jdbcUrl + ((jdbcUrl.indexOf('?') >= 0) ? "&" : "?") + "loginTimeout=" + seconds();
	}

	/** Whether the URL sets a bound of its own: pgjdbc's parameter names are case-sensitive. */
	static boolean setsItsOwn(String jdbcUrl) {
		int query = jdbcUrl.indexOf('?');
		if (query < 0) {
			return false;
		}
		for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
			if (parameter.startsWith("loginTimeout=") || parameter.startsWith("connectTimeout=")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What to add to the message of a connection failure this bound ended, or {@code null} for any
	 * other failure: where it stopped, the bound, and what to do. Only for a URL it was
	 * {@link #bound} to: one with a bound of its own quotes it in the message already.
	 */
	String advice(String message, String jdbcUrl) {
		if (message == null || !message.contains(TIMED_OUT) || jdbcUrl == null) {
			return null;
		}
		// Within the driver's own connectTimeout the TCP connect may not have completed either: then
		// nothing answered at all, which is another thing to check than a hung server.
		boolean connected = this.timeout.compareTo(DRIVER_CONNECT_TIMEOUT) > 0;
		String what = connected ? " took the connection but did not complete the login within " + seconds() + " s"
				: " did not open a connection and complete the login within " + seconds() + " s";
		String why = connected ? ""
				: " nothing answered at that address (check the host and the port, and that no firewall drops the"
						+ " traffic), or";
		return "The server at " + hostAndPort(jdbcUrl) + what + " (retort.connect-timeout, " + this.source + "):" + why
				+ " the server or a pooler in front of it is hung or overloaded, or the port leads to a forward or a"
				+ " tunnel with nothing behind it. Check that psql reaches the same host and port; to wait longer, set"
				+ " RETORT_CONNECT_TIMEOUT (2m), or loginTimeout (seconds) in the URL.";
	}

	/** The host and port of a {@code jdbc:postgresql://} URL, 5432 when it names none. */
	static String hostAndPort(String jdbcUrl) {
		String rest = jdbcUrl.substring(JDBC_PREFIX.length());
		int end = rest.length();
		for (char stop : new char[] { '/', '?' }) {
			int at = rest.indexOf(stop);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		String authority = rest.substring(0, end);
		// Several hosts (a failover list) are named as written; an IPv6 address keeps its brackets.
		boolean hasPort = authority.contains(",") || authority.matches(".*:\\d+");
		return hasPort ? authority : authority + ":5432";
	}

	/** The bound in seconds, as pgjdbc reads it: a whole number, or a decimal for less than a second. */
	String seconds() {
		return BigDecimal.valueOf(this.timeout.toMillis(), 3).stripTrailingZeros().toPlainString();
	}

}
