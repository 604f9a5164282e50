package dev.retort.config;

import javax.sql.DataSource;

/**
 * A {@code DataSource} that says what it connects to and which setting made it so: Retort names
 * it when a connection fails ("Could not connect to 'jdbc:postgresql://db/app' as user 'ddl'
 * (retort.user, …)"), where a plain {@code DataSource} is named by the URL and user its getters
 * give, if any ("… (the configured DataSource)"). The
 * Spring Boot starter describes the connections it builds from {@code retort.url} and
 * {@code retort.user}, so a failed login of a DDL role is not taken for the application's own.
 */
public interface DescribedDataSource extends DataSource {

	/**
	 * What this {@code DataSource} connects to, as a noun phrase that follows "Could not connect
	 * to": the URL, the user and the property that set them. Never a password.
	 * @return the description
	 */
	String description();

}
