package dev.retort.boot.autoconfigure;

import dev.retort.config.RetortConfig;

/**
 * Callback interface that can be implemented by beans wishing to customize the
 * {@link RetortConfig} of the auto-configured {@code Retort} after the properties were applied.
 * Customizers run in {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface RetortConfigurationCustomizer {

	/**
	 * Customizes the configuration.
	 * @param builder the builder, already holding the values of the {@code retort.*} properties
	 */
	void customize(RetortConfig.Builder<?> builder);

}
