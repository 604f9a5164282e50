package dev.retort.script;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Where SQL revision files are found: {@code classpath:db/revisions}, {@code filesystem:db/revisions},
 * or a plain path, which means {@code filesystem:}.
 *
 * @param kind class path or file system
 * @param path the path as the user wrote it, without the prefix and without a trailing slash
 */
public record ScriptLocation(Kind kind, String path) {

	private static final String CLASSPATH = "classpath:";

	private static final String FILESYSTEM = "filesystem:";

	/** The two kinds of location. */
	public enum Kind {

		/** Resources of a class loader: directories and jars. */
		CLASSPATH,

		/** A directory on disk, absolute or relative to the working directory. */
		FILESYSTEM

	}

	/**
	 * Reads a location as written in configuration.
	 * @throws RetortException ({@link ErrorCode#CONFIGURATION}) for an empty location, or one
	 * written as a Spring resource string ({@link #springResourceAdvice})
	 */
	public static ScriptLocation parse(String location) {
		String value = (location != null) ? location.trim() : "";
		Optional<String> advice = springResourceAdvice(value);
		if (advice.isPresent()) {
			throw new ScriptLocationException(value, "Script location '" + value + "' is not a folder Retort reads. "
					+ advice.get() + ".");
		}
		Kind kind = Kind.FILESYSTEM;
		if (value.startsWith(CLASSPATH)) {
			kind = Kind.CLASSPATH;
			value = value.substring(CLASSPATH.length());
		}
		else if (value.startsWith(FILESYSTEM)) {
			value = value.substring(FILESYSTEM.length());
		}
		if (kind == Kind.CLASSPATH) {
			while (value.startsWith("/")) {
				value = value.substring(1);
			}
		}
		while (value.length() > 1 && value.endsWith("/")) {
			value = value.substring(0, value.length() - 1);
		}
		if (value.isEmpty() && kind == Kind.FILESYSTEM) {
			throw new RetortException(ErrorCode.CONFIGURATION, "Script location '" + location
					+ "' names no directory. Use 'classpath:db/revisions', 'filesystem:/path/to/revisions' or a path.");
		}
		return new ScriptLocation(kind, value);
	}

	/**
	 * What to write instead of a Spring resource string, as {@code spring.sql.init} and Liquibase
	 * take them, or empty for a location of Retort's form. Read as a folder's path,
	 * {@code file:/srv/revisions} failed as "'filesystem:file:/srv/revisions' does not exist … Create
	 * it (retort init file:/srv/revisions)", and a pattern as a folder holding no revision. Where a
	 * location is configured (the starter's {@code retort.locations}, the command line's
	 * configuration layers) this is asked first, to name the property or file that set it. Reads
	 * the string only, except that a location on disk whose name holds '*' or '?' is looked up: a
	 * folder of that name that exists is not a pattern.
	 * @param location a location as written in configuration
	 * @return the advice, a sentence naming the form to write
	 */
	public static Optional<String> springResourceAdvice(String location) {
		if (location.startsWith("file:")) {
			return Optional.of("Use '" + FILESYSTEM + location.substring("file:".length()) + "': Retort's prefix for a "
					+ "folder on disk ('file:' is Spring's resource prefix, which Retort does not read)");
		}
		if (location.startsWith("classpath*:")) {
			return Optional.of("Use '" + CLASSPATH + location.substring("classpath*:".length()) + "': it reads the "
					+ "folder in every class path root that holds it (the application's classes and every jar), as "
					+ "'classpath*:' does in Spring");
		}
		int wildcard = Math.min(indexOrEnd(location, '*'), indexOrEnd(location, '?'));
		if (wildcard < location.length() && !namesExistingFolder(location)) {
			int folderEnd = location.lastIndexOf('/', wildcard);
			String folder = (folderEnd > 0) ? location.substring(0, folderEnd) : "classpath:db/revisions";
			return Optional.of("Name the folder, as '" + folder + "': a location is a folder, not a pattern, and "
					+ "Retort reads every .sql file below it, subfolders included");
		}
		return Optional.empty();
	}

	/**
	 * Whether a location on disk names a folder that exists: '*' and '?' are legal in a folder's name
	 * on Linux, and such a folder is read as the folder it is. Asked only of a location that holds one of
	 * them. A {@code classpath:} location is not looked up: its folders are read through a class loader,
	 * which the caller has not given, so one written with a wildcard is still refused.
	 */
	private static boolean namesExistingFolder(String location) {
		if (location.startsWith(CLASSPATH)) {
			return false;
		}
		String path = location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
		try {
			return Files.isDirectory(Path.of(path));
		}
		catch (InvalidPathException ex) {
			// Windows refuses '*' and '?' in a path: there, no folder holds them.
			return false;
		}
	}

	private static int indexOrEnd(String text, char character) {
		int index = text.indexOf(character);
		return (index >= 0) ? index : text.length();
	}

	/** The directory of a {@code filesystem:} location. */
	public Path directory() {
		if (this.kind != Kind.FILESYSTEM) {
			throw new IllegalStateException("'" + this + "' is not a filesystem location");
		}
		return Path.of(this.path);
	}

	/** The location as it would be written in configuration. */
	@Override
	public String toString() {
		return ((this.kind == Kind.CLASSPATH) ? CLASSPATH : FILESYSTEM) + this.path;
	}

}
