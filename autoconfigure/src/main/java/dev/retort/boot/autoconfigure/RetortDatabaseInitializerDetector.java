package dev.retort.boot.autoconfigure;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.env.Environment;

/**
 * A {@link DatabaseInitializerDetector} for {@link RetortMigrationInitializer}: beans that use the
 * database ({@code JdbcTemplate}, {@code JdbcClient}, JPA, jOOQ, {@code @DependsOnDatabaseInitialization})
 * are made to depend on it.
 */
class RetortDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	private static final Logger logger = LoggerFactory.getLogger(RetortDatabaseInitializerDetector.class);

	private static final String DEFER_PROPERTY = "spring.jpa.defer-datasource-initialization";

	private final Environment environment;

	RetortDatabaseInitializerDetector(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(RetortMigrationInitializer.class);
	}

	@Override
	public void detectionComplete(ConfigurableListableBeanFactory beanFactory, Set<String> initializerNames) {
		// Spring Boot then makes every database initializer, Retort's included, wait for JPA (as it
		// does Flyway's): Hibernate meets the schema before the migration, and 'validate' reports a
		// missing table with nothing that points here.
		if (this.environment.getProperty(DEFER_PROPERTY, Boolean.class, false)
				&& !detect(beanFactory).isEmpty()) {
			logger.warn("{}=true makes Spring Boot build JPA's EntityManagerFactory before Retort migrates, so "
					+ "Hibernate meets the schema before the pending revisions (ddl-auto=validate then fails on what "
					+ "they create). Remove it: the revisions own the schema, and spring.sql.init scripts run after "
					+ "them without it.", DEFER_PROPERTY);
		}
	}

	@Override
	public int getOrder() {
		// Before spring.sql.init scripts (LOWEST_PRECEDENCE - 100), as Flyway's detectors are, and
		// after Flyway's and Liquibase's: with both starters on the class path while a service moves
		// over, theirs complete the schema and Retort stamps its baseline after them. Liquibase's
		// detector has the order 0, Flyway's two 0 (the Flyway bean) and 1 (its initializer, which
		// migrates); an equal order would leave it to the class path, which runs Retort first when
		// its starter is declared first.
		return 2;
	}

}
