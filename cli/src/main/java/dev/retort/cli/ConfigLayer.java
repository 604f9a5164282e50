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
 */
record ConfigLayer(String name, Map<String, String> values, Map<String, RetortException> unresolved) {

	/** Every property a layer may set, as named under {@code retort.}. */
	static final List<String> KEYS = List.of("url", "user", "password", "schema", "locations", "java-packages",
			"create-schema", "version-table", "history-table", "transaction-mode", "validate-checksums", "baseline",
			"lock.enabled", "lock.wait-timeout", "ddl.lock-timeout", "ddl.retries", "ddl.statement-timeout",
			"connect-retries", "connect-retries-interval", "fail-on-multiple-heads", "file-template",
			"application-name");

	ConfigLayer {
		values = new LinkedHashMap<>(values);
		unresolved = Map.copyOf(unresolved);
	}

	ConfigLayer(String name, Map<String, String> values) {
		this(name, values, Map.of());
	}

	ConfigLayer withUnresolved(Map<String, RetortException> unresolved) {
		return new ConfigLayer(this.name, this.values, unresolved);
	}

	/** A layer of the connection settings and the other values, the credentials of the URL unpacked. */
	static ConfigLayer of(String name, String url, String urlSource, String user, String password,
			Map<String, String> others) {
		Map<String, String> values = new LinkedHashMap<>(others);
		if (url != null && !url.isBlank()) {
			DatabaseUrl parsed = DatabaseUrl.parse(url, urlSource);
			values.put("url", parsed.jdbcUrl());
			// Credentials written in the URL lose only to a user or password given as such.
			if (user == null) {
				user = parsed.user();
			}
			if (password == null) {
				password = parsed.password();
			}
		}
		if (user != null) {
			values.put("user", user);
		}
		if (password != null) {
			values.put("password", password);
		}
		return new ConfigLayer(name, values);
	}

	String get(String key) {
		return this.values.get(key);
	}

	boolean has(String key) {
		return this.values.containsKey(key);
	}

}
