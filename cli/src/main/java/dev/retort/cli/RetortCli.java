package dev.retort.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code retort} command: the global options and the list of commands. It holds
 * what the commands share (the resolved configuration, the password scrubber), so that each
 * command stays a thin adapter over one method of {@link Retort}.
 */
@Command(name = "retort", mixinStandardHelpOptions = true, versionProvider = RetortCli.Version.class,
		sortOptions = false, synopsisSubcommandLabel = "COMMAND",
		header = "Alembic's revision-graph migrations for PostgreSQL.",
		description = "Creates, applies and inspects revisions: SQL files and Java classes joined in a graph by their 'Revises' headers, with branches, merges and labels as in Alembic. Global options may come before or after the command name.",
		commandListHeading = "%nCommands:%n", optionListHeading = "%nGlobal options:%n",
		footerHeading = "%nExamples:%n",
		footer = { "  retort init                          create src/main/resources/db/revisions",
				"  retort revision -m \"create coffee logs\"",
				"  retort upgrade                       apply every pending revision (to heads)",
				"  retort current                       where the database stands",
				"  retort history --graph",
				"  retort upgrade head --sql > upgrade.sql",
				"  retort --url postgresql://app:secret@db:5432/app --format json current",
				"",
				"Configuration, highest first: options; the environment (RETORT_*, SPRING_DATASOURCE_*, DATABASE_URL); "
						+ "--config FILE, else src/main/resources/application.{properties,yml}, with --profile; defaults.",
				"Exit codes: 0 done, 1 failed at run time, 2 bad usage or input, 3 a check found something.",
				"'retort COMMAND --help' explains each command." },
		subcommands = { InitCommand.class, RevisionCommand.class, UpgradeCommand.class, DowngradeCommand.class,
				CurrentCommand.class, HistoryCommand.class, HeadsCommand.class, BranchesCommand.class,
				ShowCommand.class, StampCommand.class, MergeCommand.class, ValidateCommand.class, CheckCommand.class,
				LintCommand.class })
final class RetortCli implements Callable<Integer> {

	@Mixin
	GlobalOptions options;

	@Spec
	CommandSpec spec;

	private final CliEnvironment environment;

	private final Secrets secrets;

	private RetortConfig config;

	private JsonDocument document;

	private ConnectionSources connectionSources;

	private ConnectTimeout connectTimeout;

	/** Whether the command of this run may connect; set by the command before it runs. */
	private boolean connects = true;

	RetortCli(CliEnvironment environment, Secrets secrets) {
		this.environment = environment;
		this.secrets = secrets;
	}

	@Override
	public Integer call() {
		// 'retort' alone is a usage error: show what there is to run.
		PrintWriter err = this.spec.commandLine().getErr();
		err.println("ERROR: Missing command.");
		this.spec.commandLine().usage(err);
		int exitCode = this.spec.exitCodeOnInvalidInput();
		if (this.options.format == GlobalOptions.OutputFormat.json) {
			Failures.printJson(this.spec.commandLine(), FailureDocument.of(new FailureDocument.PlainError(
					ErrorCode.CONFIGURATION, "Missing command.", exitCode)));
		}
		return exitCode;
	}

	/** Called by a command that never connects, before it reads the configuration. */
	void withoutDatabase() {
		this.connects = false;
	}

	CliEnvironment environment() {
		return this.environment;
	}

	Secrets secrets() {
		return this.secrets;
	}

	/** The one JSON document of this run, on its standard output. */
	synchronized JsonDocument document() {
		if (this.document == null) {
			this.document = new JsonDocument(this.spec.commandLine().getOut());
		}
		return this.document;
	}

	/** The configuration of this run, resolved once from every layer. */
	RetortConfig config() {
		if (this.config == null) {
			if (GlobalOptions.ASK_PASSWORD.equals(this.options.password)) {
				this.options.password = PasswordPrompt.ask(this.spec.commandLine().getErr());
			}
			ConfigResolver resolver = new ConfigResolver(this.environment, this.secrets);
			this.config = resolver.resolve(this.options, this.connects);
			this.connectionSources = resolver.connectionSources();
			// Inside an application its settings stand, as they did at its start.
			this.connectTimeout = this.environment.embedded() ? null : resolver.connectTimeout();
			if (resolver.profileNote() != null && !this.options.quiet) {
				// Before anything connects: the settings read may be another database's.
				this.spec.commandLine().getErr().println(resolver.profileNote());
			}
		}
		return this.config;
	}

	/** Where the connection's URL, user and password were set; {@code null} before {@link #config()} or without a URL. */
	ConnectionSources connectionSources() {
		return this.connectionSources;
	}

	/**
	 * {@code config} as the facade connects with it: its URL with the command line's bound on
	 * opening a connection ({@link ConnectTimeout}), unless the URL has one of its own. The
	 * configuration itself keeps the URL as it was set, as {@code current --verbose} shows it.
	 */
	RetortConfig connecting(RetortConfig config) {
		return bounds(config.url()) ? config.toBuilder().url(this.connectTimeout.bound(config.url())).build() : config;
	}

	/**
	 * The bound {@link #connecting} gives this run's URL; {@code null} when it gives none, or the
	 * configuration could not be read (asked by {@link Failures}: never resolved again here).
	 */
	ConnectTimeout connectTimeout() {
		return (this.config != null && bounds(this.config.url())) ? this.connectTimeout : null;
	}

	private boolean bounds(String url) {
		return this.connectTimeout != null && url != null && !url.equals(this.connectTimeout.bound(url));
	}

	/** The facade over this run's configuration; loads (and validates) the revisions. */
	Retort retort() {
		return Retort.load(connecting(config()));
	}

	/** The version of the jar, as its manifest says. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = RetortCli.class.getPackage().getImplementationVersion();
			return new String[] { "retort " + ((version != null) ? version : "(development build)"),
					"Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}" };
		}

	}

}
