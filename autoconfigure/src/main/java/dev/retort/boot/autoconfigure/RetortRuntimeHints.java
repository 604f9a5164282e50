package dev.retort.boot.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image find the revision files of the default location; other
 * {@code classpath:} locations are registered by {@link RetortLocationsAotProcessor}.
 */
class RetortRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern("db/revisions/**");
	}

}
