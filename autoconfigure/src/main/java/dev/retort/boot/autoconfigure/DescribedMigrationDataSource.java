package dev.retort.boot.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.retort.config.DatabaseUrl;
import dev.retort.config.DescribedDataSource;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A connection the starter builds for migrations from {@code retort.url} or {@code retort.user},
 * or the {@code @RetortDataSource} bean it was given, with the words that name it when it cannot
 * connect: the user and the property (or the bean), so that a failed login of a DDL role does not
 * read as the application's own ("… (the configured DataSource)").
 * <p>
 * The driver quotes the URL it was given whole when it cannot read it ("Unable to parse URL
 * jdbc:postgresql://…&password=…"); a URL of a form Retort does not unpack (a {@code password=}
 * of {@code jdbc:postgresql:db?…}, without {@code //}) still holds its password there: a failure
 * to connect is passed on with that URL masked.
 */
final class DescribedMigrationDataSource extends DelegatingDataSource implements DescribedDataSource {

	/** What names a {@code @RetortDataSource} bean, which the failure analyzer reads back for its action. */
	static final String RETORT_DATA_SOURCE = "the @RetortDataSource bean";

	/**
	 * What names a connection of a {@code RetortConnectionDetails} bean's URL (a Testcontainers or Docker
	 * Compose service connection), read back as {@link #RETORT_DATA_SOURCE} is.
	 */
	static final String RETORT_CONNECTION_DETAILS = "the RetortConnectionDetails bean";

	/**
	 * What names a role of a {@code RetortConnectionDetails} bean that gives a user and no URL (the
	 * application's own bean) on the application's URL, read back as {@link #RETORT_DATA_SOURCE} is.
	 */
	static final String RETORT_CONNECTION_DETAILS_USER = "the user of the RetortConnectionDetails bean: a role of its own"
			+ " on the URL of the application's DataSource";

	/** What names a connection of 'retort.url', read back as {@link #RETORT_DATA_SOURCE} is. */
	static final String RETORT_URL = "retort.url";

	/** What names a role of 'retort.user' on the application's URL, read back as {@link #RETORT_DATA_SOURCE} is. */
	static final String RETORT_USER = "retort.user: a role of its own on the URL of the application's DataSource";

	private final Supplier<String> description;

	/** The URL the driver was given, which its messages may quote; {@code null} when unknown. */
	private final String url;

	DescribedMigrationDataSource(DataSource target, String description, String url) {
		this(target, () -> description, url);
	}

	private DescribedMigrationDataSource(DataSource target, Supplier<String> description, String url) {
		super(target);
		this.description = description;
		this.url = url;
	}

	/**
	 * The application's {@code @RetortDataSource} bean, named as that bean: it is configured apart from
	 * {@code spring.datasource.*} and {@code retort.*}, whose names would send a failed login's reader
	 * to check settings it does not use. Its URL and user are read only when a connection failed.
	 */
	static DescribedMigrationDataSource qualifiedBean(DataSource bean) {
		return new DescribedMigrationDataSource(bean, () -> describe(bean), null);
	}

	/** "'URL' as user 'USER' (the @RetortDataSource bean)", as far as Boot can read the bean's URL and user. */
	private static String describe(DataSource bean) {
		try {
			// The getters Boot knows for each pool (Hikari's jdbcUrl, pgjdbc's user, …), as 'retort.user' derives from them.
			SimpleDriverDataSource read = DataSourceBuilder.derivedFrom(bean).type(SimpleDriverDataSource.class).build();
			if (read.getUrl() != null && !read.getUrl().isBlank()) {
				return "'" + DatabaseUrl.masked(read.getUrl()) + "'"
						+ ((read.getUsername() != null) ? " as user '" + read.getUsername() + "'" : "") + " ("
						+ RETORT_DATA_SOURCE + ")";
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// A DataSource whose URL Boot cannot read: named by the bean alone.
		}
		return RETORT_DATA_SOURCE;
	}

	/** Whether a connection failure's message names a {@code @RetortDataSource} bean as the connection. */
	static boolean namesQualifiedBean(String message) {
		return names(message, " (" + RETORT_DATA_SOURCE + "): ") || (message != null
				&& message.startsWith("Could not connect to " + RETORT_DATA_SOURCE + ": "));
	}

	/** Whether a connection failure's message names a connection of a {@code RetortConnectionDetails} bean's URL. */
	static boolean namesConnectionDetails(String message) {
		return names(message, " (" + RETORT_CONNECTION_DETAILS + "): ");
	}

	/** Whether a connection failure's message names a role of a {@code RetortConnectionDetails} bean on the application's URL. */
	static boolean namesConnectionDetailsUser(String message) {
		return names(message, " (" + RETORT_CONNECTION_DETAILS_USER);
	}

	/** Whether a connection failure's message names a connection of 'retort.url'. */
	static boolean namesRetortUrl(String message) {
		return names(message, " (" + RETORT_URL + "): ");
	}

	/** Whether a connection failure's message names a role of 'retort.user' on the application's URL. */
	static boolean namesRetortUser(String message) {
		return names(message, " (" + RETORT_USER);
	}

	private static boolean names(String message, String words) {
		return message != null && message.startsWith("Could not connect to ") && message.contains(words);
	}

	@Override
	public String description() {
		return this.description.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		try {
			return super.getConnection();
		}
		catch (SQLException ex) {
			throw masked(ex);
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		try {
			return super.getConnection(username, password);
		}
		catch (SQLException ex) {
			throw masked(ex);
		}
	}

	/**
	 * {@code ex}, or a copy with the URL masked where its message quotes it: without the cause,
	 * whose message quotes it too (and would be printed with a stack trace).
	 */
	private SQLException masked(SQLException ex) {
		String message = ex.getMessage();
		String masked = DatabaseUrl.masked(this.url);
		if (message == null || this.url == null || masked.equals(this.url) || !message.contains(this.url)) {
			return ex;
		}
		SQLException copy = new SQLException(message.replace(this.url, masked), ex.getSQLState(), ex.getErrorCode());
		copy.setStackTrace(ex.getStackTrace());
		return copy;
	}

	@Override
	public String toString() {
		return description();
	}

}
