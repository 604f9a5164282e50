package dev.retort.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.config.DatabaseUrl;
import dev.retort.error.RetortException;

/**
 * The Retort properties one source of configuration sets, by their names under {@code retort.}
 * ({@code url}, {@code version-table}, {@code lock.wait-timeout}…). {@link ConfigResolver}
 * stacks the layers: command-line options over the environment over the configuration file over
 * the defaults.
 *
 * @param name where the values come from, for messages ({@code --url}, {@code environment},
 * {@code application.yml})
 * @param values the values, lists comma-separated
 * @param unresolved properties whose placeholders have no value, by key: an error only when no
 * higher layer sets them (a password given with {@code --url} makes {@code ${DB_PASSWORD}} moot)
 * @param origins where this layer's {@code url}, {@code user} and {@code password} were set, by
 * key ({@code spring.datasource.password in application.yml}, {@code the user in DATABASE_URL}),
 * for the message of a refused connection; never the values
 */
record ConfigLayer(String name, Map<String, String> values, Map<String, RetortException> unresolved,
		Map<String, String> origins) {

	/** Every property a layer may set, as named under {@code retort.}. */
	static final List<String> KEYS = List.of("url", "user", "password", "schema", "locations", "java-packages",
			"create-schema", "version-table", "history-table", "transaction-mode", "validate-checksums", "baseline",
			"lock.enabled", "lock.wait-timeout", "ddl.lock-timeout", "ddl.retries", "ddl.statement-timeout",
			"connect-retries", "connect-retries-interval", "connect-timeout", "fail-on-multiple-heads", "file-template",
			"application-name");

	ConfigLayer {
		values = new LinkedHashMap<>(values);
		unresolved = Map.copyOf(unresolved);
		origins = Map.copyOf(origins);
	}

	ConfigLayer(String name, Map<String, String> values) {
		this(name, values, Map.of(), Map.of());
	}

	ConfigLayer withUnresolved(Map<String, RetortException> unresolved) {
		return new ConfigLayer(this.name, this.values, unresolved, this.origins);
	}

	/**
	 * A layer of the connection settings and the other values, the credentials of the URL
	 * unpacked; each setting with where it was set (the sources), for messages.
	 */
	static ConfigLayer of(String name, Setting url, Setting user, Setting password, Map<String, String> others) {
		Map<String, String> values = new LinkedHashMap<>(others);
		Map<String, String> origins = new LinkedHashMap<>();
		String userValue = user.value();
		String passwordValue = password.value();
		if (url.value() != null && !url.value().isBlank()) {
			DatabaseUrl parsed = DatabaseUrl.parse(url.value(), url.source());
			values.put("url", parsed.jdbcUrl());
			origins.put("url", url.source());
			// Credentials written in the URL lose only to a user or password given as such.
			if (userValue == null && parsed.user() != null) {
				userValue = parsed.user();
				origins.put("user", "the URL of " + url.source());
			}
			if (passwordValue == null && parsed.password() != null) {
				passwordValue = parsed.password();
				origins.put("password", "the URL of " + url.source());
			}
		}
		if (userValue != null) {
			values.put("user", userValue);
			origins.putIfAbsent("user", user.source());
		}
		if (passwordValue != null) {
			values.put("password", passwordValue);
			origins.putIfAbsent("password", password.source());
		}
		return new ConfigLayer(name, values, Map.of(), origins);
	}

	/**
	 * A connection setting as one layer gives it.
	 *
	 * @param value the value, or {@code null} when the layer does not set it
	 * @param source where it was set ({@code --user}, {@code environment variable RETORT_USER},
	 * {@code spring.datasource.username in application.yml}), for messages
	 */
	record Setting(String value, String source) {

		static final Setting NONE = new Setting(null, null);

	}

	String get(String key) {
		return this.values.get(key);
	}

	boolean has(String key) {
		return this.values.containsKey(key);
	}

}
