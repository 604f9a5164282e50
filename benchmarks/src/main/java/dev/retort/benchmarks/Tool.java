package dev.retort.benchmarks;

import java.util.List;
import java.util.Locale;

/** The migration tools compared; {@link #JDBC} is the floor: the same statements, no tool. */
public enum Tool {

	RETORT("Retort", "retort-core-"),

	FLYWAY("Flyway", "flyway-core-", "flyway-database-postgresql-", "jackson-"),

	LIQUIBASE("Liquibase", "liquibase-core-", "opencsv-", "snakeyaml-", "jaxb-api-", "commons-collections4-",
			"commons-text-", "commons-lang3-", "commons-io-"),

	JDBC("plain JDBC");

	/** What every measured JVM has, as an application does: the driver and its logging. */
	private static final List<String> SHARED_JARS = List.of("postgresql-", "slf4j-api-", "logback-classic-",
			"logback-core-");

	private final String displayName;

	private final List<String> jars;

	Tool(String displayName, String... jars) {
		this.displayName = displayName;
		this.jars = List.of(jars);
	}

	/**
	 * Whether a measured JVM of this tool gets the jar named {@code jarName} of the module's class
	 * path: the tool's jars and their dependencies, the driver and logging, and not the other
	 * tools', Spring Boot's or the harness's (a class not found walks every jar on the path, and
	 * an application that uses one tool does not carry the others).
	 * @param jarName a class path entry's file name
	 * @return whether to keep it
	 */
	public boolean onClassPath(String jarName) {
		if (!jarName.endsWith(".jar")) {
			return true;
		}
		if (jarName.endsWith("-tests.jar")) {
			return false;
		}
		return startsWithAny(jarName, SHARED_JARS) || startsWithAny(jarName, this.jars);
	}

	/** Whether a jar's file name starts with one of {@code prefixes}. */
	static boolean startsWithAny(String name, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	public String displayName() {
		return this.displayName;
	}

	public static Tool of(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
