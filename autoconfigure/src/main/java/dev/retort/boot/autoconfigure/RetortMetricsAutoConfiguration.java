package dev.retort.boot.autoconfigure;

import java.util.Map;

import dev.retort.Retort;
import dev.retort.boot.actuate.RetortLastMigrationMeterBinder;
import dev.retort.boot.actuate.RetortMetrics;
import dev.retort.boot.actuate.RetortPendingMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Retort's Micrometer meters:
 * {@code retort.migrations.pending}, {@code retort.migrations.last.failed} (and its
 * {@code .timestamp}),
 * {@code retort.migration.duration} and {@code retort.lock.wait}.
 * The step timers come from a {@code MigrationListener} bean, which the {@code Retort} bean
 * tells about every step, including those of the startup upgrade. The gauges are those of every
 * {@code Retort} bean, told apart by a {@code name} tag when there are several. Active when there
 * are a {@code MeterRegistry} and a {@code Retort} bean.
 */
@AutoConfiguration(after = RetortAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Retort.class, MeterRegistry.class })
// A Retort bean too: with retort.enabled=false or no DataSource, nothing of Retort is created.
@ConditionalOnBean({ MeterRegistry.class, Retort.class })
public final class RetortMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RetortMetrics retortMetrics(MeterRegistry registry) {
		return new RetortMetrics(registry);
	}

	// Every Retort bean's gauges, @Primary or not, as the migrations health contributor reports every
	// bean: the other database's pending revisions and failures count as much.
	@Bean
	@ConditionalOnMissingBean
	RetortPendingMeterBinder retortPendingMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		return new RetortPendingMeterBinder(retortBeans(beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	RetortLastMigrationMeterBinder retortLastMigrationMeterBinder(ConfigurableListableBeanFactory beanFactory) {
		return new RetortLastMigrationMeterBinder(retortBeans(beanFactory));
	}

	private static Map<String, Retort> retortBeans(ConfigurableListableBeanFactory beanFactory) {
		return SimpleAutowireCandidateResolver.resolveAutowireCandidates(beanFactory, Retort.class);
	}

}
