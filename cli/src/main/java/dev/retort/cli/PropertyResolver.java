package dev.retort.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Reads properties of a {@link ConfigFile} with their {@code ${…}} placeholders resolved the way
 * Spring does: {@code ${DB_URL}} and {@code ${DB_URL:jdbc:postgresql://localhost/app}} from the
 * environment (exact name, then Spring's {@code SPRING_DATASOURCE_URL} form), then from other
 * properties of the file ({@code ${spring.datasource.url}}), then the default.
 */
final class PropertyResolver {

	private final Map<String, ConfigFile.Property> properties;

	private final Map<String, String> environment;

	PropertyResolver(Map<String, ConfigFile.Property> properties, Map<String, String> environment) {
		this.properties = properties;
		this.environment = environment;
	}

	/** The resolved value of a property, or {@code null} when the file does not set it. */
	String get(String name) {
		ConfigFile.Property property = this.properties.get(RelaxedNames.canonical(name));
		if (property == null) {
			refuseStructured(name);
			return null;
		}
		return value(name, property);
	}

	/**
	 * A single value given as a YAML list or mapping ({@code password: [x]}) is split into
	 * {@code password[0]} or {@code password.a}, and the property looked unset: read without it,
	 * the run would go on without a password, with no word of why.
	 */
	void refuseStructured(String name) {
		String canonical = RelaxedNames.canonical(name);
		for (Map.Entry<String, ConfigFile.Property> entry : this.properties.entrySet()) {
			String key = entry.getKey();
			if (key.startsWith(canonical + "[") || key.startsWith(canonical + ".")) {
				throw new RetortException(ErrorCode.CONFIGURATION, "'" + name + "' in " + entry.getValue().origin()
						+ " is a " + (key.startsWith(canonical + "[") ? "list" : "mapping") + " ('" + key + "'), where"
						+ " one value is expected: write it as '" + name.substring(name.lastIndexOf('.') + 1)
						+ ": VALUE' (quote it if it starts with '[', '{' or '!').");
			}
		}
	}

	private String value(String name, ConfigFile.Property property) {
		Deque<String> visiting = new ArrayDeque<>();
		visiting.push(RelaxedNames.canonical(name));
		return resolve(property.value(), name, property.origin(), visiting);
	}

	/**
	 * The resolved values of a list property: {@code key[0]}, {@code key[1]}… (a YAML list), or a
	 * comma-separated value; {@code null} when the file sets neither.
	 */
	List<String> getList(String name) {
		String single = valueOrNull(name);
		if (single != null) {
			return split(single);
		}
		List<String> values = new ArrayList<>();
		for (int i = 0; valueOrNull(name + "[" + i + "]") != null; i++) {
			values.addAll(split(valueOrNull(name + "[" + i + "]")));
		}
		return values.isEmpty() ? null : values;
	}

	/** The resolved value of a property (an item of a list too), or {@code null} when not set. */
	private String valueOrNull(String name) {
		ConfigFile.Property property = this.properties.get(RelaxedNames.canonical(name));
		return (property != null) ? value(name, property) : null;
	}

	/** The value of a property as the file writes it, placeholders unresolved; {@code null} when not set. */
	String raw(String name) {
		ConfigFile.Property property = this.properties.get(RelaxedNames.canonical(name));
		return (property != null) ? property.value() : null;
	}

	/** Where a property came from, for messages. */
	String origin(String name) {
		ConfigFile.Property property = this.properties.get(RelaxedNames.canonical(name));
		if (property == null) {
			property = this.properties.get(RelaxedNames.canonical(name + "[0]"));
		}
		return (property != null) ? property.origin() : null;
	}

	static List<String> split(String value) {
		List<String> values = new ArrayList<>();
		for (String each : value.split(",")) {
			if (!each.isBlank()) {
				values.add(each.trim());
			}
		}
		return values;
	}

	private String resolve(String value, String property, String origin, Deque<String> visiting) {
		StringBuilder resolved = new StringBuilder();
		int i = 0;
		while (i < value.length()) {
			int start = value.indexOf("${", i);
			if (start < 0) {
				resolved.append(value, i, value.length());
				break;
			}
			int end = closingBrace(value, start + 2);
			if (end < 0) {
				resolved.append(value, i, value.length());
				break;
			}
			resolved.append(value, i, start);
			resolved.append(placeholder(value.substring(start + 2, end), property, origin, visiting));
			i = end + 1;
		}
		return resolved.toString();
	}

	private String placeholder(String body, String property, String origin, Deque<String> visiting) {
		int colon = separator(body);
		String name = ((colon < 0) ? body : body.substring(0, colon)).trim();
		String fallback = (colon < 0) ? null : body.substring(colon + 1);
		String value = lookup(name, property, origin, visiting);
		if (value != null) {
			return value;
		}
		if (fallback != null) {
			return resolve(fallback, property, origin, visiting);
		}
		throw new UnresolvedPlaceholderException(
				"Could not resolve placeholder '${" + name + "}' in '" + property + "' (" + origin
						+ "): set the environment variable " + RelaxedNames.environmentVariable(name)
						+ " or give a default, as in ${" + name + ":value}.");
	}

	private String lookup(String name, String property, String origin, Deque<String> visiting) {
		String fromEnvironment = this.environment.get(name);
		if (fromEnvironment == null) {
			fromEnvironment = this.environment.get(RelaxedNames.environmentVariable(name));
		}
		if (fromEnvironment != null) {
			return fromEnvironment;
		}
		String canonical = RelaxedNames.canonical(name);
		ConfigFile.Property other = this.properties.get(canonical);
		if (other == null) {
			return null;
		}
		if (visiting.contains(canonical)) {
			throw new RetortException(ErrorCode.CONFIGURATION, "Circular placeholder reference '${" + name + "}' in '"
					+ property + "' (" + origin + "): " + String.join(" -> ", visiting) + " -> " + canonical + ".");
		}
		visiting.push(canonical);
		try {
			return resolve(other.value(), name, other.origin(), visiting);
		}
		finally {
			visiting.pop();
		}
	}

	/** A placeholder with no value and no default; a problem only if no higher layer sets the property. */
	static final class UnresolvedPlaceholderException extends RetortException {

		UnresolvedPlaceholderException(String message) {
			super(ErrorCode.CONFIGURATION, message);
		}

	}

	private static int closingBrace(String value, int from) {
		int depth = 1;
		for (int i = from; i < value.length(); i++) {
			if (value.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (value.charAt(i) == '}' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

	private static int separator(String body) {
		// The first ':' outside a nested placeholder: ${A:${B:c}} defaults to ${B:c}.
		int depth = 0;
		for (int i = 0; i < body.length(); i++) {
			if (body.startsWith("${", i)) {
				depth++;
				i++;
			}
			else if (body.charAt(i) == '}') {
				depth--;
			}
			else if (body.charAt(i) == ':' && depth == 0) {
				return i;
			}
		}
		return -1;
	}

}
