package dev.retort.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The properties of an {@code application.yml} or {@code application.properties}, read as the
 * application would: documents activated by {@code spring.config.activate.on-profile}, then
 * {@code application-{profile}.yml} (or {@code .properties}) beside the file, each overriding
 * what came before. Keys are in {@link RelaxedNames#canonical canonical} form; values are raw
 * (placeholders are resolved by {@link PropertyResolver} only for the properties Retort reads,
 * so an unrelated unresolvable placeholder never breaks a command).
 */
final class ConfigFile {

	static final String ON_PROFILE = "spring.config.activate.on-profile";

	static final String ACTIVE_PROFILES = "spring.profiles.active";

	private static final List<String> EXTENSIONS = List.of(".properties", ".yml", ".yaml");

	private final Map<String, Property> properties;

	private final List<Path> files;

	/** The profiles the documents and profile-specific files name, for a profile that names none. */
	private final Set<String> knownProfiles;

	private ConfigFile(Map<String, Property> properties, List<Path> files, Set<String> knownProfiles) {
		this.properties = properties;
		this.files = List.copyOf(files);
		this.knownProfiles = Collections.unmodifiableSet(new TreeSet<>(knownProfiles));
	}

	/**
	 * Reads {@code file} and its profile-specific siblings.
	 * @param file the configuration file
	 * @param profiles the active profiles, or {@code null} to take {@code spring.profiles.active}
	 * from the file itself
	 */
	static ConfigFile read(Path file, List<String> profiles) {
		// A pipe is read too: '--config <(vault read …)' keeps a password off the disk.
		if (!Files.exists(file) || Files.isDirectory(file)) {
			// A directory exists: "does not exist" would send the user looking for a typo.
			String what = Files.isDirectory(file) ? "is a directory, not a regular file" : "does not exist";
			throw new RetortException(ErrorCode.CONFIGURATION, "Configuration file '" + file + "' " + what
					+ "; give an application.yml or application.properties to --config.");
		}
		Map<String, Property> properties = new LinkedHashMap<>();
		List<Path> files = new ArrayList<>();
		List<Document> documents = documents(file);
		files.add(file);
		List<String> active = (profiles != null) ? profiles : activeProfiles(documents);
		apply(documents, active, properties);
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = (dot > 0) ? name.substring(0, dot) : name;
		for (String profile : active) {
			// As Spring Boot: .properties wins over .yml for the same profile.
			for (int i = EXTENSIONS.size() - 1; i >= 0; i--) {
				Path sibling = file.resolveSibling(stem + "-" + profile + EXTENSIONS.get(i));
				if (Files.isRegularFile(sibling)) {
					apply(documents(sibling), active, properties);
					files.add(sibling);
				}
			}
		}
		return new ConfigFile(properties, files, knownProfiles(file, stem, documents));
	}

	/** The profiles named by {@code on-profile} expressions and by {@code application-{profile}.*} files beside {@code file}. */
	private static Set<String> knownProfiles(Path file, String stem, List<Document> documents) {
		Set<String> known = new TreeSet<>();
		for (Document document : documents) {
			Property onProfile = document.values().get(ON_PROFILE);
			if (onProfile != null) {
				for (String word : onProfile.value().split("[\\s,|&!()]+")) {
					if (!word.isEmpty()) {
						known.add(word);
					}
				}
			}
		}
		Path directory = file.toAbsolutePath().getParent();
		try (Stream<Path> siblings = (directory != null) ? Files.list(directory) : Stream.empty()) {
			siblings.map((sibling) -> sibling.getFileName().toString())
				.filter((name) -> name.startsWith(stem + "-"))
				.forEach((name) -> EXTENSIONS.stream()
					.filter(name::endsWith)
					.findFirst()
					.ifPresent((extension) -> known.add(name.substring(stem.length() + 1, name.length() - extension.length()))));
		}
		catch (IOException | UncheckedIOException ex) {
			// Only for a note: a directory that cannot be listed names no profile.
		}
		return known;
	}

	/** The profiles this configuration names anywhere, sorted: those a {@code --profile} can select. */
	Set<String> knownProfiles() {
		return this.knownProfiles;
	}

	/** The application's configuration files in a project, {@code .properties} winning over YAML. */
	static List<Path> projectFiles(Path resources) {
		List<Path> found = new ArrayList<>();
		for (String extension : EXTENSIONS) {
			Path candidate = resources.resolve("application" + extension);
			if (Files.isRegularFile(candidate)) {
				found.add(candidate);
			}
		}
		return found;
	}

	/** Merges several files; later ones are overridden by earlier ones. */
	static ConfigFile merge(List<ConfigFile> filesByPrecedence) {
		Map<String, Property> merged = new LinkedHashMap<>();
		List<Path> files = new ArrayList<>();
		for (int i = filesByPrecedence.size() - 1; i >= 0; i--) {
			merged.putAll(filesByPrecedence.get(i).properties);
		}
		filesByPrecedence.forEach((each) -> files.addAll(each.files));
		Set<String> known = new TreeSet<>();
		filesByPrecedence.forEach((each) -> known.addAll(each.knownProfiles));
		return new ConfigFile(merged, files, known);
	}

	/** Every property, by canonical name. */
	Map<String, Property> properties() {
		return this.properties;
	}

	/** The files read, for messages. */
	List<Path> files() {
		return this.files;
	}

	private static List<String> activeProfiles(List<Document> documents) {
		String active = null;
		for (Document document : documents) {
			if (!document.values().containsKey(ON_PROFILE) && document.values().containsKey(ACTIVE_PROFILES)) {
				active = document.values().get(ACTIVE_PROFILES).value();
			}
		}
		return Profiles.split(active);
	}

	private static void apply(List<Document> documents, List<String> active, Map<String, Property> properties) {
		for (Document document : documents) {
			Property onProfile = document.values().get(ON_PROFILE);
			if (onProfile == null || Profiles.matches(onProfile.value(), active)) {
				properties.putAll(document.values());
			}
		}
	}

	private static List<Document> documents(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new RetortException(ErrorCode.CONFIGURATION,
					"Could not read configuration file '" + file + "': " + ex.getMessage(), ex);
		}
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".yml") || name.endsWith(".yaml")) {
			return yamlDocuments(file, text);
		}
		if (name.endsWith(".properties") || !isYamlMappings(text)) {
			return propertiesDocuments(file, text);
		}
		return yamlDocuments(file, text);
	}

	/** The name a value's origin gives: a pipe's whole path, as its file name alone ("63") says nothing. */
	private static String originName(Path file) {
		return Files.isRegularFile(file) ? file.getFileName().toString() : file.toString();
	}

	/**
	 * Whether a file whose name does not tell its format ({@code /dev/fd/63} of {@code --config <(…)})
	 * is YAML: it loads as mappings. Lines of {@code key=value} load as one YAML string instead; flat
	 * {@code key: value} lines load either way, and YAML reads their quotes as Spring Boot would.
	 */
	private static boolean isYamlMappings(String text) {
		try {
			boolean mappings = false;
			for (Object document : yaml().loadAll(text)) {
				if (document != null && !(document instanceof Map)) {
					return false;
				}
				mappings |= document != null;
			}
			return mappings;
		}
		catch (DuplicateKeyException ex) {
			// Mappings, one of which sets a key twice: reading it as YAML says so.
			return true;
		}
		catch (YAMLException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static List<Document> yamlDocuments(Path file, String text) {
		List<Document> documents = new ArrayList<>();
		try {
			Yaml yaml = yaml();
			int index = 0;
			for (Object document : yaml.loadAll(text)) {
				index++;
				Map<String, Property> values = new LinkedHashMap<>();
				flatten("", document, originName(file) + ((index > 1) ? " (document " + index + ")" : ""),
						values);
				documents.add(new Document(withProfileInOrigin(values)));
			}
		}
		catch (DuplicateKeyException ex) {
			// As Spring Boot, which refuses such a file: which value was meant is anyone's guess.
			throw new RetortException(ErrorCode.CONFIGURATION, "Configuration file '" + file + "' sets "
					+ duplicateKey(ex) + " twice in one mapping (line " + (ex.getProblemMark().getLine() + 1)
					+ "): Spring Boot refuses such a file too. Keep one of them.", ex);
		}
		catch (YAMLException ex) {
			throw new RetortException(ErrorCode.CONFIGURATION,
					"Configuration file '" + file + "' is not valid YAML: "
							+ Secrets.scrubConfigText(ex.getMessage()), ex);
		}
		catch (IllegalArgumentException ex) {
			// A '!!binary' value that is no base64 ("Illegal base64 character 2d"): the value is not quoted.
			throw new RetortException(ErrorCode.CONFIGURATION, "Configuration file '" + file + "' is not valid YAML:"
					+ " a '!!binary' value is not base64 (" + ex.getMessage() + "). Write the value as text, without"
					+ " the '!!binary' tag.", ex);
		}
		return documents;
	}

	/** Duplicate keys are an error, not SnakeYAML's warning on the console. */
	/**
	 * SnakeYAML as Spring Boot sets it up to read configuration: a key set twice is refused, and a
	 * value that looks like a date stays its text ({@code password: 2024-01-01} is not a
	 * {@code Date} printed as "Mon Jan 01 …").
	 */
	private static Yaml yaml() {
		LoaderOptions options = loaderOptions();
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new NoTimestamps());
	}

	/** Spring Boot's {@code OriginTrackedYamlLoader} leaves timestamps out the same way. */
	private static final class NoTimestamps extends Resolver {

		@Override
		public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
			if (!Tag.TIMESTAMP.equals(tag)) {
				super.addImplicitResolver(tag, regexp, first, limit);
			}
		}

	}

	private static LoaderOptions loaderOptions() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return options;
	}

	/** The key SnakeYAML names in its problem ("found duplicate key username"), quoted. */
	private static String duplicateKey(DuplicateKeyException ex) {
		String problem = String.valueOf(ex.getProblem());
		String prefix = "found duplicate key ";
		return problem.startsWith(prefix) ? "'" + problem.substring(prefix.length()) + "'" : "a key";
	}

	private static void flatten(String prefix, Object value, String origin, Map<String, Property> into) {
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				flatten(prefix.isEmpty() ? key : prefix + "." + key, entry.getValue(), origin, into);
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), origin, into);
			}
		}
		else if (value instanceof byte[] && !prefix.isEmpty()) {
			// SafeConstructor decodes '!!binary' to bytes, which would be read as '[B@1b2c3d'.
			throw new RetortException(ErrorCode.CONFIGURATION, "'" + prefix + "' in " + origin + " is tagged '!!binary':"
					+ " Retort reads text, as Spring Boot does. Write the value as text, without the tag.");
		}
		else if (!prefix.isEmpty()) {
			into.put(RelaxedNames.canonical(prefix), new Property((value != null) ? String.valueOf(value) : "", origin));
		}
	}

	private static List<Document> propertiesDocuments(Path file, String text) {
		List<Document> documents = new ArrayList<>();
		// Spring Boot splits a .properties file into documents at '#---' or '!---' lines.
		List<StringBuilder> parts = new ArrayList<>();
		parts.add(new StringBuilder());
		for (String line : text.split("\\R", -1)) {
			if (line.equals("#---") || line.equals("!---")) {
				parts.add(new StringBuilder());
			}
			else {
				parts.get(parts.size() - 1).append(line).append('\n');
			}
		}
		int index = 0;
		for (StringBuilder part : parts) {
			index++;
			Properties loaded = new Properties();
			try (Reader reader = new StringReader(part.toString())) {
				loaded.load(reader);
			}
			catch (IOException | IllegalArgumentException ex) {
				throw new RetortException(ErrorCode.CONFIGURATION,
						"Configuration file '" + file + "' is not a valid properties file: " + ex.getMessage(), ex);
			}
			String origin = originName(file) + ((index > 1) ? " (document " + index + ")" : "");
			Map<String, Property> values = new LinkedHashMap<>();
			for (String key : loaded.stringPropertyNames()) {
				values.put(RelaxedNames.canonical(key), new Property(loaded.getProperty(key), origin));
			}
			documents.add(new Document(withProfileInOrigin(values)));
		}
		return documents;
	}

	/**
	 * The values of a document activated by a profile, their origin naming it
	 * ({@code application.yml (document 2, on-profile prod)}): a value that only the profile
	 * sets, such as the URL of a refused connection, is traced to the profile that chose it.
	 */
	private static Map<String, Property> withProfileInOrigin(Map<String, Property> values) {
		Property onProfile = values.get(ON_PROFILE);
		if (onProfile == null) {
			return values;
		}
		Map<String, Property> described = new LinkedHashMap<>();
		values.forEach((key, property) -> {
			String origin = property.origin();
			String profile = "on-profile " + onProfile.value();
			described.put(key, new Property(property.value(), origin.endsWith(")")
					? origin.substring(0, origin.length() - 1) + ", " + profile + ")" : origin + " (" + profile + ")"));
		});
		return described;
	}

	/**
	 * One property value and the file it came from.
	 *
	 * @param value the raw value
	 * @param origin the file (and document) name
	 */
	record Property(String value, String origin) {
	}

	private record Document(Map<String, Property> values) {
	}

}
