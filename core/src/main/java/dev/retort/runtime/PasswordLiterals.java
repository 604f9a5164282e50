package dev.retort.runtime;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords a revision's own SQL writes ({@code CREATE ROLE app LOGIN PASSWORD 'S3cret!'},
 * {@code ALTER ROLE … PASSWORD …}, a user mapping's {@code OPTIONS (password '…')}, a
 * {@code dblink} connection string's {@code password=…}), masked in what Retort quotes of a failed
 * statement. The revision file is the user's own and {@code show} prints it on purpose, but a
 * failure message goes further: to the log at WARN, to {@code retort_history.error} (an audit
 * table others read), to {@code current}, the Actuator endpoint and the failure analyzer. The
 * Actuator endpoint masks the SQL it shows of a revision too: it answers over HTTP, where
 * {@code show} reads the files of whoever runs it.
 */
public final class PasswordLiterals {

	static final String MASK = "'***'";

	/**
	 * {@code PASSWORD} (also {@code ENCRYPTED PASSWORD}, an option {@code password}) followed by
	 * a string constant: {@code '…'} with {@code ''} inside, {@code E'…'} with backslash escapes,
	 * or a dollar-quoted {@code $tag$…$tag$}. Also a constant written inside another string
	 * constant, whose quotes are doubled ({@code EXECUTE 'ALTER ROLE app PASSWORD ''S3cret'''}: the
	 * dynamic SQL of a {@code DO} block that creates a role only when it is missing). Read as an
	 * empty {@code ''}, it left the password right after the mask. Last, a constant that the text
	 * cuts short (another session's query, which {@code pg_stat_activity} and Retort's messages
	 * shorten): masked to the end, since no closing quote tells where the password ends.
	 */
	private static final Pattern PASSWORD_LITERAL = Pattern.compile("(?i)(\\bpassword\\s+)((?:[eE]'(?:[^'\\\\]|\\\\.|'')*'"
			+ "|''(?:[^']|'''')+''|'(?:[^']|'')*'|\\$([A-Za-z_][A-Za-z_0-9]*)?\\$[\\s\\S]*?\\$\\3\\$"
			+ "|(?:[eE]?'|\\$[A-Za-z_0-9]*\\$)[\\s\\S]*\\z))");

	/**
	 * {@code password=…} of a libpq connection string written inside a literal ({@code dblink_connect},
	 * {@code CREATE SUBSCRIPTION … CONNECTION}): a bare value, or one in quotes, doubled inside the
	 * string constant, when it holds a space. (A value in single quotes reads as SQL's own
	 * {@code password = 'reset'} of an {@code UPDATE}, which stays as written.)
	 */
	private static final Pattern CONNINFO_PASSWORD = Pattern
		.compile("(?i)(\\bpassword\\s*=\\s*)(?:''(?:[^'\\\\]|\\\\.)*''|[^\\s']+)");

	/** The password of a connection URI written inside a literal ({@code 'postgresql://app:S3cret@db/app'}). */
	private static final Pattern URI_PASSWORD = Pattern.compile("(?i)(\\bpostgres(?:ql)?://[^/\\s:@']*:)[^\\s'@]+@");

	private PasswordLiterals() {
	}

	/** {@code sql} with the password literals masked ({@code PASSWORD '***'}); {@code null} stays null. */
	public static String mask(String sql) {
		if (sql == null) {
			return null;
		}
		// A constant inside a constant keeps its doubled quotes, so the statement still reads as written.
		String masked = PASSWORD_LITERAL.matcher(sql)
			.replaceAll((literal) -> Matcher.quoteReplacement(literal.group(1)
					+ (literal.group(2).startsWith("''") ? "''***''" : MASK)));
		masked = CONNINFO_PASSWORD.matcher(masked).replaceAll("$1***");
		return URI_PASSWORD.matcher(masked).replaceAll("$1***@");
	}

	/**
	 * {@code text} quoting {@code sql} (PostgreSQL's message: {@code syntax error at or near
	 * "'S3cret!'"} when the literal itself is out of place) with the password literals of
	 * {@code sql} masked as written there.
	 */
	static String mask(String text, String sql) {
		if (text == null || sql == null) {
			return text;
		}
		String masked = text;
		for (String literal : literals(sql)) {
			masked = masked.replace(literal, MASK);
		}
		return mask(masked);
	}

	/**
	 * The driver's exception of a failed statement, as the cause a failure carries: a copy with
	 * its message masked when PostgreSQL's message quotes a password literal of {@code sql} (a
	 * stack trace, {@code -v} or Spring Boot's startup log, prints the cause's message whole),
	 * else the exception itself.
	 */
	static SQLException mask(SQLException ex, String sql) {
		String message = ex.getMessage();
		String masked = mask(message, sql);
		if (message == null || message.equals(masked)) {
			return ex;
		}
		SQLException copy = new SQLException(masked, ex.getSQLState(), ex.getErrorCode());
		copy.setStackTrace(ex.getStackTrace());
		return copy;
	}

	private static List<String> literals(String sql) {
		List<String> literals = new ArrayList<>();
		Matcher matcher = PASSWORD_LITERAL.matcher(sql);
		while (matcher.find()) {
			literals.add(matcher.group(2));
		}
		return literals;
	}

}
