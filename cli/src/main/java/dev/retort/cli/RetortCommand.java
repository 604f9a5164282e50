package dev.retort.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.retort.Retort;
import dev.retort.command.MigrationListener;
import dev.retort.command.MigrationResult;
import dev.retort.command.OfflineScript;
import dev.retort.command.StepResult;
import dev.retort.config.RetortConfig;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;
import dev.retort.revision.Revision.Kind;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.script.StrayRevisions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command has: the global options of its parent, its own output streams (results on
 * standard output, notes and steps on standard error), and the facade. Commands print only
 * through {@link #out()} and {@link #err()}, never {@code System.out}, and return their exit
 * code; errors are thrown and turned into {@code ERROR: …} lines by {@link Failures}.
 */
abstract class RetortCommand implements Callable<Integer> {

	/** Where Flyway reads migrations unless told otherwise, under src/main/resources. */
	private static final String FLYWAY_FOLDER = "db/migration";

	/** The project's compiled classes could not be read for the Java packages: said once, not twice. */
	private boolean javaRevisionsUnreadable;

	/** What a run of {@link #migrate} applied so far; {@code null} for other commands and offline scripts. */
	private StepsSoFar stepsSoFar;

	/**
	 * The {@code @Revision} classes among the compiled classes ({@link #noteStrayRevisions}),
	 * looked for from the start of the command, beside the reading of its configuration and of
	 * the revisions: a project's thousands of class files then cost the command little time.
	 * {@code null} until started.
	 */
	private FutureTask<List<String>> revisionClasses;

	@ParentCommand
	RetortCli root;

	@Spec
	CommandSpec spec;

	@Override
	public final Integer call() {
		if (!connects()) {
			this.root.withoutDatabase();
		}
		if (readsRevisions() && !embedded()) {
			startLookingForRevisionClasses();
		}
		try {
			return run();
		}
		catch (LinkageError ex) {
			// A Java revision from --classpath built against another version: an error like any other.
			throw new IllegalStateException("Could not load a class: " + ex, ex);
		}
	}

	/** Runs the command; returns its exit code. */
	abstract int run();

	/**
	 * Whether this run may connect to the database. One that never does runs without the
	 * connection settings an unset placeholder leaves out ({@code password: ${DB_PASSWORD}}).
	 */
	boolean connects() {
		return true;
	}

	/**
	 * Whether this command reads the revisions ({@link #retort()}), and so says which Java
	 * revisions it does not read: their look-up starts with the command. One that reads them
	 * otherwise looks them up when it asks.
	 */
	boolean readsRevisions() {
		return true;
	}

	/** An offline script reads the database only when a target starts where it stands ({@code current:TO}, SPEC §5). */
	static boolean readsDatabaseFor(boolean sql, List<String> targets) {
		return !sql || targets.stream().anyMatch((target) -> target.strip().startsWith("current:"));
	}

	PrintWriter out() {
		return this.spec.commandLine().getOut();
	}

	PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	boolean json() {
		return this.root.options.format == GlobalOptions.OutputFormat.json;
	}

	boolean quiet() {
		return this.root.options.quiet;
	}

	boolean verbose() {
		return this.root.options.verbosity() > 0;
	}

	RetortConfig config() {
		return this.root.config();
	}

	/** Whether this runs inside an application ({@code java -jar app.jar retort …}), with its Migration beans. */
	boolean embedded() {
		return this.root.environment().embedded();
	}

	Retort retort() {
		Retort retort = loadWithProjectClasses().withListener(notices());
		// revision and merge write: an empty graph is a first revision, and where it cannot go is
		// their own error.
		if (retort.graph().revisions().isEmpty() && !this.root.environment().embedded()
				&& !this.spec.name().equals("revision") && !this.spec.name().equals("merge")
				&& config().javaPackages().isEmpty()
				&& config().locations().stream().allMatch((location) -> location.startsWith("classpath:"))) {
			// Run outside the project, the default classpath:db/revisions is the CLI's own class
			// path: no revision at all, and 'upgrade' would report a database at base as done.
			note(noRevisionFiles());
		}
		if (!config().javaPackages().isEmpty() && !this.root.environment().embedded() && !this.javaRevisionsUnreadable
				&& retort.graph().revisions().stream().noneMatch((revision) -> revision.kind() == Kind.JAVA)) {
			// Java revisions come from compiled classes: before the first build, or with a misspelt
			// package, the graph lacks them all and every answer (heads, the parent of a new revision,
			// what upgrade runs) is quietly wrong.
			note("No Java revision found in " + String.join(", ", config().javaPackages()) + " on the class path ("
					+ classPathRead() + "). Compile the project first, check the package name, or give --classpath"
					+ " with the directory or jar that holds them.");
		}
		if (!this.root.environment().embedded()) {
			noteStrayRevisions(retort);
		}
		return retort;
	}

	/**
	 * Says where Java revisions stand that this command does not read: a @Revision class outside
	 * the packages leaves the graph without a word when nothing revises it (the newest revision),
	 * and a .java file among the revision files is never compiled by Retort.
	 */
	private void noteStrayRevisions(Retort retort) {
		// config(), not projectConfig(): the same packages, without comparing the revision sources
		// with their classes a second time (loadWithProjectClasses did).
		RetortConfig config = config();
		List<Revision> revisions = retort.graph().revisions();
		// With no Java revision at all, the note above has said so already.
		List<String> emptyPackages = (this.javaRevisionsUnreadable
				|| revisions.stream().noneMatch((revision) -> revision.kind() == Kind.JAVA)) ? List.of()
						: StrayRevisions.emptyPackages(config.javaPackages(), revisions);
		String hint = StrayRevisions.hint(StrayRevisions.outside(revisionClasses(), config.javaPackages()),
				retort.scripts().javaSourcesInLocations(), config.javaPackages(), emptyPackages, true);
		if (hint != null) {
			note(hint);
		}
	}

	/**
	 * Starts looking for the {@code @Revision} classes of the directories the revisions are read
	 * from ({@code --classpath}, else the project's compiled classes) in a thread of its own. It
	 * needs neither the configuration nor the revisions, only the command line and the working
	 * directory; the packages are held against its classes when it is done.
	 */
	private void startLookingForRevisionClasses() {
		List<Path> classDirectories = classDirectories();
		if (classDirectories.isEmpty()) {
			return;
		}
		this.revisionClasses = revisionClassesIn(classDirectories);
		Thread thread = new Thread(this.revisionClasses, "retort-revision-classes");
		// Never keeps the process alive: a command that fails before it needs them exits as it would.
		thread.setDaemon(true);
		thread.start();
	}

	/** The {@code @Revision} classes of {@link #classDirectories()}, in the scanned packages or not. */
	private List<String> revisionClasses() {
		if (this.revisionClasses == null) {
			this.revisionClasses = revisionClassesIn(classDirectories());
			this.revisionClasses.run();
		}
		try {
			return this.revisionClasses.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
		catch (ExecutionException ex) {
			// A hint only: classes that could not be looked through give none.
			return List.of();
		}
	}

	/** The look-up of every {@code @Revision} class in {@code classDirectories}: the packages are applied later. */
	private static FutureTask<List<String>> revisionClassesIn(List<Path> classDirectories) {
		return new FutureTask<>(() -> StrayRevisions.classesOutside(classDirectories, List.of()));
	}

	/** The directories of compiled classes the Java revisions are read from: --classpath's, else the project's. */
	private List<Path> classDirectories() {
		List<Path> classDirectories = new ArrayList<>();
		String given = this.root.options.classpath;
		if (given != null && !given.isBlank()) {
			for (String entry : given.split(File.pathSeparator)) {
				if (!entry.isBlank()) {
					classDirectories.add(this.root.environment().workingDirectory().resolve(entry));
				}
			}
		}
		else {
			Path compiled = ConfigResolver.projectClasses(this.root.environment());
			if (compiled != null) {
				classDirectories.add(compiled);
			}
		}
		return classDirectories;
	}

	/**
	 * What a command that is no migration prints while it waits: that the database could not be
	 * reached and is tried again ({@code connect-retries}), as a line of its own like the lock-wait
	 * notice of a migration ({@link StepPrinter}); the {@code ConnectionFactory} logger is quiet
	 * below {@code -vv} ({@link LogLevel}). Nothing with {@code -q}; inside an application the
	 * notice is logged, as the application's other lines are.
	 */
	MigrationListener notices() {
		if (quiet() || embedded()) {
			return MigrationListener.NONE;
		}
		return new MigrationListener() {

			@Override
			public void waitingForDatabase(String notice) {
				note(notice);
			}

		};
	}

	/**
	 * Why a graph read from {@code classpath:} locations is empty. In a project that is its
	 * sources not written yet (a new project, before {@code retort init}), not a command run in
	 * the wrong directory.
	 */
	private String noRevisionFiles() {
		String locations = String.join(", ", config().locations());
		if (!InitCommand.inProject(this.root.environment().workingDirectory())) {
			return "No revision files found: " + locations + " is read from src/main/resources of the project directory,"
					+ " and this is not one. Run retort in the project, or give --location DIR.";
		}
		List<String> sources = config().locations()
			.stream()
			.map((location) -> "src/main/resources/" + location.substring("classpath:".length()).replaceAll("^/+", ""))
			.toList();
		String init = sources.equals(List.of(ConfigResolver.PROJECT_REVISIONS)) ? "retort init"
				: "retort init " + sources.get(0);
		String none = "No revision files found: this project has none yet in " + String.join(", ", sources)
				+ " (read as " + locations + "). ";
		long defaultFiles = sources.contains(ConfigResolver.PROJECT_REVISIONS) ? 0
				: sqlFilesIn(this.root.environment().workingDirectory().resolve(ConfigResolver.PROJECT_REVISIONS));
		if (defaultFiles > 0) {
			// A misspelt 'retort.locations' ('db/revision'): 'retort init' there would start a second folder.
			return none + ConfigResolver.PROJECT_REVISIONS + " holds " + defaultFiles + " .sql file(s), the default"
					+ " location, which the configured one leaves out: fix the location ('retort.locations' in"
					+ " application.yml or application.properties, RETORT_LOCATIONS or --location), or remove it to read"
					+ " classpath:db/revisions.";
		}
		long flywayFiles = config().locations().contains("classpath:" + FLYWAY_FOLDER) ? 0
				: sqlFilesIn(this.root.environment().workingDirectory().resolve("src/main/resources/" + FLYWAY_FOLDER));
		if (flywayFiles > 0) {
			// A team from Flyway puts its files where Flyway reads them: 'retort init' alone would not move them.
			return none + "src/main/resources/" + FLYWAY_FOLDER + " holds " + flywayFiles + " .sql file(s), Flyway's"
					+ " default location, which retort does not read: put revision files in " + sources.get(0) + " ('"
					+ init + "' creates it; a Flyway V<n>__<description>.sql is converted first, see 'Coming from"
					+ " Flyway' in docs/spring-boot.md), or set 'retort.locations: classpath:" + FLYWAY_FOLDER
					+ "' if they are Retort revisions.";
		}
		return none + "Create the directory and its template with '" + init + "', then write the first"
				+ " revision with 'retort revision -m \"create the first tables\"'.";
	}

	/** The {@code .sql} files under {@code directory}, 0 when it is none or cannot be read. */
	private static long sqlFilesIn(Path directory) {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".sql")).count();
		}
		catch (IOException | UncheckedIOException ex) {
			return 0;
		}
	}

	/**
	 * The facade; without --classpath, the Java packages are read from the project's compiled
	 * classes, as the revision files are from src/main/resources: without them the graph would
	 * quietly lack every Java revision (wrong heads, and 'revision' branching off below them). A
	 * class that loads only on the application's class path (a Migration bean taking Spring beans)
	 * cannot be read here: the command then runs as before, without the Java revisions, and says so.
	 * Any other problem of the Java revisions is an error, as it is in the application.
	 */
	private Retort loadWithProjectClasses() {
		RetortConfig withClasses = projectConfig();
		if (withClasses == config()) {
			return this.root.retort();
		}
		try {
			Retort retort = Retort.load(this.root.connecting(withClasses));
			// The revisions are read in the background: a class that cannot load fails here, not later.
			retort.graph();
			return retort;
		}
		catch (LinkageError ex) {
			noteJavaRevisionsUnreadable(ex);
			return this.root.retort();
		}
		catch (RetortException ex) {
			if (!(ex instanceof InvalidRevisionFileException invalid) || !invalid.onlyNeedsAnApplicationsClassPath()) {
				// A class wrong wherever it runs (no Migration, a bad id, an unknown parent): left out, the
				// graph would lack every Java revision and the command would work on the wrong one.
				throw ex;
			}
			Retort without = this.root.retort();
			try {
				without.graph();
			}
			catch (RetortException alsoWithout) {
				// The revision files are wrong whatever the Java revisions: reported as read with
				// them, so a file revising a Java revision is not also said to revise a missing one.
				throw ex;
			}
			noteJavaRevisionsUnreadable(ex);
			return without;
		}
	}

	/**
	 * The configuration the revisions are read with: the project's compiled classes for its Java
	 * packages when there are some and no --classpath names others; else {@link #config()}
	 * itself. Refuses when a revision of the project's sources is not compiled, or changed since
	 * (see {@link JavaRevisionSources}).
	 */
	RetortConfig projectConfig() {
		RetortConfig config = config();
		String given = this.root.options.classpath;
		if (config.javaPackages().isEmpty() || (given != null && !given.isBlank()) || embedded()) {
			return config;
		}
		Path compiled = ConfigResolver.projectClasses(this.root.environment());
		JavaRevisionSources.requireCompiled(this.root.environment().workingDirectory(), config.javaPackages(), compiled);
		if (compiled == null) {
			return config;
		}
		return config.toBuilder().classLoader(ConfigResolver.classLoader(compiled.toString())).build();
	}

	/**
	 * Whether the version rows no file declares are ones the history never recorded either
	 * (Alembic's table taken over under new ids, a row written by hand), which upgrade refuses:
	 * the status asks what upgrade asks. Read only where such a row is there.
	 */
	static boolean unrecordedVersionRows(Retort retort) {
		try {
			retort.status();
			return false;
		}
		catch (UnrecordedVersionRowsException ex) {
			return true;
		}
		catch (RetortException ex) {
			// Whatever else the status meets, the note of a database ahead stands as before.
			return false;
		}
	}

	/** Says that the project's Java revisions could not be read, and why: the command runs without them. */
	void noteJavaRevisionsUnreadable(Throwable why) {
		this.javaRevisionsUnreadable = true;
		String reason = (why instanceof LinkageError) ? why.toString() : why.getMessage().strip();
		note("The Java revisions in " + String.join(", ", config().javaPackages()) + " could not be read from "
				+ this.root.environment().workingDirectory().relativize(ConfigResolver.projectClasses(this.root.environment()))
				+ " (" + reason + "); this command runs without them. Revisions that need the application's class path"
				+ " (Migration beans) are read by its in-app commands: java -jar app.jar retort COMMAND.");
	}

	private String classPathRead() {
		String given = this.root.options.classpath;
		if (given != null && !given.isBlank()) {
			return "--classpath " + given;
		}
		Path compiled = ConfigResolver.projectClasses(this.root.environment());
		return (compiled != null) ? this.root.environment().workingDirectory().relativize(compiled).toString()
				: "neither --classpath nor " + String.join(" nor ", ConfigResolver.PROJECT_CLASSES) + " exists";
	}

	/** A note for people on standard error, unless {@code -q}: never mixed with results. */
	void note(String line) {
		if (!quiet()) {
			err().println(line);
			err().flush();
		}
	}

	/** The one JSON document of {@code --format json}. */
	void printJson(Object result) {
		this.root.document().print(result);
	}

	/** Fails with a usage error (exit 2) before anything happens. */
	RetortException usage(String message) {
		return new RetortException(ErrorCode.CONFIGURATION, message);
	}

	/** Fails unless a database is configured, naming every way to give one. */
	void requireDatabase() {
		requireDatabase(this.spec.name());
	}

	/** As {@link #requireDatabase()}, naming what needs the database ({@code show current}). */
	void requireDatabase(String what) {
		RetortConfig config = config();
		if (config.dataSource() == null && (config.url() == null || config.url().isBlank())) {
			throw new RetortException(ErrorCode.CONFIGURATION, "No database to connect to for '" + what
					+ "': give --url jdbc:postgresql://HOST:PORT/DB (or postgresql://HOST:PORT/DB with USER:PASSWORD@ "
					+ "before HOST), "
					+ "set DATABASE_URL, RETORT_URL or SPRING_DATASOURCE_URL, or set spring.datasource.url in "
					+ "application.yml (--config FILE).");
		}
	}

	/**
	 * Runs an upgrade, downgrade or stamp with one line per step on standard error, then prints
	 * the result: JSON, or a one-line summary.
	 */
	int migrate(String verb, Function<Retort, MigrationResult> run) {
		// Set before anything can fail, so that a failure before the first step (no database, an
		// unknown revision) is still reported in the shape of this command's result, with no step.
		this.stepsSoFar = new StepsSoFar();
		StepsSoFar sofar = this.stepsSoFar;
		if (json()) {
			// SPEC §5's one document, also when the process is ended under a step (see JsonDocument).
			this.root.document().printOnExit(() -> FailureDocument.of(sofar, new FailureDocument.PlainError(
					ErrorCode.RUNTIME, sofar.interruption(), ExitSignals.exitCode())));
		}
		requireDatabase();
		MigrationResult result;
		Retort retort = retort();
		try (StepPrinter printer = new StepPrinter(err(), StepPrinter.DEFAULT_PROGRESS_EVERY, !embedded())) {
			result = run.apply(retort.withListener(
					quiet() ? this.stepsSoFar : MigrationListener.all(List.of(this.stepsSoFar, printer))));
		}
		if (json()) {
			printJson(result);
			return 0;
		}
		long total = result.steps().stream().mapToLong(StepResult::durationMs).sum();
		List<String> unknown = result.to().stream().filter((row) -> !retort.graph().contains(row)).toList();
		if (result.steps().isEmpty() && !unknown.isEmpty()) {
			// A newer version migrated it (a rolling deploy): "at X" alone reads as up to date.
			out().println("Nothing to " + verb + ": the database is at " + RevisionText.parents(result.to())
					+ ", ahead of this version: no revision file here declares " + String.join(", ", unknown)
					+ " (a newer version of the application migrated it). Nothing was done.");
		}
		else if (result.steps().isEmpty()) {
			out().println("Nothing to " + verb + ": the database is at " + RevisionText.parents(result.to()) + ".");
		}
		else {
			int count = result.steps().size();
			out().println("Done: " + RevisionText.parents(result.from()) + " -> " + RevisionText.parents(result.to())
					+ " (" + count + ((count == 1) ? " step, " : " steps, ") + StepPrinter.format(total) + ")");
		}
		return 0;
	}

	/**
	 * The JSON document of this command's failure: {@code {"error": …}}, and for a run of
	 * {@link #migrate} also what it applied before it failed, in the shape of its success.
	 */
	Object failureDocument(FailureDocument.Error error) {
		return (this.stepsSoFar != null) ? FailureDocument.of(this.stepsSoFar, error) : FailureDocument.of(error);
	}

	/**
	 * Refuses {@code --format json} with {@code --sql} before anything happens: the script is the
	 * output of {@code --sql}, for psql, and a JSON document around it would be neither.
	 */
	void refuseJsonWithSql() {
		if (json()) {
			throw usage("--format json cannot be combined with --sql: the SQL script, for psql, is the output of '"
					+ this.spec.name() + " --sql'. Leave out --format json.");
		}
	}

	/** Prints an offline ({@code --sql}) script on standard output, alone. */
	int printSql(OfflineScript script) {
		String sql = script.sql().endsWith("\n") ? script.sql() : script.sql() + "\n";
		out().print(sql);
		out().flush();
		if (script.nothingToDo() != null) {
			note(script.nothingToDo());
		}
		if (script.startsAtBase() != null) {
			note(script.startsAtBase());
		}
		for (String place : script.psqlVariables()) {
			note(place);
		}
		return 0;
	}

	/**
	 * Several heads are valid (upgrade applies them all, as Alembic's does), so without
	 * 'fail-on-multiple-heads' they are no problem; but two pull requests that each added a revision
	 * on the same head merge in git without a conflict, and a CI log that says only "No problems
	 * found." (validate) or upgrades to both in silence (upgrade) leaves the team to find out from
	 * the test kit, or from a deploy that upgrades to 'head'. A note, as 'retort heads' gives one,
	 * names the merge to write.
	 * @param graph the revision files' graph, whose real heads are noted
	 * @param config the configuration they were read with: with 'fail-on-multiple-heads' set, the
	 *     heads are an error of their own, and there is nothing to note
	 */
	void noteSeveralHeads(RevisionGraph graph, RetortConfig config) {
		List<String> heads = graph.realHeads().stream().map(Revision::id).sorted().toList();
		if (heads.size() < 2 || config.failOnMultipleHeads()) {
			return;
		}
		String ids = String.join(" ", heads);
		note(heads.size() + " heads (" + String.join(", ", heads) + "): 'retort upgrade' applies "
				+ ((heads.size() == 2) ? "both" : "all of them") + ", 'retort upgrade head' refuses them, and the"
				+ " test kit's assertSingleHead fails. Join them with: retort merge -m \"merge\" " + ids
				+ " ('retort.fail-on-multiple-heads', RETORT_FAIL_ON_MULTIPLE_HEADS=true, makes validate fail on them).");
	}

	/** The project the command runs in: the working directory, whose src/main/java holds the Java revisions' sources. */
	Path projectDirectory() {
		return this.root.environment().workingDirectory();
	}

	/** A path as the user should read it: relative to the working directory when inside it. */
	String display(Path path) {
		Path working = this.root.environment().workingDirectory();
		Path absolute = working.resolve(path).normalize();
		return absolute.startsWith(working) && !absolute.equals(working) ? working.relativize(absolute).toString()
				: absolute.toString();
	}

	/** Where the configuration connects, password hidden, for {@code current --verbose}. */
	String databaseDescription() {
		RetortConfig config = config();
		if (config.url() != null) {
			String user = (config.user() != null) ? " as " + config.user() : "";
			return this.root.secrets().url(config.url()) + user;
		}
		return "the application's DataSource";
	}

}
