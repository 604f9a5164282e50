package dev.retort.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.retort.revision.GraphProblem;
import dev.retort.revision.InvalidGraphException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.UnknownRevisionException;

/**
 * Every revision of the configured locations and packages, loaded and validated into a
 * {@link RevisionGraph}. Graph problems, bad headers and duplicate ids are reported all at once.
 *
 * <p>The load order is deterministic, because the graph uses it to order sibling branches:
 * SQL files location by location (in the order given), sorted by their path within a location;
 * then Java revisions sorted by class name.
 */
public final class ScriptDirectory {

	private final List<ScriptLocation> locations;

	private final RevisionGraph graph;

	private final List<RevisionScript> scripts;

	private final List<String> javaSourcesInLocations;

	/**
	 * Built on first use: a start with nothing pending never asks for a script by its id, and
	 * every start loads every revision. Written once by whichever thread asks first.
	 */
	private volatile Map<String, RevisionScript> byId;

	private ScriptDirectory(List<ScriptLocation> locations, RevisionGraph graph, List<RevisionScript> scripts,
			List<String> javaSourcesInLocations) {
		this.locations = List.copyOf(locations);
		this.graph = graph;
		this.scripts = List.copyOf(scripts);
		this.javaSourcesInLocations = List.copyOf(javaSourcesInLocations);
	}

	private Map<String, RevisionScript> byId() {
		Map<String, RevisionScript> byId = this.byId;
		if (byId == null) {
			byId = new HashMap<>();
			for (RevisionScript script : this.scripts) {
				byId.putIfAbsent(script.revision().id(), script);
			}
			this.byId = byId;
		}
		return byId;
	}

	/**
	 * Loads SQL revisions from {@code locations} ({@code classpath:…}, {@code filesystem:…}, or
	 * a plain path meaning {@code filesystem:}), Java revisions from {@code javaPackages} and
	 * the given {@code migrations} objects.
	 * @param classLoader for {@code classpath:} locations and packages; {@code null} for the
	 * thread's context class loader
	 * @throws InvalidRevisionFileException when files or classes are malformed (or SQL cannot be
	 * split into statements), listing those problems and the graph's together
	 * @throws InvalidGraphException when the files are sound but the graph is not
	 * @throws ScriptLocationException when a {@code filesystem:} location does not exist
	 */
	public static ScriptDirectory load(List<String> locations, List<String> javaPackages,
			List<Migration> migrations, ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : defaultClassLoader();
		List<ScriptLocation> parsed = new ArrayList<>();
		for (String location : (locations != null) ? locations : List.<String>of()) {
			parsed.add(ScriptLocation.parse(location));
		}
		List<String> problems = new ArrayList<>();
		List<ScriptLocation> emptyLocations = new ArrayList<>();
		List<String> javaSources = new ArrayList<>(0);
		List<RevisionScript> scripts = new ArrayList<>(
				SqlRevisionLoader.load(parsed, loader, problems, emptyLocations, javaSources));
		List<String> packages = (javaPackages != null) ? javaPackages : List.of();
		List<Migration> objects = (migrations != null) ? migrations : List.of();
		scripts.addAll(JavaRevisionLoader.load(packages, objects, loader, problems));
		List<Revision> revisions = scripts.stream().map(RevisionScript::revision).toList();
		RevisionGraph graph;
		try {
			graph = RevisionGraph.of(revisions);
		}
		catch (InvalidGraphException ex) {
			String emptySources = missingParentsHint(ex, emptyLocations, StrayRevisions.emptyPackages(packages, revisions),
					packages.isEmpty() && objects.isEmpty());
			// One report: the file problems, the statements that cannot be split and the graph's, so
			// everything is fixed in one pass (an unterminated quote beside a missing parent came to
			// light only once the parent was restored). Splitting is for this failure only: loading
			// splits nothing.
			problems.addAll(statementProblems(scripts));
			if (problems.isEmpty()) {
				throw (emptySources != null) ? new InvalidGraphException(ex.problems(), emptySources) : ex;
			}
			ex.problems().forEach((problem) -> problems.add(problem.message()));
			if (emptySources != null) {
				problems.add(emptySources);
			}
			throw new InvalidRevisionFileException(problems, ex);
		}
		if (!problems.isEmpty()) {
			// The files that did load are split too (only on this failure: loading splits nothing),
			// so 'retort validate' lists an unterminated quote beside another file's bad header.
			problems.addAll(statementProblems(scripts));
			throw new InvalidRevisionFileException(problems);
		}
		return new ScriptDirectory(parsed, graph, scripts, javaSources);
	}

	/**
	 * What explains unknown parents or dependencies better than "restore the file": a configured
	 * location or package that gave no revision at all, or no Java source configured at all (a
	 * test kit or a command given the locations only, in a project whose files revise Java
	 * revisions); {@code null} when none of these holds, or when no revision misses one.
	 */
	private static String missingParentsHint(InvalidGraphException ex, List<ScriptLocation> emptyLocations,
			List<String> emptyPackages, boolean noJavaSource) {
		if (ex.problems().stream().noneMatch(ScriptDirectory::isMissing)) {
			return null;
		}
		if (emptyLocations.isEmpty() && emptyPackages.isEmpty()) {
			// A missing id close to a known one ("Did you mean …?") is a typo, not a class left unread.
			boolean unexplained = ex.problems().stream().anyMatch((problem) -> isMissing(problem)
					&& !problem.message().contains(" Did you mean "));
			if (!noJavaSource || !unexplained) {
				return null;
			}
			return "No Java package was configured, so no Java revision was read: if a revision named as missing is a "
					+ "@Revision class, name its package (retort.java-packages, --java-package, the test kit's "
					+ "javaPackages(...)).";
		}
		List<String> sources = new ArrayList<>();
		List<String> checks = new ArrayList<>();
		for (ScriptLocation location : emptyLocations) {
			sources.add("script location '" + location + "' holds no revision files (*.sql)");
		}
		for (String javaPackage : emptyPackages) {
			sources.add("Java package '" + javaPackage + "' holds no @Revision class on the class path");
		}
		if (!emptyLocations.isEmpty()) {
			checks.add("the locations (retort.locations, --location)");
		}
		if (!emptyPackages.isEmpty()) {
			checks.add("the package names (retort.java-packages, --java-package)");
			checks.add("that the Java revisions are compiled and on the class path (the command line reads them from "
					+ "--classpath, by default target/classes or build/classes/java/main)");
		}
		String last = checks.remove(checks.size() - 1);
		return "The revisions named as missing may never have been read: " + String.join("; ", sources) + ". Check "
				+ (checks.isEmpty() ? last : String.join(", ", checks) + " and " + last) + ".";
	}

	private static boolean isMissing(GraphProblem problem) {
		return problem.kind() == GraphProblem.Kind.UNKNOWN_PARENT || problem.kind() == GraphProblem.Kind.UNKNOWN_DEPENDENCY;
	}

	private static ClassLoader defaultClassLoader() {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		return (context != null) ? context : ScriptDirectory.class.getClassLoader();
	}

	/** The validated graph of every revision. */
	public RevisionGraph graph() {
		return this.graph;
	}

	/**
	 * The script of a revision id (exact id).
	 * @throws UnknownRevisionException when no revision has that id
	 */
	public RevisionScript script(String id) {
		Objects.requireNonNull(id, "'id' must not be null");
		RevisionScript script = byId().get(id);
		if (script == null) {
			throw new UnknownRevisionException(id, "No revision '" + id + "' in " + describeLocations()
					+ ". Run 'retort history' to list the revisions.");
		}
		return script;
	}

	/** Every script, in load order. */
	public List<RevisionScript> scripts() {
		return this.scripts;
	}

	/**
	 * Splits the statements of every SQL revision now (loading leaves that to first use, see
	 * {@link SqlSection}).
	 * @return the problems ({@code file:line: …}), in load order; empty when every file splits
	 */
	public List<String> statementProblems() {
		return statementProblems(this.scripts);
	}

	private static List<String> statementProblems(List<RevisionScript> scripts) {
		List<String> problems = new ArrayList<>();
		for (RevisionScript script : scripts) {
			if (script.body() instanceof RevisionScript.SqlBody sql) {
				problems.addAll(sql.splitProblems());
			}
		}
		return problems;
	}

	/**
	 * The Java source files ({@code *.java}) among the revision files, as the locations show them
	 * ({@code /app/db/revisions/AddUsers.java}): never read, since a Java revision is a compiled
	 * class, and worth a warning ({@link StrayRevisions#hint}).
	 */
	public List<String> javaSourcesInLocations() {
		return this.javaSourcesInLocations;
	}

	/** The locations as configured, in order. */
	public List<ScriptLocation> locations() {
		return this.locations;
	}

	/** The first {@code filesystem:} location, where new revision files go by default. */
	public Optional<Path> firstFilesystemLocation() {
		return this.locations.stream()
			.filter((location) -> location.kind() == ScriptLocation.Kind.FILESYSTEM)
			.findFirst()
			.map(ScriptLocation::directory);
	}

	private String describeLocations() {
		return this.locations.isEmpty() ? "the configured Java revisions"
				: this.locations.stream().map(ScriptLocation::toString).toList().toString();
	}

}
