package dev.retort.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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
		List<Path> paths;
		// find() hands over the attributes the walk already read: no second stat per file.
		try (Stream<Path> walk = Files.find(directory, Integer.MAX_VALUE,
				(path, attributes) -> attributes.isRegularFile() && isRevisionFile(path))) {
			paths = walk.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new ScriptLocationException(location.toString(),
					"Cannot list script location '" + location + "': " + ex.getMessage(), ex);
		}
		List<SourceFile> files = new ArrayList<>();
		// Same identity as ClassPathScanner gives a class path directory's files, so a file reached
		// both ways loads once.
		Path root = directory.toAbsolutePath().normalize();
		for (Path path : paths) {
			String relative = directory.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
			byte[] content;
			try {
				content = Files.readAllBytes(path);
			}
			catch (IOException ex) {
				throw new ScriptLocationException(location.toString(),
						"Cannot read revision file '" + location.path() + "/" + relative + "': " + ex.getMessage(), ex);
			}
			files.add(new SourceFile(relative, location.path() + "/" + relative, root.resolve(relative).toString(), content));
		}
		files.sort(Comparator.comparing(SourceFile::relativePath));
		return files;
	}

	private static boolean isRevisionFile(Path path) {
		String name = path.getFileName().toString();
		// Editors leave hidden lock and backup files (.#x.sql) next to the real ones.
		return name.endsWith(".sql") && !name.startsWith(".");
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
