package dev.retort.lint;

/**
 * The rules (shared/reference/migration-safety.md §7), each with the safe way to do what it
 * flags. Tables created earlier in the same revision are exempt from the lock rules: nobody
 * else can be using them yet.
 */
public enum LintRule {

	PG101("create-index-not-concurrent", Severity.ERROR,
			"CREATE INDEX CONCURRENTLY in a revision of its own with 'Transactional: false'."),

	PG102("drop-index-not-concurrent", Severity.WARNING,
			"DROP INDEX CONCURRENTLY IF EXISTS in a revision with 'Transactional: false'."),

	PG103("blocking-rebuild", Severity.ERROR,
			"REINDEX ... CONCURRENTLY in a revision with 'Transactional: false', or rebuild outside migrations (pg_repack)."),

	PG104("transaction-mode-violation", Severity.ERROR,
			"Put the statement in a revision of its own with 'Transactional: false'; the runner opens and commits transactions."),

	PG105("non-tx-revision-not-rerunnable", Severity.WARNING,
			"One statement per non-transactional revision, or make each one run again as it ran the first time: IF"
					+ " [NOT] EXISTS where the statement has it, CREATE OR REPLACE, or a DO block that checks the catalog"
					+ " first where it has neither (ADD CONSTRAINT, CREATE TYPE)."),

	PG106("constraint-without-not-valid", Severity.ERROR,
			"Add the constraint NOT VALID now, and VALIDATE CONSTRAINT in a later revision."),

	PG107("validate-while-locked", Severity.ERROR,
			"Validate the constraint in a later revision, once the lock of this one is released."),

	PG108("index-backed-constraint-blocking", Severity.ERROR,
			"CREATE UNIQUE INDEX CONCURRENTLY (non-transactional revision), then ADD CONSTRAINT ... USING INDEX in the next."),

	PG109("set-not-null-full-scan", Severity.ERROR,
			"ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, backfill, then in a later revision VALIDATE CONSTRAINT and SET NOT NULL."
					+ " On PostgreSQL 18: ADD CONSTRAINT ... NOT NULL col NOT VALID, backfill, then VALIDATE CONSTRAINT in a later revision."),

	PG110("add-column-rewrites-table", Severity.ERROR,
			"Add the column without a default, SET DEFAULT separately, and backfill in batches (Operations.backfill)."),

	PG111("add-required-column", Severity.ERROR,
			"Add the column nullable (or NOT NULL DEFAULT a constant), backfill, then make it NOT NULL (see PG109)."),

	PG112("column-type-rewrite", Severity.ERROR,
			"Expand and contract: a new column, a trigger writing both, a batched backfill, then drop the old column."),

	PG113("rename-breaks-clients", Severity.ERROR,
			"Add the new name beside the old one (a new column or a view), move the code, and drop the old name later."),

	PG114("destructive-change", Severity.WARNING,
			"Remove every read of it in an earlier release, then acknowledge: -- lint:ack PG114 <reason>."),

	PG115("lock-timeout-disabled", Severity.ERROR,
			"Keep the runner's lock_timeout (retort.ddl.lock-timeout), or set one of 10s or less."),

	PG116("multiple-tables-locked", Severity.WARNING,
			"One table per revision, or one ALTER TABLE with several actions."),

	PG117("backfill-in-ddl-transaction", Severity.ERROR,
			"Backfill in a revision of its own, in batches (Operations.backfill), with a WHERE clause."),

	PG118("enum-add-value-hazard", Severity.ERROR,
			"ADD VALUE IF NOT EXISTS in a revision of its own; use the value from a later revision."),

	PG119("detach-partition-not-concurrent", Severity.WARNING,
			"DETACH PARTITION ... CONCURRENTLY in a revision with 'Transactional: false'."),

	PG120("json-column", Severity.WARNING, "Use jsonb."),

	PG121("session-search-path", Severity.WARNING,
			"SET LOCAL search_path in a transactional revision (it ends with the revision's transaction), or"
					+ " schema-qualified names; in a 'Transactional: false' revision, RESET search_path after its last"
					+ " statement."),

	PG122("refresh-materialized-view-not-concurrent", Severity.ERROR,
			"REFRESH MATERIALIZED VIEW CONCURRENTLY, which lets reads of the view go on (it needs a unique index on the"
					+ " view, and a view populated already); or refresh it outside migrations."),

	PG123("set-logged-rewrites-table", Severity.ERROR,
			"No online form exists: change it in a maintenance window or while the table is small, and acknowledge it"
					+ " (-- lint:ack PG123 <reason>); or create a new table as wanted beside the old one, copy the rows in"
					+ " batches, and swap the names."),

	PG124("lock-table-access-exclusive", Severity.WARNING,
			"Name the weakest mode that does what you need: LOCK TABLE ... IN SHARE MODE blocks writes and lets reads go"
					+ " on (IN SHARE ROW EXCLUSIVE MODE keeps other such locks out too); keep ACCESS EXCLUSIVE only where"
					+ " the statements after it take it anyway, and acknowledge it (-- lint:ack PG124 <reason>)."),

	PG125("other-schema-name", Severity.WARNING,
			"Leave the schema out of the name, so that each schema's run makes or changes its own; what every tenant"
					+ " shares belongs in revisions of their own, run once for its schema (their own location and"
					+ " --schema), not in those every tenant runs. If these revisions run for one schema only, acknowledge"
					+ " it: -- lint:ack PG125 <reason>."),

	PG126("attach-partition-scan", Severity.ERROR,
			"ADD CONSTRAINT ... CHECK (the partition's bound, and its key IS NOT NULL) NOT VALID on the table to attach;"
					+ " in a later revision VALIDATE CONSTRAINT, then ATTACH PARTITION (it reads no row), then DROP"
					+ " CONSTRAINT."),

	LINT001("ack-without-reason", Severity.ERROR, "Write why: -- lint:ack <RULE> <reason>."),

	LINT002("unused-ack", Severity.WARNING, "Remove the acknowledgement, or put it right above the statement it is for."),

	LINT003("java-not-rendered", Severity.WARNING,
			"Review what it runs from there by hand; keep reading data (op.connection()) in a revision of its own, so the"
					+ " DDL around it is linted."),

	LINT004("psql-variable", Severity.WARNING,
			"Write it so that psql leaves it alone: a space after the colon (arr[1 : n]), or inside a function's dollar"
					+ " quotes; or acknowledge it if no script of it is ever run with psql."),

	LINT005("empty-downgrade", Severity.WARNING,
			"Write the downgrade (what undoes the upgrade, in reverse order), or delete the '-- +downgrade' line to make"
					+ " the revision irreversible, so that a downgrade across it is refused; acknowledge it in the section"
					+ " (-- lint:ack LINT005 <reason>) if doing nothing is the downgrade."),

	LINT006("client-copy", Severity.ERROR,
			"Write the rows as INSERT ... VALUES, or COPY from or to a file on the server (COPY ... FROM '/path');"
					+ " online only, copy them in a Java revision with pgjdbc's CopyManager on op.connection().");

	private final String ruleName;

	private final Severity severity;

	private final String fix;

	LintRule(String ruleName, Severity severity, String fix) {
		this.ruleName = ruleName;
		this.severity = severity;
		this.fix = fix;
	}

	/** The rule's name, such as {@code create-index-not-concurrent}. */
	public String ruleName() {
		return this.ruleName;
	}

	public Severity severity() {
		return this.severity;
	}

	/** The safe way to do what the rule flags. */
	public String fix() {
		return this.fix;
	}

	/**
	 * The safe way, said with the {@code Operations} a Java revision calls, where the SQL of
	 * {@link #fix()} does not say how: a Java revision has no {@code Transactional:} header, and
	 * an operation has no comment line for an acknowledgement.
	 */
	public String javaFix() {
		return switch (this) {
			case PG101 -> "op.createIndex(name, table, (index) -> index.on(...).concurrently()) in a revision of its own"
					+ " declared @Revision(transactional = false).";
			case PG102 -> "op.dropIndex(name, table, (index) -> index.concurrently().ifExists()) in a revision declared"
					+ " @Revision(transactional = false).";
			case PG103 -> "op.execute(\"REINDEX ... CONCURRENTLY ...\") in a revision declared"
					+ " @Revision(transactional = false), or rebuild outside migrations (pg_repack).";
			case PG104 -> "Put the operation in a revision of its own declared @Revision(transactional = false); the"
					+ " runner opens and commits transactions.";
			case PG105 -> "One operation per revision declared @Revision(transactional = false), or guard each"
					+ " (index.ifNotExists(), index.ifExists(), IF [NOT] EXISTS in op.execute).";
			case PG106 -> "Add the constraint NOT VALID now (op.createForeignKey(..., (fk) -> fk.notValid()),"
					+ " op.createCheckConstraintNotValid), and op.validateConstraint in a later revision.";
			case PG107 -> "op.validateConstraint in a later revision, once the lock of this one is released.";
			case PG108 -> "op.createIndex(name, table, (index) -> index.on(...).unique().concurrently()) in a revision"
					+ " declared @Revision(transactional = false), then in the next op.invoke(new CreateUniqueConstraint("
					+ "name, table, List.of(), false, false, indexName)).";
			case PG109 -> "op.createCheckConstraintNotValid(name, table, \"col IS NOT NULL\"), backfill, then in a later"
					+ " revision op.validateConstraint and op.alterColumn(table, col, (c) -> c.notNull()).";
			case PG110 -> "op.addColumn without the default, op.alterColumn(table, col, (c) -> c.serverDefault(...)), and"
					+ " op.backfill in a revision declared @Revision(transactional = false).";
			case PG111 -> "op.addColumn with the column nullable (or notNull() with a constant defaultValue(...)),"
					+ " op.backfill, then make it NOT NULL (see PG109).";
			case PG112 -> "Expand and contract: op.addColumn a new column, a trigger writing both"
					+ " (op.execute(\"CREATE TRIGGER ...\")), op.backfill, then op.dropColumn the old column.";
			case PG113 -> "op.addColumn the new name beside the old one (or a view: op.execute(\"CREATE VIEW ...\")), move"
					+ " the code, and op.dropColumn the old name later.";
			case PG115 -> "Keep the runner's lock_timeout (retort.ddl.lock-timeout), or set one of 10s or less:"
					+ " op.execute(\"SET lock_timeout = '10s'\").";
			case PG116 -> "One table per revision, or one ALTER TABLE with several actions:"
					+ " op.execute(\"ALTER TABLE ... ADD ..., ALTER ...\").";
			case PG117 -> "op.backfill(table, set, where, batchSize) in a revision of its own declared"
					+ " @Revision(transactional = false), with a WHERE clause that skips the rows done.";
			case PG114 -> "Remove every read of it in an earlier release, then run the drop with its acknowledgement:"
					+ " op.execute(\"-- lint:ack PG114 <reason>\\n<the drop as SQL: DROP TABLE ..., ALTER TABLE ... DROP"
					+ " COLUMN ...>\").";
			case PG118 -> "op.invoke(new AddEnumValue(type, value, null, null, true)) (ADD VALUE IF NOT EXISTS) in a"
					+ " revision of its own; use the value from a later revision.";
			case PG119 -> "op.execute(\"ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY\") in a revision declared"
					+ " @Revision(transactional = false).";
			case PG122 -> "op.refreshMaterializedView(name, (refresh) -> refresh.concurrently()), which lets reads of the"
					+ " view go on (it needs a unique index on the view, and a view populated already); or refresh it"
					+ " outside migrations.";
			case PG123 -> "No online form exists: change it in a maintenance window or while the table is small, with"
					+ " its acknowledgement: op.execute(\"-- lint:ack PG123 <reason>\\nALTER TABLE ... SET LOGGED\"); or"
					+ " create a new table as wanted beside the old one, copy the rows in batches (op.backfill), and swap"
					+ " the names.";
			case PG124 -> "Name the weakest mode that does what you need: op.execute(\"LOCK TABLE ... IN SHARE MODE\")"
					+ " blocks writes and lets reads go on; keep ACCESS EXCLUSIVE only where the operations after it take"
					+ " it anyway, with its acknowledgement: op.execute(\"-- lint:ack PG124 <reason>\\nLOCK TABLE ...\").";
			case PG121 -> "op.execute(\"SET LOCAL search_path TO ...\") in a transactional revision, or"
					+ " schema-qualified names; in a revision declared @Revision(transactional = false), op.execute("
					+ "\"RESET search_path\") after its last statement.";
			case PG125 -> "Leave the schema out of the name, so that each schema's run makes or changes its own; what"
					+ " every tenant shares belongs in revisions of their own, run once for its schema, not in those every"
					+ " tenant runs. If these revisions run for one schema only, acknowledge it in SQL:"
					+ " op.execute(\"-- lint:ack PG125 <reason>\\n...\").";
			case LINT001 -> "Write why in the SQL of the op.execute: \"-- lint:ack <RULE> <reason>\\n...\".";
			case LINT002 -> "Remove the acknowledgement, or put it in the op.execute of the statement it is for,"
					+ " right above that statement.";
			case LINT004 -> "Write it in the SQL of the op.execute so that psql leaves it alone: a space after the colon"
					+ " (arr[1 : n]), or inside a function's dollar quotes.";
			case LINT006 -> "Write the rows with op.bulkInsert(table, rows) (or op.execute(\"INSERT ... VALUES ...\")), or"
					+ " COPY from or to a file on the server (op.execute(\"COPY ... FROM '/path'\")); online only, copy them"
					+ " with pgjdbc's CopyManager on op.connection().";
			default -> this.fix;
		};
	}

	/**
	 * The fix of one of this rule's findings said for a Java revision: {@link #javaFix()} for the
	 * rule's own, the {@code Operations} way of a finding's particular fix where it has one.
	 */
	public String javaFix(String fix) {
		if (this == PG105 && !fix.equals(this.fix)) {
			// The guards operations have (index.ifNotExists()); where the statement has none, its SQL in op.execute.
			return fix.contains(" has no IF NOT EXISTS") ? "In op.execute, since the operation has no such guard: " + fix
					: javaFix();
		}
		return fix.equals(this.fix) ? javaFix() : JavaFixes.of(fix);
	}

	/** The rule with this id or name, in any case, or {@code null}. */
	public static LintRule find(String idOrName) {
		for (LintRule rule : values()) {
			if (rule.name().equalsIgnoreCase(idOrName) || rule.ruleName.equalsIgnoreCase(idOrName)) {
				return rule;
			}
		}
		return null;
	}

}
