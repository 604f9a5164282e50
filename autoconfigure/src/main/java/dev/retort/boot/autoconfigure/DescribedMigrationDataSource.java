package dev.retort.boot.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.retort.config.DatabaseUrl;
import dev.retort.config.DescribedDataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A connection the starter builds for migrations from {@code retort.url} or {@code retort.user},
 * with the words that name it when it cannot connect: the user and the property, so that a
 * failed login of a DDL role derived from the application's {@code DataSource} does not read as
 * the application's own ("… (the configured DataSource)").
 * <p>
 * The driver quotes the URL it was given whole when it cannot read it ("Unable to parse URL
 * jdbc:postgresql://…&password=…"); a URL of a form Retort does not unpack (a {@code password=}
 * of {@code jdbc:postgresql:db?…}, without {@code //}) still holds its password there: a failure
 * to connect is passed on with that URL masked.
 */
final class DescribedMigrationDataSource extends DelegatingDataSource implements DescribedDataSource {

	private final String description;

	/** The URL the driver was given, which its messages may quote; {@code null} when unknown. */
	private final String url;

	DescribedMigrationDataSource(DataSource target, String description, String url) {
		super(target);
		this.description = description;
		this.url = url;
	}

	@Override
	public String description() {
		return this.description;
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
		return this.description;
	}

}
