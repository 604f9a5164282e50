package dev.retort.boot.autoconfigure;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code migrations}
 * {@link RetortHealthIndicator} ({@code management.health.migrations.enabled}).
 */
@AutoConfiguration(after = RetortAutoConfiguration.class)
@ConditionalOnClass({ Retort.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
// Several Retort beans without a @Primary one: no single database's state to report.
@ConditionalOnSingleCandidate(Retort.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class RetortHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
	RetortHealthIndicator migrationsHealthIndicator(Retort retort) {
		return new RetortHealthIndicator(retort);
	}

}
