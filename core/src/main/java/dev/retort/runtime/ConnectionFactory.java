package dev.retort.runtime;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.retort.config.DatabaseUrl;
import dev.retort.config.DescribedDataSource;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the sessions Retort works on: from the configured {@link DataSource}, else from
 * {@code url}/{@code user}/{@code password} through {@link DriverManager}. A session opened from
 * the URL carries Retort's {@code application_name} from its start; one borrowed from a
 * {@code DataSource} takes it when it holds the lock or changes the database
 * ({@link Session#identify()}), so that reads on the application's pool (a start with nothing to
 * do, a health check) cost no {@code SET} and {@code RESET}. A database that is still starting is
 * retried {@code connectRetries} times; the error never holds the password.
 */
public final class ConnectionFactory {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionFactory.class);

	/** For a session whose connection retries are only logged. */
	private static final Consumer<String> NO_NOTICE = (notice) -> {
	};

	private final DataSource dataSource;

	private final String url;

	private final String user;

	private final String password;

	private final String applicationName;

	private final int connectRetries;

	private final Duration connectRetriesInterval;

	private final AtomicLong statements = new AtomicLong();

	private final ConnectionPasswords passwords;

	/**
	 * @param dataSource the data source, or {@code null} to use {@code url}
	 * @param url a {@code jdbc:postgresql:} URL (or {@code postgresql://user:pass@host/db})
	 * @param user the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @param applicationName {@code application_name} of the sessions operators see
	 * @param connectRetries retries when the database cannot be reached
	 * @param connectRetriesInterval wait between retries
	 */
	public ConnectionFactory(DataSource dataSource, String url, String user, String password, String applicationName,
			int connectRetries, Duration connectRetriesInterval) {
		this.dataSource = dataSource;
		this.url = url;
		this.user = user;
		this.password = password;
		this.applicationName = (applicationName != null) ? applicationName : "retort";
		this.connectRetries = connectRetries;
		this.connectRetriesInterval = (connectRetriesInterval != null) ? connectRetriesInterval : Duration.ZERO;
		this.passwords = ConnectionPasswords.of(this::secret);
	}

	/** The password this factory connects with, to mask in what a failure quotes. */
	public ConnectionPasswords passwords() {
		return this.passwords;
	}

	/** Whether a database is configured at all (offline commands connect only then). */
	public boolean configured() {
		return this.dataSource != null || (this.url != null && !this.url.isBlank());
	}

	/**
	 * How many statements Retort's own code sent over sessions of this factory: a stand-in for
	 * round trips, so tests can prove a no-op run costs the same for 10 and 1,000 revisions.
	 */
	public long statementCount() {
		return this.statements.get();
	}

	AtomicLong statementCounter() {
		return this.statements;
	}

	/** Opens a session in autocommit (named from its start on the URL path, on demand otherwise). */
	public Session open() {
		return open(false, NO_NOTICE);
	}

	/**
	 * As {@link #open()}; each notice that the database could not be reached and is tried again
	 * ({@code connectRetries}) is logged at INFO and also handed to {@code retrying}, for a command
	 * line that prints it as its own line.
	 */
	public Session open(Consumer<String> retrying) {
		return open(false, retrying);
	}

	/**
	 * Opens a session while this runner holds another of the same {@code DataSource} (the lock's,
	 * beside the migration's): a pool that cannot lend a second one is said to be too small,
	 * rather than the database to be down.
	 */
	Session openBeside() {
		return open(true, NO_NOTICE);
	}

	private Session open(boolean beside, Consumer<String> retrying) {
		if (!configured()) {
			throw new RetortException(ErrorCode.CONFIGURATION,
					"No database is configured: set 'url' (with 'user' and 'password') or a DataSource.");
		}
		int attempt = 0;
		while (true) {
			try {
				return connect();
			}
			catch (SQLException ex) {
				if (beside && this.dataSource != null) {
					// The other session reached the database a moment ago: the pool said no, and
					// retrying cannot help while this runner holds what it waits for.
					throw new SecondSessionUnavailableException(withoutFinalPeriod(scrub(ex.getMessage())));
				}
				// A server that answered has said what is wrong: a newcomer whose database is not
				// created yet is told to create it, not that the server may be down, and a password
				// that is missing (08004, a "connection exception" by its class) is not waited for.
				// A pool's own words ("Connection is not available, request timed out") keep the driver's as their cause.
				SQLException driver = (this.dataSource != null) ? driverFailure(ex) : ex;
				ConnectionRefusal refusal = ConnectionRefusal.of(driver);
				UnansweredConnection unanswered = unanswered(driver);
				if (attempt >= this.connectRetries || refusal != null || !transientFailure(ex)) {
					throw new ConnectionFailedException("Could not connect to " + describeTarget() + ": "
							+ withoutFinalPeriod(reason(ex, driver, unanswered))
							+ ((attempt > 0) ? " (after " + attempt + " retries)" : "")
							+ ". " + ((refusal != null) ? refusal.advice() : (driver.getCause() instanceof UnknownHostException)
									? "Check the host name of the URL: it has no address here (a typo, or a name known only "
											+ "inside another network, such as a container's service name)."
									: notPostgresql(driver) ? NOT_POSTGRESQL
									: (unanswered == UnansweredConnection.NOT_OPENED) ? CONNECT_TIMED_OUT
									: (unanswered == UnansweredConnection.NOT_ANSWERED) ? NOT_ANSWERED
									: (unanswered == UnansweredConnection.EITHER) ? NOT_OPENED_OR_NOT_ANSWERED
									: "Check that the database is running and the URL, user and password are right."),
							refusal, unanswered);
				}
				attempt++;
				String notice = "Could not reach " + describeTarget() + " (" + reason(ex, driver, unanswered) + "); retry " + attempt
						+ " of " + this.connectRetries + " in " + Sql.describe(this.connectRetriesInterval);
				logger.info(notice);
				retrying.accept(notice);
				sleep(this.connectRetriesInterval);
			}
		}
	}

	/**
	 * Opens a session in one short, bounded try, whatever {@code connectRetries} says: tries
	 * again while the server is still restarting, until {@code within} has passed, and waits at
	 * most that long for a server that answers slowly (on the URL path; a pool's own connection
	 * timeout bounds a {@code DataSource}). For the failure row of a run whose session was lost:
	 * a run that has failed must end, not wait for a server that stays down.
	 */
	Session openBriefly(Duration within) throws SQLException {
		long deadline = System.nanoTime() + within.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			try {
				return connect((int) Math.max(1, Duration.ofNanos(remaining).toSeconds()));
			}
			catch (SQLException ex) {
				if (!transientFailure(ex) || remaining < BRIEF_PAUSE.toNanos()) {
					throw ex;
				}
				try {
					Thread.sleep(BRIEF_PAUSE.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * Whether the reply to pgjdbc's first message (the request for SSL, or the startup message
	 * with {@code sslmode=disable}) was none a PostgreSQL server sends: "An error occurred while
	 * setting up the SSL connection", "Protocol error. Session setup failed", in state 08P01. The
	 * words tell these from the same state sent by a server that speaks the protocol (PgBouncer's
	 * "unsupported startup parameter"), which is PostgreSQL's (or a pooler's) to answer.
	 */
	private static boolean notPostgresql(SQLException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		return "08P01".equals(ex.getSQLState())
				&& (message.contains("error occurred while setting up the") || message.contains("session setup failed"));
	}

	/** What to fix then: the driver's words point at SSL, and the port is what is wrong. */
	private static final String NOT_POSTGRESQL = "Something answers at that host and port, but not as a PostgreSQL"
			+ " server does: its reply to the driver's first message is none PostgreSQL sends (so the driver's words"
			+ " before this are no SSL or protocol problem to fix). Check the port and the host of the URL (PostgreSQL"
			+ " listens on 5432 unless set otherwise): another service, such as a web server or a proxy, listens there.";

	/**
	 * Whether the TCP connect itself did not complete within pgjdbc's {@code connectTimeout}: a
	 * host that drops the packets. pgjdbc says only "The connection attempt failed." and keeps the
	 * {@link SocketTimeoutException} as its cause; the JDK's words tell it from a read that timed
	 * out after the connect ({@code socketTimeout}), which is a server that stopped answering.
	 */
	private static boolean connectTimedOut(SQLException ex) {
		return ex.getCause() instanceof SocketTimeoutException timeout
				&& String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect timed out");
	}

	/**
	 * How a connection that failed with nothing refused ran out of time, from the driver's failure:
	 * the TCP connect ({@link #connectTimedOut}); for a {@code DataSource}, also a server that took
	 * the connection and did not answer the login, which the command line names in words of its own
	 * ({@code retort.connect-timeout}). Read only once a connection failed.
	 */
	private UnansweredConnection unanswered(SQLException driver) {
		if (connectTimedOut(driver)) {
			return UnansweredConnection.NOT_OPENED;
		}
		if (this.dataSource == null) {
			return null;
		}
		if (readTimedOut(driver)) {
			return UnansweredConnection.NOT_ANSWERED;
		}
		if (!loginTimedOut(driver)) {
			return null;
		}
		// The loginTimeout bounds the TCP connect and the login together: only one longer than the
		// connect's own bound can have ended after the TCP connection opened.
		String jdbcUrl = dataSourceUrl();
		Integer login = (jdbcUrl != null) ? seconds(JdbcUrl.parameter(jdbcUrl, "loginTimeout")) : null;
		return (login != null && login > connectTimeoutSeconds(jdbcUrl)) ? UnansweredConnection.NOT_ANSWERED
				: UnansweredConnection.EITHER;
	}

	/** pgjdbc's {@code loginTimeout} passed (08001, "Connection attempt timed out."): no cause tells more. */
	private static boolean loginTimedOut(SQLException ex) {
		return "08001".equals(ex.getSQLState())
				&& String.valueOf(ex.getMessage()).startsWith("Connection attempt timed out");
	}

	/** pgjdbc's {@code socketTimeout} passed while it waited for the server's reply to log in. */
	private static boolean readTimedOut(SQLException ex) {
		return ex.getCause() instanceof SocketTimeoutException timeout
				&& String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("read timed out");
	}

	/**
	 * The driver's failure a pool's wraps: HikariCP's "Connection is not available, request timed
	 * out after …ms" keeps the last one it met as its cause, which alone says what went wrong.
	 */
	private static SQLException driverFailure(SQLException ex) {
		SQLException failure = ex;
		for (int depth = 0; depth < 4 && failure.getCause() instanceof SQLException cause; depth++) {
			failure = cause;
		}
		return failure;
	}

	/** What to check then: nothing answered, not even to refuse, so the way there is what is wrong. */
	private static final String CONNECT_TIMED_OUT = "Nothing answered at that address: check the host and the port of"
			+ " the URL, and that no firewall or security group drops the traffic from here to it (a server that is down"
			+ " on a host that is up refuses at once instead); to wait longer for a slow network, set connectTimeout"
			+ " (seconds) in the URL.";

	/** What to check when the TCP connection opened and the server did not answer the login. */
	private static final String NOT_ANSWERED = "The server took the connection and did not answer: it, or a pooler in"
			+ " front of it, is hung or overloaded, or the port leads to a forward or a tunnel with nothing behind it."
			+ " Check that psql reaches the same host and port; to wait longer, raise the bound named above.";

	/** What to check when the login timeout passed before the TCP connect's own could tell. */
	private static final String NOT_OPENED_OR_NOT_ANSWERED = "Nothing answered at that address (check the host and"
			+ " the port, and that no firewall drops the traffic), or the server or a pooler in front of it is hung or"
			+ " overloaded, or the port leads to a forward or a tunnel with nothing behind it. Check that psql reaches"
			+ " the same host and port; to wait longer, raise the bound named above.";

	/** pgjdbc's {@code connectTimeout} when neither the URL nor the pool sets one. */
	private static final String DEFAULT_CONNECT_TIMEOUT = "10";

	/** Between the tries of {@link #openBriefly}. */
	private static final Duration BRIEF_PAUSE = Duration.ofMillis(250);

	private Session connect() throws SQLException {
		return connect(0);
	}

	/** @param timeoutSeconds how long the driver may take to connect, or 0 for its defaults */
	private Session connect(int timeoutSeconds) throws SQLException {
		Connection connection;
		boolean borrowed;
		if (this.dataSource != null) {
			connection = this.dataSource.getConnection();
			borrowed = true;
		}
		else {
			JdbcUrl target = JdbcUrl.parse(this.url);
			Properties properties = new Properties();
			String effectiveUser = (this.user != null) ? this.user : target.user();
			String effectivePassword = (this.password != null) ? this.password : target.password();
			if (effectiveUser != null) {
				properties.setProperty("user", effectiveUser);
			}
			if (effectivePassword != null) {
				properties.setProperty("password", effectivePassword);
			}
			properties.setProperty("ApplicationName", this.applicationName);
			// Lets pgjdbc send application_name in the startup packet instead of a SET after it: a
			// round trip less per connection. Every supported server (14 and later) qualifies; a
			// value in the URL wins, as pgjdbc reads the URL's parameters over these.
			properties.setProperty("assumeMinServerVersion", "9.0");
			if (timeoutSeconds > 0) {
				properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
				properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
			}
			connection = DriverManager.getConnection(target.jdbcUrl(), properties);
			borrowed = false;
		}
		try {
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		return new Session(connection, this.statements, borrowed ? this.applicationName : null);
	}

	private static boolean transientFailure(SQLException ex) {
		String state = ex.getSQLState();
		// 08xxx: connection exceptions; 57P03: the database system is starting up.
		return state == null || state.startsWith("08") || "57P03".equals(state);
	}

	private String describeTarget() {
		if (this.dataSource instanceof DescribedDataSource described) {
			// Which connection failed (the starter's DDL role, not the application's login), masked all the same.
			return withoutSecret(JdbcUrl.redact(described.description()));
		}
		if (this.dataSource != null) {
			// What a pool says it connects to, so that a failure at startup or of an in-app command
			// names the server and database it tried rather than "the configured DataSource" alone.
			// Its URL masked already: masking the text again would run on past the URL's closing quote.
			return withoutSecret(DataSourceTarget.describe(this.dataSource));
		}
		return "'" + withoutSecret(JdbcUrl.redact(this.url)) + "'";
	}

	/**
	 * The driver's message, masked, with the host name it could not resolve: for an unknown host
	 * pgjdbc says only "The connection attempt failed.", which reads as a server that is down.
	 */
	private String reason(SQLException ex, SQLException driver, UnansweredConnection unanswered) {
		String message = scrub(ex.getMessage());
		if (driver.getCause() instanceof UnknownHostException unknown) {
			return withoutFinalPeriod(message) + ": unknown host '" + scrub(unknown.getMessage()) + "'";
		}
		if (unanswered == UnansweredConnection.NOT_OPENED) {
			return withoutFinalPeriod(message) + ": " + connectTimeoutReason();
		}
		if (unanswered != null) {
			return withoutFinalPeriod(message) + ": " + loginTimeoutReason(unanswered, readTimedOut(driver));
		}
		return message;
	}

	/**
	 * Where the TCP connect went and how long it was given: the URL's host and port and its
	 * {@code connectTimeout}, else pgjdbc's default; a pool's URL as its getter says it.
	 */
	private String connectTimeoutReason() {
		String jdbcUrl = (this.dataSource == null) ? JdbcUrl.parse(this.url).jdbcUrl() : dataSourceUrl();
		if (jdbcUrl == null) {
			return "the TCP connection to the server did not open within the driver's connect timeout (connectTimeout, "
					+ DEFAULT_CONNECT_TIMEOUT + " s unless the DataSource sets it)";
		}
		String seconds = JdbcUrl.parameter(jdbcUrl, "connectTimeout");
		return "the TCP connection to " + JdbcUrl.hostAndPort(jdbcUrl) + " did not open within the connect timeout ("
				+ ((seconds != null) ? seconds + " s, connectTimeout of the URL"
						// A pool may set it as a property of its own, which its URL does not show.
						: DEFAULT_CONNECT_TIMEOUT + " s, the driver's default connectTimeout"
								+ ((this.dataSource != null) ? ", unless the DataSource sets it" : ""))
				+ ")";
	}

	/**
	 * Where a connection of a {@code DataSource} went and which of the driver's bounds ended the
	 * login: its {@code socketTimeout} on a reply, else its {@code loginTimeout} (of the URL, or set
	 * on the DataSource).
	 */
	private String loginTimeoutReason(UnansweredConnection unanswered, boolean read) {
		String jdbcUrl = dataSourceUrl();
		String at = (jdbcUrl != null) ? JdbcUrl.hostAndPort(jdbcUrl) : "the server";
		String name = read ? "socketTimeout" : "loginTimeout";
		String seconds = (jdbcUrl != null) ? JdbcUrl.parameter(jdbcUrl, name) : null;
		String bound = "(" + ((seconds != null) ? seconds + " s, " + name + " of the URL" : "the DataSource's " + name) + ")";
		if (read) {
			return "the TCP connection to " + at + " opened, but the server did not answer within the socket timeout "
					+ bound;
		}
		return (unanswered == UnansweredConnection.NOT_ANSWERED)
				? "the TCP connection to " + at + " opened, but the server did not complete the login within the login "
						+ "timeout " + bound
				: "no connection to " + at + " opened and completed the login within the login timeout " + bound
						+ ", which is not longer than the TCP connect's own (connectTimeout, "
						+ connectTimeoutSeconds(jdbcUrl) + " s): either may not have completed";
	}

	/** The URL a {@code DataSource} says it connects to, when it is a {@code jdbc:postgresql://} one; else {@code null}. */
	private String dataSourceUrl() {
		String jdbcUrl = (this.dataSource != null) ? DataSourceTarget.url(this.dataSource) : null;
		return (jdbcUrl != null && jdbcUrl.regionMatches(true, 0, "jdbc:postgresql://", 0, 18)) ? jdbcUrl : null;
	}

	/** The TCP connect's bound: the URL's {@code connectTimeout}, else pgjdbc's default. */
	private static int connectTimeoutSeconds(String jdbcUrl) {
		Integer seconds = (jdbcUrl != null) ? seconds(JdbcUrl.parameter(jdbcUrl, "connectTimeout")) : null;
		return (seconds != null) ? seconds : Integer.parseInt(DEFAULT_CONNECT_TIMEOUT);
	}

	/** A driver's whole seconds, or {@code null} when not set or not a number (the driver refuses that itself). */
	private static Integer seconds(String value) {
		try {
			return (value != null) ? Integer.valueOf(value.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Removes the password from a driver's message, however the driver chose to quote it. */
	String scrub(String message) {
		// A DataSource's URL is unknown here, and the driver quotes it whole when it cannot parse it.
		return DatabaseUrl.maskedInText(withoutSecret(message));
	}

	/** {@code text} without the configured password: Retort's own description, its URL masked already. */
	private String withoutSecret(String text) {
		if (text == null) {
			return "";
		}
		String result = text;
		String secret = secret();
		if (secret != null && !secret.isEmpty()) {
			// Whole words only, as the command line masks: a password such as 'postgres' must not
			// turn 'jdbc:postgresql' into 'jdbc:******ql', which garbles the URL and shows the reader
			// which letters the password is made of.
			result = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(secret) + "(?![A-Za-z0-9_$])")
				.matcher(result)
				.replaceAll(Matcher.quoteReplacement("******"));
		}
		return result;
	}

	/** The configured password, or the one in the URL; {@code null} for a DataSource's own. */
	private String secret() {
		if (this.password != null) {
			return this.password;
		}
		if (this.dataSource != null) {
			// The starter's, the application's pool: its getter says the password (read on a failure only).
			return DataSourceTarget.password(this.dataSource);
		}
		return (this.url != null) ? JdbcUrl.parse(this.url).password() : null;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetortException(ErrorCode.CONNECTION_FAILED, "Interrupted while waiting for the database.");
		}
	}

	/**
	 * A JDBC URL with the user and password found in it, accepting {@code postgresql://user:pass@host/db}.
	 */
	record JdbcUrl(String jdbcUrl, String user, String password) {

		static JdbcUrl parse(String url) {
			if (url == null) {
				return new JdbcUrl(null, null, null);
			}
			String trimmed = url.strip();
			if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
				URI uri = URI.create(trimmed);
				String user = null;
				String password = null;
				if (uri.getRawUserInfo() != null) {
					String[] parts = uri.getRawUserInfo().split(":", 2);
					user = decode(parts[0]);
					password = (parts.length > 1) ? decode(parts[1]) : null;
				}
				String hostPort = uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
				String jdbc = "jdbc:postgresql://" + hostPort + ((uri.getRawPath() != null) ? uri.getRawPath() : "/")
						+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
				return new JdbcUrl(jdbc, user, password);
			}
			String password = null;
			int query = trimmed.indexOf('?');
			if (query >= 0) {
				for (String pair : trimmed.substring(query + 1).split("&")) {
					if (pair.startsWith("password=")) {
						password = decode(pair.substring("password=".length()));
					}
				}
			}
			return new JdbcUrl(trimmed, null, password);
		}

		/** The URL without any password in it. */
		static String redact(String url) {
			if (url == null) {
				return "";
			}
			// Up to the end of the value, not of the text: a description goes on after the URL's quote.
			return url.replaceAll("(?i)(password=)[^&\\s'\"]*", "$1******").replaceAll("(://[^:/@]*):[^@/]*@", "$1:******@");
		}

		/** The value of a parameter of a {@code jdbc:postgresql:} URL (case-sensitive, as pgjdbc reads it), or {@code null}. */
		static String parameter(String jdbcUrl, String name) {
			int query = jdbcUrl.indexOf('?');
			if (query < 0) {
				return null;
			}
			for (String pair : jdbcUrl.substring(query + 1).split("&")) {
				if (pair.startsWith(name + "=")) {
					return decode(pair.substring(name.length() + 1));
				}
			}
			return null;
		}

		/**
		 * The host and port of a {@code jdbc:postgresql://} URL as written, with PostgreSQL's 5432 for
		 * a host without a port; several hosts (a failover list) are named as written.
		 */
		static String hostAndPort(String jdbcUrl) {
			String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
			int end = rest.length();
			for (char stop : new char[] { '/', '?' }) {
				int at = rest.indexOf(stop);
				if (at >= 0 && at < end) {
					end = at;
				}
			}
			// Never a user:password@ in what is shown, should a URL carry one.
			String authority = rest.substring(rest.lastIndexOf('@', end) + 1, end);
			boolean hasPort = authority.contains(",") || authority.matches(".*:\\d+");
			return hasPort ? authority : authority + ":5432";
		}

		private static String decode(String value) {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}

	}

	// pgjdbc's messages end in a period; the sentence goes on after them.
	private static String withoutFinalPeriod(String message) {
		return (message != null && message.endsWith(".")) ? message.substring(0, message.length() - 1) : message;
	}

}
