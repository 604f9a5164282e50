package dev.retort.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.lint.LintedRevision.Statement;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.alterTableName;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.indexOn;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.tableKeyword;

/**
 * Lints one revision, statement by statement: hands each statement to the rules of its kind
 * ({@link CreateTableRules}, {@link IndexRules}, {@link AlterTableRules}, {@link TypeAndViewRules},
 * {@link DestructiveRules}, {@link SessionSettingRules}, {@link LockRules}, {@link ClientRules}) and
 * to those of every statement ({@link TransactionRules}, {@link HeldLockRules},
 * {@link TenantSchemaRules}), and keeps what they need to know of the revision: the tables, indexes
 * and views created before the statement, the tables altered, what earlier revisions declared
 * ({@link Catalog}). A statement's findings are kept unless a {@code -- lint:ack} line above it
 * acknowledges them ({@link Acknowledgements}).
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

	private final LintedRevision revision;

	private final List<StatementShape> shapes;

	/** What the revisions before this one declared. */
	private final Catalog catalog;

	private final Set<String> created = new HashSet<>();

	private final Set<String> createdIndexes = new HashSet<>();

	/** Plain views created earlier in this revision: nobody queries them yet (materialized ones are in created). */
	private final Set<String> createdViews = new HashSet<>();

	/** Tables an earlier statement of this revision altered (locked until commit). */
	private final Set<String> altered = new HashSet<>();

	private final CreateTableRules createTableRules = new CreateTableRules(this);

	private final IndexRules indexRules = new IndexRules(this);

	private final AlterTableRules alterTableRules = new AlterTableRules(this);

	private final TypeAndViewRules typeAndViewRules;

	private final DestructiveRules destructiveRules = new DestructiveRules(this);

	private final SessionSettingRules sessionSettingRules = new SessionSettingRules(this);

	private final LockRules lockRules = new LockRules(this);

	private final ClientRules clientRules = new ClientRules(this);

	private final TransactionRules transactionRules;

	private final HeldLockRules heldLockRules;

	private final TenantSchemaRules tenantSchemaRules;

	/** Where the findings go once the acknowledgements of their line apply. */
	private final Acknowledgements acknowledgements;

	private StatementShape current;

	/** The index of {@link #current} in {@link #shapes}. */
	private int currentIndex;

	/**
	 * @param schema the configured schema other than public, which may be one tenant's of many
	 * ({@link OtherSchemaNames}), or {@code null}
	 */
	RevisionLint(LintedRevision revision, List<StatementShape> shapes, Catalog catalog, List<LintFinding> findings,
			String schema) {
		this.revision = revision;
		this.catalog = catalog;
		this.acknowledgements = new Acknowledgements(revision, findings);
		this.shapes = shapes;
		this.transactionRules = new TransactionRules(this, shapes);
		this.typeAndViewRules = new TypeAndViewRules(this, this.transactionRules);
		this.heldLockRules = new HeldLockRules(this, shapes);
		this.tenantSchemaRules = new TenantSchemaRules(this, schema);
	}

	void run() {
		for (int i = 0; i < this.shapes.size(); i++) {
			this.current = this.shapes.get(i);
			this.currentIndex = i;
			if (!this.current.tokens.isEmpty()) {
				lintStatement();
			}
			if (this.current.doBlock == null) {
				// A DO block's body is dollar-quoted: psql reads no variable there.
				this.clientRules.psqlVariables(this.current.statement);
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

	private void lintStatement() {
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
			this.createTableRules.createTable(tokens);
		}
		else if (startsWith(tokens, 0, "CREATE") && indexOn(tokens) >= 0) {
			this.indexRules.createIndex(tokens);
		}
		else if (startsWith(tokens, 0, "DROP", "INDEX")) {
			this.indexRules.dropIndex(tokens);
		}
		else if (startsWith(tokens, 0, "REINDEX") || startsWith(tokens, 0, "CLUSTER")
				|| startsWith(tokens, 0, "VACUUM")) {
			this.indexRules.rebuild(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "TABLE")) {
			this.alterTableRules.alterTable(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "TYPE")) {
			this.typeAndViewRules.alterType(tokens);
		}
		else if (startsWith(tokens, 0, "ALTER", "VIEW") || startsWith(tokens, 0, "ALTER", "MATERIALIZED", "VIEW")) {
			this.typeAndViewRules.alterView(tokens);
		}
		else if (startsWith(tokens, 0, "CREATE", "VIEW") || startsWith(tokens, 0, "CREATE", "TEMP", "VIEW")
				|| startsWith(tokens, 0, "CREATE", "TEMPORARY", "VIEW") || startsWith(tokens, 0, "CREATE", "RECURSIVE", "VIEW")) {
			this.typeAndViewRules.createView(tokens);
		}
		else if (startsWith(tokens, 0, "DROP", "TABLE") || startsWith(tokens, 0, "TRUNCATE")
				|| startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
			this.destructiveRules.destructive(tokens);
		}
		else if (SessionSettingRules.setsLockTimeout(tokens)) {
			this.sessionSettingRules.lockTimeout(tokens);
		}
		else if (startsWith(tokens, 0, "REFRESH", "MATERIALIZED", "VIEW")) {
			this.lockRules.refresh(tokens);
		}
		else if (startsWith(tokens, 0, "LOCK")) {
			this.lockRules.lockTable(tokens, this.current.doBlock != null);
		}
		else if (startsWith(tokens, 0, "COPY") && this.current.doBlock == null) {
			this.clientRules.clientCopy(tokens);
		}
		this.heldLockRules.backfill(this.current);
		this.tenantSchemaRules.otherSchema(tokens);
		this.transactionRules.usesAddedLabel(tokens);
		this.heldLockRules.multipleTables(this.current);
		this.sessionSettingRules.sessionSearchPath(tokens);
	}

	// What the rules know of the revision.

	/** The statement being linted. */
	StatementShape current() {
		return this.current;
	}

	/** The statements of the revision before the current one, in order. */
	List<StatementShape> earlierStatements() {
		return this.shapes.subList(0, this.currentIndex);
	}

	/** The statements of the revision after the current one, in order. */
	List<StatementShape> laterStatements() {
		return this.shapes.subList(this.currentIndex + 1, this.shapes.size());
	}

	/** Whether {@code table} was created earlier in this revision. */
	boolean created(String table) {
		return this.created.contains(table);
	}

	/** Records that a statement of this revision created the index {@code index}. */
	void indexCreated(String index) {
		this.createdIndexes.add(index);
	}

	/** Whether the index {@code index} was created earlier in this revision. */
	boolean createdIndex(String index) {
		return this.createdIndexes.contains(index);
	}

	/** Records that a statement of this revision created the plain view {@code view}. */
	void viewCreated(String view) {
		this.createdViews.add(view);
	}

	/** Whether the plain view {@code view} was created earlier in this revision. */
	boolean createdView(String view) {
		return this.createdViews.contains(view);
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

	/**
	 * Whether an earlier statement of this revision set the session's TimeZone to UTC, and no later
	 * one changed it ({@link SessionTimeZone}).
	 */
	boolean sessionInUtc() {
		boolean utc = false;
		for (StatementShape earlier : earlierStatements()) {
			Boolean sets = SessionTimeZone.setsUtc(earlier.tokens, transactional());
			utc = (sets != null) ? sets : utc;
		}
		return utc;
	}

	Catalog catalog() {
		return this.catalog;
	}

	/** PG120, of a column that {@code CREATE TABLE} or {@code ALTER TABLE … ADD COLUMN} declares. */
	void jsonColumn(String table, String column, String type) {
		if (type.equals("json") || type.startsWith("json[")) {
			find(LintRule.PG120, quote(table + "." + column) + " is json, which has no equality operator: "
					+ "DISTINCT, UNION and GROUP BY on it fail.");
		}
	}

	// The findings of the current statement.

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
	void find(LintRule rule, Severity severity, int line, String message, String fix) {
		find(rule, severity, line, message, fix, false);
	}

	/**
	 * A finding of a statement that every run refuses, Retort before anything runs or PostgreSQL
	 * where it runs: an acknowledgement cannot make it run, so none silences it ({@link Ack.Found}).
	 */
	void refused(LintRule rule, String message, String fix) {
		find(rule, rule.severity(), this.current.statement.line(), message, fix, true);
	}

	/** {@link #refused(LintRule, String, String)} at a severity other than the rule's. */
	void refused(LintRule rule, Severity severity, String message, String fix) {
		find(rule, severity, this.current.statement.line(), message, fix, true);
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
