package dev.retort.boot.autoconfigure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortHealthIndicator;
import dev.retort.boot.actuate.RetortSchemas;
import dev.retort.boot.actuate.RetortSchemasHealthContributor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations}
 * {@link RetortHealthIndicator} ({@code management.health.migrations.enabled}). As Boot's
 * {@code db} contributor does for {@code DataSource} beans: one {@code Retort} bean gets one
 * indicator; several (an application that migrates two databases with Retort beans of its own)
 * get a composite with one indicator per bean, named by the bean, {@code @Primary} or not, so a
 * readiness group that includes {@code migrations} waits for every database. A bean whose
 * application migrated other schemas than its own through {@code forSchema} (a
 * {@code RetortMigrationStrategy} over a schema per tenant) gets a composite with one indicator per
 * schema its runs migrated ({@link RetortSchemasHealthContributor}), as a readiness group must wait
 * for every tenant and not for the bean's own schema, which such a strategy never migrates. A lone
 * bean that migrated only its own schema at startup gets that composite once it migrates another
 * (a tenant onboarded while the application runs); so does each of several beans, under its name.
 */
@AutoConfiguration(after = RetortAutoConfiguration.class)
@ConditionalOnClass({ Retort.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Retort.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class RetortHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	HealthContributor migrationsHealthContributor(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<RetortMigrationInitializer> initializers,
			ObjectProvider<HealthContributorRegistry> registries) {
		// Which schemas a bean reports is known once its startup migration ran: a strategy's tenants.
		initializers.orderedStream().forEach((initializer) -> {
		});
		Map<String, Retort> beans = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory,
				Retort.class);
		if (beans.size() == 1) {
			Retort retort = beans.values().iterator().next();
			HealthContributor contributor = contributor(retort);
			if (contributor instanceof RetortHealthIndicator single) {
				reportSchemasOnceSeveral(retort, single, registries);
			}
			return contributor;
		}
		return new EachBean(beans);
	}

	/**
	 * One component per {@code Retort} bean, named by the bean, each decided at every check as
	 * {@link #contributor(Retort)} decides it: a bean that migrated only its own schema at startup
	 * and migrates a tenant later (each of several DataSources with a schema per tenant) then shows
	 * its tenants, as a lone bean does once its indicator is replaced. A map made once would keep
	 * the own schema's indicator for good: no tenant shown, none holding a readiness group, and an
	 * own schema that no run migrates reported with every revision pending. Memory only.
	 */
	private static final class EachBean implements CompositeHealthContributor {

		private final Map<String, Retort> beans;

		EachBean(Map<String, Retort> beans) {
			this.beans = beans;
		}

		@Override
		public HealthContributor getContributor(String name) {
			Retort retort = this.beans.get(name);
			return (retort != null) ? contributor(retort) : null;
		}

		@Override
		public Stream<HealthContributors.Entry> stream() {
			return this.beans.entrySet()
				.stream()
				.map((bean) -> new HealthContributors.Entry(bean.getKey(), contributor(bean.getValue())));
		}

	}

	/**
	 * An application that migrated only the bean's own schema by the end of its startup, then
	 * migrates another one (a tenant onboarded while it runs): its single indicator is replaced, in
	 * the registry that health checks read, by one indicator per schema, as when its startup had
	 * migrated that tenant, so a readiness group that includes {@code migrations} waits for it too.
	 * Told by the tenant's first run as it starts (memory only); nothing happens as long as the
	 * application migrates only its own schema.
	 */
	private static void reportSchemasOnceSeveral(Retort retort, RetortHealthIndicator single,
			ObjectProvider<HealthContributorRegistry> registries) {
		RetortSchemas schemas = new RetortSchemas(retort);
		AtomicBoolean replaced = new AtomicBoolean();
		retort.whenFirstMigrated((facade) -> {
			HealthContributorRegistry registry = registries.getIfAvailable();
			if (registry == null || !schemas.several() || !replaced.compareAndSet(false, true)) {
				return;
			}
			// Under the name the registry gave this bean ('migrations'), whatever generated it.
			registry.stream()
				.filter((entry) -> entry.contributor() == single)
				.map(HealthContributors.Entry::name)
				.findFirst()
				.ifPresent((name) -> {
					registry.unregisterContributor(name);
					registry.registerContributor(name, new RetortSchemasHealthContributor(schemas));
				});
		});
	}

	private static HealthContributor contributor(Retort retort) {
		RetortSchemas schemas = new RetortSchemas(retort);
		return schemas.several() ? new RetortSchemasHealthContributor(schemas) : new RetortHealthIndicator(retort);
	}

}
