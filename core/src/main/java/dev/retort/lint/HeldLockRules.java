package dev.retort.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.indexOn;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of the locks a transactional revision holds until its commit: rows written while the
 * lock of its DDL or of its LOCK TABLE is held (the finding names the statement that took it), or
 * every row of a table in one statement (PG117), and two tables locked together (PG116). Part of
 * {@link RevisionLint}, whose findings and knowledge of the revision it uses; one per revision.
 */
final class HeldLockRules {

	private final RevisionLint lint;

	/** The statements of the revision that lock a table that existed before it, in order. */
	private final List<StatementShape> locking;

	/** Pre-existing tables locked SHARE ROW EXCLUSIVE or stronger so far, with the statement that first did. */
	private final Map<String, StatementShape> strongLocks = new LinkedHashMap<>();

	private boolean multipleLocksReported;

	HeldLockRules(RevisionLint lint, List<StatementShape> shapes) {
		this.lint = lint;
		this.locking = shapes.stream().filter((shape) -> shape.locksTable != null).toList();
	}

	// PG117
	void backfill(StatementShape current) {
		String table = current.writesTable;
		if (table == null) {
			return;
		}
		List<Token> write = current.write;
		String verb = write.get(0).text();
		if (this.lint.transactional() && !this.locking.isEmpty()) {
			StatementShape locker = locker(current);
			this.lint.find(LintRule.PG117, verb + " of " + quote(table) + " runs in the same transaction as "
					+ what(locker) + " on line " + locker.statement.line() + ", whose lock on " + quote(locker.locksTable)
					+ " is held until the commit.");
		}
		else if (!verb.equals("INSERT") && indexOfWordAtDepth(write, "WHERE", write.get(0).depth()) < 0) {
			this.lint.find(LintRule.PG117, Severity.WARNING, verb + " of every row of " + quote(table)
					+ " in one statement locks them all and bloats the table.");
		}
	}

	/** The last statement before {@code current} that locks a table, else the first after it. */
	private StatementShape locker(StatementShape current) {
		StatementShape locker = this.locking.get(0);
		for (StatementShape shape : this.locking) {
			if (shape.statement.line() <= current.statement.line()) {
				locker = shape;
			}
		}
		return locker;
	}

	/**
	 * What took the lock, as the finding names it: {@code LOCK TABLE orders IN SHARE MODE} (its
	 * mode, which says what it blocks), {@code ALTER TABLE users}, {@code CREATE INDEX on orders}.
	 */
	private static String what(StatementShape locker) {
		List<Token> tokens = locker.tokens;
		String table = locker.locksTable;
		if (startsWith(tokens, 0, "LOCK")) {
			return "LOCK TABLE " + table + " IN " + StatementShape.lockMode(tokens, 1) + " MODE";
		}
		if (startsWith(tokens, 0, "CREATE")) {
			return (startsWith(tokens, 1, "UNIQUE") ? "CREATE UNIQUE INDEX" : indexOn(tokens) >= 0 ? "CREATE INDEX"
					: "CREATE TRIGGER") + " on " + table;
		}
		// ALTER TABLE, DROP TABLE, TRUNCATE, CLUSTER: the words before the table's name.
		return (startsWith(tokens, 0, "ALTER", "TABLE") || startsWith(tokens, 0, "DROP", "TABLE")
				? tokens.get(0).text() + " " + tokens.get(1).text() : tokens.get(0).text()) + " " + table;
	}

	// PG116
	void multipleTables(StatementShape current) {
		if (!this.lint.transactional()) {
			return;
		}
		for (String table : lockedTables(current)) {
			this.strongLocks.putIfAbsent(table, current);
		}
		// One statement locking several tables is exempt (as ALTER TABLE … ADD FOREIGN KEY is): it
		// takes them together, and the next ones that lock only those add no table to wait for.
		boolean severalStatements = new HashSet<>(this.strongLocks.values()).size() >= 2;
		if (this.strongLocks.size() >= 2 && severalStatements && !this.multipleLocksReported) {
			this.multipleLocksReported = true;
			this.lint.find(LintRule.PG116, "this revision locks " + String.join(" and ", this.strongLocks.keySet().stream()
				.map(TokenReading::quote)
				.toList()) + " together until the commit, which lengthens lock queues and risks deadlocks.");
		}
	}

	/**
	 * The pre-existing tables {@code current} locks SHARE ROW EXCLUSIVE or stronger until the
	 * commit: its DDL's table or the table its foreign key references, and what a partition added
	 * or detached locks beside it (the parent, the partition, the default partition).
	 */
	private List<String> lockedTables(StatementShape current) {
		List<String> tables = new ArrayList<>();
		boolean strong = current.locksTable != null && current.strongLock;
		String table = strong ? current.locksTable : current.referencesTable;
		// DROP TABLE IF EXISTS of a table no linted revision left: its author was not sure it is
		// there, nor is the lint, and where it is not the statement locks nothing.
		if (table != null && !(strong && current.dropsIfExists && !this.lint.catalog().hasTable(table))) {
			tables.add(table);
		}
		tables.addAll(current.alsoLocks);
		// DROP TABLE of an attached partition locks its parent and the parent's default partition too.
		for (String dropped : current.dropsTables) {
			String parent = this.lint.catalog().partitionParent(dropped);
			if (parent != null && !this.lint.created(parent) && !tables.contains(parent)) {
				tables.add(parent);
				String besideIt = this.lint.catalog().defaultPartition(parent);
				if (besideIt != null && !besideIt.equals(dropped) && !this.lint.created(besideIt)
						&& !tables.contains(besideIt)) {
					tables.add(besideIt);
				}
			}
		}
		String defaultPartition = (current.defaultPartitionOf != null)
				? this.lint.catalog().defaultPartition(current.defaultPartitionOf) : null;
		// The partition this statement makes or attaches DEFAULT is not yet a default to lock; one this revision made is new.
		if (defaultPartition != null && !defaultPartition.equals(current.createsTable)
				&& !this.lint.created(defaultPartition) && !tables.contains(defaultPartition)) {
			tables.add(defaultPartition);
		}
		return tables;
	}

}
