package dev.retort.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.jdbc.DatabaseDriver;

/**
 * Details of a connection dedicated to migrations, from the {@code retort.url}/{@code user}/
 * {@code password} properties, a Testcontainers {@code @ServiceConnection} or Docker Compose.
 * Every value may be {@code null}: then the application's {@code DataSource} is used.
 */
public interface RetortConnectionDetails extends ConnectionDetails {

	/**
	 * Login user, or {@code null}.
	 * @return the user
	 */
	String getUsername();

	/**
	 * Login password, or {@code null}.
	 * @return the password
	 */
	String getPassword();

	/**
	 * JDBC URL, or {@code null} when migrations use the application's {@code DataSource}.
	 * @return the JDBC URL
	 */
	String getJdbcUrl();

	/**
	 * JDBC driver class name; by default the one the JDBC URL names.
	 * @return the driver class name, or {@code null}
	 */
	default String getDriverClassName() {
		String jdbcUrl = getJdbcUrl();
		return (jdbcUrl != null) ? DatabaseDriver.fromJdbcUrl(jdbcUrl).getDriverClassName() : null;
	}

}
