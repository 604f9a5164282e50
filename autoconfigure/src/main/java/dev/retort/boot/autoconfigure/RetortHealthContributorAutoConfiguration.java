package dev.retort.boot.autoconfigure;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortHealthIndicator;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations}
 * {@link RetortHealthIndicator} ({@code management.health.migrations.enabled}). As Boot's
 * {@code db} contributor does for {@code DataSource} beans: one {@code Retort} bean gets one
 * indicator; several (an application that migrates two databases with Retort beans of its own)
 * get a composite with one indicator per bean, named by the bean, {@code @Primary} or not, so a
 * readiness group that includes {@code migrations} waits for every database.
 */
@AutoConfiguration(after = RetortAutoConfiguration.class)
@ConditionalOnClass({ Retort.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Retort.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class RetortHealthContributorAutoConfiguration
		extends CompositeHealthContributorConfiguration<RetortHealthIndicator, Retort> {

	RetortHealthContributorAutoConfiguration() {
		super(RetortHealthIndicator::new);
	}

	@Bean
	@ConditionalOnMissingBean(name = { "migrationsHealthIndicator", "migrationsHealthContributor" })
	HealthContributor migrationsHealthContributor(ConfigurableListableBeanFactory beanFactory) {
		return createContributor(beanFactory, Retort.class);
	}

}
