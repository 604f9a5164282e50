package dev.retort.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.retort.revision.Plan;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.Database;
import dev.retort.runtime.HistoryRecord;
import dev.retort.runtime.InvalidIndex;
import dev.retort.runtime.LockHolder;

/**
 * Where the database stands, for the Actuator endpoint: read-only (never creates the tables;
 * missing tables mean nothing is applied), never takes the lock, and reports who holds it.
 */
public final class StatusCommand {

	/** History rows shown, newest first: enough for a dashboard, bounded for a big history. */
	static final int HISTORY_LIMIT = 100;

	private final CommandContext context;

	public StatusCommand(CommandContext context) {
		this.context = context;
	}

	/**
	 * The newest history row, if any: one row read, for {@code current} to say whether the last
	 * run failed without building the whole status.
	 */
	public Optional<HistoryEntry> lastRun() {
		try (Database database = this.context.openDatabase()) {
			return database.historyEntries(1).stream().map(StatusCommand::entry).findFirst();
		}
	}

	/**
	 * Who holds the migration lock now and what its runner migrates, in words, without taking it:
	 * for {@code current} to say that a migration runs, rather than to advise an upgrade that
	 * would wait for it.
	 */
	public Optional<String> migrationLockHolder() {
		try (Database database = this.context.openDatabase()) {
			return Optional.ofNullable(database.describeLockHolder());
		}
	}

	/**
	 * The INVALID indexes of the schema no session is building now, for {@code current} to name:
	 * one read of the catalog.
	 */
	public List<InvalidIndex> invalidIndexes() {
		try (Database database = this.context.openDatabase()) {
			return database.invalidIndexes();
		}
	}

	/**
	 * The rows of Alembic's {@code alembic_version} in the schema when another version table is
	 * configured, for {@code current} to say why a database Alembic migrated reads as base.
	 */
	public List<String> alembicVersionRows() {
		try (Database database = this.context.openDatabase()) {
			return database.alembicVersionRows();
		}
	}

	/**
	 * The revisions the history shows applied that no file declares any more, each with the id of
	 * the file that holds its upgrade SQL (same checksum) under another id: a rebase or a rename
	 * changed the id. For {@code current} to say so beside a row no file declares; read-only.
	 */
	public Map<String, String> renamedRevisions() {
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			Map<String, String> renamed = new TreeMap<>();
			if (state.ahead()) {
				state.renamed(graph.revisions(), graph).forEach((old, revision) -> renamed.put(old, revision.id()));
			}
			return renamed;
		}
	}

	/**
	 * Whether Retort never migrated the schema and it holds tables: a schema built another way (by
	 * hand, by Flyway), which {@code retort.baseline} stamps at the first upgrade, for
	 * {@code current} to say so rather than that every revision is to run.
	 */
	public boolean builtWithoutRetort() {
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			return DatabaseState.read(database, graph).builtWithoutRetort(database);
		}
	}

	/**
	 * The kinds of objects ("tables", "types", …) that make the schema one built without Retort
	 * (see {@link #builtWithoutRetort()}); empty when it is not one.
	 */
	public List<String> builtWithoutRetortFrom() {
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			return DatabaseState.read(database, graph).builtWithoutRetort(database) ? database.otherObjectKinds()
					: List.of();
		}
	}

	private static HistoryEntry entry(HistoryRecord row) {
		return new HistoryEntry(row.revision(), row.operation(), row.fromHeads(), row.toHeads(), row.message(),
				row.checksum(), row.appliedBy(), row.client(), row.startedAt(), row.durationMs(), row.success(),
				row.error());
	}

	private static LockInfo lock(LockHolder holder) {
		return holder.held() ? new LockInfo(true, holder.pid(), holder.application(), holder.since()) : LockInfo.FREE;
	}

	public StatusReport run() {
		return run("heads");
	}

	/**
	 * Where the database stands, with as pending what an upgrade to {@code target} would run: an
	 * application that upgrades to a label's head or a revision short of the heads
	 * ('retort.target') checks against what it would migrate to, not against every branch.
	 * @param target a revision target as for {@code retort upgrade}
	 * @throws dev.retort.runtime.UnrecordedVersionRowsException when the version rows are ones no
	 * file declares and the history never recorded (Alembic's table taken over under new ids): the
	 * upgrade refuses them with this error, and what it would run, so what is pending, is not known
	 */
	public StatusReport run(String target) {
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			// Pending is what an upgrade would run: above retort.baseline on a schema it would stamp.
			DatabaseState planned = state.asUpgradeFinds(database, this.context.config(), graph);
			RevisionStates states = new RevisionStates(graph, planned);
			List<String> heads = graph.realHeads().stream().map(Revision::id).toList();
			// Rows that overlap (an ancestor's row beside its descendant's) are reported, not refused:
			// what is pending follows from what the rows above imply, and an upgrade, which refuses
			// such rows, is not up to date. 'validate' (the health contributor) names them.
			Set<String> overlapping = graph.overlappingRows(planned.known()).keySet();
			List<String> from = planned.known().stream().filter((row) -> !overlapping.contains(row)).toList();
			Plan upgrade = graph.upgrade(from, target);
			// Rows upgrade would refuse to start from: their pending revisions are not known either.
			planned.refuseUnrecordedRows(upgrade, "upgrade " + target);
			List<RevisionInfo> pending = planned.pending(upgrade)
				.stream()
				// The state it has in 'revisions': one revision, one state, in one document.
				.map((revision) -> this.context.info(revision, states.of(revision.id())))
				.toList();
			List<RevisionInfo> revisions = graph.history(null, planned.known())
				.stream()
				.map((revision) -> this.context.info(revision, states.of(revision.id())))
				.toList();
			List<HistoryEntry> history = state.historyTableExists()
					? database.historyEntries(HISTORY_LIMIT).stream().map(StatusCommand::entry).toList() : List.of();
			LastMigration last = history.isEmpty() ? null
					: new LastMigration(history.get(0).startedAt(), history.get(0).durationMs(),
							history.get(0).success(), history.get(0).error());
			return new StatusReport(database.names().schema(), this.context.config().versionTable(), state.rows(),
					heads, pending.isEmpty() && overlapping.isEmpty(), state.ahead(), pending, revisions, history, last,
					lock(database.lockHolder()));
		}
	}

}
