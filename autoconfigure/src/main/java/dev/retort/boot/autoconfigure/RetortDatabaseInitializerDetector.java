package dev.retort.boot.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * A {@link DatabaseInitializerDetector} for {@link RetortMigrationInitializer}: beans that use the
 * database ({@code JdbcTemplate}, {@code JdbcClient}, JPA, jOOQ, {@code @DependsOnDatabaseInitialization})
 * are made to depend on it.
 */
class RetortDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(RetortMigrationInitializer.class);
	}

	@Override
	public int getOrder() {
		// Before spring.sql.init scripts (LOWEST_PRECEDENCE - 100), as Flyway's detectors are.
		return 1;
	}

}
