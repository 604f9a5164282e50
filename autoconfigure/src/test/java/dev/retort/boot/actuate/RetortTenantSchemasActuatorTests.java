package dev.retort.boot.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.retort.Retort;
import dev.retort.boot.actuate.RunningApplication.Response;
import dev.retort.boot.autoconfigure.RetortMigrationStrategy;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that migrates a schema per tenant from a {@link RetortMigrationStrategy}, as
 * docs/spring-boot.md shows: its readiness probe, {@code /actuator/migrations} and
 * {@code /actuator/prometheus} report the tenants it migrated, not the bean's own schema, which the
 * strategy never migrates (they said every revision was pending there, for good: a pod never ready,
 * a pending alert that never stopped).
 */
@ExtendWith(PostgresExtension.class)
class RetortTenantSchemasActuatorTests {

	private static final String[] ACTUATOR = { "management.endpoints.web.exposure.include=migrations,health,prometheus",
			"management.endpoint.health.probes.enabled=true",
			"management.endpoint.health.group.readiness.include=readinessState,migrations" };

	@Test
	void readinessEndpointAndGaugesReportEveryTenantTheStrategyMigratedAndNameTheOneThatFailed(TestDatabase db) {
		// tenant_03 holds a table the first revision creates: its run fails, the strategy goes on.
		db.execute("CREATE SCHEMA tenant_03", "CREATE TABLE tenant_03.beverages (id int)");
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01,Acme-Corp,tenant_03"))) {
			Response readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			JsonNode migrations = readiness.body().get("components").get("migrations");
			assertThat(migrations.get("status").asString()).isEqualTo("DOWN");
			assertThat(names(migrations.get("components"))).as("the tenants, not public")
				.containsExactlyInAnyOrder("tenant_01", "Acme-Corp", "tenant_03");
			assertThat(status(migrations, "tenant_01")).isEqualTo("UP");
			assertThat(status(migrations, "Acme-Corp")).isEqualTo("UP");
			JsonNode failed = migrations.get("components").get("tenant_03");
			assertThat(failed.get("status").asString()).isEqualTo("DOWN");
			assertThat(failed.get("details").get("error").asString())
				.contains("in schema tenant_03 failed and was rolled back");

			JsonNode own = app.get("/actuator/migrations").body();
			assertThat(own.get("schema").asString()).as("the bean's own document, as SPEC §7").isEqualTo("public");
			assertThat(strings(own.get("schemas"))).containsExactly("tenant_01", "Acme-Corp",
					"tenant_03");
			Response tenant = app.get("/actuator/migrations?schema=Acme-Corp");
			assertThat(tenant.status()).isEqualTo(200);
			assertThat(tenant.body().get("schema").asString()).isEqualTo("Acme-Corp");
			assertThat(tenant.body().get("upToDate").asBoolean()).isTrue();
			assertThat(tenant.body().has("schemas")).isFalse();
			assertThat(app.get("/actuator/migrations?schema=tenant_03").body().get("pending").size()).isEqualTo(2);
			assertThat(app.get("/actuator/migrations?schema=tenant_99").status())
				.as("a schema the application did not migrate")
				.isEqualTo(404);

			List<String> prometheus = retortLines(app);
			assertThat(prometheus).contains("retort_migrations_pending{schema=\"tenant_01\"} 0.0",
					"retort_migrations_pending{schema=\"Acme-Corp\"} 0.0",
					"retort_migrations_pending{schema=\"tenant_03\"} 2.0",
					"retort_migrations_last_failed{schema=\"tenant_03\"} 1.0",
					"retort_migrations_last_failed{schema=\"tenant_01\"} 0.0");
			assertThat(prometheus).as("not the bean's own schema, which the strategy never migrates")
				.noneMatch((line) -> line.contains("schema=\"\""))
				.noneMatch((line) -> line.contains("schema=\"public\""));

			// The table moved out of the way and the tenant migrated again while the application runs.
			db.execute("DROP TABLE tenant_03.beverages");
			app.context().getBean(Retort.class).forSchema("tenant_03").upgrade("heads");
			readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(readiness.body().get("components").get("migrations").get("status").asString()).isEqualTo("UP");
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"tenant_03\"} 0.0",
					"retort_migrations_last_failed{schema=\"tenant_03\"} 0.0");
		}
	}

	@Test
	void aTenantAddedLaterIsReportedFromTheStartThatMigratesIt(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01,tenant_02"))) {
			assertThat(names(app.get("/actuator/health/readiness").body().get("components").get("migrations")
				.get("components"))).containsExactlyInAnyOrder("tenant_01", "tenant_02");
		}
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01,tenant_02,tenant_04"))) {
			Response readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(200);
			assertThat(names(readiness.body().get("components").get("migrations").get("components")))
				.as("tenants with nothing to apply at this start too")
				.containsExactlyInAnyOrder("tenant_01", "tenant_02", "tenant_04");
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"tenant_04\"} 0.0");
		}
	}

	@Test
	void aTenantOnboardedWhileTheApplicationRunsHasItsGaugesAtTheNextScrape(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01"))) {
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"tenant_01\"} 0.0")
				.noneMatch((line) -> line.contains("tenant_05"));
			Retort retort = app.context().getBean(Retort.class);
			// Signed up at run time: its schema holds a table the first revision creates, so its run fails.
			db.execute("CREATE SCHEMA tenant_05", "CREATE TABLE tenant_05.beverages (id int)");
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> retort.forSchema("tenant_05").upgrade("heads"));
			assertThat(retortLines(app)).as("without a restart")
				.contains("retort_migrations_pending{schema=\"tenant_05\"} 2.0",
						"retort_migrations_last_failed{schema=\"tenant_05\"} 1.0")
				.contains("retort_migrations_pending{schema=\"tenant_01\"} 0.0");
			db.execute("DROP TABLE tenant_05.beverages");
			retort.forSchema("tenant_05").upgrade("heads");
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"tenant_05\"} 0.0",
					"retort_migrations_last_failed{schema=\"tenant_05\"} 0.0");
			assertThat(retortLines(app).stream().filter((line) -> line.contains("tenant_05")))
				.as("registered once, however often it migrates").hasSize(3);
		}
	}

	@Test
	void anApplicationThatMigratedOnlyItsOwnSchemaAtStartupShowsATenantItMigratesLaterInItsHealth(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db, ACTUATOR)) {
			assertThat(app.get("/actuator/health/readiness").body().get("components").get("migrations").has("components"))
				.isFalse();
			db.execute("CREATE SCHEMA tenant_07", "CREATE TABLE tenant_07.beverages (id int)");
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(
					() -> app.context().getBean(Retort.class).forSchema("tenant_07").upgrade("heads"));
			Response readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.status()).as("the readiness group waits for the tenant too").isEqualTo(503);
			JsonNode migrations = readiness.body().get("components").get("migrations");
			assertThat(names(migrations.get("components"))).containsExactlyInAnyOrder("public", "tenant_07");
			assertThat(status(migrations, "public")).isEqualTo("UP");
			assertThat(status(migrations, "tenant_07")).isEqualTo("DOWN");
			assertThat(app.get("/actuator/health").body().get("components").get("migrations").get("status").asString())
				.isEqualTo("DOWN");
			assertThat(retortLines(app)).as("the tenant's gauges from its first run, beside the bean's own")
				.contains("retort_migrations_pending{schema=\"\"} 0.0", "retort_migrations_pending{schema=\"tenant_07\"} 2.0",
						"retort_migrations_last_failed{schema=\"tenant_07\"} 1.0");
		}
	}

	@Test
	void everyGaugeOfOneNameHasTheSameTagsWhateverTheApplicationMigratesWhileItRuns(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db, ACTUATOR)) {
			PrometheusMeterRegistry registry = app.context().getBean(PrometheusMeterRegistry.class);
			List<String> refused = new CopyOnWriteArrayList<>();
			registry.config().onMeterRegistrationFailed((id, reason) -> refused.add(reason));
			// Prometheus stores a label with an empty value as no label: the series of an application
			// without tenants, and its dashboards, are those of the untagged gauges it had.
			assertThat(retortLines(app)).containsExactly("retort_migrations_last_failed{schema=\"\"} 0.0",
					"retort_migrations_last_failed_timestamp_seconds{schema=\"\"} 0.0",
					"retort_migrations_pending{schema=\"\"} 0.0");
			app.context().getBean(Retort.class).forSchema("tenant_08").upgrade("heads");
			assertThat(retortLines(app)).as("a tenant onboarded while the application runs, at the next scrape")
				.contains("retort_migrations_pending{schema=\"\"} 0.0", "retort_migrations_pending{schema=\"tenant_08\"} 0.0",
						"retort_migrations_last_failed{schema=\"tenant_08\"} 0.0");
			assertThat(refused).as("what Prometheus' registry refuses, with a warning, and leaves out of every scrape")
				.isEmpty();
		}
	}

	@Test
	void theBeansOwnSchemaFirstMigratedWhileTheApplicationRunsBesideTenantsHasItsGaugesAtTheNextScrape(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01"))) {
			assertThat(retortLines(app)).noneMatch((line) -> line.contains("schema=\"\""));
			app.context().getBean(Retort.class).upgrade("heads");
			assertThat(retortLines(app)).as("without a restart, and without a query to name it")
				.contains("retort_migrations_pending{schema=\"\"} 0.0", "retort_migrations_pending{schema=\"tenant_01\"} 0.0");
		}
	}

	@Test
	void anApplicationThatMigratesOnlyItsOwnSchemaGetsNoTaggedGaugesWhenItMigratesItAgain(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db, ACTUATOR)) {
			app.context().getBean(Retort.class).upgrade("heads");
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"\"} 0.0")
				.allMatch((line) -> line.contains("{schema=\"\"}"));
		}
	}

	@Test
	void theBeansOwnSchemaMigratedBesideTheTenantsIsOneOfThem(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db,
				properties("fleet.tenants=tenant_01", "fleet.own=true"))) {
			JsonNode migrations = app.get("/actuator/health/readiness").body().get("components").get("migrations");
			assertThat(names(migrations.get("components"))).containsExactlyInAnyOrder("public", "tenant_01");
			assertThat(status(migrations, "public")).isEqualTo("UP");
			assertThat(strings(app.get("/actuator/migrations").body().get("schemas")))
				.containsExactly("public", "tenant_01");
			assertThat(retortLines(app)).as("the bean's own schema, as in an application without tenants")
				.contains("retort_migrations_pending{schema=\"\"} 0.0");
		}
	}

	@Test
	void anApplicationThatMigratesOnlyItsOwnSchemaSeesSpecSevenUnchanged(TestDatabase db) {
		// No strategy, and a strategy that migrates nothing (a Job migrates): the bean's own schema.
		try (RunningApplication app = RunningApplication.start(db, ACTUATOR)) {
			JsonNode migrations = app.get("/actuator/health/readiness").body().get("components").get("migrations");
			assertThat(migrations.get("status").asString()).isEqualTo("UP");
			assertThat(migrations.has("components")).isFalse();
			assertThat(app.get("/actuator/migrations").body().has("schemas")).isFalse();
			assertThat(app.get("/actuator/migrations?schema=public").body().get("upToDate").asBoolean()).isTrue();
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"\"} 0.0");
		}
		db.execute("DROP TABLE retort_version", "DROP TABLE retort_history", "DROP TABLE beverages");
		try (RunningApplication app = RunningApplication.start(TenantsApplication.class, db, properties())) {
			Response readiness = app.get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			JsonNode migrations = readiness.body().get("components").get("migrations");
			assertThat(migrations.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(migrations.has("components")).isFalse();
			assertThat(retortLines(app)).contains("retort_migrations_pending{schema=\"\"} 2.0");
		}
	}

	private static String[] properties(String... more) {
		return Stream.concat(Stream.of(ACTUATOR), Stream.of(more)).toArray(String[]::new);
	}

	private static List<String> retortLines(RunningApplication app) {
		return app.text("/actuator/prometheus").lines().filter((line) -> line.startsWith("retort_migrations")).toList();
	}

	private static String status(JsonNode composite, String schema) {
		return composite.get("components").get(schema).get("status").asString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	private static List<String> names(JsonNode components) {
		List<String> names = new ArrayList<>();
		components.propertyNames().forEach(names::add);
		return names;
	}

	/** The strategy of docs/spring-boot.md, one tenant at a time, going on past a tenant that fails. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TenantsApplication {

		@Bean
		RetortMigrationStrategy everyTenant(Environment environment) {
			List<String> tenants = List.of(environment.getProperty("fleet.tenants", String[].class, new String[0]));
			boolean own = environment.getProperty("fleet.own", Boolean.class, false);
			return (retort) -> {
				if (own) {
					retort.upgrade("heads");
				}
				for (String tenant : tenants) {
					try {
						retort.forSchema(tenant).upgrade("heads");
					}
					catch (RuntimeException ex) {
						// Reported by the health contributor and the gauges, not a reason to stop the others.
					}
				}
			};
		}

	}

}
