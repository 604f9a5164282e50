package dev.retort.lint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.quote;

/**
 * The rules of the locks a transactional revision holds until its commit: rows written while its
 * DDL's locks are held, or every row of a table in one statement (PG117), and two tables locked
 * together (PG116). Part of {@link RevisionLint}, whose findings and knowledge of the revision it
 * uses; one per revision.
 */
final class HeldLockRules {

	private final RevisionLint lint;

	/** Whether a statement of the revision takes a DDL lock on a table that existed before it. */
	private final boolean ddlOnExisting;

	/** Pre-existing tables locked SHARE ROW EXCLUSIVE or stronger so far, with the first line. */
	private final Map<String, Integer> strongLocks = new LinkedHashMap<>();

	private boolean multipleLocksReported;

	HeldLockRules(RevisionLint lint, List<StatementShape> shapes) {
		this.lint = lint;
		this.ddlOnExisting = shapes.stream().anyMatch((shape) -> shape.locksTable != null);
	}

	// PG117
	void backfill(StatementShape current) {
		String table = current.writesTable;
		if (table == null) {
			return;
		}
		List<Token> write = current.write;
		String verb = write.get(0).text();
		if (this.lint.transactional() && this.ddlOnExisting) {
			this.lint.find(LintRule.PG117, verb + " of " + quote(table) + " runs while this revision's DDL locks are held "
					+ "until the commit.");
		}
		else if (!verb.equals("INSERT") && indexOfWordAtDepth(write, "WHERE", write.get(0).depth()) < 0) {
			this.lint.find(LintRule.PG117, Severity.WARNING, verb + " of every row of " + quote(table)
					+ " in one statement locks them all and bloats the table.");
		}
	}

	// PG116
	void multipleTables(StatementShape current) {
		boolean strong = current.locksTable != null && current.strongLock;
		String table = strong ? current.locksTable : current.referencesTable;
		if (table == null || !this.lint.transactional()) {
			return;
		}
		if (strong && current.dropsIfExists && !this.lint.catalog().hasTable(table)) {
			// DROP TABLE IF EXISTS of a table no linted revision left: its author was not sure it is
			// there, nor is the lint, and where it is not the statement locks nothing.
			return;
		}
		this.strongLocks.putIfAbsent(table, current.statement.line());
		if (this.strongLocks.size() >= 2 && !this.multipleLocksReported) {
			this.multipleLocksReported = true;
			this.lint.find(LintRule.PG116, "this revision locks " + String.join(" and ", this.strongLocks.keySet().stream()
				.map(TokenReading::quote)
				.toList()) + " together until the commit, which lengthens lock queues and risks deadlocks.");
		}
	}

}
