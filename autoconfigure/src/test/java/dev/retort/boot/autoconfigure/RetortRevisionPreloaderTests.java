package dev.retort.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetortRevisionPreloader}: it reads {@code retort.locations} and
 * {@code retort.java-packages} from the environment without a binder, and must read what the
 * auto-configuration's binding will, or the revisions it read early are read again.
 */
class RetortRevisionPreloaderTests {

	private static final List<String> DEFAULTS = List.of("classpath:db/revisions");

	@ParameterizedTest
	@ValueSource(strings = { "retort.locations=classpath:a , filesystem:/srv/b",
			"retort.locations[0]=classpath:a|retort.locations[1]=filesystem:/srv/b",
			"env:RETORT_LOCATIONS=classpath:a,filesystem:/srv/b",
			"env:RETORT_LOCATIONS_0_=classpath:a|env:RETORT_LOCATIONS_1_=filesystem:/srv/b",
			"base=/srv|retort.locations=classpath:a,filesystem:${base}/b", "retort.locations=classpath:a",
			"retort.locations=", "unrelated=1" })
	void readsLocationsAsTheBinderBindsThem(String properties) {
		StandardEnvironment environment = environment(properties);
		assertThat(RetortRevisionPreloader.list(environment, "retort.locations", DEFAULTS)).isEqualTo(
				Binder.get(environment).bind("retort.locations", Bindable.listOf(String.class)).orElse(DEFAULTS));
	}

	@ParameterizedTest
	@ValueSource(strings = { "retort.java-packages=com.example.db", "retort.javaPackages=com.example.db,com.example.more",
			"retort.java-packages[0]=com.example.db", "env:RETORT_JAVAPACKAGES=com.example.db" })
	void readsJavaPackagesUnderTheirRelaxedNames(String properties) {
		StandardEnvironment environment = environment(properties);
		assertThat(RetortRevisionPreloader.list(environment, "retort.java-packages", List.of())).isNotEmpty()
			.isEqualTo(Binder.get(environment)
				.bind("retort.java-packages", Bindable.listOf(String.class))
				.orElse(List.of()));
	}

	/** {@code name=value} pairs split by '|', as Spring Boot prepares them: {@code env:} ones as environment variables. */
	private static StandardEnvironment environment(String properties) {
		Map<String, Object> application = new LinkedHashMap<>();
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String property : properties.split("\\|")) {
			String[] pair = property.split("=", 2);
			if (pair[0].startsWith("env:")) {
				variables.put(pair[0].substring(4), pair[1]);
			}
			else {
				application.put(pair[0], pair[1]);
			}
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						variables));
		environment.getPropertySources().addLast(new MapPropertySource("application", application));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

}
