package dev.retort.boot.autoconfigure;

import java.util.Map;

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
import org.springframework.boot.health.contributor.HealthIndicator;
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
 * for every tenant and not for the bean's own schema, which such a strategy never migrates.
 */
@AutoConfiguration(after = RetortAutoConfiguration.class)
@ConditionalOnClass({ Retort.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Retort.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class RetortHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	HealthContributor migrationsHealthContributor(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<RetortMigrationInitializer> initializers) {
		// Which schemas a bean reports is known once its startup migration ran: a strategy's tenants.
		initializers.orderedStream().forEach((initializer) -> {
		});
		Map<String, Retort> beans = SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory,
				Retort.class);
		if (beans.size() == 1) {
			return contributor(beans.values().iterator().next());
		}
		return CompositeHealthContributor.fromMap(beans, RetortHealthContributorAutoConfiguration::contributor);
	}

	private static HealthContributor contributor(Retort retort) {
		RetortSchemas schemas = new RetortSchemas(retort);
		return schemas.several() ? new RetortSchemasHealthContributor(schemas) : new RetortHealthIndicator(retort);
	}

}
