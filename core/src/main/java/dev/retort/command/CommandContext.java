package dev.retort.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.retort.config.RetortConfig;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.Step;
import dev.retort.runtime.AppliedStep;
import dev.retort.runtime.ConnectionFactory;
import dev.retort.runtime.ConnectionPasswords;
import dev.retort.runtime.Database;
import dev.retort.runtime.DdlSettings;
import dev.retort.runtime.MigrationRunner;
import dev.retort.runtime.RunListener;
import dev.retort.runtime.SqlSink;
import dev.retort.runtime.TableNames;
import dev.retort.script.RevisionScript;
import dev.retort.script.ScriptDirectory;
import dev.retort.script.ScriptLoad;

/**
 * What every command works with: the configuration, the loaded scripts and their graph, where
 * to connect, and who listens. Built once by the facade.
 */
public final class CommandContext {

	private final RetortConfig config;

	private final ScriptLoad scripts;

	private final ConnectionFactory connections;

	private final MigrationListener listener;

	public CommandContext(RetortConfig config, ScriptDirectory scripts, ConnectionFactory connections,
			MigrationListener listener) {
		this(config, ScriptLoad.of(scripts), connections, listener);
	}

	/**
	 * A context whose revisions may still be loading: the commands wait for them where they need
	 * them, and throw what loading them threw.
	 */
	public CommandContext(RetortConfig config, ScriptLoad scripts, ConnectionFactory connections,
			MigrationListener listener) {
		this.config = config;
		this.scripts = scripts;
		this.connections = connections;
		this.listener = (listener != null) ? listener : MigrationListener.NONE;
	}

	/** The same context with another listener. */
	public CommandContext withListener(MigrationListener listener) {
		return new CommandContext(this.config, this.scripts, this.connections, listener);
	}

	/**
	 * The same context for another schema: the same revisions (loaded once) and connections, and
	 * the listener {@link MigrationListener#inSchema for that schema}; the configuration checks the
	 * name as it checks any schema.
	 */
	public CommandContext withSchema(String schema) {
		RetortConfig config = this.config.toBuilder().schema(schema).build();
		return new CommandContext(config, this.scripts, this.connections, this.listener.inSchema(schema));
	}

	public RetortConfig config() {
		return this.config;
	}

	/** The revisions, once loaded; throws what loading them threw. */
	public ScriptDirectory scripts() {
		return this.scripts.get();
	}

	public RevisionGraph graph() {
		return scripts().graph();
	}

	public ConnectionFactory connections() {
		return this.connections;
	}

	public MigrationListener listener() {
		return this.listener;
	}

	/**
	 * Opens the migration session, with {@code search_path} set to the configured schema. When
	 * that fails and the revisions cannot be loaded either, the revisions' problems come first
	 * (with the connection's failure suppressed), as they did when the files were read before
	 * connecting: every command reports a broken file the same way, reachable database or not.
	 * Waiting for the revisions there also lets what loading them logs reach the log before the
	 * command ends.
	 */
	public Database openDatabase() {
		try {
			return Database.open(this.connections, this.config.schema(), this.config.versionTable(),
					this.config.historyTable(), this.listener::waitingForDatabase);
		}
		catch (RuntimeException connectionFailure) {
			try {
				scripts();
			}
			catch (RuntimeException loadFailure) {
				loadFailure.addSuppressed(connectionFailure);
				throw loadFailure;
			}
			throw connectionFailure;
		}
	}

	/** The bookkeeping tables as an offline script names them (the configured schema, if any). */
	TableNames offlineNames() {
		return new TableNames(this.config.schema(), this.config.versionTable(), this.config.historyTable());
	}

	/** Whether {@code CREATE SCHEMA} is wanted (a schema is configured and may be created). */
	boolean createSchema() {
		return this.config.createSchema() && this.config.schema() != null;
	}

	DdlSettings ddl() {
		return new DdlSettings(this.config.ddlLockTimeout(), this.config.ddlStatementTimeout(),
				this.config.ddlRetries());
	}

	/** A runner over a sink, telling this context's listener. */
	MigrationRunner runner(SqlSink sink, TableNames names) {
		return new MigrationRunner(sink, names, this::script, ddl(), this.config.transactionMode(), runListener(),
				this::client).configuredSchema(this.config.schema()).connectionPasswords(
				(this.connections != null) ? this.connections.passwords() : ConnectionPasswords.NONE);
	}

	private RunListener runListener() {
		MigrationListener listener = this.listener;
		return new RunListener() {
			@Override
			public void stepStarting(Step step) {
				listener.stepStarting(step);
			}

			@Override
			public void stepFinished(Step step, long durationMs, Throwable error) {
				listener.stepFinished(step, durationMs, error);
			}

			@Override
			public void stepRetrying(Step step, int attempt, Duration backoff, Throwable cause) {
				listener.stepRetrying(step, attempt, backoff, cause);
			}

			@Override
			public void invalidIndexDropped(Step step, String index) {
				listener.invalidIndexDropped(step, index);
			}
		};
	}

	/** Completed steps as the result records show them. */
	static List<StepResult> results(List<AppliedStep> steps) {
		return steps.stream()
			.map((step) -> new StepResult(step.revision(), step.operation(), step.durationMs(),
					step.droppedInvalidIndexes()))
			.toList();
	}

	RevisionScript script(String id) {
		return scripts().script(id);
	}

	/** Host and application name, for {@code retort_history.client}. */
	String client() {
		return LocalHost.NAME + " " + this.config.applicationName();
	}

	/** The host's name, looked up once per JVM (it can take a DNS query). */
	private static final class LocalHost {

		static final String NAME = lookUp();

		private static String lookUp() {
			try {
				return InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				return "unknown-host";
			}
		}

	}

	/** A revision as SPEC §5 shows it. */
	RevisionInfo info(Revision revision, String state) {
		RevisionGraph graph = graph();
		String id = revision.id();
		return new RevisionInfo(id, revision.parents(), revision.dependsOn(),
				new ArrayList<>(graph.branchLabels(id)), revision.message(), revision.createDate(),
				revision.origin().source(), revision.kind().jsonName(), revision.transactional(),
				revision.reversible(), graph.isHead(id), graph.isEffectiveHead(id), revision.isBase(),
				graph.isBranchPoint(id), revision.isMerge(), state, revision.notes());
	}

}
