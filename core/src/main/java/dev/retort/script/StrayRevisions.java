package dev.retort.script;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Java revisions that Retort never reads, found so that a command can say so rather than run
 * without them: {@code @Revision} classes outside the configured packages, which nothing reports
 * when no revision names them as a parent (the newest revision, or a first one), and Java source
 * files put into a script location, where only {@code *.sql} files are read.
 */
public final class StrayRevisions {

	private StrayRevisions() {
	}

	/**
	 * The classes annotated {@code @Revision} under {@code classDirectories} (compiled classes,
	 * read as bytes: nothing is loaded) that none of {@code packages} holds, sorted.
	 *
	 * <p>A command runs this on a whole project's classes, thousands of them, on every run, so it
	 * touches no more than it must: the directories of the scanned packages are not entered (their
	 * classes are revisions, never stray), a file is known for a class file by its name (no stat:
	 * it is opened anyway), an anonymous or local class is not opened (never a revision, even in a
	 * scanned package), and the rest are read as far as their constant pool unless they name
	 * {@code @Revision} there ({@link ClassFileAnnotation}).
	 * @param classDirectories directories of compiled classes; others (jars) are skipped
	 * @param packages the packages scanned for Java revisions (subpackages included)
	 */
	public static List<String> classesOutside(List<Path> classDirectories, List<String> packages) {
		List<String> scanned = packages.stream().map(String::trim).toList();
		ClassFileAnnotation revision = new ClassFileAnnotation(Revision.class);
		Set<String> found = new TreeSet<>();
		for (Path directory : classDirectories) {
			if (Files.isDirectory(directory)) {
				collect(directory, directory, scanned, revision, found);
			}
		}
		return List.copyOf(found);
	}

	/**
	 * Those of {@code classes} that none of {@code packages} holds: {@link #classesOutside} of
	 * classes looked for without the packages (before the configuration that names them is read).
	 */
	public static List<String> outside(List<String> classes, List<String> packages) {
		List<String> scanned = packages.stream().map(String::trim).toList();
		return classes.stream().filter((name) -> !inPackages(name, scanned)).sorted().toList();
	}

	/** Whether {@code name}, of a class or a package, is one of {@code packages} or below one. */
	private static boolean inPackages(String name, List<String> packages) {
		return packages.stream().anyMatch((each) -> name.equals(each) || name.startsWith(each + "."));
	}

	private static void collect(Path root, Path directory, List<String> scanned, ClassFileAnnotation revision,
			Set<String> found) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (name.endsWith(".class")) {
					if (!anonymousOrLocal(name) && revision.isOn(entry)) {
						String className = javaName(root, entry);
						found.add(className.substring(0, className.length() - ".class".length()));
					}
				}
				else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
					String packageName = javaName(root, entry);
					if (!inPackages(packageName, scanned)) {
						collect(root, entry, scanned, revision, found);
					}
				}
			}
		}
		catch (IOException | DirectoryIteratorException ex) {
			// A hint only: a directory that cannot be listed gives none, the others still do.
		}
	}

	/** {@code Outer$1.class}, {@code Outer$1Local.class}: javac's names for anonymous and local classes. */
	private static boolean anonymousOrLocal(String classFileName) {
		int dollar = classFileName.lastIndexOf('$');
		return dollar >= 0 && dollar + 1 < classFileName.length() && Character.isDigit(classFileName.charAt(dollar + 1));
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
			List<String> scanned = List.of(javaPackage.trim());
			if (revisions.stream().noneMatch((revision) -> revision.kind() == dev.retort.revision.Revision.Kind.JAVA
					&& inPackages(revision.origin().source(), scanned))) {
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

	/** The dotted name of {@code path} under {@code directory}: a package, or a class file's name. */
	private static String javaName(Path directory, Path path) {
		return directory.relativize(path).toString().replace(path.getFileSystem().getSeparator(), ".");
	}

}
