package dev.retort.cli;

import java.util.Locale;

/**
 * Spring Boot's relaxed binding, the part a configuration file needs: {@code retort.versionTable},
 * {@code retort.version_table} and {@code retort.version-table} are one property, and so is the
 * environment variable {@code RETORT_VERSION_TABLE}.
 */
final class RelaxedNames {

	private RelaxedNames() {
	}

	/** The canonical form of a property name: lower-case, kebab-case, dot-separated. */
	static String canonical(String name) {
		StringBuilder canonical = new StringBuilder(name.length() + 8);
		char previous = '.';
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '_') {
				c = '-';
			}
			if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
				canonical.append('-');
			}
			canonical.append(Character.toLowerCase(c));
			previous = c;
		}
		return canonical.toString().trim();
	}

	/** The environment variable Spring Boot binds to a property: {@code RETORT_VERSION_TABLE}. */
	static String environmentVariable(String property) {
		return canonical(property).replace('.', '_').replace('-', '_').replace("[", "_").replace("]", "")
			.toUpperCase(Locale.ROOT);
	}

	/** The same variable without dashes, which Spring Boot also accepts: {@code RETORT_VERSIONTABLE}. */
	static String environmentVariableWithoutDashes(String property) {
		return canonical(property).replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

}
