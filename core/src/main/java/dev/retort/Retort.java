package dev.retort;

import java.nio.file.Path;
import java.util.List;

import dev.retort.command.BranchesResult;
import dev.retort.command.CurrentResult;
import dev.retort.command.HeadsResult;
import dev.retort.command.HistoryResult;
import dev.retort.command.MigrationListener;
import dev.retort.command.MigrationResult;
import dev.retort.command.NewRevision;
import dev.retort.command.OfflineScript;
import dev.retort.command.ShowResult;
import dev.retort.command.StatusReport;
import dev.retort.command.ValidateResult;
import dev.retort.command.WrittenRevision;
import dev.retort.config.RetortConfig;
import dev.retort.revision.RevisionGraph;

/**
 * The facade: {@code Retort.configure().url(…).locations(…).load()}, then one method per
 * command of SPEC §5. Each method delegates to one class of {@code dev.retort.command}; the CLI
 * and the Spring Boot starter are thin adapters over these methods.
 *
 * <p>SKELETON: implemented with the runtime (issue 3).
 */
public final class Retort {

	private final RetortConfig config;

	private Retort(RetortConfig config) {
		this.config = config;
	}

	/** Starts a configuration; {@code load()} reads the revisions and returns the facade. */
	public static RetortConfig.Builder<Retort> configure() {
		return RetortConfig.builder(Retort::load);
	}

	/** Loads the revisions of a configuration; fails with every graph problem at once. */
	public static Retort load(RetortConfig config) {
		return new Retort(config);
	}

	/** Creates a revisions directory with a revision template ({@code retort init}). */
	public static Path init(Path directory) {
		throw new IllegalStateException("skeleton");
	}

	public RetortConfig config() {
		return this.config;
	}

	public RevisionGraph graph() {
		throw new IllegalStateException("skeleton");
	}

	/** The same facade, telling {@code listener} about each step. */
	public Retort withListener(MigrationListener listener) {
		throw new IllegalStateException("skeleton");
	}

	public MigrationResult upgrade(String target) {
		throw new IllegalStateException("skeleton");
	}

	/** {@code upgrade --sql}: {@code target} or {@code from:to}. */
	public OfflineScript upgradeSql(String target) {
		throw new IllegalStateException("skeleton");
	}

	public MigrationResult downgrade(String target) {
		throw new IllegalStateException("skeleton");
	}

	/** {@code downgrade --sql FROM:TO}. */
	public OfflineScript downgradeSql(String range) {
		throw new IllegalStateException("skeleton");
	}

	public MigrationResult stamp(List<String> revisions, boolean purge) {
		throw new IllegalStateException("skeleton");
	}

	public OfflineScript stampSql(List<String> revisions) {
		throw new IllegalStateException("skeleton");
	}

	/** Stamps {@code revision} on a non-empty schema that has no version table (SPEC §6). */
	public MigrationResult baseline(String revision) {
		throw new IllegalStateException("skeleton");
	}

	public CurrentResult current() {
		throw new IllegalStateException("skeleton");
	}

	public HeadsResult heads() {
		throw new IllegalStateException("skeleton");
	}

	public BranchesResult branches() {
		throw new IllegalStateException("skeleton");
	}

	/**
	 * Revisions of {@code range} (all when {@code null}), newest first; with
	 * {@code readDatabase} each carries its state.
	 */
	public HistoryResult history(String range, boolean readDatabase) {
		throw new IllegalStateException("skeleton");
	}

	public ShowResult show(String revision) {
		throw new IllegalStateException("skeleton");
	}

	public ValidateResult validate() {
		throw new IllegalStateException("skeleton");
	}

	/** Where the database stands, read-only (the Actuator endpoint). */
	public StatusReport status() {
		throw new IllegalStateException("skeleton");
	}

	/** Writes a new revision file ({@code retort revision}). */
	public WrittenRevision revision(NewRevision request) {
		throw new IllegalStateException("skeleton");
	}

	/** Writes a merge revision file ({@code retort merge}); {@code request.head()} are the parents. */
	public WrittenRevision merge(NewRevision request) {
		throw new IllegalStateException("skeleton");
	}

}
