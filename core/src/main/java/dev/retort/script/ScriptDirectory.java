package dev.retort.script;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.retort.revision.RevisionGraph;

/**
 * Every revision of the configured locations and packages, loaded and validated into a
 * {@link RevisionGraph}. Graph problems, bad headers and duplicate ids are reported all at once.
 *
 * <p>SKELETON: implemented with the script work (issue 2).
 */
public final class ScriptDirectory {

	private ScriptDirectory() {
	}

	/**
	 * Loads SQL revisions from {@code locations} ({@code classpath:…}, {@code filesystem:…}, or
	 * a plain path meaning {@code filesystem:}), Java revisions from {@code javaPackages} and
	 * the given {@code migrations} objects.
	 */
	public static ScriptDirectory load(List<String> locations, List<String> javaPackages,
			List<Migration> migrations, ClassLoader classLoader) {
		throw new IllegalStateException("skeleton");
	}

	public RevisionGraph graph() {
		throw new IllegalStateException("skeleton");
	}

	/** The script of a revision id (exact id). */
	public RevisionScript script(String id) {
		throw new IllegalStateException("skeleton");
	}

	public List<RevisionScript> scripts() {
		throw new IllegalStateException("skeleton");
	}

	/** The first {@code filesystem:} location, where new revision files go by default. */
	public Optional<Path> firstFilesystemLocation() {
		throw new IllegalStateException("skeleton");
	}

}
