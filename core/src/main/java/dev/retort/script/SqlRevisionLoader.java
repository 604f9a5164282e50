package dev.retort.script;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code *.sql} files of the script locations (subdirectories included, file names
 * meaning nothing) and reads each with {@link SqlRevisionParser}, in a deterministic order:
 * locations in the order given, files sorted by their path within a location.
 *
 * <p>A missing {@code filesystem:} location is an error: a typo there would otherwise hide every
 * revision. A missing {@code classpath:} location is an application with no revisions yet, so it
 * yields none.
 */
final class SqlRevisionLoader {

	/** Deeper than any real layout: only a symbolic link loop gets there. */
	private static final int MAX_DEPTH = 64;

	private static final Logger logger = LoggerFactory.getLogger(SqlRevisionLoader.class);

	private SqlRevisionLoader() {
	}

	/**
	 * Reads every revision file of {@code locations}.
	 * @param problems receives the problems of the files (bad headers); a location that cannot
	 * be read throws instead
	 */
	static List<RevisionScript> load(List<ScriptLocation> locations, ClassLoader classLoader, List<String> problems) {
		List<RevisionScript> scripts = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (ScriptLocation location : locations) {
			List<SourceFile> files = (location.kind() == ScriptLocation.Kind.FILESYSTEM) ? filesystem(location)
					: classpath(location, classLoader);
			if (files.isEmpty()) {
				// Not an error (a new application has no revisions), but a misspelt location looks the same.
				logger.info("Script location '{}' holds no revision files (*.sql)", location);
			}
			for (SourceFile file : files) {
				// Overlapping locations reach one file twice; it is one revision, not a duplicate.
				if (!seen.add(file.uri())) {
					continue;
				}
				String text = decode(file, problems);
				if (text == null) {
					continue;
				}
				SqlRevisionParser.Result result = SqlRevisionParser.readDeferringSplit(file.source(), text);
				problems.addAll(result.problems());
				if (result.script() != null) {
					scripts.add(result.script());
				}
			}
		}
		return scripts;
	}

	private static List<SourceFile> filesystem(ScriptLocation location) {
		Path directory = location.directory();
		if (!Files.exists(directory)) {
			throw new ScriptLocationException(location.toString(), "Script location '" + location
					+ "' does not exist (looked for " + directory.toAbsolutePath().normalize()
					+ "). Create it (retort init " + location.path() + ") or fix the configured locations.");
		}
		if (!Files.isDirectory(directory)) {
			throw new ScriptLocationException(location.toString(), "Script location '" + location + "' is not a directory ("
					+ directory.toAbsolutePath().normalize() + "). Point the location at the directory holding the revision files.");
		}
		List<SourceFile> files = new ArrayList<>();
		// Same identity as ClassPathScanner gives a class path directory's files, so a file reached
		// both ways loads once.
		File root = directory.toAbsolutePath().normalize().toFile();
		// One buffer for every file of the location: most files fit, and are then copied once.
		collect(location, root, "", 0, files, new byte[][] { new byte[16 * 1024] });
		files.sort(Comparator.comparing(SourceFile::relativePath));
		return files;
	}

	/**
	 * The revision files under {@code directory}, read. Plain {@code java.io}: every start lists
	 * and reads every file, and this is the leanest way there in a JVM that has just started.
	 * Symbolic links are followed (a Kubernetes ConfigMap mounts its files as links); names
	 * starting with a dot are skipped: editors' lock and backup files, and the ConfigMap's own
	 * {@code ..data} directory, which would list every file twice.
	 */
	private static void collect(ScriptLocation location, File directory, String prefix, int depth,
			List<SourceFile> files, byte[][] buffer) {
		if (depth > MAX_DEPTH) {
			throw new ScriptLocationException(location.toString(), "Script location '" + location + "' nests directories"
					+ " more than " + MAX_DEPTH + " deep at " + directory + " (a symbolic link loop?). Remove the loop.");
		}
		String[] names = directory.list();
		if (names == null) {
			throw new ScriptLocationException(location.toString(),
					"Cannot list script location '" + location + "': cannot read directory " + directory);
		}
		for (String name : names) {
			if (name.startsWith(".")) {
				continue;
			}
			File file = new File(directory, name);
			String relative = prefix + name;
			byte[] content = name.endsWith(".sql") ? read(location, file, relative, buffer) : null;
			if (content != null) {
				files.add(new SourceFile(relative, location.path() + "/" + relative, file.getPath(), content));
			}
			else if (file.isDirectory()) {
				collect(location, file, relative + "/", depth + 1, files, buffer);
			}
		}
	}

	/**
	 * The content of a {@code *.sql} file, or {@code null} when it is not a file (a directory,
	 * a dangling link). Opened without asking first whether it is a file: on some machines the
	 * system calls are most of what reading a thousand small files costs, so one fewer per file
	 * counts, and a directory named {@code *.sql} is rare.
	 */
	private static byte[] read(ScriptLocation location, File file, String relative, byte[][] buffer) {
		FileInputStream in;
		try {
			in = new FileInputStream(file);
		}
		catch (FileNotFoundException ex) {
			if (file.isDirectory() || !file.exists()) {
				return null;
			}
			throw cannotRead(location, relative, ex);
		}
		try (in) {
			int length = 0;
			while (true) {
				if (length == buffer[0].length) {
					buffer[0] = Arrays.copyOf(buffer[0], buffer[0].length * 2);
				}
				int read = in.read(buffer[0], length, buffer[0].length - length);
				if (read < 0) {
					return Arrays.copyOf(buffer[0], length);
				}
				length += read;
			}
		}
		catch (IOException ex) {
			if (file.isDirectory()) {
				return null;
			}
			throw cannotRead(location, relative, ex);
		}
	}

	private static ScriptLocationException cannotRead(ScriptLocation location, String relative, IOException ex) {
		return new ScriptLocationException(location.toString(),
				"Cannot read revision file '" + location.path() + "/" + relative + "': " + ex.getMessage(), ex);
	}

	private static List<SourceFile> classpath(ScriptLocation location, ClassLoader classLoader) {
		List<ClassPathScanner.Resource> resources;
		try {
			resources = ClassPathScanner.list(classLoader, location.path(), ".sql", true);
		}
		catch (IOException ex) {
			throw new ScriptLocationException(location.toString(),
					"Cannot list script location '" + location + "': " + ex.getMessage(), ex);
		}
		Map<String, Integer> roots = new HashMap<>();
		for (ClassPathScanner.Resource resource : resources) {
			roots.merge(resource.relativePath(), 1, Integer::sum);
		}
		String prefix = location.path().isEmpty() ? "" : location.path() + "/";
		List<SourceFile> files = new ArrayList<>();
		for (ClassPathScanner.Resource resource : resources) {
			String name = resource.relativePath();
			if (name.substring(name.lastIndexOf('/') + 1).startsWith(".")) {
				continue;
			}
			String source = prefix + name;
			if (roots.get(name) > 1) {
				// The same path in two class path roots: say which one, or both look alike in errors.
				source = source + " (in " + resource.root() + ")";
			}
			files.add(new SourceFile(name, source, resource.uri(), resource.content()));
		}
		// Stable: among equal paths, class path order stands.
		files.sort(Comparator.comparing(SourceFile::relativePath));
		return files;
	}

	private static String decode(SourceFile file, List<String> problems) {
		// The JDK's own decoding is much faster than a CharsetDecoder, but replaces bad bytes with
		// U+FFFD: only a text holding that character is decoded again, strictly, to tell.
		String text = new String(file.content(), StandardCharsets.UTF_8);
		if (text.indexOf('\uFFFD') < 0) {
			return text;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file.content()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			problems.add(file.source() + ":1: the file is not UTF-8 text. Save it as UTF-8.");
			return null;
		}
	}

	/** A file found in a location, before parsing. */
	private record SourceFile(String relativePath, String source, String uri, byte[] content) {
	}

}
