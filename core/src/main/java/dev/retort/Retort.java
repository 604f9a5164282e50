package dev.retort;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.retort.autogenerate.SchemaDiff;
import dev.retort.command.AutogenerateCommand;
import dev.retort.command.BaselineCommand;
import dev.retort.command.BranchesCommand;
import dev.retort.command.BranchesResult;
import dev.retort.command.CommandContext;
import dev.retort.command.CurrentCommand;
import dev.retort.command.CurrentResult;
import dev.retort.command.DowngradeCommand;
import dev.retort.command.HeadsCommand;
import dev.retort.command.HeadsResult;
import dev.retort.command.HistoryEntry;
import dev.retort.command.HistoryCommand;
import dev.retort.command.HistoryResult;
import dev.retort.command.MigrationListener;
import dev.retort.command.MigrationResult;
import dev.retort.command.NewRevision;
import dev.retort.command.OfflineScript;
import dev.retort.command.RevisionCommand;
import dev.retort.command.ShowCommand;
import dev.retort.command.ShowResult;
import dev.retort.command.StampCommand;
import dev.retort.command.StatusCommand;
import dev.retort.command.StatusReport;
import dev.retort.command.UpgradeCommand;
import dev.retort.command.LintCommand;
import dev.retort.command.LintResult;
import dev.retort.command.ValidateCommand;
import dev.retort.lint.Severity;
import dev.retort.command.ValidateResult;
import dev.retort.command.WrittenRevision;
import dev.retort.config.RetortConfig;
import dev.retort.error.RetortException;
import dev.retort.revision.GraphProblem;
import dev.retort.revision.InvalidGraphException;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.ConnectionFactory;
import dev.retort.runtime.InvalidIndex;
import dev.retort.script.InvalidRevisionFileException;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.ScriptLoad;

/**
 * The facade: {@code Retort.configure().url(…).locations(…).load()}, then one method per
 * command of SPEC §5. Each method delegates to one class of {@code dev.retort.command}; the CLI
 * and the Spring Boot starter are thin adapters over these methods. The revisions are loaded
 * once, from {@link #load(RetortConfig)} on, in the background; a connection is opened only by
 * the commands that need the database, and closed before they return.
 */
public final class Retort {

	private final CommandContext context;

	/** Shared by a loaded facade and every facade made from it ({@link #forSchema}, {@link #withListener}). */
	private final MigratedSchemas migrated;

	private Retort(CommandContext context, MigratedSchemas migrated) {
		this.context = context;
		this.migrated = migrated;
	}

	/** Starts a configuration; {@code load()} reads the revisions and returns the facade. */
	public static RetortConfig.Builder<Retort> configure() {
		return RetortConfig.builder(Retort::load);
	}

	/**
	 * The facade of a configuration. The revisions are read on a thread of their own
	 * ({@link ScriptLoad}); the first command that needs them waits for them and throws their
	 * problems (every file and graph problem at once) before it changes anything.
	 */
	public static Retort load(RetortConfig config) {
		return load(config, null);
	}

	/**
	 * As {@link #load(RetortConfig)}, taking over a load of the revisions started earlier
	 * ({@link ScriptLoad#inBackground}) when it reads what this configuration names; otherwise
	 * (or when {@code started} is {@code null}) the revisions are read anew. The Spring Boot
	 * starter starts reading them as soon as the environment is known, before the application
	 * context is built.
	 */
	public static Retort load(RetortConfig config, ScriptLoad started) {
		ClassLoader classLoader = (config.classLoader() != null) ? config.classLoader()
				: Thread.currentThread().getContextClassLoader();
		ScriptLoad scripts = (started != null
				&& started.loads(config.locations(), config.javaPackages(), config.javaMigrations(), classLoader))
						? started : ScriptLoad.inBackground(config.locations(), config.javaPackages(),
								config.javaMigrations(), classLoader);
		ConnectionFactory connections = new ConnectionFactory(config.dataSource(), config.url(), config.user(),
				config.password(), config.applicationName(), config.connectRetries(),
				config.connectRetriesInterval());
		return new Retort(new CommandContext(config, scripts, connections, MigrationListener.NONE), new MigratedSchemas());
	}

	/**
	 * {@code retort validate} without loading first: graph and file problems (which stop
	 * {@link #load(RetortConfig)}) are reported as problems too, with the database checks when
	 * the revisions load.
	 */
	public static ValidateResult validate(RetortConfig config) {
		return validate(config, MigrationListener.NONE);
	}

	/**
	 * As {@link #validate(RetortConfig)}, telling {@code listener} what the run waits for (a
	 * database that is still starting).
	 */
	public static ValidateResult validate(RetortConfig config, MigrationListener listener) {
		Retort retort;
		try {
			retort = load(config).withListener(listener);
			retort.scripts();
		}
		catch (InvalidRevisionFileException ex) {
			return new ValidateResult(ex.problems());
		}
		catch (InvalidGraphException ex) {
			return new ValidateResult(ex.problems().stream().map(GraphProblem::message).toList());
		}
		return retort.validate();
	}

	/** Creates a revisions directory with a revision template ({@code retort init}). */
	public static Path init(Path directory) {
		return RevisionCommand.init(directory);
	}

	public RetortConfig config() {
		return this.context.config();
	}

	public RevisionGraph graph() {
		return this.context.graph();
	}

	/** The loaded scripts. */
	public ScriptDirectory scripts() {
		return this.context.scripts();
	}

	/** The same facade, telling {@code listener} about each step. */
	public Retort withListener(MigrationListener listener) {
		return new Retort(this.context.withListener(listener), this.migrated);
	}

	/**
	 * The same facade for another schema: the version tables and the {@code search_path} of its
	 * migrations are in {@code schema}, everything else is as configured. The revisions are not
	 * read again, so an application with a schema per tenant loads them once and migrates each
	 * tenant through its own facade, from as many threads as it likes: each run holds the migration
	 * lock of its own schema, so runs of different schemas do not wait for each other, and two runs
	 * of one schema take turns.
	 * @param schema the tenant's schema, any name PostgreSQL keeps once quoted ({@code acme-corp},
	 * {@code Tenant42}), created when missing unless {@code createSchema(false)}
	 * @throws dev.retort.error.RetortException ({@code CONFIGURATION}) for a name PostgreSQL would not
	 * keep as written (see {@link dev.retort.config.RetortConfig#schemaNameProblem(String)})
	 */
	public Retort forSchema(String schema) {
		return new Retort(this.context.withSchema(schema), this.migrated);
	}

	/**
	 * The facades, one per schema, through which this facade, the facades {@link #forSchema} and
	 * {@link #withListener} made from it, and the one it was made from ran an upgrade, a downgrade,
	 * a stamp or a baseline in this process: in the order of each schema's first run, a schema
	 * once (by its configured name; the loaded facade's own schema, when it ran one, as itself).
	 * A run that failed counts, as its schema is where the failure is; read-only commands and
	 * offline scripts do not. Empty until a run starts. An application that migrates a schema per
	 * tenant reports those schemas from it, not only the configured one that it may never migrate
	 * (the Spring Boot starter's health contributor, endpoint and gauges).
	 */
	public List<Retort> migrated() {
		return this.migrated.facades();
	}

	/**
	 * Tells {@code firstRun} about each schema that this family of facades (as for {@link #migrated()})
	 * runs an upgrade, a downgrade, a stamp or a baseline on for the first time from now on: the
	 * facade that {@link #migrated()} lists for it from then on, on the thread of that run, before the
	 * run starts (a run that fails counts, as for {@link #migrated()}). Schemas migrated before are not
	 * told: read {@link #migrated()} after this call. A tenant onboarded while the application runs is
	 * reported at once (the Spring Boot starter's gauges); it costs the run nothing but this call, and a
	 * schema's later runs not even that.
	 * @param firstRun told once per schema; it must not throw, nor wait for the run
	 */
	public void whenFirstMigrated(Consumer<Retort> firstRun) {
		this.migrated.tellFirstRuns(firstRun);
	}

	/**
	 * Statements Retort's own code has sent to the database through this facade (one round trip
	 * each): lets tests prove that a run with nothing to do costs the same for any number of
	 * applied revisions.
	 */
	public long statementCount() {
		return this.context.connections().statementCount();
	}

	/** {@code retort upgrade [REV]}: {@code null} or blank means {@code heads}. */
	public MigrationResult upgrade(String target) {
		this.migrated.ranOn(this);
		return inThisSchema(() -> new UpgradeCommand(this.context).run(target));
	}

	/** {@code upgrade --sql}: {@code target} or {@code from:to}. */
	public OfflineScript upgradeSql(String target) {
		return new UpgradeCommand(this.context).sql(target);
	}

	/** {@code retort downgrade REV}. */
	public MigrationResult downgrade(String target) {
		this.migrated.ranOn(this);
		return inThisSchema(() -> new DowngradeCommand(this.context).run(target));
	}

	/** {@code downgrade --sql FROM:TO}. */
	public OfflineScript downgradeSql(String range) {
		return new DowngradeCommand(this.context).sql(range);
	}

	/** {@code retort stamp REV... [--purge]}. */
	public MigrationResult stamp(List<String> revisions, boolean purge) {
		this.migrated.ranOn(this);
		return inThisSchema(() -> new StampCommand(this.context).run(revisions, purge));
	}

	/** {@code stamp --sql REV...} (or {@code FROM:TO}). */
	public OfflineScript stampSql(List<String> revisions) {
		return new StampCommand(this.context).sql(revisions);
	}

	/** Stamps {@code revision} on a non-empty schema that has no version table (SPEC §6). */
	public MigrationResult baseline(String revision) {
		this.migrated.ranOn(this);
		return inThisSchema(() -> new BaselineCommand(this.context).run(revision));
	}

	/** {@code retort current}: read-only. */
	public CurrentResult current() {
		return inThisSchema(() -> new CurrentCommand(this.context).run());
	}

	/** {@code retort heads}: never connects. */
	public HeadsResult heads() {
		return new HeadsCommand(this.context).run();
	}

	/** {@code retort branches}: never connects. */
	public BranchesResult branches() {
		return new BranchesCommand(this.context).run();
	}

	/**
	 * Revisions of {@code range} (all when {@code null}), newest first; with
	 * {@code readDatabase} each carries its state.
	 */
	public HistoryResult history(String range, boolean readDatabase) {
		return new HistoryCommand(this.context).run(range, readDatabase);
	}

	/**
	 * {@code retort show REV}: one revision and its SQL. Connects only for {@code current}, the
	 * revision the database is at.
	 */
	public ShowResult show(String revision) {
		return new ShowCommand(this.context).run(revision);
	}

	/**
	 * {@code retort show REV} as text: every revision {@code REV} names ({@code heads}, a merge's
	 * {@code REV-1}, {@code current} at several rows), as Alembic's {@code show} prints them.
	 */
	public List<ShowResult> showAll(String revision) {
		return new ShowCommand(this.context).runAll(revision);
	}

	/**
	 * {@code retort lint [RANGE]}: the rules of {@link dev.retort.lint.LintRule} over the upgrade
	 * statements of a range of revisions (all when {@code null}); never connects.
	 * @param range {@code [start]:[end]} as for {@code history}, or {@code null}
	 * @param failOn findings at or above this severity fail the lint
	 */
	public LintResult lint(String range, Severity failOn) {
		return new LintCommand(this.context).run(range, failOn);
	}

	/** {@code retort validate}: checksums and applied revisions missing on disk (graph problems stop load). */
	public ValidateResult validate() {
		return inThisSchema(() -> new ValidateCommand(this.context).run());
	}

	/** Where the database stands, read-only (the Actuator endpoint). */
	public StatusReport status() {
		return inThisSchema(() -> new StatusCommand(this.context).run());
	}

	/**
	 * Where the database stands, read-only, with as pending what {@code retort upgrade target}
	 * would run ({@code retort.on-startup=validate} with a {@code retort.target}).
	 * @param target a revision target as for {@link #upgrade(String)}
	 */
	public StatusReport status(String target) {
		return inThisSchema(() -> new StatusCommand(this.context).run(target));
	}

	/** The newest row of the history table, if any; read-only. */
	public Optional<HistoryEntry> lastRun() {
		return new StatusCommand(this.context).lastRun();
	}

	/**
	 * Who holds the migration lock of the version table now and what its runner migrates
	 * ({@code held by pid 4711 (…), which migrates on pid 4712 (active for 5 s, '…')}); empty when
	 * it is free. Read-only: never takes it.
	 */
	public Optional<String> migrationLockHolder() {
		return new StatusCommand(this.context).migrationLockHolder();
	}

	/**
	 * The INVALID indexes of the schema, left by a concurrent build that was killed or failed (not
	 * those another session is building now); read-only, one query. {@link #validate()} says what
	 * to do about each.
	 */
	public List<InvalidIndex> invalidIndexes() {
		return new StatusCommand(this.context).invalidIndexes();
	}

	/**
	 * The rows of Alembic's {@code alembic_version} in the schema, when another version table is
	 * configured (a database Alembic migrated, not yet taken over); read-only.
	 */
	public List<String> alembicVersionRows() {
		return new StatusCommand(this.context).alembicVersionRows();
	}

	/**
	 * With a version row no file declares: the revisions the history shows applied that no file
	 * declares, each with the id of a file holding the same upgrade SQL (a rebase or a rename
	 * changed its id); empty otherwise. Read-only.
	 */
	public Map<String, String> renamedRevisions() {
		return new StatusCommand(this.context).renamedRevisions();
	}

	/**
	 * Whether Retort never migrated the schema and it holds tables: a schema built before Retort
	 * (by hand, by another tool), which needs a baseline; read-only.
	 */
	public boolean schemaBuiltWithoutRetort() {
		return new StatusCommand(this.context).builtWithoutRetort();
	}

	/**
	 * What makes the schema one built without Retort ({@link #schemaBuiltWithoutRetort()}): the
	 * kinds of objects it holds that Retort did not create, as "tables", "views", "sequences",
	 * "types", "functions"; empty when it is not such a schema. Read-only.
	 */
	public List<String> schemaObjectsWithoutRetort() {
		return new StatusCommand(this.context).builtWithoutRetortFrom();
	}

	/** Writes a new revision file ({@code retort revision}). */
	public WrittenRevision revision(NewRevision request) {
		return new RevisionCommand(this.context).revision(request);
	}

	/**
	 * Refuses a new revision that {@link #revision} would refuse (a parent that is not the single
	 * head, an id or label in use), writing nothing and reading no database: to refuse
	 * {@code retort revision --autogenerate} before it compares.
	 * @param request what would be written
	 */
	public void requireRevisionWritable(NewRevision request) {
		new RevisionCommand(this.context).requireWritable(request);
	}

	/**
	 * {@code retort check}: what it takes to bring the database, at its heads, to the schema a
	 * model file describes; empty when they agree.
	 * @param modelSource the model file, as shown in messages
	 * @param modelSql its content: plain SQL creating the whole schema
	 */
	public SchemaDiff check(String modelSource, String modelSql) {
		return new AutogenerateCommand(this.context).diff(modelSource, modelSql);
	}

	/**
	 * {@code retort revision --autogenerate}: a new SQL revision whose upgrade brings the database
	 * to the model and whose downgrade undoes it. Enum labels that the other changes use are
	 * written into a revision of their own, which the new revision revises
	 * ({@link WrittenRevision#before()}): PostgreSQL refuses a label before it is committed.
	 * @param request what to write
	 * @param diff the differences, from {@link #check}
	 */
	public WrittenRevision revision(NewRevision request, SchemaDiff diff) {
		return new RevisionCommand(this.context).revision(request, diff);
	}

	/** Writes a merge revision file ({@code retort merge}); {@code request.head()} are the parents. */
	public WrittenRevision merge(NewRevision request) {
		return new RevisionCommand(this.context).merge(request);
	}

	/**
	 * Runs a command of this facade, its failure marked with the schema it ran in
	 * ({@link RetortException#schema()}): the one place that knows it for every kind of failure
	 * (a lock timeout, a changed checksum, a database ahead, a failed revision), so that an
	 * application migrating a schema per tenant can name the tenant. From the configuration
	 * alone: no query.
	 */
	private <T> T inThisSchema(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (RetortException ex) {
			throw ex.ranInSchema(this.context.config().schema());
		}
	}

	/**
	 * The schemas a family of facades ran migrations on, for {@link #migrated()}: tenants migrated
	 * from several threads at once note theirs at the same time.
	 */
	private static final class MigratedSchemas {

		/** By configured schema; {@code null} is the connection's, which only a loaded facade has. */
		private final Map<String, Retort> facades = new LinkedHashMap<>();

		/** Told of each schema's first run, outside the lock: none in an application that asks for none. */
		private final List<Consumer<Retort>> firstRuns = new CopyOnWriteArrayList<>();

		void ranOn(Retort facade) {
			boolean first;
			synchronized (this) {
				first = this.facades.putIfAbsent(facade.config().schema(), facade) == null;
			}
			if (first) {
				this.firstRuns.forEach((firstRun) -> firstRun.accept(facade));
			}
		}

		void tellFirstRuns(Consumer<Retort> firstRun) {
			this.firstRuns.add(firstRun);
		}

		synchronized List<Retort> facades() {
			return List.copyOf(this.facades.values());
		}

	}

}
