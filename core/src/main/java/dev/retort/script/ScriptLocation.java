package dev.retort.script;

import java.nio.file.Path;

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
	 * @throws RetortException ({@link ErrorCode#CONFIGURATION}) for an empty location
	 */
	public static ScriptLocation parse(String location) {
		String value = (location != null) ? location.trim() : "";
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
