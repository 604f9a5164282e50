package dev.retort.command;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.retort.autogenerate.SchemaDiff;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.MultipleHeadsException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.UnknownRevisionException;
import dev.retort.script.NewRevisionFile;
import dev.retort.script.RevisionIds;
import dev.retort.script.RevisionWriter;
import dev.retort.script.ScriptLocation;
import dev.retort.script.ScriptInit;

/**
 * {@code retort revision} and {@code retort merge}: write a new revision file after checking
 * everything against the graph (the id is new, the parents exist and are heads unless
 * {@code --splice}, the labels are unused, the dependencies resolve), so a file is never
 * written that the next load would refuse, and never over another one.
 */
public final class RevisionCommand {

	private final CommandContext context;

	public RevisionCommand(CommandContext context) {
		this.context = context;
	}

	/** {@code retort init DIR}: a revisions directory holding the revision template. */
	public static Path init(Path directory) {
		return ScriptInit.init(directory);
	}

	/** {@code retort revision -m MSG [--head REV] [--splice] …}. */
	public WrittenRevision revision(NewRevision request) {
		return revision(request, "", "");
	}

	/**
	 * {@code retort revision --autogenerate}: a new SQL revision holding the given sections.
	 * @param request what to write
	 * @param upgrade the upgrade section
	 * @param downgrade the downgrade section
	 * @return the revision written
	 */
	public WrittenRevision revision(NewRevision request, String upgrade, String downgrade) {
		return write(request, parents(request), upgrade, downgrade);
	}

	/**
	 * {@code retort revision --autogenerate}: the differences as one revision, or as two when
	 * enum labels must be committed before the rest uses them. The first then holds the labels
	 * alone, revises the requested parents and depends on what the request depends on; the second,
	 * with the requested id and branch labels, revises it. Both are checked before either is written.
	 * The changes autogenerate cannot write are listed in the upgrade as comments, to write there.
	 * @param request what to write
	 * @param diff the differences
	 * @return the revision of the request, with the one written before it
	 */
	public WrittenRevision revision(NewRevision request, SchemaDiff diff) {
		List<SchemaDiff> revisions = diff.revisions();
		if (revisions.size() == 1) {
			return revision(request, diff.upgradeSection(), diff.downgradeSection());
		}
		SchemaDiff labels = revisions.get(0);
		SchemaDiff rest = revisions.get(1);
		List<String> parents = parents(request);
		String labelsId = RevisionIds.newId();
		NewRevision labelsRequest = new NewRevision(request.message() + ": enum labels first", List.of(),
				false, List.of(), request.dependsOn(), labelsId, request.versionPath(), null);
		NewRevisionFile restFile = newFile(request, List.of(labelsId), rest.upgradeSection(), rest.downgradeSection());
		NewRevisionFile labelsFile = newFile(labelsRequest, parents, labels.upgradeSql(), labels.downgradeSql());
		if (restFile.id().equals(labelsId)) {
			throw new RetortException(ErrorCode.INVALID_GRAPH, "Revision id " + labelsId + " was drawn for the enum labels"
					+ " revision too. Run again; nothing was written.");
		}
		Path directory = directory(request, parents);
		RevisionWriter writer = new RevisionWriter(this.context.config().fileTemplate());
		WrittenRevision first = new WrittenRevision(labelsId, writer.writeSql(directory, labelsFile));
		return new WrittenRevision(restFile.id(), writer.writeSql(directory, restFile), List.of(first));
	}

	/**
	 * Checks a new revision against the graph as writing it would (its parents, id, message,
	 * labels, dependencies and directory), writing nothing: {@code revision --autogenerate} refuses
	 * so before it compares, which runs the model on the database, instead of after.
	 * @param request what would be written
	 */
	public void requireWritable(NewRevision request) {
		List<String> parents = parents(request);
		newFile(request, parents, "", "");
		if (request.javaClass() == null || request.javaClass().isBlank()) {
			directory(request, parents);
		}
	}

	/** The parents of a new revision: {@code --head}, resolved, else the single head. */
	private List<String> parents(NewRevision request) {
		if (request.head().isEmpty()) {
			return defaultParents(request.splice());
		}
		List<String> parents = new ArrayList<>();
		for (String head : request.head()) {
			parents.addAll(parents(head, request.splice()));
		}
		return List.copyOf(new LinkedHashSet<>(parents));
	}

	/**
	 * The parent of a revision given no {@code --head}: the single head. With several, the way to
	 * name one here is {@code --head}, which the generic "name one" of {@code head} does not say.
	 */
	private List<String> defaultParents(boolean splice) {
		try {
			return parents("head", splice);
		}
		catch (MultipleHeadsException ex) {
			String list = String.join(", ", ex.heads());
			throw new RetortException(ErrorCode.MULTIPLE_HEADS, "Multiple heads are present (" + list
					+ "); say which the new revision revises: --head " + ex.heads().get(0)
					+ " (or --head label@head, or --head heads for all of them). To join them first: retort merge -m"
					+ " \"merge\" " + String.join(" ", ex.heads()) + "; nothing was written.");
		}
	}

	/** {@code retort merge -m MSG REV...}: a revision whose parents are the given revisions. */
	public WrittenRevision merge(NewRevision request) {
		if (request.head().isEmpty()) {
			throw new RetortException(ErrorCode.INVALID_TARGET,
					"merge needs the revisions to join, e.g. 'retort merge -m \"merge\" heads'.");
		}
		Set<String> parents = new LinkedHashSet<>();
		for (String head : request.head()) {
			parents.addAll(this.context.graph().resolve(head.strip(), List.of()));
		}
		if (parents.size() < 2) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "merge needs at least two revisions to join; "
					+ String.join(" ", request.head()) + " resolves to "
					+ (parents.isEmpty() ? "none" : String.join(", ", parents)) + ". Nothing to merge.");
		}
		for (String parent : parents) {
			// As Alembic's merge without --splice: joining a revision that already has children
			// would fork the graph again, and joining one with its own ancestor means nothing.
			if (!this.context.graph().isHead(parent)) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "Revision " + parent + " ("
						+ this.context.graph().get(parent).origin().source() + ") is not a head: merge joins heads ("
						+ this.context.graph().heads().stream().map(Revision::id).collect(Collectors.joining(", "))
						+ "). Name heads, or 'heads' for all of them; nothing was written.");
			}
		}
		return write(request, List.copyOf(parents), "", "");
	}

	private List<String> parents(String head, boolean splice) {
		RevisionGraph graph = this.context.graph();
		String target = head.strip();
		if (graph.revisions().isEmpty() && (target.equals("head") || target.equals("heads"))) {
			return List.of();
		}
		Set<String> resolved = graph.resolve(target, List.of());
		for (String parent : resolved) {
			if (!splice && !graph.isHead(parent)) {
				throw new RetortException(ErrorCode.INVALID_TARGET, "Revision " + parent + " ("
						+ graph.get(parent).origin().source() + ") is not a head revision; use --splice to start a new"
						+ " branch from it, or name a head (retort heads).");
			}
		}
		return List.copyOf(resolved);
	}

	private WrittenRevision write(NewRevision request, List<String> parents, String upgrade, String downgrade) {
		NewRevisionFile file = newFile(request, parents, upgrade, downgrade);
		RevisionWriter writer = new RevisionWriter(this.context.config().fileTemplate());
		if (request.javaClass() != null && !request.javaClass().isBlank()) {
			Path sourceRoot = (request.versionPath() != null) ? request.versionPath() : Path.of("src/main/java");
			return new WrittenRevision(file.id(), writer.writeJava(sourceRoot, request.javaClass().strip(), file));
		}
		return new WrittenRevision(file.id(), writer.writeSql(directory(request, parents), file));
	}

	/** The file of a new revision, once its id, message, labels and dependencies are checked against the graph. */
	private NewRevisionFile newFile(NewRevision request, List<String> parents, String upgrade, String downgrade) {
		RevisionGraph graph = this.context.graph();
		String id = (request.revId() != null && !request.revId().isBlank()) ? request.revId().strip()
				: RevisionIds.newId();
		if (request.message() == null || request.message().isBlank()) {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "A revision needs a message: it is the first"
					+ " line of the file and names it. Give one with -m \"what it does\"; nothing was written.");
		}
		RevisionIds.requireWritable(id);
		RevisionGraph.identifierProblem(id).ifPresent((why) -> {
			throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "Revision id '" + id + "' " + why
					+ ", so it could not be named in a command. Choose another --rev-id, or leave it out for a fresh one.");
		});
		if (graph.find(id).isPresent()) {
			throw new RetortException(ErrorCode.INVALID_GRAPH, "Revision id " + id + " is already used by "
					+ graph.get(id).origin().source() + ". Choose another --rev-id, or leave it out for a fresh one.");
		}
		for (String label : request.branchLabels()) {
			RevisionGraph.identifierProblem(label).ifPresent((why) -> {
				throw new RetortException(ErrorCode.INVALID_REVISION_FILE, "Branch label '" + label + "' " + why
						+ ", so 'label@head' could not name it. Choose another --branch-label: letters, digits and '_'"
						+ " (not head, heads, base, current); nothing was written.");
			});
			if (graph.allBranchLabels().contains(label)) {
				String owner = graph.resolve(label, List.of()).iterator().next();
				throw new RetortException(ErrorCode.INVALID_GRAPH, "Branch label '" + label + "' is already used by "
						+ owner + " (" + graph.get(owner).origin().source()
						+ "). Choose another label; a label names one branch.");
			}
			if (graph.find(label).isPresent()) {
				throw new RetortException(ErrorCode.INVALID_GRAPH,
						"Branch label '" + label + "' is a revision id. Choose another label.");
			}
		}
		// A label or a dependency given twice (--depends-on 1975 --depends-on 1975ea83b712) is written
		// once: the graph reads the header as a set, and a header listing a value twice reads as a typo.
		Set<String> dependsOn = new LinkedHashSet<>();
		for (String dependency : request.dependsOn()) {
			dependsOn.add(dependency(dependency.strip()));
		}
		List<String> branchLabels = List.copyOf(new LinkedHashSet<>(request.branchLabels()));
		return new NewRevisionFile(id, request.message(), parents, branchLabels, List.copyOf(dependsOn), true, upgrade,
				downgrade);
	}

	/** A label stays a label (it follows its branch); a revision (or prefix) becomes its full id. */
	private String dependency(String dependency) {
		RevisionGraph graph = this.context.graph();
		if (graph.allBranchLabels().contains(dependency)) {
			return dependency;
		}
		Set<String> resolved;
		try {
			resolved = graph.resolve(dependency, List.of());
		}
		catch (UnknownRevisionException ex) {
			// Among several options (--head, --depends-on, --rev-id), say which one names nothing.
			throw new UnknownRevisionException(ex.identifier(), "--depends-on '" + dependency + "': " + ex.getMessage()
					+ " It takes a revision or a branch label; nothing was written.");
		}
		if (resolved.size() != 1) {
			throw new RetortException(ErrorCode.INVALID_TARGET, "--depends-on '" + dependency + "' names "
					+ resolved.size() + " revisions; name exactly one revision or a branch label.");
		}
		return resolved.iterator().next();
	}

	/**
	 * Where a new SQL file goes: {@code --version-path}, which must lie inside a filesystem
	 * location when there is one (a file anywhere else would never be read back, so Alembic
	 * refuses it too); else beside the first parent that is a file of a filesystem location (its
	 * location, when the file template makes subdirectories of its own); else the first
	 * filesystem location.
	 */
	private Path directory(NewRevision request, List<String> parents) {
		List<Path> locations = this.context.scripts()
			.locations()
			.stream()
			.filter((location) -> location.kind() == ScriptLocation.Kind.FILESYSTEM)
			.map((location) -> location.directory().toAbsolutePath().normalize())
			.toList();
		if (request.versionPath() != null) {
			Path wanted = request.versionPath().toAbsolutePath().normalize();
			if (!locations.isEmpty() && locations.stream().noneMatch(wanted::startsWith)) {
				throw new RetortException(ErrorCode.CONFIGURATION, "--version-path " + request.versionPath()
						+ " is not inside a revision location (" + locations.stream().map(Path::toString)
							.collect(Collectors.joining(", "))
						+ "), so the revision would never be read. Choose a directory inside one, or add it with"
						+ " --location; nothing was written.");
			}
			return request.versionPath();
		}
		for (String parent : parents) {
			Path file = sourceFile(this.context.graph().get(parent));
			for (Path location : locations) {
				if (file != null && file.startsWith(location) && !file.equals(location)) {
					return this.context.config().fileTemplate().contains("/") ? location : file.getParent();
				}
			}
		}
		return this.context.scripts()
			.firstFilesystemLocation()
			.orElseThrow(() -> new RetortException(ErrorCode.CONFIGURATION, "No filesystem location to write into:"
					+ " the locations are " + this.context.config().locations()
					+ ". Give --version-path DIR, or add a 'filesystem:' location" + projectSources() + "."));
	}

	/**
	 * Where a {@code classpath:} location comes from in a Maven or Gradle project: inside an
	 * application ({@code java -jar app.jar retort revision}) the locations are the jar's.
	 */
	private String projectSources() {
		return this.context.config().locations().stream()
			.filter((location) -> location.startsWith("classpath:"))
			.map((location) -> location.substring("classpath:".length()).replaceFirst("^/+", ""))
			.findFirst()
			.map((path) -> ": in a project, --location src/main/resources/" + path + " (the sources of classpath:"
					+ path + ")")
			.orElse("");
	}

	/** The file a revision was read from, or {@code null} for a Java class or a resource. */
	private static Path sourceFile(Revision revision) {
		if (revision.kind() != Revision.Kind.SQL) {
			return null;
		}
		try {
			return Path.of(revision.origin().source()).toAbsolutePath().normalize();
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

}
