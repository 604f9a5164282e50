package dev.retort.runtime;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * A session on the migrated database with Retort's bookkeeping tables resolved: reads the
 * version rows and the history, creates the tables (only when asked: status commands never
 * do), and takes the migration lock on a session of its own.
 */
public final class Database implements AutoCloseable {

	/** The version table Alembic writes, which a database taken over from Alembic holds. */
	public static final String ALEMBIC_VERSION_TABLE = "alembic_version";

	private final ConnectionFactory factory;

	private final Session session;

	private final TableNames names;

	private final VersionTable versionTable;

	private final HistoryTable historyTable;

	/** The migration lock this session's run took, or {@code null}. */
	private MigrationLock lock;

	private Database(ConnectionFactory factory, Session session, TableNames names) {
		this.factory = factory;
		this.session = session;
		this.names = names;
		this.versionTable = new VersionTable(names);
		this.historyTable = new HistoryTable(names);
	}

	/**
	 * Opens a session. With a configured {@code schema}, migrations run with
	 * {@code search_path} set to it; without, the tables go to the session's current schema.
	 */
	public static Database open(ConnectionFactory factory, String schema, String versionTable, String historyTable) {
		return open(factory, schema, versionTable, historyTable, (notice) -> {
		});
	}

	/**
	 * As {@link #open(ConnectionFactory, String, String, String)}, handing each notice of a retry
	 * to connect ({@code connect-retries}) to {@code retrying} too.
	 */
	public static Database open(ConnectionFactory factory, String schema, String versionTable, String historyTable,
			Consumer<String> retrying) {
		Session session = factory.open(retrying);
		try {
			String resolved;
			if (schema != null) {
				session.searchPath(schema);
				resolved = schema;
			}
			else {
				resolved = session.query("SELECT coalesce(current_schema(), 'public')", (row) -> row.getString(1)).get(0);
			}
			return new Database(factory, session, new TableNames(resolved, versionTable, historyTable));
		}
		catch (SQLException ex) {
			session.close();
			throw failure("open a session", ex);
		}
		catch (RuntimeException ex) {
			session.close();
			throw ex;
		}
	}

	/** The bookkeeping tables. */
	public TableNames names() {
		return this.names;
	}

	/** The migration session. */
	public Session session() {
		return this.session;
	}

	/**
	 * The online sink on this session. After {@link #lock(Duration)}, the blocker watch reads
	 * from the lock's idle session rather than a third one, which a pool of two does not have.
	 */
	public JdbcSqlSink sink() {
		JdbcSqlSink.SessionOpener apart = () -> this.factory.openBriefly(MigrationRunner.RECORD_APART_WITHIN);
		return new JdbcSqlSink(this.session, this.names.versionTable(), apart,
				(this.lock != null) ? this.lock.lender() : apart);
	}

	/**
	 * The version rows and the history summary, each empty when its table does not exist. Which
	 * tables exist is asked first ({@code to_regclass}), so a database Retort never migrated is
	 * read without a failing query: no {@code ERROR: relation … does not exist} in the server's
	 * log at a first deploy or at each health check of an empty database. Two round trips, as
	 * many as reading both tables blindly: both reads travel together.
	 */
	public RecordedState readRecorded() {
		try {
			List<boolean[]> exist = this.session.query("SELECT to_regclass("
					+ Sql.literal(this.names.qualifiedVersionTable()) + ") IS NOT NULL, to_regclass("
					+ Sql.literal(this.names.qualifiedHistoryTable()) + ") IS NOT NULL",
					(row) -> new boolean[] { row.getBoolean(1), row.getBoolean(2) });
			boolean version = exist.get(0)[0];
			boolean history = exist.get(0)[1];
			if (version && history) {
				Session.Rows<String, AppliedRevision> rows = this.session.queryTwo(this.versionTable.headsQuery(),
						VersionTable::head, this.historyTable.appliedQuery(), HistoryTable::applied);
				return new RecordedState(Optional.of(rows.first()),
						Optional.of(HistoryTable.byRevision(rows.second())));
			}
			return new RecordedState(version ? this.versionTable.readHeads(this.session) : Optional.empty(),
					history ? this.historyTable.readApplied(this.session) : Optional.empty());
		}
		catch (SQLException ex) {
			RetortException failure = failure("read " + this.names.qualifiedVersionTable() + " and "
					+ this.names.qualifiedHistoryTable(), ex);
			if ("42501".equals(ex.getSQLState())) {
				// A read-only role (an auditor's, a dashboard's) runs current and history too.
				String user = userName();
				// Without USAGE on the schema, SELECT on the tables alone would still be refused.
				String usage = String.valueOf(ex.getMessage()).contains("for schema") ? "GRANT USAGE ON SCHEMA "
						+ Sql.identifier(this.names.schema()) + " TO " + Sql.identifier(user) + "' and '" : "";
				throw new RetortException(ErrorCode.RUNTIME, failure.getMessage() + ". User '" + user + "' may not read "
						+ "Retort's tables: as their owner, run '" + usage + "GRANT SELECT ON " + this.names.qualifiedVersionTable()
						+ ", " + this.names.qualifiedHistoryTable() + " TO " + Sql.identifier(user)
						+ "' (or ALTER DEFAULT PRIVILEGES before the first run), or connect as the migration role.", ex);
			}
			throw failure;
		}
	}

	/**
	 * What the bookkeeping tables hold.
	 *
	 * @param heads the version rows, or empty without a version table
	 * @param applied what the history says of each revision, or empty without a history table
	 */
	public record RecordedState(Optional<List<String>> heads, Optional<Map<String, AppliedRevision>> applied) {
	}

	/** The parents the history recorded of each revision (for revisions no file declares). */
	public RecordedLineage recordedLineage() {
		try {
			return this.historyTable.readLineage(this.session);
		}
		catch (SQLException ex) {
			throw failure("read " + this.names.qualifiedHistoryTable(), ex);
		}
	}

	/**
	 * The heads the history takes as applied without an upgrade of each revision below them
	 * (stamped, or where the history starts).
	 */
	public Set<String> vouchedHeads() {
		try {
			return this.historyTable.readVouchedHeads(this.session);
		}
		catch (SQLException ex) {
			throw failure("read " + this.names.qualifiedHistoryTable(), ex);
		}
	}

	/**
	 * The revisions the history shows upgraded and neither downgraded nor followed by a stamp
	 * since.
	 */
	public List<String> upgradedSinceAnyStamp() {
		try {
			return this.historyTable.readUpgradedSinceAnyStamp(this.session);
		}
		catch (SQLException ex) {
			throw failure("read " + this.names.qualifiedHistoryTable(), ex);
		}
	}

	/** The newest history rows first. */
	public List<HistoryRecord> historyEntries(int limit) {
		try {
			return this.historyTable.readEntries(this.session, limit);
		}
		catch (SQLException ex) {
			throw failure("read " + this.names.qualifiedHistoryTable(), ex);
		}
	}

	/**
	 * Who holds the migration lock of these tables now and what its runner migrates, in words, or
	 * {@code null} when it is free; read-only.
	 */
	public String describeLockHolder() {
		try {
			return MigrationLock.describeHolder(this.session, this.names);
		}
		catch (SQLException ex) {
			throw failure("read pg_locks", ex);
		}
	}

	/** Who holds the migration lock of these tables now. */
	public LockHolder lockHolder() {
		try {
			return MigrationLock.holder(this.session, MigrationLock.key(this.names));
		}
		catch (SQLException ex) {
			throw failure("read pg_locks", ex);
		}
	}

	/**
	 * The rows of Alembic's version table, {@code alembic_version}, in this schema, when another
	 * version table is configured: a database Alembic managed, opened without
	 * {@code retort.version-table: alembic_version}. Empty when there is no such table, or when it
	 * is the configured one.
	 */
	public List<String> alembicVersionRows() {
		TableNames alembic = new TableNames(this.names.schema(), ALEMBIC_VERSION_TABLE, this.names.historyTable());
		if (ALEMBIC_VERSION_TABLE.equals(this.names.versionTable())) {
			return List.of();
		}
		try {
			boolean exists = this.session.query("SELECT to_regclass(" + Sql.literal(alembic.qualifiedVersionTable())
					+ ") IS NOT NULL", (row) -> row.getBoolean(1)).get(0);
			return exists ? this.session.query(new VersionTable(alembic).headsQuery(), VersionTable::head) : List.of();
		}
		catch (SQLException ex) {
			throw failure("read " + alembic.qualifiedVersionTable(), ex);
		}
	}

	/**
	 * The INVALID indexes of the schema that no session is building now: left by a concurrent build
	 * that was killed or failed. One read of the catalog.
	 */
	public List<InvalidIndex> invalidIndexes() {
		try {
			return this.session.query(InvalidIndex.query(this.names.schema()),
					(row) -> new InvalidIndex(row.getString(1), row.getString(2), row.getString(3)));
		}
		catch (SQLException ex) {
			throw failure("read pg_index", ex);
		}
	}

	/**
	 * Whether the schema holds objects other than Retort's (a schema to baseline): relations,
	 * sequences, types and functions that someone created. What an extension installed there
	 * (pg_stat_statements' view, PostGIS's spatial_ref_sys, pgcrypto's functions) does not count:
	 * a new database that has one is still empty, and gets every revision rather than a baseline.
	 */
	public boolean schemaHasOtherObjects() {
		return !otherObjectKinds().isEmpty();
	}

	/**
	 * The kinds of objects other than Retort's that the schema holds, in the words a message
	 * uses ("tables", "views", "sequences", "types", "functions"): what
	 * {@link #schemaHasOtherObjects()} looks for, for a message to name rather than say "tables" of
	 * a schema that holds only types or functions. Empty when it holds none.
	 */
	public List<String> otherObjectKinds() {
		String schema = Sql.literal(this.names.schema());
		try {
			return this.session.query("SELECT kind FROM (SELECT DISTINCT CASE WHEN c.relkind IN ('r', 'p', 'f') THEN 1"
					+ " WHEN c.relkind IN ('v', 'm') THEN 2 WHEN c.relkind = 'S' THEN 3 ELSE 4 END AS rank"
					+ " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
					+ " WHERE n.nspname = " + schema + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')"
					+ " AND c.relname NOT IN (" + Sql.literal(this.names.versionTable()) + ", "
					+ Sql.literal(this.names.historyTable()) + ", " + Sql.literal(this.names.historyTable() + "_id_seq")
					+ ")" + notOfAnExtension("pg_class", "c")
					+ " UNION SELECT 4 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
					+ " WHERE n.nspname = " + schema + " AND t.typtype IN ('e', 'd', 'r', 'm')" + notOfAnExtension("pg_type", "t")
					+ " UNION SELECT 5 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
					+ " WHERE n.nspname = " + schema + notOfAnExtension("pg_proc", "p") + ") found"
					+ " CROSS JOIN LATERAL (VALUES ((ARRAY['tables', 'views', 'sequences', 'types', 'functions'])[rank]))"
					+ " AS named (kind) ORDER BY rank", (row) -> row.getString(1));
		}
		catch (SQLException ex) {
			throw failure("read the catalog", ex);
		}
	}

	private static String notOfAnExtension(String catalog, String alias) {
		return " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog." + catalog
				+ "'::regclass AND d.objid = " + alias + ".oid AND d.deptype = 'e')";
	}

	/** The DDL of both tables (and the schema, when asked and named), idempotent. */
	public static List<String> createSql(TableNames names, boolean createSchema) {
		List<String> statements = new java.util.ArrayList<>();
		if (createSchema && names.schema() != null) {
			statements.add("CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(names.schema()));
		}
		statements.add(new VersionTable(names).createSql());
		statements.add(new HistoryTable(names).createSql());
		return statements;
	}

	/**
	 * The offline script's {@code CREATE SCHEMA}, run only when the schema is missing: PostgreSQL
	 * checks CREATE on the database before it looks whether a schema exists, so a plain
	 * {@code IF NOT EXISTS} stops the script of a role that owns the schema made for it.
	 */
	public static String createSchemaIfMissingSql(TableNames names) {
		return "DO $retort$\nBEGIN\n    IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = "
				+ Sql.literal(names.schema()) + ") THEN\n        CREATE SCHEMA " + Sql.identifier(names.schema())
				+ ";\n    END IF;\nEND\n$retort$";
	}

	/** Creates the schema (when asked) and both tables where missing, in one transaction. */
	public void createTables(boolean createSchema) {
		try {
			this.session.setAutoCommit(false);
			// Only a missing schema is created: PostgreSQL checks CREATE on the database before it
			// looks whether the schema exists, so 'IF NOT EXISTS' alone refuses a role that owns the
			// schema a DBA made for it but may not create schemas ("permission denied for database").
			try {
				this.session.batch(createSql(this.names, createSchema && !schemaExists()));
				this.session.commit();
			}
			catch (SQLException ex) {
				if (!createdAlongside(ex)) {
					throw ex;
				}
				// Another runner (with 'retort.lock.enabled' false) created them in the same instant:
				// committed now, so 'IF NOT EXISTS' skips them.
				this.session.rollbackQuietly();
				this.session.batch(createSql(this.names, createSchema && !schemaExists()));
				this.session.commit();
			}
		}
		catch (SQLException ex) {
			this.session.rollbackQuietly();
			if ("3F000".equals(ex.getSQLState())) {
				// Read by Spring Boot and CLI users and by Java API users alike: each finds their own switch.
				throw new RetortException(ErrorCode.CONFIGURATION, "Schema '" + this.names.schema()
						+ "' does not exist and creating it is turned off ('retort.create-schema' is false; in the Java"
						+ " API, createSchema(false)): create it, or set 'retort.create-schema' to true (in the Java API,"
						+ " createSchema(true) on Retort.configure()).");
			}
			if ("42501".equals(ex.getSQLState()) && String.valueOf(ex.getMessage()).contains("for schema")) {
				throw noCreatePrivilege(ex);
			}
			if ("42501".equals(ex.getSQLState()) && String.valueOf(ex.getMessage()).contains("for database")) {
				throw noCreateSchemaPrivilege(ex);
			}
			if (FailureMessage.READ_ONLY.equals(ex.getSQLState())) {
				RetortException refused = failure("create " + this.names.qualifiedVersionTable() + " and "
						+ this.names.qualifiedHistoryTable(), ex);
				ReadOnlySession readOnly = ReadOnlySession.of(this.session::queryRow);
				throw new RetortException(ErrorCode.RUNTIME, refused.getMessage() + ". " + readOnly.advice(), ex);
			}
			throw failure("create " + this.names.qualifiedVersionTable() + " and " + this.names.qualifiedHistoryTable(),
					ex);
		}
		finally {
			try {
				this.session.setAutoCommit(true);
			}
			catch (SQLException ex) {
				// The next statement reports a broken session.
			}
		}
	}

	/**
	 * Whether creating the tables failed because another session created them, or their schema,
	 * at the same time: 'IF NOT EXISTS' sees only what is committed, and the catalog's unique
	 * index (23505) or the name (42P07, 42P06) refuses the second.
	 */
	private static boolean createdAlongside(SQLException ex) {
		return "23505".equals(ex.getSQLState()) || "42P07".equals(ex.getSQLState())
				|| "42P06".equals(ex.getSQLState());
	}

	/**
	 * Names the migration session ({@link Session#identify()}) before it changes anything, so
	 * operators see it in {@code pg_stat_activity} and the history's {@code client} says who ran.
	 */
	public void identify() {
		try {
			this.session.identify();
		}
		catch (SQLException ex) {
			throw failure("set application_name", ex);
		}
	}

	/**
	 * Takes the migration lock on a new idle session, then the work lock on this one, waiting up
	 * to {@code timeout}.
	 */
	public MigrationLock lock(Duration timeout) {
		return lock(timeout, () -> false);
	}

	/**
	 * Takes the migration lock on a new idle session, then the work lock on this one, waiting up
	 * to {@code timeout}, or until {@code stopWaiting} says the process shuts down. First it
	 * refuses a pooler that shares server sessions between clients, before either session
	 * changes anything, and names this session ({@link #identify()}).
	 */
	public MigrationLock lock(Duration timeout, BooleanSupplier stopWaiting) {
		return lock(timeout, stopWaiting, (notice) -> {
		});
	}

	/**
	 * {@link #lock(Duration, BooleanSupplier)}, giving {@code waiting} each notice of whom it
	 * waits for as it is logged.
	 */
	public MigrationLock lock(Duration timeout, BooleanSupplier stopWaiting, Consumer<String> waiting) {
		Session beside = this.factory.openBeside();
		try {
			// Before either session changes anything: behind a transaction pooler, a SET would
			// reach other clients, and the lock would stay on a server session they get next.
			SharedSessions.requireOwnSessions(beside, this.session);
			this.session.identify();
		}
		catch (SQLException ex) {
			beside.close();
			throw failure("take the migration lock of " + this.names.qualifiedVersionTable(), ex);
		}
		catch (RuntimeException ex) {
			beside.close();
			throw ex;
		}
		this.lock = MigrationLock.acquire(beside, this.session, this.names, timeout, stopWaiting, waiting);
		return this.lock;
	}

	@Override
	public void close() {
		this.session.close();
	}

	/**
	 * Since PostgreSQL 15 only the owner of {@code public} creates in it, and {@code GRANT ALL ON
	 * DATABASE} does not change that: a first run as the application's user fails here, and the
	 * driver's message ("permission denied for schema public", with a position) says nothing of
	 * the grant it needs.
	 */
	private RetortException noCreatePrivilege(SQLException ex) {
		String user = userName();
		String reason = FailureMessage.firstLine(ex.getMessage()).replaceFirst("^ERROR: ", "");
		String schema = this.names.schema();
		return new RetortException(ErrorCode.RUNTIME, "Could not create " + this.names.qualifiedVersionTable() + " and "
				+ this.names.qualifiedHistoryTable() + ": user '" + user + "' may not create tables in schema '" + schema
				+ "' (" + reason + ") [SQLSTATE 42501]. As the schema's owner, run 'GRANT CREATE ON SCHEMA "
				+ Sql.identifier(schema) + " TO " + Sql.identifier(user) + "' (since PostgreSQL 15 only its owner creates in"
				+ " public, and GRANT ALL ON DATABASE does not grant it); or migrate as a user that may ('retort.user',"
				+ " --user), or set 'retort.schema' (--schema) to a schema that user owns.", ex);
	}

	private boolean schemaExists() throws SQLException {
		return this.names.schema() != null && !this.session
			.query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = " + Sql.literal(this.names.schema()),
					(row) -> row.getInt(1))
			.isEmpty();
	}

	/**
	 * A schema to create, and a role that may not create schemas in the database: the usual
	 * least-privilege setup has the schema made for the migration role beforehand.
	 */
	private RetortException noCreateSchemaPrivilege(SQLException ex) {
		String user = userName();
		String database;
		try {
			database = this.session.connection().getCatalog();
		}
		catch (SQLException unreadable) {
			database = "the database";
		}
		String reason = FailureMessage.firstLine(ex.getMessage()).replaceFirst("^ERROR: ", "");
		String schema = Sql.identifier(this.names.schema());
		return new RetortException(ErrorCode.RUNTIME, "Could not create schema '" + this.names.schema() + "' for "
				+ this.names.qualifiedVersionTable() + " and " + this.names.qualifiedHistoryTable() + ": user '" + user
				+ "' may not create schemas in database '" + database + "' (" + reason + ") [SQLSTATE 42501]. Nothing was"
				+ " changed. Have the schema created for that user ('CREATE SCHEMA " + schema + " AUTHORIZATION "
				+ Sql.identifier(user) + "', as a user that may), or, as the database's owner, run 'GRANT CREATE ON DATABASE "
				+ Sql.identifier(database) + " TO " + Sql.identifier(user) + "'; or set 'retort.schema' (--schema) to a"
				+ " schema that exists.", ex);
	}

	private String userName() {
		try {
			return this.session.connection().getMetaData().getUserName();
		}
		catch (SQLException unreadable) {
			return "the migrating user";
		}
	}

	static RetortException failure(String what, SQLException ex) {
		return new RetortException(ErrorCode.RUNTIME, "Could not " + what + ": " + ex.getMessage()
				+ ((ex.getSQLState() != null) ? " [SQLSTATE " + ex.getSQLState() + "]" : ""), ex);
	}

}
