package dev.retort.script;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

	/** Files in path order; a plain comparison, as a start sorts every file of every location. */
	private static final Comparator<SourceFile> BY_PATH = (a, b) -> a.relativePath().compareTo(b.relativePath());

	/** Per reading thread: most revision files fit, and are then copied once. */
	private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[][] { new byte[16 * 1024] });

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
		return load(locations, classLoader, problems, new ArrayList<>(), new ArrayList<>());
	}

	/**
	 * Reads every revision file of {@code locations}.
	 * @param problems receives the problems of the files (bad headers); a location that cannot
	 * be read throws instead
	 * @param empty receives the locations that hold no revision file
	 * @param javaSources receives the Java source files ({@code *.java}) found among the revision
	 * files, as the locations show them: never read, and worth a word (see {@link StrayRevisions})
	 */
	static List<RevisionScript> load(List<ScriptLocation> locations, ClassLoader classLoader, List<String> problems,
			List<ScriptLocation> empty, List<String> javaSources) {
		List<RevisionScript> scripts = new ArrayList<>();
		// Only locations that overlap reach one file twice: one location needs no set of 1,000 names.
		Set<String> seen = (locations.size() > 1) ? new HashSet<>() : null;
		for (ScriptLocation location : locations) {
			List<SourceFile> files = (location.kind() == ScriptLocation.Kind.FILESYSTEM)
					? filesystem(location, javaSources) : classpath(location, classLoader, javaSources);
			if (files.isEmpty()) {
				// Not an error (a new application has no revisions), but a misspelt location looks the same.
				logger.info("Script location '{}' holds no revision files (*.sql)", location);
				empty.add(location);
			}
			for (Parsed parsed : parseAll(location, files, seen, javaSources)) {
				problems.addAll(parsed.problems());
				if (parsed.script() != null) {
					scripts.add(parsed.script());
				}
			}
		}
		return scripts;
	}

	/**
	 * Reads (when the listing did not) and parses the files, on every core when there are many
	 * ({@link Parallel}), in the files' order.
	 */
	private static List<Parsed> parseAll(ScriptLocation location, List<SourceFile> files, Set<String> seen,
			List<String> javaSources) {
		List<SourceFile> unseen = new ArrayList<>(files.size());
		for (SourceFile file : files) {
			// Overlapping locations reach one file twice; it is one revision, not a duplicate.
			if (seen == null || seen.add(file.uri())) {
				unseen.add(file);
			}
		}
		List<Parsed> parsed = new ArrayList<>(Parallel.map(unseen, (file) -> parse(location, file)));
		// A directory named *.sql (listed without a stat, see list()): what it holds joins the rest.
		List<SourceFile> nested = new ArrayList<>();
		for (Parsed each : parsed) {
			if (each.directory() != null) {
				list(location, each.directory(), each.relativePath() + "/", nested, javaSources);
			}
		}
		if (!nested.isEmpty()) {
			parsed.removeIf((each) -> each.directory() != null);
			parsed.addAll(parseAll(location, nested, seen, javaSources));
			parsed.sort((a, b) -> a.relativePath().compareTo(b.relativePath()));
		}
		return parsed;
	}

	/** Reads (when not read yet), decodes and parses one file; on any thread. */
	private static Parsed parse(ScriptLocation location, SourceFile file) {
		byte[] content = (file.content() != null) ? file.content() : read(location, file.file(), file.relativePath());
		if (content == null) {
			return new Parsed(file.relativePath(), null, List.of(), file.file());
		}
		List<String> problems = new ArrayList<>(0);
		String text = decode(file.source(), content, problems);
		if (text == null) {
			return new Parsed(file.relativePath(), null, problems, null);
		}
		SqlRevisionParser.Result result = SqlRevisionParser.readDeferringSplit(file.source(), text);
		return new Parsed(file.relativePath(), result.script(), result.problems(), null);
	}

	private static List<SourceFile> filesystem(ScriptLocation location, List<String> javaSources) {
		Path directory = location.directory();
		if (!Files.exists(directory)) {
			// The absolute path only when it says more than the location (a relative one).
			String absolute = directory.toAbsolutePath().normalize().toString();
			String lookedFor = location.toString().endsWith(absolute) ? "" : " (looked for " + absolute + ")";
			throw new ScriptLocationException(location.toString(), "Script location '" + location + "' does not exist"
					+ lookedFor + ". Create it (retort init " + location.path() + ") or fix the configured locations.");
		}
		if (!Files.isDirectory(directory)) {
			throw new ScriptLocationException(location.toString(), "Script location '" + location + "' is not a directory ("
					+ directory.toAbsolutePath().normalize() + "). Point the location at the directory holding the revision files.");
		}
		List<SourceFile> files = new ArrayList<>();
		// Same identity as ClassPathScanner gives a class path directory's files, so a file reached
		// both ways loads once.
		File root = directory.toAbsolutePath().normalize().toFile();
		list(location, root, "", files, javaSources);
		files.sort(BY_PATH);
		return files;
	}

	/**
	 * The revision files under {@code directory}, to be read when parsed. Plain {@code java.io}:
	 * every start lists and reads every file, and this is the leanest way there in a JVM that has
	 * just started. A {@code *.sql} name is taken for a file without asking (one system call fewer
	 * per file; a directory of that name is found out when it is read). Symbolic links are
	 * followed (a Kubernetes ConfigMap mounts its files as links); names starting with a dot are
	 * skipped: editors' lock and backup files, and the ConfigMap's own {@code ..data} directory,
	 * which would list every file twice. A {@code *.java} name goes to {@code javaSources}: here,
	 * where the names are at hand, rather than in a second listing of the location.
	 */
	private static void list(ScriptLocation location, File directory, String prefix, List<SourceFile> files,
			List<String> javaSources) {
		if (prefix.chars().filter((c) -> c == '/').count() > MAX_DEPTH) {
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
			if (name.endsWith(".sql")) {
				files.add(new SourceFile(relative, location.path() + "/" + relative, file.getPath(), null, file));
			}
			else if (name.endsWith(".java")) {
				javaSources.add(file.getPath());
			}
			else if (file.isDirectory()) {
				list(location, file, relative + "/", files, javaSources);
			}
		}
	}

	/**
	 * The content of a {@code *.sql} file, or {@code null} when it is a directory.
	 */
	private static byte[] read(ScriptLocation location, File file, String relative) {
		FileInputStream in;
		try {
			in = new FileInputStream(file);
		}
		catch (FileNotFoundException ex) {
			if (file.isDirectory()) {
				return null;
			}
			if (!file.exists()) {
				throw missing(location, relative, file);
			}
			throw cannotRead(location, relative, ex);
		}
		// Into a buffer of the thread's: readAllBytes asks the file's size and position first,
		// two system calls of seven per file, and system calls are most of reading small files.
		byte[][] buffer = BUFFER.get();
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

	/**
	 * A listed {@code *.sql} name with nothing behind it: a symbolic link whose target is gone
	 * (a link into a checkout or volume that moved), or a file deleted while the files were read.
	 * Not skipped: a revision silently left out would move the heads.
	 */
	private static ScriptLocationException missing(ScriptLocation location, String relative, File file) {
		String name = location.path() + "/" + relative;
		Path path = file.toPath();
		if (Files.isSymbolicLink(path)) {
			String target;
			try {
				target = Files.readSymbolicLink(path).toString();
			}
			catch (IOException ex) {
				target = "?";
			}
			return new ScriptLocationException(location.toString(), "Revision file '" + name + "' is a symbolic link to "
					+ target + ", which does not exist. Restore what it points to, or remove the link.");
		}
		return new ScriptLocationException(location.toString(), "Revision file '" + name + "' disappeared while the"
				+ " revision files were read. Run again once nothing is changing the directory.");
	}

	private static ScriptLocationException cannotRead(ScriptLocation location, String relative, IOException ex) {
		return new ScriptLocationException(location.toString(),
				"Cannot read revision file '" + location.path() + "/" + relative + "': " + ex.getMessage(), ex);
	}

	private static List<SourceFile> classpath(ScriptLocation location, ClassLoader classLoader,
			List<String> javaSources) {
		List<ClassPathScanner.Resource> resources;
		List<ClassPathScanner.Resource> sources = new ArrayList<>(0);
		try {
			resources = ClassPathScanner.list(classLoader, location.path(), ".sql", true, ".java", sources);
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
		sources.forEach((source) -> javaSources.add(prefix + source.relativePath()));
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
			files.add(new SourceFile(name, source, resource.uri(), resource.content(), null));
		}
		// Stable: among equal paths, class path order stands.
		files.sort(BY_PATH);
		return files;
	}

	private static String decode(String source, byte[] content, List<String> problems) {
		// The JDK's own decoding is much faster than a CharsetDecoder, but replaces bad bytes with
		// U+FFFD: only a text holding that character is decoded again, strictly, to tell.
		String text = new String(content, StandardCharsets.UTF_8);
		if (text.indexOf('\uFFFD') < 0) {
			return text;
		}
		ByteBuffer in = ByteBuffer.wrap(content);
		CharBuffer out = CharBuffer.allocate(content.length);
		CoderResult result = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(in, out, true);
		if (!result.isError()) {
			// A U+FFFD of the file's own, written in UTF-8.
			return text;
		}
		// The decoder stops at the first byte that is not UTF-8: name its line, where the user looks.
		int at = in.position();
		int line = 1;
		for (int i = 0; i < at; i++) {
			line += (content[i] == '\n') ? 1 : 0;
		}
		problems.add(source + ":" + line + ": the file is not UTF-8 text: byte 0x"
				+ String.format("%02X", content[at] & 0xFF) + " on this line is not UTF-8 (the file may be Latin-1 or "
				+ "Windows-1252). Save it as UTF-8.");
		return null;
	}

	/**
	 * A file found in a location, before parsing: its content when the listing read it (class
	 * path), else the file to read.
	 */
	private record SourceFile(String relativePath, String source, String uri, byte[] content, File file) {
	}

	/**
	 * What reading one file gave: its revision and problems, or the directory it turned out to
	 * be.
	 */
	private record Parsed(String relativePath, RevisionScript script, List<String> problems, File directory) {
	}

}
