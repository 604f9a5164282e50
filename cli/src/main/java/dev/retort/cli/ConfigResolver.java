package dev.retort.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.script.ScriptLocation;

/**
 * Builds the {@link RetortConfig} of a run from, highest first:
 * <ol>
 * <li>command-line options ({@code --url}, {@code --location}…);</li>
 * <li>the environment: {@code RETORT_*} ({@code RETORT_URL}, {@code RETORT_SCHEMA},
 * {@code RETORT_VERSION_TABLE}…), then {@code SPRING_DATASOURCE_URL}/{@code _USERNAME}/{@code _PASSWORD},
 * then {@code DATABASE_URL};</li>
 * <li>the configuration file ({@code --config}, else the project's
 * {@code src/main/resources/application.{properties,yml}}), read for {@code retort.*} and
 * {@code spring.datasource.*} with profiles and placeholders;</li>
 * <li>the defaults: in a project, the locations are {@code src/main/resources/db/revisions}.</li>
 * </ol>
 * Inside an application ({@link CliEnvironment#base()}) the application's configuration takes
 * the place of the environment, file and defaults; only options (and an explicit
 * {@code --config}) override it.
 */
final class ConfigResolver {

	static final String PROJECT_RESOURCES = "src/main/resources";

	static final String PROJECT_REVISIONS = "src/main/resources/db/revisions";

	/** The settings only a connection reads. */
	private static final List<String> CONNECTION_KEYS = List.of("url", "user", "password");

	private static final String ENVIRONMENT_LAYER = "environment";

	private static final String OPTIONS_LAYER = "command line";

	/** A value that is one placeholder without a default ({@code ${DB_PASSWORD}}): a name, no secret. */
	private static final Pattern LONE_PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.\\-\\[\\]]+}");

	/** Where Maven and Gradle put a project's compiled classes: the default --classpath. */
	static final List<String> PROJECT_CLASSES = List.of("target/classes", "build/classes/java/main");

	private final CliEnvironment environment;

	private final Secrets secrets;

	private ConnectionSources connectionSources;

	private String profileNote;

	/** The bound on opening a connection, from the highest layer that sets it ({@link #apply}). */
	private ConnectTimeout connectTimeout = ConnectTimeout.DEFAULT;

	ConfigResolver(CliEnvironment environment, Secrets secrets) {
		this.environment = environment;
		this.secrets = secrets;
	}

	/** The configuration the options ask for, every password registered with the scrubber first. */
	RetortConfig resolve(GlobalOptions options) {
		return resolve(options, true);
	}

	/**
	 * As {@link #resolve(GlobalOptions)}; a command that never connects ({@code revision},
	 * {@code history}, {@code lint}…) runs without the connection settings a placeholder leaves
	 * unset, so writing and checking revisions needs no {@code ${DB_PASSWORD}}.
	 */
	RetortConfig resolve(GlobalOptions options, boolean connects) {
		List<ConfigLayer> layers = layers(options);
		layers.forEach((layer) -> this.secrets.add(layer.get("password")));
		requireResolved(layers, connects);
		this.connectionSources = connectionSources(layers);
		RetortConfig.Builder<RetortConfig> builder;
		if (this.environment.embedded()) {
			this.secrets.add(this.environment.base().password());
			builder = this.environment.base().toBuilder();
		}
		else {
			builder = RetortConfig.builder();
		}
		for (ConfigLayer layer : layers) {
			apply(layer, builder);
		}
		if (options.classpath != null && !options.classpath.isBlank()) {
			builder.classLoader(classLoader(options.classpath));
		}
		return builder.build();
	}

	/** {@code retort.connect-timeout} of the last {@link #resolve}: the highest layer's, else the default. */
	ConnectTimeout connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Where the connection of the last {@link #resolve} was set, or {@code null} when no layer
	 * sets its URL (no database, or an application's own {@code DataSource}, which describes
	 * itself).
	 */
	ConnectionSources connectionSources() {
		return this.connectionSources;
	}

	/** Each connection setting from the highest layer that sets it, as {@link #apply} takes them. */
	private static ConnectionSources connectionSources(List<ConfigLayer> layers) {
		String[] sources = new String[CONNECTION_KEYS.size()];
		ConfigLayer urlLayer = null;
		for (ConfigLayer layer : layers) {
			for (int i = 0; i < sources.length; i++) {
				if (layer.has(CONNECTION_KEYS.get(i))) {
					sources[i] = layer.origins().get(CONNECTION_KEYS.get(i));
				}
			}
			if (layer.has(CONNECTION_KEYS.get(0))) {
				urlLayer = layer;
			}
		}
		boolean fromFile = urlLayer != null && !ENVIRONMENT_LAYER.equals(urlLayer.name())
				&& !OPTIONS_LAYER.equals(urlLayer.name());
		return (sources[0] != null) ? new ConnectionSources(sources[0], sources[1], sources[2], fromFile) : null;
	}

	/**
	 * The project's compiled classes (Maven's, else Gradle's), or {@code null}; never inside an
	 * application. Read for the Java packages when no --classpath is given (RetortCommand).
	 */
	static Path projectClasses(CliEnvironment environment) {
		if (environment.embedded()) {
			return null;
		}
		for (String each : PROJECT_CLASSES) {
			Path candidate = environment.workingDirectory().resolve(each);
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/** The layers, lowest precedence first. */
	List<ConfigLayer> layers(GlobalOptions options) {
		List<ConfigLayer> layers = new ArrayList<>();
		if (!this.environment.embedded()) {
			projectDefaults().ifPresent(layers::add);
		}
		ConfigFile file = configFile(options);
		if (file != null) {
			layers.add(fileLayer(file));
		}
		if (!this.environment.embedded()) {
			layers.add(environmentLayer());
		}
		layers.add(optionsLayer(options));
		return layers;
	}

	private static void requireResolved(List<ConfigLayer> layers, boolean connects) {
		for (int i = 0; i < layers.size(); i++) {
			for (Map.Entry<String, RetortException> entry : layers.get(i).unresolved().entrySet()) {
				if (!connects && CONNECTION_KEYS.contains(entry.getKey())) {
					continue;
				}
				boolean overridden = layers.subList(i + 1, layers.size()).stream()
					.anyMatch((higher) -> higher.has(entry.getKey()));
				if (!overridden) {
					throw entry.getValue();
				}
			}
		}
	}

	private Optional<ConfigLayer> projectDefaults() {
		Path revisions = this.environment.workingDirectory().resolve(PROJECT_REVISIONS);
		if (Files.isDirectory(revisions)) {
			return Optional.of(new ConfigLayer("project", Map.of("locations", "filesystem:" + revisions)));
		}
		return Optional.empty();
	}

	private ConfigFile configFile(GlobalOptions options) {
		List<String> profiles = (options.profile != null) ? Profiles.split(options.profile) : null;
		if (profiles == null && !this.environment.embedded()) {
			String fromEnvironment = this.environment.variables().get("SPRING_PROFILES_ACTIVE");
			profiles = (fromEnvironment != null) ? Profiles.split(fromEnvironment) : null;
		}
		ConfigFile file;
		if (options.config != null) {
			file = ConfigFile.read(this.environment.workingDirectory().resolve(options.config), profiles);
		}
		else if (this.environment.embedded()) {
			return null;
		}
		else {
			List<ConfigFile> files = new ArrayList<>();
			for (Path each : ConfigFile.projectFiles(this.environment.workingDirectory().resolve(PROJECT_RESOURCES))) {
				files.add(ConfigFile.read(each, profiles));
			}
			file = files.isEmpty() ? null : ConfigFile.merge(files);
		}
		if (file != null && profiles != null) {
			this.profileNote = profileNote(file, profiles, (options.profile != null) ? "--profile" : "SPRING_PROFILES_ACTIVE");
		}
		return file;
	}

	/**
	 * Why a profile asked for selects nothing, or {@code null}: 'prd' for 'prod' would read the
	 * default documents, another database, and say nothing. Not an error, as profiles may also
	 * choose an application's beans; the command line says it before it connects.
	 */
	private static String profileNote(ConfigFile file, List<String> profiles, String given) {
		List<String> unknown = profiles.stream().filter((profile) -> !file.knownProfiles().contains(profile)).toList();
		if (unknown.isEmpty()) {
			return null;
		}
		String names = file.files().stream().map((each) -> each.getFileName().toString()).collect(Collectors.joining(", "));
		String known = file.knownProfiles().isEmpty() ? "no profile is named there"
				: "profiles named there: " + String.join(", ", file.knownProfiles());
		return "Profile " + unknown.stream().map((each) -> "'" + each + "'").collect(Collectors.joining(", ")) + " ("
				+ given + ") selects nothing in " + names + ": no document is activated by it (spring.config.activate"
				+ ".on-profile) and no application-" + unknown.get(0) + ".yml or .properties exists, so the settings"
				+ " are those without it; " + known + ".";
	}

	/** What {@link #resolve} found wrong with the profiles asked for, or {@code null}. */
	String profileNote() {
		return this.profileNote;
	}

	private ConfigLayer fileLayer(ConfigFile file) {
		Map<String, String> variables = this.environment.embedded() ? Map.of() : this.environment.variables();
		PropertyResolver properties = new PropertyResolver(file.properties(), variables);
		String name = file.files().stream().map((each) -> each.getFileName().toString())
			.collect(Collectors.joining(", "));
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, RetortException> unresolved = new LinkedHashMap<>();
		for (String key : ConfigLayer.KEYS) {
			if (key.equals("url") || key.equals("user") || key.equals("password")) {
				continue;
			}
			List<String> list = attempt(key, () -> properties.getList("retort." + key), unresolved);
			if (list != null) {
				values.put(key, String.join(",", list));
			}
		}
		if (values.containsKey("locations")) {
			List<Path> roots = new ArrayList<>();
			file.files().forEach((each) -> roots.add(each.toAbsolutePath().getParent()));
			roots.add(this.environment.workingDirectory().resolve(PROJECT_RESOURCES));
			values.put("locations", locations(values.get("locations"), roots,
					"retort.locations in " + properties.origin("retort.locations")));
		}
		for (String key : List.of("retort.url", "spring.datasource.url", "retort.user", "spring.datasource.username",
				"retort.password", "spring.datasource.password")) {
			// Either name, set as a list or mapping, would otherwise be passed over for the other, or for none.
			properties.refuseStructured(key);
		}
		String urlKey = chosen(properties, "retort.url", "spring.datasource.url");
		String url = attempt("url", () -> properties.get(urlKey), unresolved);
		String userKey = chosen(properties, "retort.user", "spring.datasource.username");
		String user = attempt("user", () -> properties.get(userKey), unresolved);
		String passwordKey = chosen(properties, "retort.password", "spring.datasource.password");
		String password = attempt("password", () -> properties.get(passwordKey), unresolved);
		return ConfigLayer.of(name, new ConfigLayer.Setting(url, source(properties, urlKey)),
				new ConfigLayer.Setting(user, source(properties, userKey)),
				new ConfigLayer.Setting(password, source(properties, passwordKey)), values)
			.withUnresolved(unresolved);
	}

	/**
	 * Where a connection setting of the file was set: the property, the file and document
	 * ({@code spring.datasource.password in application.yml (document 2, on-profile prod)}), and
	 * the placeholder it names when the value is one alone ({@code ${DB_PASSWORD}}), which holds
	 * no secret; a value written in the file is never shown.
	 */
	private static String source(PropertyResolver properties, String key) {
		String source = key + " in " + properties.origin(key);
		String raw = properties.raw(key);
		return (raw != null && LONE_PLACEHOLDER.matcher(raw.strip()).matches()) ? source + ", as " + raw.strip() : source;
	}

	/** As the starter: {@code retort.user} when set, else {@code spring.datasource.username}; only the one used is resolved. */
	private static String chosen(PropertyResolver properties, String retort, String spring) {
		return (properties.origin(retort) != null) ? retort : spring;
	}

	private static <T> T attempt(String key, Supplier<T> read, Map<String, RetortException> unresolved) {
		try {
			return read.get();
		}
		catch (PropertyResolver.UnresolvedPlaceholderException ex) {
			unresolved.put(key, ex);
			return null;
		}
	}

	private ConfigLayer environmentLayer() {
		Map<String, String> variables = this.environment.variables();
		Map<String, String> values = new LinkedHashMap<>();
		for (String key : ConfigLayer.KEYS) {
			String value = variable(variables, "retort." + key);
			if (value != null && !key.equals("url") && !key.equals("user") && !key.equals("password")) {
				values.put(key, value);
			}
		}
		if (values.containsKey("locations")) {
			values.put("locations", locations(values.get("locations"), List.of(),
					"environment variable " + RelaxedNames.environmentVariable("retort.locations")));
		}
		ConfigLayer.Setting url = ConfigLayer.Setting.NONE;
		for (String name : List.of("RETORT_URL", "SPRING_DATASOURCE_URL", "DATABASE_URL")) {
			if (url.value() == null && notBlank(variables.get(name))) {
				url = new ConfigLayer.Setting(variables.get(name), "environment variable " + name);
			}
		}
		ConfigLayer.Setting user = first(variables, "retort.user", "SPRING_DATASOURCE_USERNAME");
		ConfigLayer.Setting password = first(variables, "retort.password", "SPRING_DATASOURCE_PASSWORD");
		return ConfigLayer.of(ENVIRONMENT_LAYER, url, user, password, values);
	}

	/** {@code RETORT_*} for {@code property}, else the Spring Boot variable, with the name of the one set. */
	private static ConfigLayer.Setting first(Map<String, String> variables, String property, String spring) {
		for (String name : List.of(RelaxedNames.environmentVariable(property),
				RelaxedNames.environmentVariableWithoutDashes(property), spring)) {
			if (variables.get(name) != null) {
				return new ConfigLayer.Setting(variables.get(name), "environment variable " + name);
			}
		}
		return ConfigLayer.Setting.NONE;
	}

	private ConfigLayer optionsLayer(GlobalOptions options) {
		Map<String, String> values = new LinkedHashMap<>();
		if (options.schema != null) {
			values.put("schema", options.schema);
		}
		if (!options.locations.isEmpty()) {
			values.put("locations", locations(String.join(",", options.locations), List.of(), "--location"));
		}
		if (!options.javaPackages.isEmpty()) {
			values.put("java-packages", String.join(",", options.javaPackages));
		}
		return ConfigLayer.of(OPTIONS_LAYER, new ConfigLayer.Setting(options.url, "--url"),
				new ConfigLayer.Setting(options.user, "--user"),
				new ConfigLayer.Setting(options.password, "--password"),
				values);
	}

	/**
	 * Locations as the core reads them: relative directories made absolute against the working
	 * directory (the JVM cannot change its own), and {@code classpath:} locations that exist in a
	 * project's sources read from there, since the CLI does not run on the application's class
	 * path. A Spring resource string is refused here, naming {@code source}, before it is mapped
	 * to a directory of that name (core refuses it too, but knows no source).
	 */
	private String locations(String value, List<Path> resourceRoots, String source) {
		List<String> mapped = new ArrayList<>();
		for (String location : PropertyResolver.split(value)) {
			ScriptLocation.springResourceAdvice(location).ifPresent((advice) -> {
				throw new RetortException(ErrorCode.CONFIGURATION,
						"Invalid location '" + location + "' (" + source + "): " + advice + ".");
			});
			mapped.add(location(location, resourceRoots));
		}
		return String.join(",", mapped);
	}

	private String location(String location, List<Path> resourceRoots) {
		if (location.startsWith("classpath:")) {
			if (this.environment.embedded()) {
				return location;
			}
			String path = location.substring("classpath:".length()).replaceFirst("^/+", "");
			for (Path root : resourceRoots) {
				Path candidate = root.resolve(path);
				if (Files.isDirectory(candidate)) {
					return "filesystem:" + candidate.normalize();
				}
			}
			return location;
		}
		String path = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
		return "filesystem:" + this.environment.workingDirectory().resolve(path).normalize();
	}

	private void apply(ConfigLayer layer, RetortConfig.Builder<RetortConfig> builder) {
		for (Map.Entry<String, String> entry : layer.values().entrySet()) {
			String key = entry.getKey();
			String value = entry.getValue().trim();
			Values values = new Values(key, value, layer.name());
			switch (key) {
				case "url" -> builder.url(value).dataSource(null);
				case "user" -> builder.user(value);
				case "password" -> builder.password(entry.getValue());
				case "schema" -> builder.schema(value.isEmpty() ? null : value);
				case "locations" -> builder.locations(PropertyResolver.split(value));
				case "java-packages" -> builder.javaPackages(PropertyResolver.split(value));
				case "create-schema" -> builder.createSchema(values.bool());
				case "version-table" -> builder.versionTable(value);
				case "history-table" -> builder.historyTable(value);
				case "transaction-mode" -> builder.transactionMode(values.transactionMode());
				case "validate-checksums" -> builder.validateChecksums(values.bool());
				case "baseline" -> builder.baseline(value.isEmpty() ? null : value);
				case "lock.enabled" -> builder.lockEnabled(values.bool());
				case "lock.wait-timeout" -> builder.lockWaitTimeout(values.duration());
				case "ddl.lock-timeout" -> builder.ddlLockTimeout(values.duration());
				case "ddl.retries" -> builder.ddlRetries(values.integer());
				case "ddl.statement-timeout" -> builder.ddlStatementTimeout(value.isEmpty() ? null : values.duration());
				case "connect-retries" -> builder.connectRetries(values.integer());
				case "connect-retries-interval" -> builder.connectRetriesInterval(values.duration());
				case "connect-timeout" -> this.connectTimeout = new ConnectTimeout(values.nonNegativeDuration(),
						ENVIRONMENT_LAYER.equals(layer.name())
								? "from environment variable " + environmentVariable("retort.connect-timeout")
								: "from " + layer.name());
				case "fail-on-multiple-heads" -> builder.failOnMultipleHeads(values.bool());
				case "file-template" -> builder.fileTemplate(value);
				case "application-name" -> builder.applicationName(value);
				default -> throw new IllegalStateException("Unknown key " + key);
			}
		}
	}

	static ClassLoader classLoader(String classpath) {
		List<URL> urls = new ArrayList<>();
		for (String entry : classpath.split(File.pathSeparator)) {
			if (entry.isBlank()) {
				continue;
			}
			Path path = Path.of(entry);
			if (!Files.exists(path)) {
				throw new RetortException(ErrorCode.CONFIGURATION, "Class path entry '" + entry
						+ "' (--classpath) does not exist; give jars and directories separated by '"
						+ File.pathSeparator + "'.");
			}
			try {
				urls.add(path.toAbsolutePath().toUri().toURL());
			}
			catch (MalformedURLException ex) {
				throw new RetortException(ErrorCode.CONFIGURATION,
						"Class path entry '" + entry + "' (--classpath) is not a valid path: " + ex.getMessage(), ex);
			}
		}
		return new URLClassLoader("retort-classpath", urls.toArray(URL[]::new), ConfigResolver.class.getClassLoader());
	}

	/** Which of the names of {@code property} the environment sets. */
	private String environmentVariable(String property) {
		String name = RelaxedNames.environmentVariable(property);
		return this.environment.variables().containsKey(name) ? name
				: RelaxedNames.environmentVariableWithoutDashes(property);
	}

	private static String variable(Map<String, String> variables, String property) {
		String value = variables.get(RelaxedNames.environmentVariable(property));
		return (value != null) ? value : variables.get(RelaxedNames.environmentVariableWithoutDashes(property));
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

	/** Typed reading of one value, failing with the property and where it was set. */
	private record Values(String key, String value, String layer) {

		boolean bool() {
			return switch (this.value.toLowerCase(Locale.ROOT)) {
				case "true", "yes", "on" -> true;
				case "false", "no", "off" -> false;
				default -> throw invalid("true or false");
			};
		}

		int integer() {
			try {
				return Integer.parseInt(this.value);
			}
			catch (NumberFormatException ex) {
				throw invalid("a whole number");
			}
		}

		TransactionMode transactionMode() {
			String normalized = this.value.toUpperCase(Locale.ROOT).replace('-', '_');
			for (TransactionMode mode : TransactionMode.values()) {
				if (mode.name().equals(normalized)) {
					return mode;
				}
			}
			throw invalid("per-revision or all");
		}

		Duration duration() {
			Duration duration = Durations.parse(this.value);
			if (duration == null) {
				throw invalid("a duration such as 500ms, 5s, 10m, 1h or PT10M");
			}
			return duration;
		}

		Duration nonNegativeDuration() {
			Duration duration = Durations.parse(this.value);
			if (duration == null || duration.isNegative()) {
				throw invalid("a duration such as 30s, 2m or PT2M, or 0 for no bound");
			}
			return duration;
		}

		private RetortException invalid(String expected) {
			return new RetortException(ErrorCode.CONFIGURATION, "Invalid value '" + this.value + "' for 'retort."
					+ this.key + "' (" + this.layer + "): expected " + expected + ".");
		}

	}

}
