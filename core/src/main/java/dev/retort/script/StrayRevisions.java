package dev.retort.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Java revisions that Retort never reads, found so that a command can say so rather than run
 * without them: {@code @Revision} classes outside the configured packages, which nothing reports
 * when no revision names them as a parent (the newest revision, or a first one), and Java source
 * files put into a script location, where only {@code *.sql} files are read.
 */
public final class StrayRevisions {

	/** How {@code @Revision} appears in a class file that carries it: its descriptor in the constant pool. */
	private static final byte[] ANNOTATION = ("L" + Revision.class.getName().replace('.', '/') + ";")
		.getBytes(StandardCharsets.UTF_8);

	private StrayRevisions() {
	}

	/**
	 * The classes annotated {@code @Revision} under {@code classDirectories} (compiled classes,
	 * read as bytes: nothing is loaded) that none of {@code packages} holds, sorted.
	 * @param classDirectories directories of compiled classes; others (jars) are skipped
	 * @param packages the packages scanned for Java revisions (subpackages included)
	 */
	public static List<String> classesOutside(List<Path> classDirectories, List<String> packages) {
		Set<String> found = new TreeSet<>();
		for (Path directory : classDirectories) {
			if (!Files.isDirectory(directory)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(directory)) {
				files.filter((file) -> file.getFileName().toString().endsWith(".class") && Files.isRegularFile(file))
					.filter(StrayRevisions::carriesRevision)
					.map((file) -> className(directory, file))
					.filter((name) -> packages.stream().noneMatch((scanned) -> name.startsWith(scanned.trim() + ".")))
					.forEach(found::add);
			}
			catch (IOException | UncheckedIOException ex) {
				// A hint only: a directory that cannot be walked gives none.
			}
		}
		return List.copyOf(found);
	}

	/**
	 * The Java packages that gave no revision: a misspelt package, a project not compiled, a
	 * command line without {@code --classpath}. A mixed graph where SQL files revise Java
	 * revisions then fails on those files' parents; one where nothing revises them runs without.
	 * @param packages the configured packages
	 * @param revisions the revisions read
	 */
	public static List<String> emptyPackages(List<String> packages, List<dev.retort.revision.Revision> revisions) {
		List<String> empty = new ArrayList<>();
		for (String javaPackage : packages) {
			String prefix = javaPackage.trim() + ".";
			if (revisions.stream().noneMatch((revision) -> revision.kind() == dev.retort.revision.Revision.Kind.JAVA
					&& revision.origin().source().startsWith(prefix))) {
				empty.add(javaPackage.trim());
			}
		}
		return empty;
	}

	/**
	 * What to tell the user about these classes and sources, or {@code null} when there are none.
	 * @param packages the packages scanned, to name in the message
	 * @param emptyPackages the packages that gave no revision ({@link #emptyPackages}), to name
	 * @param beansElsewhere whether {@code Migration} beans are read elsewhere (the command line,
	 * which an application's beans never reach), to say where
	 */
	public static String hint(List<String> classes, List<String> sources, List<String> packages,
			List<String> emptyPackages, boolean beansElsewhere) {
		List<String> lines = new ArrayList<>();
		if (!emptyPackages.isEmpty()) {
			lines.add("No Java revision was read from " + String.join(", ", emptyPackages) + " (retort.java-packages,"
					+ " --java-package): check the package name, and that its @Revision classes are compiled and on the"
					+ " class path.");
		}
		if (!classes.isEmpty()) {
			Set<String> their = new TreeSet<>();
			classes.forEach((name) -> their.add(name.substring(0, Math.max(0, name.lastIndexOf('.')))));
			boolean one = classes.size() == 1;
			lines.add("Java revisions that " + (beansElsewhere ? "this command does not read: " : "are never read: ")
					+ shortList(classes) + (one ? " carries" : " carry")
					+ " @Revision, but " + (packages.isEmpty() ? "no Java package is configured"
							: (one ? "stands" : "stand") + " outside the scanned Java packages ("
									+ String.join(", ", packages) + ")")
					+ ". Add " + String.join(", ", their) + " to retort.java-packages (--java-package), or move "
					+ (one ? "it" : "them") + " into a scanned package"
					+ (beansElsewhere ? " (a Migration bean is read by the application instead: java -jar app.jar"
							+ " retort COMMAND)." : "."));
		}
		if (!sources.isEmpty()) {
			lines.add("Java source in a script location is never read: " + shortList(sources)
					+ ". A script location holds *.sql files; a Java revision is a compiled @Revision class: put it"
					+ " under src/main/java in a package named in retort.java-packages (--java-package).");
		}
		return lines.isEmpty() ? null : String.join("\n", lines);
	}

	private static String shortList(List<String> names) {
		return (names.size() <= 5) ? String.join(", ", names)
				: String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
	}

	private static boolean carriesRevision(Path file) {
		try {
			byte[] bytes = Files.readAllBytes(file);
			outer: for (int i = 0; i <= bytes.length - ANNOTATION.length; i++) {
				for (int j = 0; j < ANNOTATION.length; j++) {
					if (bytes[i + j] != ANNOTATION[j]) {
						continue outer;
					}
				}
				return true;
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String className(Path directory, Path file) {
		String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
		return relative.substring(0, relative.length() - ".class".length());
	}

}
