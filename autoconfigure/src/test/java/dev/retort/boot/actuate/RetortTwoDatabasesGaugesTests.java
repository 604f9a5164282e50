package dev.retort.boot.actuate;

import java.util.List;

import dev.retort.Retort;
import dev.retort.boot.autoconfigure.RetortMigrationInitializer;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that migrates two databases with a {@code Retort} bean each, as docs/spring-boot.md
 * shows: a Prometheus scrape has the gauges of both, told apart by the bean's name, as the
 * {@code migrations} health contributor tells them apart. Only the {@code @Primary} bean had gauges:
 * the other database's pending revisions and failures went unseen.
 */
@ExtendWith(PostgresExtension.class)
class RetortTwoDatabasesGaugesTests {

	@Test
	void eachBeansSchemasHaveTheirGaugesTaggedWithTheBeansName(TestDatabase orders, TestDatabase reporting) {
		try (RunningApplication app = RunningApplication.start(TwoDatabasesApplication.class, orders,
				"management.endpoints.web.exposure.include=health,prometheus", "reporting.url=" + reporting.jdbcUrl(),
				"reporting.user=" + reporting.user(), "reporting.password=" + reporting.password())) {
			assertThat(retortLines(app)).containsExactly(
					"retort_migrations_last_failed{name=\"ordersRetort\",schema=\"\"} 0.0",
					"retort_migrations_last_failed{name=\"reportingRetort\",schema=\"\"} 0.0",
					"retort_migrations_last_failed_timestamp_seconds{name=\"ordersRetort\",schema=\"\"} 0.0",
					"retort_migrations_last_failed_timestamp_seconds{name=\"reportingRetort\",schema=\"\"} 0.0",
					"retort_migrations_pending{name=\"ordersRetort\",schema=\"\"} 0.0",
					"retort_migrations_pending{name=\"reportingRetort\",schema=\"\"} 0.0");

			// The other database's revisions rolled back by hand: its gauge says so, the primary's does not.
			app.context().getBean("reportingRetort", Retort.class).downgrade("aaaa00000001");
			app.context().getBean("reportingRetort", Retort.class).forSchema("tenant_01").upgrade("heads");
			assertThat(retortLines(app)).contains("retort_migrations_pending{name=\"ordersRetort\",schema=\"\"} 0.0",
					"retort_migrations_pending{name=\"reportingRetort\",schema=\"\"} 1.0",
					"retort_migrations_pending{name=\"reportingRetort\",schema=\"tenant_01\"} 0.0");
		}
	}

	private static List<String> retortLines(RunningApplication app) {
		return app.text("/actuator/prometheus").lines().filter((line) -> line.startsWith("retort_migrations")).toList();
	}

	/** Two databases, a bean each, as in docs/spring-boot.md's "Migrating two databases". */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TwoDatabasesApplication {

		@Bean
		@Primary
		Retort ordersRetort(Environment environment) {
			return Retort.configure()
				.url(environment.getProperty("spring.datasource.url"))
				.user(environment.getProperty("spring.datasource.username"))
				.password(environment.getProperty("spring.datasource.password"))
				.locations("classpath:db/revisions")
				.load();
		}

		@Bean
		Retort reportingRetort(Environment environment) {
			return Retort.configure()
				.url(environment.getProperty("reporting.url"))
				.user(environment.getProperty("reporting.user"))
				.password(environment.getProperty("reporting.password"))
				.locations("classpath:db/revisions")
				.load();
		}

		@Bean
		RetortMigrationInitializer ordersMigration(@Qualifier("ordersRetort") Retort retort) {
			return new RetortMigrationInitializer(retort);
		}

		@Bean
		RetortMigrationInitializer reportingMigration(@Qualifier("reportingRetort") Retort retort) {
			return new RetortMigrationInitializer(retort);
		}

	}

}
