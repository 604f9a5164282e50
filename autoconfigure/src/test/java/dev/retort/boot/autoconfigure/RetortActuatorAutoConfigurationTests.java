package dev.retort.boot.autoconfigure;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortEndpoint;
import dev.retort.boot.actuate.RetortHealthIndicator;
import dev.retort.boot.actuate.RetortLastMigrationMeterBinder;
import dev.retort.boot.actuate.RetortMetrics;
import dev.retort.boot.actuate.RetortPendingMeterBinder;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link RetortEndpointAutoConfiguration}, {@link RetortHealthContributorAutoConfiguration}
 * and {@link RetortMetricsAutoConfiguration}: each appears with a {@link Retort} bean and steps
 * aside when switched off.
 */
@ExtendWith(PostgresExtension.class)
class RetortActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(RetortEndpointAutoConfiguration.class, RetortHealthContributorAutoConfiguration.class,
					RetortMetricsAutoConfiguration.class));

	private ApplicationContextRunner withRetort(TestDatabase db) {
		return this.contextRunner.withBean(Retort.class,
				() -> Retort.configure().dataSource(db.dataSource()).load());
	}

	@Test
	void endpointIsAvailableWhenExposed(TestDatabase db) {
		withRetort(db).withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).hasSingleBean(RetortEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenNotExposed(TestDatabase db) {
		withRetort(db).run((context) -> assertThat(context).doesNotHaveBean(RetortEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutRetort() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> assertThat(context).doesNotHaveBean(RetortEndpoint.class));
	}

	@Test
	void healthIndicatorIsNamedMigrations(TestDatabase db) {
		withRetort(db).withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(RetortHealthIndicator.class).hasBean("migrationsHealthContributor");
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("migrations"))
					.isInstanceOf(RetortHealthIndicator.class);
			});
	}

	@Test
	void anIndicatorOfTheApplicationsOwnReplacesRetorts(TestDatabase db) {
		HealthIndicator own = () -> Health.up().build();
		withRetort(db).withBean("migrationsHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).doesNotHaveBean("migrationsHealthContributor")
				.doesNotHaveBean(RetortHealthIndicator.class));
	}

	@Test
	void healthIndicatorCanBeDisabled(TestDatabase db) {
		withRetort(db).withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RetortHealthIndicator.class)
				.doesNotHaveBean("migrationsHealthContributor"));
	}

	@Test
	void metersNeedAMeterRegistry(TestDatabase db) {
		withRetort(db).run((context) -> assertThat(context).doesNotHaveBean(RetortMetrics.class));
		withRetort(db).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(RetortMetrics.class)
				.hasSingleBean(RetortPendingMeterBinder.class)
				.hasSingleBean(RetortLastMigrationMeterBinder.class));
	}

	@Test
	void metersNeedARetort() {
		// retort.enabled=false or no DataSource: an application with Micrometer gets nothing of Retort.
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RetortMetrics.class)
				.doesNotHaveBean(RetortPendingMeterBinder.class)
				.doesNotHaveBean(RetortLastMigrationMeterBinder.class));
	}

	@Test
	void twoRetortBeansWithoutAPrimaryOneLeaveTheApplicationStarting(TestDatabase orders, TestDatabase reporting) {
		// An application that migrates two databases with Retort beans of its own, as Boot users do
		// with two Flyway beans: one endpoint cannot say which database it reports, so none is made,
		// rather than the start failing on an ambiguous Retort. The gauges tell the beans apart by name.
		this.contextRunner.withBean("ordersRetort", Retort.class, () -> Retort.configure().dataSource(orders.dataSource()).load())
			.withBean("reportingRetort", Retort.class,
					() -> Retort.configure().dataSource(reporting.dataSource()).load())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(RetortEndpoint.class)
					.hasSingleBean(RetortPendingMeterBinder.class)
					.hasSingleBean(RetortLastMigrationMeterBinder.class)
					.hasSingleBean(RetortMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(RetortPendingMeterBinder.class).bindTo(registry);
				assertThat(registry.get("retort.migrations.pending").tag("name", "reportingRetort").gauge().value())
					.isEqualTo(2.0);
			});
	}

	@Test
	void twoRetortBeansGetAHealthContributorForEachAsBootsDbContributorHas(TestDatabase orders,
			TestDatabase reporting) {
		// Health can name each: one component per bean, as Boot's 'db' for several DataSources, so a
		// readiness group holds traffic while either database has revisions pending. With or without
		// a @Primary one: the other database's pending revisions count as much.
		Retort ordersRetort = Retort.configure().dataSource(orders.dataSource()).load();
		for (boolean primary : new boolean[] { false, true }) {
			this.contextRunner
				.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
				.withBean("ordersRetort", Retort.class, () -> ordersRetort, (definition) -> definition.setPrimary(primary))
				.withBean("reportingRetort", Retort.class,
						() -> Retort.configure().dataSource(reporting.dataSource()).load())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					HealthContributor migrations = context.getBean(HealthContributorRegistry.class)
						.getContributor("migrations");
					assertThat(migrations).as("primary " + primary).isInstanceOf(CompositeHealthContributor.class);
					CompositeHealthContributor composite = (CompositeHealthContributor) migrations;
					assertThat(composite.stream().map(HealthContributors.Entry::name))
						.containsExactlyInAnyOrder("ordersRetort", "reportingRetort");
					ordersRetort.upgrade("heads");
					assertThat(status(composite, "ordersRetort")).isEqualTo(Status.UP);
					assertThat(status(composite, "reportingRetort")).isEqualTo(Status.OUT_OF_SERVICE);
				});
		}
	}

	@Test
	void twoRetortBeansEachMigratingATenantAfterStartupShowItUnderTheirBean(TestDatabase orders,
			TestDatabase reporting) {
		// Two DataSources, each bean migrating a schema per tenant as tenants sign up (no strategy ran at startup).
		Retort ordersRetort = Retort.configure().dataSource(orders.dataSource()).load();
		Retort reportingRetort = Retort.configure().dataSource(reporting.dataSource()).load();
		this.contextRunner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
			.withBean("ordersRetort", Retort.class, () -> ordersRetort)
			.withBean("reportingRetort", Retort.class, () -> reportingRetort)
			.run((context) -> {
				CompositeHealthContributor migrations = (CompositeHealthContributor) context
					.getBean(HealthContributorRegistry.class)
					.getContributor("migrations");
				assertThat(migrations.getContributor("ordersRetort")).isInstanceOf(HealthIndicator.class);
				ordersRetort.forSchema("tenant_01").upgrade("heads");
				reporting.execute("CREATE SCHEMA tenant_02", "CREATE TABLE tenant_02.beverages (id int)");
				assertThatException().isThrownBy(() -> reportingRetort.forSchema("tenant_02").upgrade("heads"));
				// Each bean's component is its tenants now, not its own schema, which no run migrated.
				CompositeHealthContributor ordersTenants = (CompositeHealthContributor) migrations
					.getContributor("ordersRetort");
				assertThat(ordersTenants.stream().map(HealthContributors.Entry::name)).containsExactly("tenant_01");
				assertThat(status(ordersTenants, "tenant_01")).isEqualTo(Status.UP);
				CompositeHealthContributor reportingTenants = (CompositeHealthContributor) migrations.stream()
					.filter((entry) -> entry.name().equals("reportingRetort"))
					.findFirst()
					.orElseThrow()
					.contributor();
				assertThat(reportingTenants.stream().map(HealthContributors.Entry::name)).containsExactly("tenant_02");
				assertThat(status(reportingTenants, "tenant_02")).isEqualTo(Status.DOWN);
			});
	}

	private static Status status(CompositeHealthContributor composite, String name) {
		return ((HealthIndicator) composite.getContributor(name)).health().getStatus();
	}

	@Test
	void twoRetortBeansReportThePrimaryOne(TestDatabase orders, TestDatabase reporting) {
		Retort primary = Retort.configure().dataSource(orders.dataSource()).load();
		this.contextRunner.withBean("ordersRetort", Retort.class, () -> primary, (definition) -> definition.setPrimary(true))
			.withBean("reportingRetort", Retort.class,
					() -> Retort.configure().dataSource(reporting.dataSource()).load())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(RetortEndpoint.class)
					.hasSingleBean(RetortPendingMeterBinder.class)
					.hasSingleBean(RetortLastMigrationMeterBinder.class);
				// The gauge counts the primary's database: one of its two revisions applied, none of the other's.
				primary.upgrade("aaaa00000001");
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(RetortPendingMeterBinder.class).bindTo(registry);
				assertThat(registry.get("retort.migrations.pending").gauge().value()).isEqualTo(1.0);
			});
	}

	@Test
	void pendingGaugeCountsWhatAnUpgradeWouldApply(TestDatabase db) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Retort retort = Retort.configure().dataSource(db.dataSource()).load();
		new RetortPendingMeterBinder(retort).bindTo(registry);
		assertThat(registry.get("retort.migrations.pending").gauge().value()).isEqualTo(2.0);
		retort.upgrade("aaaa00000001");
		assertThat(registry.get("retort.migrations.pending").gauge().value()).isEqualTo(1.0);
	}

	@Test
	void lastFailedGaugeReadsTheNewestHistoryRowUntilAStepSucceeds(TestDatabase db) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Retort failing = Retort.configure().dataSource(db.dataSource()).locations("classpath:revisions/failing").load();
		new RetortLastMigrationMeterBinder(failing).bindTo(registry);
		assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isEqualTo(0.0);
		assertThatException().isThrownBy(() -> failing.upgrade("heads"));
		// The process that failed is not the one scraped: this gauge reads the database, as every
		// instance of the fleet does.
		assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isEqualTo(1.0);
		failing.downgrade("base");
		assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isEqualTo(0.0);
	}

	@Test
	void lastFailedGaugeIsNanWhenTheDatabaseCannotBeRead(TestDatabase db) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Retort retort = Retort.configure().dataSource(db.dataSource()).load();
		new RetortLastMigrationMeterBinder(retort).bindTo(registry);
		db.execute("CREATE TABLE retort_history (id bigserial)");
		assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isNaN();
	}

}
