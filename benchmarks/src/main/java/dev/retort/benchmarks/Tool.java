package dev.retort.benchmarks;

import java.util.Locale;

/** The migration tools compared; {@link #JDBC} is the floor: the same statements, no tool. */
public enum Tool {

	RETORT("Retort"), FLYWAY("Flyway"), LIQUIBASE("Liquibase"), JDBC("plain JDBC");

	private final String displayName;

	Tool(String displayName) {
		this.displayName = displayName;
	}

	public String displayName() {
		return this.displayName;
	}

	public static Tool of(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
