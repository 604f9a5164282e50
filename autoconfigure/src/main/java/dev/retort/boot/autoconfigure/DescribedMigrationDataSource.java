package dev.retort.boot.autoconfigure;

import javax.sql.DataSource;

import dev.retort.config.DescribedDataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A connection the starter builds for migrations from {@code retort.url} or {@code retort.user},
 * with the words that name it when it cannot connect: the user and the property, so that a
 * failed login of a DDL role derived from the application's {@code DataSource} does not read as
 * the application's own ("… (the configured DataSource)").
 */
final class DescribedMigrationDataSource extends DelegatingDataSource implements DescribedDataSource {

	private final String description;

	DescribedMigrationDataSource(DataSource target, String description) {
		super(target);
		this.description = description;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
