package dev.retort.boot.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway's or Liquibase's starter beside Retort's while a service moves over: Spring Boot makes
 * Retort's initializer wait for theirs (their detectors have the order 0, and 1 for Flyway's
 * initializer, Retort's a later one), so the other tool builds or completes the schema and Retort
 * stamps its baseline after it.
 * A stand-in initializer plays the other tool, so the build needs neither.
 */
@ExtendWith(PostgresExtension.class)
class RetortAfterAnotherToolTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RetortAutoConfiguration.class));

	@Test
	void anotherToolsInitializerRunsFirstAndRetortStampsTheBaselineOverWhatItBuilt(TestDatabase db) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password(), "retort.baseline=aaaa00000002")
			.withBean(OtherToolInitializer.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Had Retort run first on the empty database, it would have applied aaaa00000001
				// (beverages) and the other tool would then have met a schema it did not build.
				assertThat(db.tableExists("built_by_the_other_tool")).isTrue();
				assertThat(db.tableExists("beverages")).isFalse();
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
			});
	}

	@Test
	void aToolWhoseDetectorHasOrderOneAsFlywaysInitializerHasRunsFirstWhereverItIsOnTheClassPath(TestDatabase db,
			@TempDir Path dir) throws IOException {
		// Flyway's FlywayMigrationInitializerDatabaseInitializerDetector has the order 1. Among detectors
		// of one order, Spring Boot keeps the order of the class path: with the Retort starter declared
		// before Flyway's, Retort's is found first, so an equal order let Retort migrate the empty
		// database before Flyway ("Found non-empty schema(s) "public" but no schema history table").
		Files.createDirectories(dir.resolve("META-INF"));
		Files.writeString(dir.resolve("META-INF/spring.factories"), DatabaseInitializerDetector.class.getName() + "="
				+ OrderOneToolDatabaseInitializerDetector.class.getName() + "\n");
		try (URLClassLoader afterRetort = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(afterRetort)
				.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
						"spring.datasource.password=" + db.password(), "retort.baseline=aaaa00000002")
				.withBean(OrderOneToolInitializer.class)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(db.tableExists("built_by_the_other_tool")).isTrue();
					assertThat(db.tableExists("beverages")).isFalse();
					assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
				});
		}
	}

	/** Builds the schema when created, as Flyway's initializer does. */
	static class OtherToolInitializer implements InitializingBean {

		private final DataSource dataSource;

		OtherToolInitializer(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@Override
		public void afterPropertiesSet() throws SQLException {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS built_by_the_other_tool (id integer)");
			}
		}

	}

	/** Registered in this module's test spring.factories, with the default order, as Flyway's is. */
	static class OtherToolDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

		@Override
		protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
			return Set.of(OtherToolInitializer.class);
		}

	}

	/**
	 * Builds the schema when created, as Flyway's initializer does; found by a detector of order 1
	 * only (not a subclass of {@link OtherToolInitializer}, which the default-order one finds).
	 */
	static class OrderOneToolInitializer implements InitializingBean {

		private final OtherToolInitializer tool;

		OrderOneToolInitializer(DataSource dataSource) {
			this.tool = new OtherToolInitializer(dataSource);
		}

		@Override
		public void afterPropertiesSet() throws SQLException {
			this.tool.afterPropertiesSet();
		}

	}

	/** As Flyway's FlywayMigrationInitializerDatabaseInitializerDetector: order 1. */
	static class OrderOneToolDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

		@Override
		protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
			return Set.of(OrderOneToolInitializer.class);
		}

		@Override
		public int getOrder() {
			return 1;
		}

	}

}
