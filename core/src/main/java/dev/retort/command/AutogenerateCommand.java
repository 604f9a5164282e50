package dev.retort.command;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.autogenerate.LeftOut;
import dev.retort.autogenerate.MaterializedViews;
import dev.retort.autogenerate.ObjectComments;
import dev.retort.autogenerate.SchemaComparator;
import dev.retort.autogenerate.SchemaDiff;
import dev.retort.autogenerate.TablesElsewhere;
import dev.retort.autogenerate.TargetServer;
import dev.retort.dialect.postgres.PostgresIdentifiers;
import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.dialect.postgres.StatementSplitter.UnterminatedSqlException;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import dev.retort.runtime.AutomaticCasts;
import dev.retort.runtime.CanonicalDefinitions;
import dev.retort.runtime.Database;
import dev.retort.runtime.DatabaseAheadException;
import dev.retort.runtime.SchemaReader;
import dev.retort.schema.ConstraintModel;
import dev.retort.schema.SchemaModel;

/**
 * {@code retort check} and {@code retort revision --autogenerate}: the differences between the
 * schema the database is in (at its heads, as Alembic requires) and the schema a model file
 * describes. The model, plain SQL such as a {@code schema.sql} or the DDL JPA's schema
 * generation writes, runs in a schema of its own inside a transaction that is rolled back:
 * nothing of it stays in the database.
 */
public final class AutogenerateCommand {

	/** Where the model runs, inside the transaction that is rolled back. */
	private static final String MODEL_SCHEMA = "retort_model";

	/** How pgjdbc prints where in the statement PostgreSQL stopped: the character, from 1. */
	private static final Pattern POSITION = Pattern.compile("\\n\\s*Position: (\\d+)");

	/**
	 * What a schema holds of what autogenerate compares, each as {@code kind name}: to find what
	 * the model put there by naming it, or by indexing a table of that schema (an index goes
	 * where its table is). Functions and extensions are not compared, and an extension may well
	 * be installed there on purpose.
	 */
	private static final String OBJECTS = "SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view '"
			+ " WHEN 'c' THEN 'type ' ELSE 'table ' END || c.relname FROM pg_class c"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'S', 'c')"
			+ " UNION ALL SELECT CASE t.typtype WHEN 'e' THEN 'type ' ELSE 'domain ' END || t.typname FROM pg_type t"
			+ " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typtype IN ('e', 'd')"
			+ " UNION ALL SELECT 'index ' || ic.relname || ' on ' || c.relname FROM pg_index i"
			+ " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
			+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?";

	/**
	 * The tables, views, sequences and types of the migrated schema (the first parameter) that
	 * objects of the model's schema (the second) use, each as {@code user uses kind name}: those
	 * an extension owns left out. A column's default and a view's rule have no schema of their
	 * own: theirs is their table's.
	 */
	private static final String USED_FROM_SCHEMA = "SELECT DISTINCT o.type || ' ' || o.identity || ' uses ' || r.type || ' '"
			+ " || r.identity FROM pg_depend d CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o"
			+ " CROSS JOIN LATERAL pg_identify_object(d.refclassid, d.refobjid, 0) r"
			+ " LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid"
			+ " LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid"
			+ " LEFT JOIN pg_class owner ON owner.oid = coalesce(ad.adrelid, rw.ev_class)"
			+ " LEFT JOIN pg_namespace ons ON ons.oid = owner.relnamespace"
			+ " LEFT JOIN pg_type rt ON d.refclassid = 'pg_type'::regclass AND rt.oid = d.refobjid"
			+ " WHERE r.schema = ? AND coalesce(o.schema, ons.nspname) = ? AND d.deptype IN ('n', 'a')"
			+ " AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass) AND r.type <> 'index'"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.refclassid"
			+ " AND e.objid IN (d.refobjid, rt.typelem) AND e.deptype = 'e') ORDER BY 1";

	/**
	 * A statement that creates something. It runs with the migrated schema behind the model's,
	 * where it finds the types, operator classes and functions of the extensions installed there
	 * ({@code citext}, {@code gin_trgm_ops}); the others ({@code DROP TABLE IF EXISTS} atop a
	 * {@code schema.sql}, Hibernate's {@code ALTER TABLE IF EXISTS}) see the model's schema alone,
	 * so that they never reach the tables of the database.
	 */
	private static final Pattern CREATES = Pattern.compile("(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*CREATE\\b",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/**
	 * A {@code CREATE TABLE} or {@code CREATE SEQUENCE} of a name qualified with its schema: Hibernate's
	 * {@code create table shared.countries} for an entity of another schema ({@code @Table(schema = "shared")}).
	 */
	private static final Pattern CREATES_QUALIFIED = Pattern.compile("(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*CREATE\\s+"
			+ "(?:UNLOGGED\\s+)?(?:TABLE|SEQUENCE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + ForeignKeysElsewhere.NAME
			+ ")\\s*\\.\\s*(" + ForeignKeysElsewhere.NAME + ")", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	/** What PostgreSQL says when lock_timeout ends a statement's wait. */
	private static final String LOCK_NOT_AVAILABLE = "55P03";

	/** What PostgreSQL says of a schema that exists already. */
	private static final String DUPLICATE_SCHEMA = "42P06";

	/** What PostgreSQL says of a table or sequence that exists already. */
	private static final String DUPLICATE_TABLE = "42P07";

	/** What PostgreSQL says of a type, operator class or function it does not find. */
	private static final Set<String> UNDEFINED = Set.of("42704", "42883");

	private final CommandContext context;

	public AutogenerateCommand(CommandContext context) {
		this.context = context;
	}

	/**
	 * Refuses, as upgrade does, a database one of whose applied revisions changed on disk since:
	 * the schema is what the revision made as it was applied, so the model would be compared with
	 * revisions other than the files (check said the revisions and the model agree when the edited
	 * file and the model did not). With {@code validate-checksums: false}, which lets upgrade run,
	 * the comparison runs.
	 */
	private void refuseChangedFiles(DatabaseState state) {
		if (!this.context.config().validateChecksums()) {
			return;
		}
		state.validateChecksums(this.context.scripts(), this.context.config().schema(), "\nThe model is compared with"
				+ " the database, which holds what the revision made as it was applied, not what its file says now"
				+ " ('retort check' and 'retort revision --autogenerate' alike): put the file back first.");
	}

	/**
	 * The differences.
	 * @param modelSource the model file, as shown in messages
	 * @param modelSql its content
	 * @return what it takes to bring the database to the model
	 */
	public SchemaDiff diff(String modelSource, String modelSql) {
		List<SqlStatement> statements;
		try {
			statements = ModelTransactionBlock.skip(modelSource,
					PsqlMetaCommands.skip(modelSource, StatementSplitter.split(modelSql, 1)));
		}
		catch (UnterminatedSqlException ex) {
			throw new RetortException(ErrorCode.CONFIGURATION, modelSource + ":" + ex.line() + ": the model is not "
					+ "valid SQL: " + ex.getMessage(), ex);
		}
		RevisionGraph graph = this.context.graph();
		try (Database database = this.context.openDatabase()) {
			DatabaseState state = DatabaseState.read(database, graph);
			if (state.ahead()) {
				// Its schema holds what revisions of another branch or release made: the differences
				// would undo them (Alembic refuses too: it cannot locate the revision).
				throw new DatabaseAheadException("The database is at " + String.join(", ", state.unknown())
						+ ", which no revision file declares (another branch or a newer release migrated it): "
						+ "the model is compared with the database at these revisions' heads, and would "
						+ "take what that revision made for differences to undo. Compare with a database these "
						+ "revisions migrated (retort upgrade on an empty one), or add the missing revision files.",
						state.unknown());
			}
			refuseChangedFiles(state);
			List<Revision> pending = state.pending(graph.upgrade(state.known(), "heads"));
			if (!pending.isEmpty()) {
				// Where it stands and how far behind: a fresh database and one a revision short read alike otherwise.
				String at = state.known().isEmpty() ? "at base (no revision applied)"
						: "at " + String.join(", ", state.known());
				throw new RetortException(ErrorCode.INVALID_TARGET, "The database is not up to date: it is " + at + ", "
						+ pending.size() + ((pending.size() == 1) ? " revision" : " revisions") + " below the heads ("
						+ String.join(", ", graph.heads().stream().map(Revision::id).toList()) + "). The model is "
						+ "compared with the database at its heads ('retort check' and 'retort revision --autogenerate'"
						+ " alike): run 'retort upgrade' first.");
			}
			Connection connection = database.session().connection();
			try {
				connection.setAutoCommit(false);
				String schema = database.names().schema();
				// What the migrations' search_path finds: the migrated schema, then the others it names (an
				// extensions schema, as Supabase has, where citext and pg_trgm are installed). The model's
				// CREATEs find what the revisions find, and both schemas are read with the same names visible.
				List<String> searched = MigrationsSearchPath.of(connection, schema, MODEL_SCHEMA);
				searchPath(connection, searched);
				SchemaModel current = SchemaReader.read(connection, schema,
						Set.of(database.names().versionTable(), database.names().historyTable()));
				createModelSchema(connection);
				Set<String> before = objects(connection, schema);
				Set<Long> tablesElsewhere = tablesElsewhere(connection, schema);
				Set<Long> schemasBefore = schemas(connection);
				List<SqlStatement> putOff;
				try {
					SchemaQualifiedNames.requireNone(modelSource, statements, schema, before);
					putOff = runModel(connection, modelSource, statements, searched, before, tablesElsewhere);
					searchPath(connection, MODEL_SCHEMA);
					requireNothingCreatedIn(connection, schema, before, modelSource);
					requireNothingOfSchemaUsed(connection, schema, modelSource);
				}
				catch (RetortException ex) {
					throw PsqlMetaCommands.isPgDump(modelSql) ? new RetortException(ex.code(), ex.getMessage()
							+ PsqlMetaCommands.PG_DUMP_HINT, ex) : ex;
				}
				// Both printed the same way: the types of the extensions installed in the migrated schema
				// (citext) unqualified, as the database's own columns print them; the database's types and
				// sequences stay visible behind the model's.
				searchPath(connection, withModelFirst(searched));
				Map<String, List<ConstraintModel>> foreignKeysElsewhere = foreignKeysElsewhere(connection, modelSource,
						putOff, searched);
				SchemaModel model = ForeignKeysElsewhere.with(SchemaReader.read(connection, MODEL_SCHEMA, Set.of()),
						foreignKeysElsewhere);
				TablesElsewhere modelElsewhere = tablesCreatedElsewhere(connection, schema, tablesElsewhere, schemasBefore);
				List<LeftOut> notCompared = new ArrayList<>(SchemaReader.notCompared(connection, MODEL_SCHEMA));
				List<LeftOut> notComparedInDatabase = new ArrayList<>(SchemaReader.notCompared(connection, schema));
				// Not compared (the model seldom grants), but lost with a view dropped and created again.
				notComparedInDatabase.addAll(SchemaReader.viewGrants(connection, schema));
				MaterializedViews materializedViews = new MaterializedViews(notComparedInDatabase, notCompared,
						SchemaReader.materializedViewReads(connection, schema),
						SchemaReader.materializedViewReads(connection, MODEL_SCHEMA));
				dropCasts(connection);
				List<SchemaModel> canonical = CanonicalDefinitions.of(connection, MODEL_SCHEMA, List.of(current, model),
						List.of(schema, MODEL_SCHEMA));
				// The revision is written for the server the model ran on.
				TargetServer server = new TargetServer(connection.getMetaData().getDatabaseMajorVersion(),
						timeZone(connection));
				// Not compared, named with the move that brings a table of the database there.
				notCompared.addAll(modelElsewhere.notCompared(canonical.get(0), canonical.get(1)));
				return SchemaComparator.compare(canonical.get(0), canonical.get(1),
						AutomaticCasts.of(connection, canonical.get(0), canonical.get(1)), server, materializedViews,
						modelElsewhere)
					.withNotCompared(notComparedInDatabase, notCompared,
							ObjectComments.ofBoth(canonical.get(0), canonical.get(1), notComparedInDatabase, notCompared));
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			throw new RetortException(ErrorCode.RUNTIME, "Could not compare the database with the model: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Creates the schema the model runs in, inside the transaction that is rolled back. One that
	 * exists already was committed: by a model with a {@code COMMIT} of its own, before
	 * {@link ModelTransactionBlock} skipped it, or by hand.
	 */
	private static void createModelSchema(Connection connection) throws SQLException {
		Savepoint before = connection.setSavepoint();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + MODEL_SCHEMA);
		}
		catch (SQLException ex) {
			connection.rollback(before);
			if (!DUPLICATE_SCHEMA.equals(ex.getSQLState())) {
				throw ex;
			}
			throw new RetortException(ErrorCode.CONFIGURATION, "Schema " + MODEL_SCHEMA + " exists in the database:"
					+ " the comparison creates it, runs the model in it and rolls it back, so one that stays was committed"
					+ " (by a model with a COMMIT of its own, which an earlier version of Retort ran) or created by hand."
					+ " Check that it holds nothing of yours, drop it (DROP SCHEMA " + MODEL_SCHEMA + " CASCADE) and run"
					+ " again; nothing was changed.", ex);
		}
	}

	/**
	 * The tables outside the model's schema that this session holds a lock on that blocks their
	 * writes, each as {@code schema, name, mode, oid}: what a model's statement reached in the
	 * migrated schema (an index or trigger on a table the model has not created yet, a foreign key to
	 * one), a table it created there by naming the schema, or a table of another schema it refers
	 * to (a foreign key to {@code auth.users}).
	 */
	private static final String LOCKED = "SELECT DISTINCT n.nspname, c.relname, l.mode, c.oid FROM pg_locks l"
			+ " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE l.pid = pg_backend_pid() AND n.nspname <> ? AND n.nspname NOT LIKE 'pg\\_%'"
			+ " AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'm')"
			+ " AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock') ORDER BY 1, 2";

	/**
	 * The tables of the schemas but the model's, the migrated one's and the system's, as {@link #LOCKED}
	 * finds them: those of another team, or of Supabase's {@code auth}.
	 */
	private static final String TABLES_ELSEWHERE = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname <> ALL (?) AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
			+ " AND c.relkind IN ('r', 'p', 'm')";

	/**
	 * The foreign keys that the model's tables have to the tables given (a parameter, as an array of
	 * oids), each as the statement that adds it.
	 */
	private static final String FOREIGN_KEYS_TO = "SELECT 'ALTER TABLE ' || quote_ident(c.relname) || ' ADD CONSTRAINT '"
			+ " || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid) FROM pg_constraint con"
			+ " JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " WHERE n.nspname = ? AND con.contype = 'f' AND con.confrelid = ANY (?) ORDER BY 1";

	/**
	 * @param searched the migrated schema, then the other schemas the migrations' search_path finds
	 * ({@link MigrationsSearchPath#of})
	 * @param before what the migrated schema held before the model ran ({@link #objects})
	 * @param tablesElsewhere the tables of other schemas before the model ran ({@link #tablesElsewhere})
	 * @return the statements put off ({@link ForeignKeysElsewhere}): each adds a foreign key to a
	 * table of another schema, and has not run
	 */
	private static List<SqlStatement> runModel(Connection connection, String modelSource, List<SqlStatement> statements,
			List<String> searched, Set<String> before, Set<Long> tablesElsewhere) throws SQLException {
		// Read now: once a statement failed, the transaction reads nothing more.
		String unseenExtensions = MigrationsSearchPath.unseenExtensions(connection, searched);
		// A CREATE that reaches a table of the database (the model's own not created yet) must not queue
		// behind the application's writers, and the queue behind it.
		try (Statement jdbc = connection.createStatement()) {
			jdbc.execute("SET LOCAL lock_timeout = '1s'");
		}
		List<SqlStatement> putOff = new ArrayList<>();
		Boolean creating = null;
		for (SqlStatement statement : statements) {
			boolean creates = CREATES.matcher(statement.sql()).lookingAt();
			if (!Boolean.valueOf(creates).equals(creating)) {
				if (creates) {
					searchPath(connection, withModelFirst(searched));
				}
				else {
					searchPath(connection, MODEL_SCHEMA);
				}
				creating = creates;
			}
			String referenced = ForeignKeysElsewhere.referencedTable(statement.sql());
			if (referenced != null && tablesElsewhere.contains(oid(connection, referenced))) {
				// Its lock would last to the end of the comparison: it runs then, for a moment.
				putOff.add(statement);
				continue;
			}
			execute(connection, modelSource, statement, unseenExtensions);
			// Any statement, not only a CREATE: one that reaches the schema some way the names in its text do
			// not show (a DO block's EXECUTE, a SET search_path before it).
			List<LockedTable> locked = locked(connection);
			requireNoTableOfSchemaLocked(locked, searched.get(0), before, modelSource + ":" + statement.line());
			List<LockedTable> elsewhere = locked.stream().filter((table) -> tablesElsewhere.contains(table.oid())).toList();
			if (!elsewhere.isEmpty()) {
				throw lockedElsewhere(connection, elsewhere, modelSource + ":" + statement.line());
			}
		}
		return putOff;
	}

	/** Runs a statement of the model, failing with its {@code file:line} and the line PostgreSQL stopped at. */
	private static void execute(Connection connection, String modelSource, SqlStatement statement,
			String unseenExtensions) {
		try (Statement jdbc = connection.createStatement()) {
			jdbc.execute(statement.sql());
		}
		catch (SQLException ex) {
			String message = String.valueOf(ex.getMessage());
			Matcher position = POSITION.matcher(message);
			int line = statement.line();
			if (position.find()) {
				// The line of a long CREATE TABLE that PostgreSQL stopped at, not the one it starts on.
				String upTo = statement.sql().substring(0,
						Math.min(Integer.parseInt(position.group(1)) - 1, statement.sql().length()));
				line += (int) upTo.chars().filter((c) -> c == '\n').count();
				message = position.replaceFirst("");
			}
			if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
				// Not the model's fault: a writer of a table it refers to (auth.users) was in a long transaction.
				throw new RetortException(ErrorCode.LOCK_TIMEOUT, modelSource + ":" + line + ": this statement of the"
						+ " model waited 1 s for a lock that another session holds on a table it refers to (" + message
						+ ") and stopped, rather than keep that table's writers queued behind it; nothing was changed."
						+ " Run the comparison again once that session's transaction has ended (pg_stat_activity and"
						+ " pg_locks name it).", ex);
			}
			throw new RetortException(ErrorCode.CONFIGURATION, modelSource + ":" + line + ": the model "
					+ "failed on an empty schema: " + message + ". The model is plain SQL creating the whole "
					+ "schema, with names left unqualified." + (UNDEFINED.contains(ex.getSQLState())
							? unseenExtensions : "") + (DUPLICATE_TABLE.equals(ex.getSQLState())
									? createdElsewhere(statement.sql()) : ""), ex);
		}
	}

	/**
	 * What to do when the model creates a table or sequence that another schema holds already: an
	 * entity Hibernate maps to another team's table writes its {@code CREATE TABLE} too.
	 */
	private static String createdElsewhere(String sql) {
		Matcher created = CREATES_QUALIFIED.matcher(sql);
		if (!created.lookingAt()) {
			return "";
		}
		String schema = created.group(1);
		String name = schema + "." + created.group(2);
		return " It creates " + name + ", which schema " + schema + " holds already: the model describes the schema"
				+ " Retort migrates, and refers to what other schemas hold (a foreign key to " + name + ") without creating"
				+ " it. Leave it out of the model; Hibernate writes the table of every entity, those of other schemas"
				+ " (@Table(schema = \"" + schema + "\")) too, and a hibernate.hbm2ddl.schema_filter_provider whose"
				+ " filter leaves out their schema keeps the foreign keys to them.";
	}

	/**
	 * The foreign keys to tables of other schemas that the statements put off add, by the table of the
	 * model each is on. They run again once the rest of the model has, under a savepoint rolled back
	 * as soon as their foreign keys are read: the tables they refer to are locked only for that moment,
	 * not while the model is read and compared.
	 */
	private static Map<String, List<ConstraintModel>> foreignKeysElsewhere(Connection connection, String modelSource,
			List<SqlStatement> putOff, List<String> searched) throws SQLException {
		if (putOff.isEmpty()) {
			return Map.of();
		}
		Savepoint savepoint = connection.setSavepoint();
		try {
			searchPath(connection, MODEL_SCHEMA);
			for (SqlStatement statement : putOff) {
				execute(connection, modelSource, statement, "");
			}
			searchPath(connection, withModelFirst(searched));
			return ForeignKeysElsewhere.read(connection, MODEL_SCHEMA);
		}
		finally {
			connection.rollback(savepoint);
		}
	}

	/**
	 * The tables the model created in other schemas than its own and the migrated one, with their
	 * columns, partitions and an extension's tables left out: {@code oid, schema, name, columns (name
	 * type), whether the schema is new}.
	 * The parameters: the schemas left out, the tables and the schemas there were before the model ran.
	 */
	private static final String TABLES_CREATED_ELSEWHERE = "SELECT c.oid, n.nspname, c.relname, array_agg(a.attname"
			+ " || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FILTER (WHERE a.attnum > 0 AND NOT"
			+ " a.attisdropped), n.oid <> ALL (?) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			+ " LEFT JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname <> ALL (?) AND n.nspname NOT LIKE 'pg\\_%'"
			+ " AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
			+ " AND c.oid <> ALL (?) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
			+ " AND d.objid = c.oid AND d.deptype = 'e') GROUP BY c.oid, n.nspname, c.relname, n.oid ORDER BY 2, 3";

	/**
	 * What the model created in other schemas, which are not compared: read with the model's schema first on
	 * the search_path, so that its types print as the model's tables' do.
	 */
	private static TablesElsewhere tablesCreatedElsewhere(Connection connection, String schema, Set<Long> tablesBefore,
			Set<Long> schemasBefore) throws SQLException {
		List<TablesElsewhere.Table> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES_CREATED_ELSEWHERE)) {
			statement.setArray(1, connection.createArrayOf("oid", schemasBefore.toArray()));
			statement.setArray(2, connection.createArrayOf("text", new Object[] { MODEL_SCHEMA, schema }));
			statement.setArray(3, connection.createArrayOf("oid", tablesBefore.toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					Array columns = rows.getArray(4);
					tables.add(new TablesElsewhere.Table(rows.getString(2), rows.getString(3),
							(columns != null) ? List.of((String[]) columns.getArray()) : List.of(), rows.getBoolean(5)));
				}
			}
		}
		return new TablesElsewhere(schema, tables);
	}

	private static Set<Long> schemas(Connection connection) throws SQLException {
		Set<Long> oids = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT oid FROM pg_namespace")) {
			while (rows.next()) {
				oids.add(rows.getLong(1));
			}
		}
		return oids;
	}

	private static Set<Long> tablesElsewhere(Connection connection, String schema) throws SQLException {
		Set<Long> oids = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES_ELSEWHERE)) {
			statement.setArray(1, connection.createArrayOf("text", new Object[] { MODEL_SCHEMA, schema }));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					oids.add(rows.getLong(1));
				}
			}
		}
		return oids;
	}

	/** The table a name as written in SQL ({@code shared.countries}) finds, or {@code null}. */
	private static Long oid(Connection connection, String name) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)::oid")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getObject(1, Long.class);
			}
		}
	}

	private static List<LockedTable> locked(Connection connection) throws SQLException {
		List<LockedTable> locked = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(LOCKED)) {
			statement.setString(1, MODEL_SCHEMA);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					locked.add(new LockedTable(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
				}
			}
		}
		return locked;
	}

	/**
	 * Stops the model at once when its last statement locked a table of the migrated schema: the
	 * lock would otherwise be held, blocking the application's writes, until the whole comparison
	 * ends. The rollback that follows releases it.
	 */
	private static void requireNoTableOfSchemaLocked(List<LockedTable> locks, String schema, Set<String> before,
			String location) {
		List<String> locked = new ArrayList<>();
		for (LockedTable table : locks) {
			// One the model created there by naming the schema is refused once it has run, by name.
			if (table.schema().equals(schema) && before.contains("table " + table.name())) {
				locked.add(table.name() + " (" + table.mode() + ")");
			}
		}
		if (!locked.isEmpty()) {
			throw new RetortException(ErrorCode.CONFIGURATION, location + ": this statement of the model reached "
					+ String.join(", ", locked) + " in schema " + schema + ", the schema Retort migrates: a name it"
					+ " refers to is not (yet) a table of the model's own. The model stopped here and its lock ended"
					+ " with it; nothing was changed. Create the table in the model before what refers to it.");
		}
	}

	/**
	 * A statement of the model that locked a table of a schema Retort does not migrate, other than one
	 * that adds a foreign key alone ({@link ForeignKeysElsewhere}): a {@code CREATE TABLE} with a
	 * {@code REFERENCES auth.users}, an index or trigger on such a table. Its lock would block the
	 * writes to that table until the comparison ends; the rollback that follows releases it.
	 */
	private static RetortException lockedElsewhere(Connection connection, List<LockedTable> elsewhere,
			String location) throws SQLException {
		List<String> foreignKeys = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(FOREIGN_KEYS_TO)) {
			statement.setString(1, MODEL_SCHEMA);
			statement.setArray(2, connection.createArrayOf("oid", elsewhere.stream().map(LockedTable::oid).toArray()));
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					foreignKeys.add(rows.getString(1));
				}
			}
		}
		List<String> locked = new ArrayList<>();
		Set<String> schemas = new LinkedHashSet<>();
		for (LockedTable table : elsewhere) {
			locked.add(PostgresIdentifiers.quote(table.schema()) + "." + PostgresIdentifiers.quote(table.name())
					+ " (" + table.mode() + ")");
			schemas.add(table.schema());
		}
		String advice = foreignKeys.isEmpty() ? "Leave out of the model what acts on a table it does not create"
				+ " (Hibernate writes the constraints of an entity's table in another schema too: a"
				+ " hibernate.hbm2ddl.schema_filter_provider whose filter leaves out that schema leaves them out)."
				: "Write its foreign key to " + ((elsewhere.size() == 1) ? "that table" : "those tables") + " as a statement"
						+ " of its own after the table, as Hibernate writes one (" + String.join("; ", foreignKeys)
						+ "): autogenerate adds such a statement last and holds its lock only while it reads what it"
						+ " added.";
		return new RetortException(ErrorCode.CONFIGURATION, location + ": this statement of the model locked "
				+ String.join(", ", locked) + " of schema " + String.join(", ", schemas) + ", which Retort does not"
				+ " migrate: the lock would block the writes to it until the comparison ends. The model stopped here"
				+ " and its lock ended with it; nothing was changed. " + advice);
	}

	/** A table this session holds a lock on. */
	private record LockedTable(String schema, String name, String mode, long oid) {
	}

	/**
	 * A model that names the schema Retort migrates ({@code create table public.coffee}, as
	 * Hibernate writes with {@code hibernate.default_schema}) creates there, not in the schema it
	 * runs in: the comparison would not see those objects, and report them missing (or, on a
	 * first revision, nothing at all). Refused, naming them.
	 */
	private static void requireNothingCreatedIn(Connection connection, String schema, Set<String> before,
			String modelSource) throws SQLException {
		List<String> created = new ArrayList<>(objects(connection, schema));
		created.removeAll(before);
		// The indexes of a table the model created there come with it.
		created.removeIf((object) -> object.startsWith("index ")
				&& created.contains("table " + object.substring(object.lastIndexOf(" on ") + 4)));
		if (!created.isEmpty()) {
			Collections.sort(created);
			throw new RetortException(ErrorCode.CONFIGURATION, modelSource + ": the model created "
					+ String.join(", ", created) + " in schema " + schema + ", the schema Retort migrates, instead of "
					+ "in the empty schema it runs in, so they would not be compared. Leave the names in the model "
					+ "unqualified (create table coffee, not " + schema + ".coffee; Hibernate qualifies them when "
					+ "hibernate.default_schema is set, pg_dump always) and the search_path as it is; an index goes "
					+ "where its table is: create the table in the model before its indexes.");
		}
	}

	/**
	 * A model that uses a table, sequence or type of the migrated schema it does not create
	 * itself (a foreign key to a table it leaves out, a column of an enum type created by a
	 * revision), found there through the search_path its {@code CREATE} statements run with:
	 * autogenerate would compare a model that leans on the very schema it is compared with, and
	 * write revisions that drop what it uses. Refused, naming them. What an extension installed
	 * there owns ({@code citext}) is for the model to use.
	 */
	private static void requireNothingOfSchemaUsed(Connection connection, String schema, String modelSource)
			throws SQLException {
		List<String> used = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(USED_FROM_SCHEMA)) {
			statement.setString(1, schema);
			statement.setString(2, MODEL_SCHEMA);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					used.add(rows.getString(1).replace(PostgresIdentifiers.quote(MODEL_SCHEMA) + ".", ""));
				}
			}
		}
		if (!used.isEmpty()) {
			throw new RetortException(ErrorCode.CONFIGURATION, modelSource + ": the model uses what it does not "
					+ "create, found in schema " + schema + ", the schema Retort migrates: " + String.join(", ", used)
					+ ". The model describes the whole schema: create them in the model, before what uses them.");
		}
	}

	private static Set<String> objects(Connection connection, String schema) throws SQLException {
		Set<String> objects = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement(OBJECTS)) {
			for (int i = 1; i <= 3; i++) {
				statement.setString(i, schema);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					objects.add(rows.getString(1));
				}
			}
		}
		return objects;
	}

	private static List<String> withModelFirst(List<String> searched) {
		List<String> path = new ArrayList<>(List.of(MODEL_SCHEMA));
		path.addAll(searched);
		return path;
	}

	/**
	 * Drops the casts of the model's types. They are not compared, so no revision written creates
	 * them, and the type changes must be probed without them ({@link AutomaticCasts}): Hibernate's
	 * {@code create cast (varchar as OrderStatus) with inout as implicit} made a varchar column
	 * become an enum without {@code USING}, which the database then refused.
	 */
	private static void dropCasts(Connection connection) throws SQLException {
		List<String> drops = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT 'DROP CAST (' || ca.castsource::regtype"
				+ " || ' AS ' || ca.casttarget::regtype || ')' FROM pg_cast ca JOIN pg_type st ON st.oid = ca.castsource"
				+ " JOIN pg_type tt ON tt.oid = ca.casttarget WHERE (SELECT n.oid FROM pg_namespace n WHERE n.nspname = ?)"
				+ " IN (st.typnamespace, tt.typnamespace)")) {
			statement.setString(1, MODEL_SCHEMA);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					drops.add(rows.getString(1));
				}
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String drop : drops) {
				statement.execute(drop);
			}
		}
	}

	/** The session's TimeZone: pgjdbc sets it to the JVM's ({@code user.timezone}). */
	private static String timeZone(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_setting('TimeZone')")) {
			rows.next();
			return rows.getString(1);
		}
	}

	/** Sets the search_path for the transaction: the schemas given, in order. */
	private static void searchPath(Connection connection, String... schemas) throws SQLException {
		searchPath(connection, List.of(schemas));
	}

	private static void searchPath(Connection connection, List<String> schemas) throws SQLException {
		List<String> quoted = new ArrayList<>();
		for (String schema : schemas) {
			quoted.add(PostgresIdentifiers.quote(schema));
		}
		try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
			statement.setString(1, String.join(", ", quoted));
			statement.execute();
		}
	}

}
