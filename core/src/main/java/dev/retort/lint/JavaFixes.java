package dev.retort.lint;

import java.util.Map;

/**
 * The fixes that particular findings give instead of their rule's ({@link LintRule#fix()}), said
 * with the {@code Operations} a Java revision calls where they speak of a {@code Transactional:}
 * header, an acknowledgement comment or SQL that an operation says otherwise.
 */
final class JavaFixes {

	private static final Map<String, String> OF_FINDINGS = Map.of(
			IndexRules.PARTITIONED_INDEX_FIX,
			"op.execute(\"CREATE INDEX ... ON ONLY <partitioned table> ...\") (nothing is built), then in a revision"
					+ " declared @Revision(transactional = false) op.createIndex(name, partition, (index) -> index.on(...)"
					+ ".concurrently()) on each partition, and op.execute(\"ALTER INDEX ... ATTACH PARTITION ...\") each"
					+ " of them to the first.",
			IndexRules.UNIQUE_INDEX_FIX,
			"op.createIndex(name, table, (index) -> index.on(...).unique().concurrently()) in a revision of its own"
					+ " declared @Revision(transactional = false).",
			IndexRules.VACUUM_FULL_FIX,
			"A plain op.execute(\"VACUUM ...\") (in a revision declared @Revision(transactional = false)) blocks no"
					+ " reads or writes; to give the space back to the system, run pg_repack outside migrations, which"
					+ " locks the table only briefly.",
			AlterTableRules.COLUMN_CHECK_FIX,
			"op.addColumn without the check, then op.createCheckConstraintNotValid(name, table, condition), and"
					+ " op.validateConstraint in a later revision.",
			AlterTableRules.SERIAL_FIX,
			"op.addColumn of the plain type (Type.INTEGER for serial, Type.BIGINT for bigserial), op.createSequence(name,"
					+ " (sequence) -> sequence.ownedBy(table, col)), op.alterColumn(table, col, (c) ->"
					+ " c.serverDefault(\"nextval(...)\")) separately (only new rows get it), and op.backfill the existing"
					+ " rows.",
			TransactionRules.TRANSACTION_CONTROL_FIX,
			"Remove it: Retort runs the revision in one transaction and commits it together with its version row. A"
					+ " revision that must commit in parts is declared @Revision(transactional = false), which runs each"
					+ " operation on its own.",
			TransactionRules.TRANSACTION_BLOCK_FIX,
			"Remove it: this revision runs each operation on its own and commits each. Operations that must commit"
					+ " together go in a transactional revision of their own (@Revision without transactional = false),"
					+ " which Retort runs in one transaction.",
			AlterTableRules.TIME_ZONE_FIX,
			"If the stored values are UTC: op.execute(\"SET LOCAL TimeZone = 'UTC'\") right before the op.alterColumn"
					+ " of the type, without a USING, in the same transactional revision: PostgreSQL keeps the values as"
					+ " they are and rewrites nothing. Otherwise expand and contract: a new column, a trigger writing both"
					+ " (op.execute), op.backfill, then op.dropColumn of the old one.",
			DestructiveRules.DROP_PARTITION_FIX,
			"op.execute(\"ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY\") in a revision declared"
					+ " @Revision(transactional = false), then the drop in a later revision, which locks only the table"
					+ " it drops.",
			AlterTableRules.EXCLUSION_FIX,
			"No online way exists (an exclusion constraint cannot be added USING INDEX): add it while the table is"
					+ " small or in a maintenance window, with its acknowledgement:"
					+ " op.execute(\"-- lint:ack PG108 <reason>\\nALTER TABLE ... ADD CONSTRAINT ... EXCLUDE ...\").");

	private JavaFixes() {
	}

	/** The Java wording of this finding's own fix, or the fix itself where it fits a Java revision as it is. */
	static String of(String fix) {
		return OF_FINDINGS.getOrDefault(fix, fix);
	}

}
