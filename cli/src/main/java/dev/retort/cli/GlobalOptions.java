package dev.retort.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command accepts, before or after the command name
 * ({@code retort --url … upgrade} and {@code retort upgrade --url …} alike). They are the
 * highest layer of the configuration; see {@link ConfigResolver} for the others.
 */
final class GlobalOptions {

	@Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT, order = 1,
			description = { "Database to migrate, as a JDBC URL or in the DATABASE_URL form.",
					"e.g. --url jdbc:postgresql://localhost:5432/app or --url postgresql://app:secret@localhost:5432/app" })
	String url;

	@Option(names = "--user", paramLabel = "USER", scope = ScopeType.INHERIT, order = 2,
			description = { "Database user. e.g. --user app_owner" })
	String user;

	/**
	 * The value of {@code --password} given alone: asked for by {@link PasswordPrompt}, not by
	 * picocli, whose prompt goes to standard output and would end up in the results.
	 */
	static final String ASK_PASSWORD = "\u0000ask";

	@Option(names = "--password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, order = 3, arity = "0..1",
			fallbackValue = ASK_PASSWORD, description = { "Database password; without a value, asked for on the terminal.",
					"Never printed. A value here (or in --url) is visible to other users in 'ps': prefer "
							+ "RETORT_PASSWORD, ~/.pgpass (PGPASSFILE) or the prompt.",
					"e.g. --password (then type it)" })
	String password;

	@Option(names = "--schema", paramLabel = "SCHEMA", scope = ScopeType.INHERIT, order = 4,
			description = { "Schema of the version tables and search_path of migrations. e.g. --schema app" })
	String schema;

	@Option(names = "--location", paramLabel = "DIR", scope = ScopeType.INHERIT, order = 5,
			description = { "Where revision files are (repeatable); a directory, filesystem:DIR or classpath:PATH.",
					"Default: src/main/resources/db/revisions when it exists.",
					"e.g. --location db/revisions --location filesystem:/opt/app/revisions" })
	List<String> locations = new ArrayList<>();

	@Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT, order = 6,
			description = { "An application.yml or application.properties to read spring.datasource.* and retort.* from.",
					"Default: src/main/resources/application.{properties,yml} when it exists.",
					"e.g. --config src/main/resources/application.yml" })
	String config;

	@Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT, order = 7,
			description = { "Spring profile(s) of the configuration file, comma-separated; default SPRING_PROFILES_ACTIVE.",
					"e.g. --profile prod" })
	String profile;

	@Option(names = "--classpath", paramLabel = "PATH", scope = ScopeType.INHERIT, order = 8,
			description = { "Jars and directories holding Java revisions, separated by '${sys:path.separator}'.",
					"Default: target/classes (or build/classes/java/main) when Java packages are configured and it exists.",
					"e.g. --classpath target/classes" })
	String classpath;

	@Option(names = "--java-package", paramLabel = "PKG", scope = ScopeType.INHERIT, order = 9,
			description = { "Package scanned for @Revision classes (repeatable). e.g. --java-package com.example.db" })
	List<String> javaPackages = new ArrayList<>();

	@Option(names = "--format", paramLabel = "FORMAT", scope = ScopeType.INHERIT, order = 10,
			description = { "Output format: ${COMPLETION-CANDIDATES}; json prints one document on standard output.",
					"e.g. --format json" })
	OutputFormat format = OutputFormat.text;

	@Option(names = { "-q", "--quiet" }, scope = ScopeType.INHERIT, order = 11,
			description = { "Print results only: no step lines, no notes on standard error." })
	boolean quiet;

	@Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT, order = 12,
			description = { "current, history, heads and branches show each revision in full (Rev, Parent, Path, "
					+ "header), as alembic's --verbose; every command logs more (-v INFO and stack traces on errors, "
					+ "-vv DEBUG); passwords stay hidden." })
	boolean[] verbosity = new boolean[0];

	/** How many times {@code -v} was given. */
	int verbosity() {
		return this.verbosity.length;
	}

	/** Output formats of {@code --format}. */
	enum OutputFormat {

		text, json

	}

}
