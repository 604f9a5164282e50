package dev.retort.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The {@code @Revision} classes of a project's sources ({@code src/main/java}) in its Java
 * packages, held against the compiled classes the command line reads them from. A revision
 * whose class is missing (before the first build, after {@code mvn clean}) or older than its
 * source (edited, or a branch checked out, since the last build) would be left out of the graph,
 * or read as it was: heads, the parent of a new revision and what {@code upgrade} runs would all
 * be planned without it. As Alembic, which fails when it cannot import a revision script, the
 * command refuses instead, before it reads the database.
 */
final class JavaRevisionSources {

	static final String SOURCES = "src/main/java";

	/** The annotation on a class, by its simple or qualified name: a source file that may declare a revision. */
	private static final Pattern REVISION_ANNOTATION = Pattern.compile("@(dev\\.retort\\.script\\.)?Revision\\s*\\(");

	/** How many files the message names before it says how many more there are. */
	private static final int NAMED = 5;

	private JavaRevisionSources() {
	}

	/**
	 * Fails (exit 2) when a revision source of {@code packages} has no class in {@code compiled}
	 * (or none at all, {@code compiled} being {@code null}), or a class older than itself.
	 * @param project the project directory
	 * @param packages the configured Java packages
	 * @param compiled the compiled classes read for them, or {@code null} when there are none
	 */
	static void requireCompiled(Path project, List<String> packages, Path compiled) {
		List<String> stale = new ArrayList<>();
		for (String each : packages) {
			Path directory = project.resolve(SOURCES).resolve(each.replace('.', '/'));
			for (Path source : revisionSources(directory)) {
				String why = why(project, source, compiled);
				if (why != null) {
					stale.add(why);
				}
			}
		}
		if (stale.isEmpty()) {
			return;
		}
		String named = String.join("; ", stale.subList(0, Math.min(NAMED, stale.size())))
				+ ((stale.size() > NAMED) ? "; and " + (stale.size() - NAMED) + " more" : "");
		throw new RetortException(ErrorCode.CONFIGURATION, "The Java revisions of " + String.join(", ", packages)
				+ " are not all compiled: " + named + ". Without them the revision graph would lack revisions (or hold"
				+ " them as they were) and this command would work on the wrong graph, so nothing was done. Build the"
				+ " project first (mvn compile, or gradle classes), or give --classpath with the directory or jar that"
				+ " holds the compiled revisions.");
	}

	/**
	 * The source file of a Java revision's class in {@code project}, or {@code null} when there is
	 * none (its classes were compiled elsewhere). A nested class is in its top-level class's file.
	 * @param className the binary name, such as {@code com.example.db.Revisions$AddIndex}
	 */
	static Path sourceOf(Path project, String className) {
		int nested = className.indexOf('$');
		String topLevel = (nested > 0) ? className.substring(0, nested) : className;
		Path source = project.resolve(SOURCES).resolve(topLevel.replace('.', '/') + ".java");
		return Files.isRegularFile(source) ? source : null;
	}

	/** Why the class of {@code source} cannot be read as it is now, or {@code null} when it can. */
	private static String why(Path project, Path source, Path compiled) {
		String relative = project.relativize(source).toString();
		if (compiled == null) {
			return relative + " (no " + String.join(" nor ", ConfigResolver.PROJECT_CLASSES) + ")";
		}
		Path sourceRoot = project.resolve(SOURCES);
		String name = sourceRoot.relativize(source).toString();
		Path compiledClass = compiled.resolve(name.substring(0, name.length() - ".java".length()) + ".class");
		String classes = project.relativize(compiled).toString();
		if (!Files.isRegularFile(compiledClass)) {
			return relative + " has no class in " + classes;
		}
		if (modified(source).compareTo(modified(compiledClass)) > 0) {
			return relative + " changed after its class in " + classes + " was built";
		}
		return null;
	}

	private static List<Path> revisionSources(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".java"))
				.filter(JavaRevisionSources::declaresRevision)
				.sorted()
				.toList();
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of();
		}
	}

	private static boolean declaresRevision(Path source) {
		try {
			return REVISION_ANNOTATION.matcher(Files.readString(source)).find();
		}
		catch (IOException | UncheckedIOException ex) {
			return false;
		}
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

}
