package dev.retort.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Boot users run beside the migrations, in a real start on PostgreSQL: {@code spring.sql.init}
 * scripts, which Boot runs after Flyway's and Liquibase's migrations and must run after Retort's
 * (RetortDatabaseInitializerDetector's order), lazy initialization, and a {@code JdbcTemplate} and a
 * {@code JdbcClient} used by a runner and in a {@code @PostConstruct}.
 */
@ExtendWith(PostgresExtension.class)
class RetortBesideSqlInitTests {

	private static final String[] SQL_INIT = { "spring.sql.init.mode=always",
			"spring.sql.init.schema-locations=classpath:boot-app/schema.sql",
			"spring.sql.init.data-locations=classpath:boot-app/data.sql" };

	@Test
	void sqlInitScriptsRunAfterTheMigrationsAndTheApplicationsBeansReadBoth(TestDatabase db) {
		// Run first, schema.sql would stop the start: its table references one the first revision creates.
		List<String> read = start(db, SQL_INIT);

		assertThat(read).containsExactly("@PostConstruct [espresso, latte]", "runner [espresso, latte]");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
		assertThat(db.queryStrings("SELECT b.name FROM cups c JOIN beverages b ON b.id = c.beverage_id"))
			.containsExactly("espresso");
	}

	@Test
	void withLazyInitializationTheMigrationsAndThenTheScriptsStillRunAtStartup(TestDatabase db) {
		List<String> properties = new ArrayList<>(List.of(SQL_INIT));
		properties.add("spring.main.lazy-initialization=true");

		List<String> read = start(db, properties.toArray(String[]::new));

		// The @PostConstruct bean is lazy, as every bean is: nothing asks for it, so it is not made.
		assertThat(read).containsExactly("runner [espresso, latte]");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
		assertThat(db.queryStrings("SELECT count(*)::text FROM cups")).containsExactly("1");
	}

	private static List<String> start(TestDatabase db, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + db.jdbcUrl(),
				"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
				"spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BesideApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()) {
			return List.copyOf(context.getBean(BesideApplication.class).read);
		}
	}

	/** An application whose beans read the migrated table at startup, as a cache warmer and a runner do. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BesideApplication {

		final List<String> read = new CopyOnWriteArrayList<>();

		@Bean
		CommandLineRunner beverageCount(JdbcTemplate jdbcTemplate) {
			return (args) -> this.read.add("runner "
					+ jdbcTemplate.queryForList("SELECT name FROM beverages ORDER BY id", String.class));
		}

		@Bean
		MenuCache menuCache(JdbcClient jdbcClient) {
			return new MenuCache(jdbcClient, this.read);
		}

	}

	/** Reads the menu while it is created. */
	static class MenuCache {

		private final JdbcClient jdbcClient;

		private final List<String> read;

		MenuCache(JdbcClient jdbcClient, List<String> read) {
			this.jdbcClient = jdbcClient;
			this.read = read;
		}

		@PostConstruct
		void warm() {
			this.read.add("@PostConstruct "
					+ this.jdbcClient.sql("SELECT name FROM beverages ORDER BY id").query(String.class).list());
		}

	}

}
