package dev.retort.lint;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.lint.LintedRevision.Statement;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.alterTableName;
import static dev.retort.lint.TokenReading.columnList;
import static dev.retort.lint.TokenReading.containsSequence;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.declaresNotNull;
import static dev.retort.lint.TokenReading.declaresVirtual;
import static dev.retort.lint.TokenReading.indexOfSymbol;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.indexOn;
import static dev.retort.lint.TokenReading.isTableConstraint;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.tableKeyword;
import static dev.retort.lint.TokenReading.typeOf;

/**
 * The rules over one revision, statement by statement, knowing what its other statements do
 * (tables created before, DDL on existing tables anywhere in it) and what earlier revisions
 * declared ({@link Catalog}); those of {@code ALTER TABLE} and of the revision's transaction are
 * in {@link AlterTableRules} and {@link TransactionRules}. A statement's findings are kept unless
 * a {@code -- lint:ack} line above it acknowledges them ({@link Acknowledgements}).
 */
final class RevisionLint {

	/**
	 * The rules a downgrade is not read for: it drops what its upgrade made (PG114), renames back
	 * what it renamed (PG113), gives a column back the type it had (PG120), and takes locks on the
	 * tables its upgrade took together (PG116): each was the upgrade's to flag, and is that
	 * upgrade's undoing. The locks, scans and rewrites of a rollback are as long as an upgrade's.
	 */
	static final Set<LintRule> NOT_IN_DOWNGRADE = Set.of(LintRule.PG113, LintRule.PG114, LintRule.PG116,
			LintRule.PG120);

	/** The longest lock_timeout that still counts as one (strong_migrations' limit). */
	private static final long MAX_LOCK_TIMEOUT_MS = 10_000;

	/** PG101's way out on a partitioned table, which PostgreSQL cannot index concurrently. */
	static final String PARTITIONED_INDEX_FIX = "CREATE INDEX ... ON ONLY the partitioned table (nothing is built), "
			+ "then in a revision with 'Transactional: false' CREATE INDEX CONCURRENTLY on each partition, and ALTER "
			+ "INDEX ... ATTACH PARTITION each of them to the first.";

	/** PG103's way out for VACUUM FULL, which has no concurrent form. */
	static final String VACUUM_FULL_FIX = "A plain VACUUM (in a revision with 'Transactional: false') blocks no reads or "
			+ "writes; to give the space back to the system, run pg_repack outside migrations, which locks the table "
			+ "only briefly.";

	/** PG103's way out for CLUSTER, which has no concurrent form either. */
	static final String CLUSTER_FIX = "Reorder the table outside migrations with pg_repack --order-by, which locks it only "
			+ "briefly.";

	private final LintedRevision revision;

	private final List<StatementShape> shapes;

	/** What the revisions before this one declared. */
	private final Catalog catalog;

	private final Set<String> created = new HashSet<>();

	private final Set<String> createdIndexes = new HashSet<>();

	/** Plain views created earlier in this revision: nobody queries them yet (materialized ones are in created). */
	private final Set<String> createdViews = new HashSet<>();

	/** Pre-existing tables locked SHARE ROW EXCLUSIVE or stronger so far, with the first line. */
	private final Map<String, Integer> strongLocks = new LinkedHashMap<>();

	/** Tables an earlier statement of this revision altered (locked until commit). */
	private final Set<String> altered = new HashSet<>();

	private final boolean ddlOnExisting;

	private boolean multipleLocksReported;

	private final AlterTableRules alterTableRules = new AlterTableRules(this);

	private final LockRules lockRules = new LockRules(this);

	private final TransactionRules transactionRules;

	/** Where the findings go once the acknowledgements of their line apply. */
	private final Acknowledgements acknowledgements;

	private StatementShape current;

	/** The configured schema other than public, which may be one tenant's of many ({@link OtherSchemaNames}). */
	private final String schema;

	RevisionLint(LintedRevision revision, List<StatementShape> shapes, Catalog catalog, List<LintFinding> findings,
			String schema) {
		this.revision = revision;
		this.schema = schema;
		this.catalog = catalog;
		this.acknowledgements = new Acknowledgements(revision, findings);
		this.shapes = shapes;
		this.ddlOnExisting = shapes.stream().anyMatch((shape) -> shape.locksTable != null);
		this.transactionRules = new TransactionRules(this, shapes);
	}

	void run() {
		for (int i = 0; i < this.shapes.size(); i++) {
			this.current = this.shapes.get(i);
			if (!this.current.tokens.isEmpty()) {
				lintStatement(i);
			}
			if (this.current.doBlock == null) {
				// A DO block's body is dollar-quoted: psql reads no variable there.
				psqlVariables();
			}
			// Held until the commit: a later VALIDATE of the table scans with writes blocked (PG107).
			if (this.current.locksTable != null && this.current.strongLock) {
				this.altered.add(this.current.locksTable);
			}
			if (this.current.createsTable != null) {
				this.created.add(this.current.createsTable);
				this.catalog.tableCreated(this.current.createsTable);
			}
			this.current.dropsTables.forEach(this.catalog::tableDropped);
			if (this.current.renamesTableTo != null && this.created.contains(alterTableName(this.current.tokens))) {
				this.created.add(this.current.renamesTableTo);
			}
			// The acknowledgements above a line are for every statement that starts on it, and for
			// every statement of a DO block that starts on it.
			Statement acknowledged = acknowledged(this.current);
			boolean lineGoesOn = i + 1 < this.shapes.size()
					&& acknowledged(this.shapes.get(i + 1)).line() == acknowledged.line();
			if (!lineGoesOn) {
				this.acknowledgements.lineEnds(acknowledged);
			}
		}
		this.acknowledgements.revisionEnds();
	}

	/** The statement whose acknowledgements apply to {@code shape}: its own, or its DO block's. */
	private static Statement acknowledged(StatementShape shape) {
		return (shape.doBlock != null) ? shape.doBlock : shape.statement;
	}

	private void lintStatement(int index) {
		List<Token> tokens = this.current.tokens;
		// Inside a DO block PL/pgSQL owns the transaction: the rules of transactions read the block itself.
		if (this.current.doBlock == null) {
			this.transactionRules.transactionControl(tokens);
			this.transactionRules.notRerunnable(tokens);
		}
		else {
			this.transactionRules.inDoBlock(tokens);
		}
		if (startsWith(tokens, 0, "CREATE") && tableKeyword(tokens) >= 0) {
			createTable(tokens);
		}
		else if (startsWith(tokens, 0, "CREATE") && indexOn(tokens) >= 0) {
			createIndex(tokens);
		}
		else if (startsWith(tokens, 0, "DROP", "INDEX")) {
			dropIndex(tokens);
		}
		else if (startsWith(tokens, 0, "REINDEX") || startsWith(tokens, 0, "CLUSTER")
				|| startsWith(tokens, 0, "VACUUM")) {
			rebuild(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "TABLE")) {
			this.alterTableRules.alterTable(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "TYPE")) {
			alterType(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "VIEW") || startsWith(tokens, 0, "ALTER", "MATERIALIZED", "VIEW")) {
			alterView(tokens);
		}
		else if (startsWith(tokens, 0, "CREATE", "VIEW") || startsWith(tokens, 0, "CREATE", "TEMP", "VIEW")
				|| startsWith(tokens, 0, "CREATE", "TEMPORARY", "VIEW") || startsWith(tokens, 0, "CREATE", "RECURSIVE", "VIEW")) {
			this.createdViews.add(nameAt(tokens, skip(tokens, indexOfWord(tokens, "VIEW", 0) + 1, "IF", "NOT", "EXISTS")));
		}
		else if (startsWith(tokens, 0, "DROP", "TABLE") || startsWith(tokens, 0, "TRUNCATE")
				|| startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
			destructive(tokens);
		}
		else if ((startsWith(tokens, 0, "SET") || startsWith(tokens, 0, "RESET"))
				&& containsWord(tokens, "LOCK_TIMEOUT")) {
			lockTimeout(tokens, index);
		}
		else if (SetConfigCall.of(tokens, "lock_timeout") != null) {
			SetConfigCall call = SetConfigCall.of(tokens, "lock_timeout");
			// A NULL value gives the server's setting back, as RESET does.
			lockTimeout("SELECT " + call.text(), (call.value() != null) ? call.value() : "DEFAULT", index);
		}
		else if (startsWith(tokens, 0, "REFRESH", "MATERIALIZED", "VIEW")) {
			this.lockRules.refresh(tokens);
		}
		else if (startsWith(tokens, 0, "LOCK")) {
			this.lockRules.lockTable(tokens, this.current.doBlock != null);
		}
		else if (startsWith(tokens, 0, "COPY") && this.current.doBlock == null) {
			clientCopy(tokens);
		}
		backfill();
		otherSchema(tokens);
		this.transactionRules.usesAddedLabel(tokens);
		multipleTables();
		sessionSearchPath(tokens, index);
	}

	/**
	 * PG121: a session's search_path set by a revision and not given back in it. Retort puts it
	 * back after the revision (SessionSettings), online and in an --sql script, so there it reaches
	 * only the revision's own later statements; the file run by other means (psql -f on it) leaves
	 * it set for whatever runs next in that session. A RESET later in the revision gives it back.
	 */
	private void sessionSearchPath(List<Token> tokens, int index) {
		boolean set = (startsWith(tokens, 0, "SET", "SEARCH_PATH") || startsWith(tokens, 0, "SET", "SESSION", "SEARCH_PATH"))
				&& !containsWord(tokens, "DEFAULT");
		boolean setConfig = containsWord(tokens, "SET_CONFIG") && containsWord(tokens, "FALSE")
				&& tokens.stream().anyMatch((token) -> token.kind() == Tokens.Kind.STRING
						&& token.text().equalsIgnoreCase("search_path"));
		if (!set && !setConfig) {
			return;
		}
		for (int i = index + 1; i < this.shapes.size(); i++) {
			List<Token> later = this.shapes.get(i).tokens;
			if (startsWith(later, 0, "RESET", "SEARCH_PATH") || startsWith(later, 0, "RESET", "ALL")
					|| (startsWith(later, 0, "SET", "SEARCH_PATH") && containsWord(later, "DEFAULT"))) {
				return;
			}
		}
		// Not "outlasts the revision": Retort puts it back before the next revision and its own
		// bookkeeping, so saying that the next revisions or the script's bookkeeping meet it is false.
		find(LintRule.PG121, "the search_path this sets lasts to the end of the revision: Retort puts it back after"
				+ " the revision (online and in --sql scripts), but the file run by other means (psql -f on it) leaves it"
				+ " set for whatever runs next in that session.");
	}

	/**
	 * LINT004: the SQL is copied as written into an {@code --sql} script, where psql replaces what
	 * it reads as a variable with the variable's value, and says nothing.
	 */
	private void psqlVariables() {
		LintedRevision.Statement statement = this.current.statement;
		for (PsqlVariables.Reference reference : PsqlVariables.in(statement.sql(), statement.line())) {
			String replaced = reference.setByPsql()
					? "psql sets the variable " + reference.name() + " itself, so every run of an --sql script replaces"
							+ " it with that value"
					: "an --sql script run with a psql variable " + reference.name() + " set (-v " + reference.name()
							+ "=..., ~/.psqlrc) gets its value there instead, silently";
			find(LintRule.LINT004, reference.setByPsql() ? Severity.ERROR : Severity.WARNING, reference.line(),
					"'" + reference.text() + "' stands outside quotes and comments, where psql reads a variable: "
							+ replaced + ".", LintRule.LINT004.fix());
		}
	}

	/**
	 * LINT006: {@code COPY … FROM STDIN} or {@code TO STDOUT}, whose rows travel between the server
	 * and the client. Every run refuses the revision before anything runs (PlanChecks), as it
	 * refuses a Java revision's {@code op.execute} of it.
	 */
	private void clientCopy(List<Token> tokens) {
		for (int i = 1; i + 1 < tokens.size(); i++) {
			if (tokens.get(i).depth() != 0) {
				continue;
			}
			String copy = startsWith(tokens, i, "FROM", "STDIN") ? "COPY ... FROM STDIN"
					: startsWith(tokens, i, "TO", "STDOUT") ? "COPY ... TO STDOUT" : null;
			if (copy != null) {
				refused(LintRule.LINT006, "'" + copy + "' copies rows between the server and the client: upgrade and"
						+ " downgrade refuse the revision before anything runs (Retort has no rows to send over JDBC, and"
						+ " in an --sql script psql would read the script's next lines as the rows).",
						LintRule.LINT006.fix());
				return;
			}
		}
	}

	private void createTable(List<Token> tokens) {
		String table = this.current.createsTable;
		for (int i = 0; table != null && i < tokens.size(); i++) {
			// A partition may itself be partitioned: PARTITION OF t FOR VALUES … PARTITION BY …
			if (tokens.get(i).depth() == 0 && startsWith(tokens, i, "PARTITION", "BY")) {
				this.catalog.partitioned(table);
			}
		}
		int open = indexOfSymbol(tokens, '(', 0);
		if (open < 0 || table == null) {
			return;
		}
		int depth = tokens.get(open).depth() + 1;
		for (List<Token> definition : split(tokens, open + 1, depth)) {
			if (definition.isEmpty() || isTableConstraint(definition.get(0))) {
				continue;
			}
			String column = definition.get(0).name();
			String type = typeOf(definition, 1);
			this.catalog.declareColumn(table, column, type);
			this.catalog.declareNotNull(table, column, declaresNotNull(definition, 1));
			this.catalog.declareVirtual(table, column, declaresVirtual(definition, 1));
			jsonColumn(table, column, type);
		}
		for (List<Token> definition : split(tokens, open + 1, depth)) {
			int key = indexOfWord(definition, "KEY", 0);
			if (!definition.isEmpty() && isTableConstraint(definition.get(0)) && key > 0
					&& definition.get(key - 1).is("PRIMARY")) {
				List<String> columns = columnList(definition, key + 1);
				for (String column : (columns != null) ? columns : List.<String>of()) {
					this.catalog.declareNotNull(table, column, true);
				}
			}
		}
	}

	private void createIndex(List<Token> tokens) {
		int on = indexOn(tokens);
		String table = nameAt(tokens, skip(tokens, on + 1, "ONLY"));
		int at = skip(tokens, indexOfWord(tokens, "INDEX", 0) + 1, "CONCURRENTLY");
		at = skip(tokens, at, "IF", "NOT", "EXISTS");
		if (at < on) {
			String index = nameAt(tokens, at);
			this.createdIndexes.add(index);
			// Its columns, for a primary key added USING INDEX later (PG109).
			int columns = afterName(tokens, skip(tokens, on + 1, "ONLY"));
			columns = startsWith(tokens, columns, "USING") ? columns + 2 : columns;
			List<String> names = columnList(tokens, columns);
			if (index != null && table != null && names != null) {
				this.catalog.index(index, table, names);
			}
		}
		if (containsWord(tokens, "CONCURRENTLY") || table == null || this.created.contains(table)) {
			return;
		}
		if (!this.catalog.isPartitioned(table)) {
			find(LintRule.PG101, "CREATE INDEX takes a SHARE lock on " + quote(table)
					+ " and blocks its INSERT, UPDATE and DELETE for the whole build.");
		}
		// ON ONLY a partitioned table builds nothing: an invalid index that each partition's attaches to.
		else if (!startsWith(tokens, on + 1, "ONLY")) {
			find(LintRule.PG101, "CREATE INDEX on the partitioned table " + quote(table) + " builds the index of "
					+ "every partition under a SHARE lock, blocking their INSERT, UPDATE and DELETE for the whole build.",
					PARTITIONED_INDEX_FIX);
		}
	}

	private void dropIndex(List<Token> tokens) {
		if (containsWord(tokens, "CONCURRENTLY")) {
			return;
		}
		int at = skip(tokens, 2, "IF", "EXISTS");
		String index = nameAt(tokens, at);
		if (index != null && !this.createdIndexes.contains(index) && !tableDroppedLater(this.catalog.indexTable(index))) {
			find(LintRule.PG102, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table of " + quote(index)
					+ ": no reads or writes until it is done.");
		}
	}

	/**
	 * Whether a later statement of the revision drops {@code table}: dropping its index first, as
	 * a downgrade undoing {@code CREATE TABLE} and {@code CREATE INDEX} does, holds no lock that the
	 * DROP TABLE would not take anyway.
	 */
	private boolean tableDroppedLater(String table) {
		if (table == null) {
			return false;
		}
		for (int i = this.shapes.indexOf(this.current) + 1; i < this.shapes.size(); i++) {
			StatementShape later = this.shapes.get(i);
			if (startsWith(later.tokens, 0, "DROP", "TABLE") && later.emptiesTables.contains(table)) {
				return true;
			}
		}
		return false;
	}

	// PG103
	private void rebuild(List<Token> tokens) {
		if (startsWith(tokens, 0, "VACUUM") && !containsWord(tokens, "FULL")) {
			return;
		}
		if (startsWith(tokens, 0, "REINDEX") && containsWord(tokens, "CONCURRENTLY")) {
			return;
		}
		String target = nameAt(tokens, tokens.size() - 1);
		if (startsWith(tokens, 0, "CLUSTER")) {
			target = this.current.locksTable;
		}
		if (target != null && (this.created.contains(target) || this.createdIndexes.contains(target))) {
			return;
		}
		String what = tokens.get(0).text() + (startsWith(tokens, 0, "VACUUM") ? " FULL" : "");
		String message = what + " holds an ACCESS EXCLUSIVE lock while it rebuilds"
				+ (startsWith(tokens, 0, "REINDEX") ? " (on the index, which blocks nearly every query of the table)"
						: "")
				+ ".";
		// REINDEX has a concurrent form; VACUUM FULL and CLUSTER have none before PostgreSQL 19's REPACK.
		String fix = startsWith(tokens, 0, "REINDEX") ? LintRule.PG103.fix()
				: startsWith(tokens, 0, "VACUUM") ? VACUUM_FULL_FIX : CLUSTER_FIX;
		find(LintRule.PG103, message, fix);
	}

	private void alterType(List<Token> tokens) {
		int add = indexOfWord(tokens, "ADD", 0);
		if (add >= 0 && startsWith(tokens, add + 1, "VALUE")) {
			for (int i = add + 2; i < tokens.size(); i++) {
				if (tokens.get(i).kind() == Tokens.Kind.STRING) {
					this.transactionRules.labelAdded(tokens.get(i).text(), nameAt(tokens, 2));
					break;
				}
			}
		}
		else if (containsSequence(tokens, "RENAME", "VALUE")) {
			find(LintRule.PG113, "renaming a value of type " + quote(nameAt(tokens, 2))
					+ " breaks every instance still running the previous release on the old value.");
		}
	}

	/**
	 * PG113 of a view: the queries of the previous release name it (and its columns) as they name
	 * a table, so renaming it or moving it breaks them as a table's rename does. Not a view this
	 * revision created (a plain {@code CREATE VIEW}, or a materialized one), which nobody uses yet.
	 */
	private void alterView(List<Token> tokens) {
		boolean materialized = tokens.get(1).is("MATERIALIZED");
		int at = skip(tokens, materialized ? 3 : 2, "IF", "EXISTS");
		String view = nameAt(tokens, at);
		if (view == null || this.created.contains(view) || this.createdViews.contains(view)) {
			return;
		}
		String kind = materialized ? "materialized view " : "view ";
		int action = afterName(tokens, at);
		if (startsWith(tokens, action, "RENAME", "TO")) {
			find(LintRule.PG113, "renaming " + kind + quote(view)
					+ " breaks every instance still running the previous release on the old name.");
		}
		else if (startsWith(tokens, action, "RENAME")) {
			find(LintRule.PG113, "renaming a column of " + kind + quote(view)
					+ " breaks every instance still running the previous release on the old name.");
		}
		else if (startsWith(tokens, action, "SET", "SCHEMA")) {
			find(LintRule.PG113, "moving " + kind + quote(view)
					+ " to another schema breaks every instance still running the previous release.");
		}
	}

	private void destructive(List<Token> tokens) {
		boolean cascade = containsWord(tokens, "CASCADE");
		if (startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
			find(LintRule.PG114, tokens.get(0).text() + " " + tokens.get(1).text() + " " + quote(nameAt(tokens,
					skip(tokens, 2, "IF", "EXISTS"))) + " loses all the data in it.");
			return;
		}
		// DROP TABLE IF EXISTS of a table an earlier revision dropped: there is nothing left to lose.
		List<String> tables = this.current.emptiesTables.stream()
			.filter((table) -> !(this.current.dropsIfExists && this.catalog.wasDropped(table)))
			.toList();
		if (tables.isEmpty()) {
			return;
		}
		String names = String.join(" and ", tables.stream().map(TokenReading::quote).toList());
		String what = startsWith(tokens, 0, "TRUNCATE") ? "TRUNCATE" : "DROP TABLE";
		if (cascade && what.equals("TRUNCATE")) {
			find(LintRule.PG114, Severity.ERROR, "TRUNCATE ... CASCADE empties " + names
					+ " and every table that references " + ((tables.size() > 1) ? "them." : "it."));
		}
		else if (this.current.dropsIfExists && tables.stream().noneMatch(this.catalog::hasTable)) {
			// Not made by a linted revision is not "not there": a table from before Retort (a baseline) holds rows.
			find(LintRule.PG114, "DROP TABLE IF EXISTS loses the data of " + names + " if "
					+ ((tables.size() > 1) ? "they are" : "it is") + " there: no linted revision created "
					+ ((tables.size() > 1) ? "them" : "it") + " (a table made before Retort, by hand, or by a revision"
					+ " before the linted range); make sure no deployed code reads " + ((tables.size() > 1) ? "them." : "it."));
		}
		else {
			find(LintRule.PG114, what + " loses the data of " + names + "; make sure no deployed code reads "
					+ ((tables.size() > 1) ? "them." : "it."));
		}
	}

	// PG115
	private void lockTimeout(List<Token> tokens, int index) {
		if (tokens.get(0).is("RESET")) {
			lockTimeout("RESET lock_timeout", "DEFAULT", index);
			return;
		}
		int at = indexOfWord(tokens, "LOCK_TIMEOUT", 0) + 1;
		if (at < tokens.size() && (tokens.get(at).isSymbol('=') || tokens.get(at).is("TO"))) {
			at++;
		}
		if (at < tokens.size()) {
			String value = tokens.get(at).text();
			lockTimeout("SET lock_timeout = " + value, value, index);
		}
	}

	/**
	 * PG115 of a setting that gives lock_timeout {@code value} (DEFAULT for RESET), by SET or by
	 * set_config, which PostgreSQL applies alike.
	 */
	private void lockTimeout(String setting, String value, int index) {
		// DEFAULT is the server's setting, as RESET is: 0 unless the server says otherwise.
		long millis = value.equalsIgnoreCase("DEFAULT") ? 0 : Durations.millis(value);
		// Off (0, RESET, DEFAULT) the wait has no end; above the limit it has one, too far off.
		boolean off = millis == 0;
		if (!off && millis <= MAX_LOCK_TIMEOUT_MS) {
			return;
		}
		for (int i = index + 1; i < this.shapes.size(); i++) {
			String table = this.shapes.get(i).locksTable;
			if (table != null) {
				find(LintRule.PG115, setting + " lets the lock that a later statement asks on " + quote(table)
						+ (off ? " wait in the queue without end, and every query of the table waits behind it."
								: " wait in the queue for up to " + value + ", and every query of the table waits behind"
										+ " it that long."));
				return;
			}
		}
	}

	// PG125
	private void otherSchema(List<Token> tokens) {
		String extension = (this.schema != null) ? OtherSchemaNames.extension(tokens, this.schema) : null;
		if (extension != null) {
			find(LintRule.PG125, "CREATE EXTENSION makes " + extension + " for the whole database, not for schema "
					+ quote(this.schema) + " that these revisions run for (--schema, retort.schema): the first schema's"
					+ " run creates it in that schema, and the run of every other schema (a schema per tenant) finds it"
					+ " there, off its search_path (with IF NOT EXISTS its types and functions are not found; without,"
					+ " the extension already exists). Create it once WITH SCHEMA a schema every tenant reads, with IF"
					+ " NOT EXISTS, and name its types and functions with that schema.");
			return;
		}
		String name = (this.schema != null) ? OtherSchemaNames.of(tokens, this.schema) : null;
		if (name == null) {
			return;
		}
		String does = switch (tokens.get(0).text()) {
			case "CREATE" -> "makes";
			case "ALTER" -> "changes";
			case "DROP" -> "drops";
			default -> "writes";
		};
		find(LintRule.PG125, "this statement " + does + " " + name + ", outside schema " + quote(this.schema)
				+ " that these revisions run for (--schema, retort.schema): the run of every other schema they run for"
				+ " (a schema per tenant) reaches the same " + name + ", so the second run fails on what the first"
				+ " did, or does it once more (an INSERT's rows once per schema).");
	}

	// PG117
	private void backfill() {
		String table = this.current.writesTable;
		if (table == null) {
			return;
		}
		List<Token> write = this.current.write;
		String verb = write.get(0).text();
		if (this.revision.transactional() && this.ddlOnExisting) {
			find(LintRule.PG117, verb + " of " + quote(table) + " runs while this revision's DDL locks are held "
					+ "until the commit.");
		}
		else if (!verb.equals("INSERT") && indexOfWordAtDepth(write, "WHERE", write.get(0).depth()) < 0) {
			find(LintRule.PG117, Severity.WARNING, verb + " of every row of " + quote(table)
					+ " in one statement locks them all and bloats the table.");
		}
	}

	// PG116
	private void multipleTables() {
		boolean strong = this.current.locksTable != null && this.current.strongLock;
		String table = strong ? this.current.locksTable : this.current.referencesTable;
		if (table == null || !this.revision.transactional()) {
			return;
		}
		if (strong && this.current.dropsIfExists && !this.catalog.hasTable(table)) {
			// DROP TABLE IF EXISTS of a table no linted revision left: its author was not sure it is
			// there, nor is the lint, and where it is not the statement locks nothing.
			return;
		}
		this.strongLocks.putIfAbsent(table, this.current.statement.line());
		if (this.strongLocks.size() >= 2 && !this.multipleLocksReported) {
			this.multipleLocksReported = true;
			find(LintRule.PG116, "this revision locks " + String.join(" and ", this.strongLocks.keySet().stream()
				.map(TokenReading::quote)
				.toList()) + " together until the commit, which lengthens lock queues and risks deadlocks.");
		}
	}

	// For AlterTableRules.

	/** Whether {@code table} was created earlier in this revision. */
	boolean created(String table) {
		return this.created.contains(table);
	}

	/** Records that a statement of this revision altered {@code table} (locked until the commit). */
	void altered(String table) {
		this.altered.add(table);
	}

	boolean wasAltered(String table) {
		return this.altered.contains(table);
	}

	boolean transactional() {
		return this.revision.transactional();
	}

	/** Whether the current statement runs in a transaction that lasts past it ({@link TransactionRules#inTransaction()}). */
	boolean inTransaction() {
		return this.transactionRules.inTransaction();
	}

	Catalog catalog() {
		return this.catalog;
	}

	void jsonColumn(String table, String column, String type) {
		if (type.equals("json") || type.startsWith("json[")) {
			find(LintRule.PG120, quote(table + "." + column) + " is json, which has no equality operator: "
					+ "DISTINCT, UNION and GROUP BY on it fail.");
		}
	}

	void find(LintRule rule, String message) {
		find(rule, rule.severity(), message);
	}

	/** A finding whose safe way out is not the rule's usual one ({@link LintRule#fix()}). */
	void find(LintRule rule, String message, String fix) {
		find(rule, rule.severity(), message, fix);
	}

	void find(LintRule rule, Severity severity, String message) {
		find(rule, severity, message, rule.fix());
	}

	private void find(LintRule rule, Severity severity, String message, String fix) {
		find(rule, severity, this.current.statement.line(), message, fix, false);
	}

	/** A finding on {@code line} of the current statement, which may start on an earlier line. */
	private void find(LintRule rule, Severity severity, int line, String message, String fix) {
		find(rule, severity, line, message, fix, false);
	}

	/**
	 * A finding of a statement that every run refuses, Retort before anything runs or PostgreSQL
	 * where it runs: an acknowledgement cannot make it run, so none silences it ({@link Ack.Found}).
	 */
	void refused(LintRule rule, String message, String fix) {
		find(rule, rule.severity(), this.current.statement.line(), message, fix, true);
	}

	private void find(LintRule rule, Severity severity, int line, String message, String fix, boolean refused) {
		if (this.revision.downgrade() && NOT_IN_DOWNGRADE.contains(rule)) {
			return;
		}
		String said = this.revision.downgrade() ? "in the downgrade, " + message : message;
		this.acknowledgements.add(new LintFinding(this.revision.id(), this.revision.source() + ":"
				+ line, rule.name(), rule.ruleName(), severity,
				Character.toUpperCase(said.charAt(0)) + said.substring(1), fix,
				rule == LintRule.PG114), refused);
	}

}
