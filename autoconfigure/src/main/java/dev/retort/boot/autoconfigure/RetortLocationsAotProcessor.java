package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.config.RetortConfig;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Registers resource hints for the {@code classpath:} locations configured in
 * {@code retort.locations} when the application is processed ahead of time, so a native image
 * contains the revision files wherever they live.
 */
class RetortLocationsAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean("environment")) {
			return null;
		}
		Environment environment = beanFactory.getBean("environment", Environment.class);
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return null;
		}
		List<String> locations = Binder.get(configurable)
			.bind("retort.locations", Bindable.listOf(String.class))
			.orElse(List.of(RetortConfig.DEFAULT_LOCATION));
		List<String> patterns = resourcePatterns(locations);
		return (context, code) -> register(context.getRuntimeHints(), patterns);
	}

	static List<String> resourcePatterns(List<String> locations) {
		return locations.stream()
			.filter((location) -> location.startsWith("classpath:") || !location.contains(":"))
			.map((location) -> location.startsWith("classpath:") ? location.substring("classpath:".length())
					: location)
			.map((path) -> path.startsWith("/") ? path.substring(1) : path)
			.map((path) -> path.endsWith("/") ? path + "**" : path + "/**")
			.toList();
	}

	private static void register(RuntimeHints hints, List<String> patterns) {
		patterns.forEach((pattern) -> hints.resources().registerPattern(pattern));
	}

}
