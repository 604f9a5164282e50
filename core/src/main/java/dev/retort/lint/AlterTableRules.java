package dev.retort.lint;

import java.util.List;
import java.util.Locale;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.SERIAL_TYPES;
import static dev.retort.lint.TokenReading.actions;
import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.alterTableName;
import static dev.retort.lint.TokenReading.columnList;
import static dev.retort.lint.TokenReading.containsSequence;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.declaresNotNull;
import static dev.retort.lint.TokenReading.declaresVirtual;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.notNullCheckColumn;
import static dev.retort.lint.TokenReading.parenthesized;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.typeOf;
import static dev.retort.lint.TokenReading.volatileDefault;

/**
 * The rules of {@code ALTER TABLE}, action by action: columns added (rewrites, required columns,
 * inline constraints), constraints added and validated, column changes (NOT NULL, type), drops,
 * renames, partitions attached and detached. Part of {@link RevisionLint}, whose findings and knowledge of
 * the revision it uses.
 */
final class AlterTableRules {

	/** PG106's way out for a check written on a new column: the check apart, validated without the lock. */
	static final String COLUMN_CHECK_FIX = "Add the column without the check, then ADD CONSTRAINT … CHECK (…) "
			+ "NOT VALID, and VALIDATE CONSTRAINT in a later revision.";

	/**
	 * PG106's way out for a foreign key written on a new column that has a DEFAULT: a column's
	 * REFERENCES takes no NOT VALID, and without the DEFAULT there is nothing to check.
	 */
	static final String COLUMN_FOREIGN_KEY_FIX = "Add the column without a DEFAULT (every row is then NULL, and "
			+ "PostgreSQL checks none), SET DEFAULT separately, and backfill in batches (Operations.backfill); or add it "
			+ "without REFERENCES, then ADD CONSTRAINT … FOREIGN KEY (…) REFERENCES … NOT VALID, and VALIDATE CONSTRAINT "
			+ "in a later revision.";

	/** PG112's way out for a change between timestamp and timestamptz, which needs no copy in UTC. */
	static final String TIME_ZONE_FIX = "If the stored values are UTC: SET LOCAL TimeZone = 'UTC' right before it, in"
			+ " the same transactional revision, and no USING: PostgreSQL keeps the values as they are and rewrites"
			+ " nothing. Otherwise expand and contract: a new column, a trigger writing both, a batched backfill, then"
			+ " drop the old column.";

	/** PG110's way out for a serial column: its parts, each without a rewrite. */
	static final String SERIAL_FIX = "Add the column as its plain type (integer for serial, bigint for bigserial), "
			+ "CREATE SEQUENCE ... OWNED BY it, SET DEFAULT nextval(...) separately (only new rows get it), and backfill the existing rows in batches "
			+ "(Operations.backfill).";

	/** PG110's way out for an identity column, which takes no SET DEFAULT. */
	static final String IDENTITY_FIX = "Add the column without the identity, SET DEFAULT nextval(...) of a sequence of your own and "
			+ "backfill in batches (Operations.backfill), make it NOT NULL (see PG109), then DROP DEFAULT, ADD GENERATED "
			+ "BY DEFAULT AS IDENTITY (no rewrite on a NOT NULL column), setval its sequence past the highest value and "
			+ "drop your sequence.";

	/** PG110's way out for a stored generated column, which takes no SET DEFAULT either. */
	static final String STORED_GENERATED_FIX = "Add a plain column kept up to date by a BEFORE INSERT OR UPDATE trigger, "
			+ "and backfill the existing rows in batches (Operations.backfill). On PostgreSQL 18 a virtual generated "
			+ "column (without STORED) is computed when read, so adding one does not rewrite the table.";

	/** PG108's way out for an exclusion constraint, which takes no USING INDEX. */
	static final String EXCLUSION_FIX = "No online way exists (an exclusion constraint cannot be added USING INDEX): add "
			+ "it while the table is small or in a maintenance window, and acknowledge it: -- lint:ack PG108 <reason>.";

	private final RevisionLint lint;

	private final DefaultPartitionScans defaultPartitionScans;

	/**
	 * Whether the ALTER TABLE being read is of ONLY a partitioned table: a UNIQUE, PRIMARY KEY or
	 * EXCLUDE constraint added there makes an index of the parent alone, invalid until each
	 * partition's is attached, and builds nothing (as CREATE INDEX ON ONLY does, PG101).
	 */
	private boolean onlyPartitioned;

	AlterTableRules(RevisionLint lint) {
		this.lint = lint;
		this.defaultPartitionScans = new DefaultPartitionScans(lint);
	}

	void alterTable(List<Token> tokens) {
		String table = alterTableName(tokens);
		if (table == null) {
			return;
		}
		boolean existing = !this.lint.created(table);
		this.onlyPartitioned = startsWith(tokens, skip(tokens, 2, "IF", "EXISTS"), "ONLY")
				&& this.lint.catalog().isPartitioned(table);
		boolean lockedByAnEarlierAction = false;
		for (List<Token> action : actions(tokens)) {
			// ADD CONSTRAINT … NOT VALID, VALIDATE CONSTRAINT … in one statement validates under the ADD's lock.
			if (existing && lockedByAnEarlierAction && startsWith(action, 0, "VALIDATE", "CONSTRAINT")) {
				this.lint.find(LintRule.PG107, "an earlier action of this ALTER TABLE locked " + quote(table)
						+ ", so validating " + quote(nameAt(action, 2)) + " in the same statement scans it under that "
						+ "lock, as adding the constraint without NOT VALID would.");
			}
			alterTableAction(table, existing, action);
			lockedByAnEarlierAction |= !action.isEmpty() && !startsWith(action, 0, "VALIDATE");
		}
		if (!StatementShape.onlyValidates(tokens)) {
			this.lint.altered(table);
		}
	}

	private void alterTableAction(String table, boolean existing, List<Token> action) {
		if (action.isEmpty()) {
			return;
		}
		if (startsWith(action, 0, "ADD")) {
			int at = 1;
			Token next = (action.size() > 1) ? action.get(1) : null;
			if (next != null && (next.is("CONSTRAINT") || next.is("CHECK") || next.is("FOREIGN")
					|| next.is("PRIMARY") || next.is("UNIQUE") || next.is("EXCLUDE") || next.is("NOT"))) {
				addConstraint(table, existing, action);
			}
			else {
				at = skip(action, at, "COLUMN");
				at = skip(action, at, "IF", "NOT", "EXISTS");
				addColumn(table, existing, action, at);
			}
		}
		else if (startsWith(action, 0, "VALIDATE", "CONSTRAINT")) {
			validate(table, existing, nameAt(action, 2));
		}
		else if (startsWith(action, 0, "ALTER")) {
			int at = skip(action, 1, "COLUMN");
			String column = nameAt(action, at);
			alterColumn(table, existing, column, action, at + 1);
		}
		else if (startsWith(action, 0, "DROP") && !startsWith(action, 0, "DROP", "CONSTRAINT")) {
			int at = skip(action, 1, "COLUMN");
			at = skip(action, at, "IF", "EXISTS");
			String column = nameAt(action, at);
			if (existing && this.lint.catalog().isVirtual(table, column)) {
				// A virtual generated column (PostgreSQL 18) stores nothing: only its readers break.
				this.lint.find(LintRule.PG114, "DROP COLUMN removes the virtual generated column "
						+ quote(table + "." + column) + " (it stores no data, but a query that reads it fails); make "
						+ "sure no deployed code reads it.");
			}
			else if (existing) {
				this.lint.find(LintRule.PG114, "DROP COLUMN loses the data of " + quote(table + "." + column)
						+ "; make sure no deployed code reads it.");
			}
		}
		else if (startsWith(action, 0, "RENAME") && !startsWith(action, 0, "RENAME", "CONSTRAINT")) {
			int to = indexOfWord(action, "TO", 0);
			if (startsWith(action, 0, "RENAME", "TO")) {
				this.lint.catalog().renameTable(table, nameAt(action, 2));
			}
			else if (to > 0) {
				this.lint.catalog().renameColumn(table, nameAt(action, skip(action, 1, "COLUMN")), nameAt(action, to + 1));
			}
			boolean renamesTable = startsWith(action, 0, "RENAME", "TO");
			String newName = renamesTable ? nameAt(action, 2) : null;
			if (existing && renamesTable && !oldNameKeptByAView(table, newName)) {
				this.lint.find(LintRule.PG113, "renaming table " + quote(table)
						+ " breaks every instance still running the previous release on the old name.",
						"Make a view of the table under its old name in the same transactional revision, right after the"
								+ " rename: CREATE VIEW " + table + " AS SELECT * FROM " + newName + ". The previous release"
								+ " reads and writes through it; drop the view once no release reads the old name.");
			}
			else if (existing && !renamesTable) {
				this.lint.find(LintRule.PG113, "renaming a column of " + quote(table)
						+ " breaks every instance still running the previous release on the old name.");
			}
		}
		else if (startsWith(action, 0, "SET", "SCHEMA")) {
			if (existing) {
				this.lint.find(LintRule.PG113, "moving " + quote(table)
						+ " to another schema breaks every instance still running the previous release.");
			}
		}
		else if (startsWith(action, 0, "SET", "LOGGED") || startsWith(action, 0, "SET", "UNLOGGED")) {
			if (existing) {
				boolean logged = action.get(1).is("LOGGED");
				this.lint.find(LintRule.PG123, "SET " + action.get(1).text() + " rewrites " + quote(table)
						+ " and all its indexes under an ACCESS EXCLUSIVE lock: no reads or writes of it until the copy"
						+ " is done" + (logged ? ", and every row of it goes through the WAL (and to the replicas)." : "."));
			}
		}
		else if (startsWith(action, 0, "DROP", "CONSTRAINT")) {
			this.lint.catalog().constraintDropped(table, nameAt(action, skip(action, 2, "IF", "EXISTS")));
		}
		else if (startsWith(action, 0, "ATTACH", "PARTITION")) {
			String child = nameAt(action, 2);
			List<Token> bound = action.subList(Math.min(afterName(action, 2), action.size()), action.size());
			attachPartition(table, child, bound);
			this.lint.catalog().partitionBound(child, bound);
			if (child != null) {
				this.lint.catalog().partitionAttached(table, child);
			}
			if (startsWith(bound, 0, "DEFAULT")) {
				this.lint.catalog().defaultPartition(table, child);
			}
			else {
				this.defaultPartitionScans.partitionAdded(table, child, bound, false);
			}
		}
		else if (startsWith(action, 0, "DETACH", "PARTITION")) {
			detachPartition(table, existing, nameAt(action, 2), action);
			this.lint.catalog().partitionDetached(table, nameAt(action, 2));
			String key = this.lint.catalog().partitionKey(table);
			if (containsWord(action, "CONCURRENTLY") && key != null) {
				// PostgreSQL leaves the detached table a valid CHECK of its old bound (child_key_check), which
				// an ATTACH of it again finds implied (PG126); its text unknown (empty) where the bound is.
				String child = nameAt(action, 2);
				List<Token> bound = this.lint.catalog().partitionBound(child);
				String condition = (bound != null) ? PartitionBound.condition(key, bound) : null;
				this.lint.catalog().check(child, child + "_" + key + "_check",
						(condition != null) ? Tokens.of(condition) : List.of(), true);
			}
		}
	}

	/**
	 * PG119. PostgreSQL refuses DETACH PARTITION … CONCURRENTLY of any partition of a table that has
	 * a default partition (SQLSTATE 55000, LockClaimsTests), so there the way out is the plain DETACH,
	 * which reads no row, in a revision of its own; it locks the default partition too.
	 */
	private void detachPartition(String table, boolean existing, String child, List<Token> action) {
		String defaultPartition = this.lint.catalog().defaultPartition(table);
		if (containsWord(action, "FINALIZE")) {
			return;
		}
		// Refused on a parent this revision created too; the plain DETACH of one locks nothing in use.
		if (defaultPartition != null && containsWord(action, "CONCURRENTLY")) {
			this.lint.refused(LintRule.PG119, Severity.ERROR, "PostgreSQL refuses DETACH PARTITION … CONCURRENTLY while "
					+ quote(table) + " has a default partition, " + quote(defaultPartition) + " (cannot detach partitions"
					+ " concurrently when a default partition exists, SQLSTATE 55000): every run fails here.",
					detachBesideDefaultFix(table, defaultPartition));
		}
		else if (existing && defaultPartition != null) {
			this.lint.find(LintRule.PG119, "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + quote(table) + ", on its"
					+ " default partition " + quote(defaultPartition) + " and on " + quote(child) + " (no reads or writes of"
					+ " " + quote(table) + " until the commit); CONCURRENTLY is no way out here: PostgreSQL refuses it"
					+ " while " + quote(table) + " has a default partition.", detachBesideDefaultFix(table, defaultPartition));
		}
		else if (existing && !containsWord(action, "CONCURRENTLY")) {
			this.lint.find(LintRule.PG119, "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + quote(table) + ".");
		}
	}

	/** PG119's way out beside a default partition, where CONCURRENTLY is refused. */
	static String detachBesideDefaultFix(String table, String defaultPartition) {
		return "Keep the plain DETACH PARTITION, alone in a transactional revision of its own: it reads no row, so it"
				+ " holds ACCESS EXCLUSIVE on " + table + ", " + defaultPartition + " and the partition only for the"
				+ " catalog change, and the runner's lock_timeout (retort.ddl.lock-timeout) keeps it from waiting in front"
				+ " of every query of " + table + " (run it again if it times out). DETACH … CONCURRENTLY works only once "
				+ table + " has no default partition.";
	}

	/**
	 * PG126: PostgreSQL reads every row of the table it attaches, under an ACCESS EXCLUSIVE lock on
	 * it (and SHARE UPDATE EXCLUSIVE on the parent), to check the bound, unless its valid CHECKs
	 * imply it ({@link BoundImplication}). A table this revision created is empty.
	 */
	private void attachPartition(String parent, String child, List<Token> bound) {
		if (child == null || this.lint.created(child)) {
			return;
		}
		Catalog catalog = this.lint.catalog();
		String key = catalog.partitionKey(parent);
		List<List<Token>> checks = catalog.validChecks(child);
		// With the key unknown, any valid check may imply the bound.
		BoundImplication.Result implied = (key != null)
				? BoundImplication.implies(checks, key, catalog.columnType(parent, key), catalog.holdsNoNull(child, key),
						bound)
				: null;
		if ((key == null && !checks.isEmpty()) || (implied != null && !implied.scans())) {
			return;
		}
		String why = (implied != null && implied.namesKey())
				? "its valid CHECKs do not imply the bound: " + implied.reason() + " (PostgreSQL reads the rows all the same)"
				: "no valid CHECK of " + quote(child) + " implies the bound" + ((key != null) ? " (with " + key + " IS NOT NULL)" : "");
		this.lint.find(LintRule.PG126, "ATTACH PARTITION reads every row of " + quote(child) + " to check that it fits"
				+ " the partition's bound, under an ACCESS EXCLUSIVE lock on it (no reads or writes of it) and a SHARE"
				+ " UPDATE EXCLUSIVE lock on " + quote(parent) + ": " + why + ".",
				PartitionBound.fix(parent, child, key, bound));
	}

	private void addColumn(String table, boolean existing, List<Token> action, int at) {
		String column = nameAt(action, at);
		String type = typeOf(action, at + 1);
		this.lint.catalog().declareColumn(table, column, type);
		this.lint.catalog().declareNotNull(table, column, declaresNotNull(action, at + 1));
		this.lint.catalog().declareVirtual(table, column, declaresVirtual(action, at + 1));
		this.lint.jsonColumn(table, column, type);
		if (!existing) {
			return;
		}
		String qualified = quote(table + "." + column);
		String typeWord = (at + 1 < action.size()) ? action.get(at + 1).text() : "";
		boolean generated = containsWord(action, "GENERATED");
		// Each case has its own way out: SET DEFAULT, the generic fix, is refused on an identity column.
		if (SERIAL_TYPES.contains(typeWord)) {
			this.lint.find(LintRule.PG110, "adding the " + typeWord.toLowerCase(Locale.ROOT) + " column " + qualified
					+ " rewrites " + quote(table) + " and all its indexes under an ACCESS EXCLUSIVE lock: its default, "
					+ "nextval(…), is called for every row.", SERIAL_FIX);
		}
		else if (generated && containsSequence(action, "AS", "IDENTITY")) {
			this.lint.find(LintRule.PG110, "adding the identity column " + qualified + " rewrites " + quote(table)
					+ " and all its indexes under an ACCESS EXCLUSIVE lock: every row is given a value from its sequence.",
					IDENTITY_FIX);
		}
		else if (generated && containsWord(action, "STORED")) {
			this.lint.find(LintRule.PG110, "adding the stored generated column " + qualified + " rewrites "
					+ quote(table) + " and all its indexes under an ACCESS EXCLUSIVE lock: its value is computed and "
					+ "stored for every row.", STORED_GENERATED_FIX);
		}
		else {
			String volatileCall = volatileDefault(action);
			if (volatileCall != null) {
				this.lint.find(LintRule.PG110, "adding " + qualified + " with DEFAULT " + volatileCall.toLowerCase(Locale.ROOT)
						+ "(…), a function PostgreSQL must call for every row, rewrites " + quote(table)
						+ " and all its indexes under an ACCESS EXCLUSIVE lock.");
			}
		}
		if (containsSequence(action, "NOT", "NULL") && !containsWord(action, "DEFAULT") && !generated
				&& !SERIAL_TYPES.contains(typeWord)) {
			this.lint.find(LintRule.PG111, "adding " + qualified + " NOT NULL without a DEFAULT fails on a table with rows, "
					+ "and instances of the previous release cannot insert into " + quote(table) + ".");
		}
		// Measured on PostgreSQL 15 (LockClaimsTests): a new column without a DEFAULT is NULL in every row, and
		// its foreign key is marked valid without a scan; with one, even DEFAULT NULL, every row is checked.
		if (containsWord(action, "REFERENCES") && declaresDefault(action)) {
			this.lint.find(LintRule.PG106, "the foreign key of " + qualified + " is checked against every row of "
					+ quote(table) + " while both tables are locked (SHARE ROW EXCLUSIVE): a column added with a DEFAULT,"
					+ " even NULL, is checked, one without is not.", COLUMN_FOREIGN_KEY_FIX);
		}
		if (containsWord(action, "CHECK")) {
			// Measured on PostgreSQL 15: ADD COLUMN b int CHECK (b > 0) on 2 million rows took 183 ms, the
			// same column without the check 0.2 ms. The new column is all defaults, but every row is read.
			this.lint.find(LintRule.PG106, "the check of " + qualified + " is evaluated on every row of " + quote(table)
					+ " under an ACCESS EXCLUSIVE lock, although the new column holds only its default.", COLUMN_CHECK_FIX);
		}
		if (containsWord(action, "UNIQUE") || containsSequence(action, "PRIMARY", "KEY")) {
			this.lint.find(LintRule.PG108, "the index behind " + qualified + "'s constraint is built under an ACCESS "
					+ "EXCLUSIVE lock on " + quote(table) + ": no reads or writes until it is done.");
		}
	}

	private void addConstraint(String table, boolean existing, List<Token> action) {
		String name = startsWith(action, 1, "CONSTRAINT") ? nameAt(action, 2) : null;
		// PostgreSQL 18's NOT ENFORCED is never checked, and not validated either: no row is read.
		boolean notValid = containsSequence(action, "NOT", "VALID") || containsSequence(action, "NOT", "ENFORCED");
		int check = indexOfWord(action, "CHECK", 0);
		if (check >= 0) {
			this.lint.catalog().check(table, name, parenthesized(action, check + 1), !notValid);
			String column = notNullCheckColumn(action, check + 1);
			if (column != null && name != null) {
				this.lint.catalog().notNullCheck(table, name, column);
			}
			if (column != null && !notValid) {
				this.lint.catalog().provenNotNull(table, column);
			}
		}
		// PostgreSQL 18: [CONSTRAINT name] NOT NULL column [NOT VALID], SET NOT NULL's other spelling.
		int body = (name != null) ? 3 : 1;
		String notNullColumn = startsWith(action, body, "NOT", "NULL") ? nameAt(action, body + 2) : null;
		if (notNullColumn != null && notValid) {
			if (name != null) {
				this.lint.catalog().notNullCheck(table, name, notNullColumn);
			}
			return;
		}
		if (notNullColumn != null) {
			if (existing && !this.lint.catalog().holdsNoNull(table, notNullColumn)) {
				this.lint.find(LintRule.PG109, "adding the NOT NULL constraint" + ((name != null) ? " " + quote(name) : "")
						+ " reads every row of " + quote(table) + " under an ACCESS EXCLUSIVE lock to check "
						+ quote(table + "." + notNullColumn) + ".");
			}
			this.lint.catalog().declareNotNull(table, notNullColumn, true);
			return;
		}
		if (!existing) {
			return;
		}
		String named = (name != null) ? " " + quote(name) : "";
		if ((check >= 0 || containsSequence(action, "FOREIGN", "KEY")) && !notValid) {
			boolean foreignKey = check < 0;
			this.lint.find(LintRule.PG106, "adding the " + (foreignKey ? "foreign key" : "check") + named
					+ " reads every row of " + quote(table) + " under "
					+ (foreignKey ? "a SHARE ROW EXCLUSIVE lock on both tables" : "an ACCESS EXCLUSIVE lock") + ".");
		}
		if (containsSequence(action, "PRIMARY", "KEY")) {
			primaryKey(table, existing, action);
		}
		if (this.onlyPartitioned) {
			return;
		}
		if ((containsWord(action, "UNIQUE") || containsSequence(action, "PRIMARY", "KEY"))
				&& !containsSequence(action, "USING", "INDEX")) {
			this.lint.find(LintRule.PG108, "the index behind the constraint" + named + " is built under an ACCESS EXCLUSIVE "
					+ "lock on " + quote(table) + ": no reads or writes until it is done.");
		}
		if (containsWord(action, "EXCLUDE")) {
			this.lint.find(LintRule.PG108, "the index behind the exclusion constraint" + named + " is built under an ACCESS "
					+ "EXCLUSIVE lock on " + quote(table) + ", and no online way to add one exists.", EXCLUSION_FIX);
		}
	}

	/**
	 * A primary key makes its columns NOT NULL. Over an index built beforehand (PG108's way out),
	 * that is the only part that may read the table: each column not yet known to hold no null is
	 * checked row by row, as SET NOT NULL is (PG109).
	 */
	private void primaryKey(String table, boolean existing, List<Token> action) {
		List<String> columns;
		int using = indexOfWord(action, "USING", 0);
		if (using >= 0 && startsWith(action, using + 1, "INDEX")) {
			String index = nameAt(action, using + 2);
			columns = (index != null) ? this.lint.catalog().indexColumns(index, table) : null;
			List<String> nullable = (columns == null) ? List.of() : columns.stream()
				.filter((column) -> !this.lint.catalog().holdsNoNull(table, column))
				.toList();
			if (existing && !nullable.isEmpty()) {
				this.lint.find(LintRule.PG109, "the primary key USING INDEX " + quote(index) + " makes "
						+ String.join(", ", nullable.stream().map((column) -> quote(table + "." + column)).toList())
						+ " NOT NULL, which reads every row of " + quote(table) + " under an ACCESS EXCLUSIVE lock.");
			}
		}
		else {
			columns = columnList(action, indexOfWord(action, "KEY", 0) + 1);
		}
		for (String column : (columns != null) ? columns : List.<String>of()) {
			this.lint.catalog().declareNotNull(table, column, true);
		}
	}

	/**
	 * PostgreSQL 17's SET EXPRESSION computes a stored generated column again for every row, as a
	 * type change does; a virtual one (PostgreSQL 18) stores nothing, so nothing is rewritten.
	 */
	private void setExpression(String table, boolean existing, String column) {
		String qualified = quote(table + "." + column);
		if (!existing || this.lint.catalog().isVirtual(table, column)) {
			return;
		}
		if (!this.lint.catalog().isDeclared(table, column)) {
			this.lint.find(LintRule.PG112, Severity.WARNING, "SET EXPRESSION on " + qualified + " rewrites " + quote(table)
					+ " under an ACCESS EXCLUSIVE lock unless it is a virtual generated column; it is not in the linted "
					+ "revisions, so it cannot be proven safe.");
		}
		else {
			this.lint.find(LintRule.PG112, "SET EXPRESSION on the stored generated column " + qualified + " rewrites "
					+ quote(table) + " and its indexes under an ACCESS EXCLUSIVE lock: every row is computed again.");
		}
	}

	private void validate(String table, boolean existing, String constraint) {
		this.lint.catalog().validated(table, constraint);
		if (existing && this.lint.transactional() && this.lint.wasAltered(table)) {
			this.lint.find(LintRule.PG107, "an earlier statement of this revision locked " + quote(table)
					+ " until the commit, so validating " + quote(constraint) + " scans it with writes blocked.");
		}
	}

	private void alterColumn(String table, boolean existing, String column, List<Token> action, int at) {
		String qualified = quote(table + "." + column);
		if (startsWith(action, at, "SET", "NOT", "NULL")) {
			if (existing && !this.lint.catalog().holdsNoNull(table, column)) {
				this.lint.find(LintRule.PG109, "SET NOT NULL reads every row of " + quote(table)
						+ " under an ACCESS EXCLUSIVE lock to check " + qualified + ".");
			}
			this.lint.catalog().declareNotNull(table, column, true);
			return;
		}
		if (startsWith(action, at, "DROP", "NOT", "NULL")) {
			this.lint.catalog().declareNotNull(table, column, false);
			return;
		}
		if (startsWith(action, at, "SET", "EXPRESSION")) {
			setExpression(table, existing, column);
			return;
		}
		int type = startsWith(action, at, "SET", "DATA", "TYPE") ? at + 3
				: startsWith(action, at, "TYPE") ? at + 1 : -1;
		if (type < 0) {
			return;
		}
		String newType = typeOf(action, type);
		String oldType = this.lint.catalog().declareColumn(table, column, newType);
		this.lint.jsonColumn(table, column, newType);
		if (!existing) {
			return;
		}
		if (oldType == null) {
			this.lint.find(LintRule.PG112, Severity.WARNING, "changing the type of " + qualified + " to " + newType
					+ " may rewrite " + quote(table) + " under an ACCESS EXCLUSIVE lock; its current type is not in "
					+ "the linted revisions, so it cannot be proven safe.");
		}
		else if (TypeChanges.isTimeZoneChange(oldType, newType)) {
			if (containsWord(action, "USING") || !this.lint.sessionInUtc()) {
				this.lint.find(LintRule.PG112, "changing " + qualified + " from " + oldType + " to " + newType + " rewrites "
						+ quote(table) + " and its indexes under an ACCESS EXCLUSIVE lock unless the session's TimeZone is"
						+ " UTC, which this revision does not set before it (PostgreSQL reads the stored values in the"
						+ " session's zone: the JVM's, as pgjdbc sets it).", TIME_ZONE_FIX);
			}
		}
		else if (!TypeChanges.isSafe(oldType, newType)) {
			this.lint.find(LintRule.PG112, "changing " + qualified + " from " + oldType + " to " + newType + " rewrites "
					+ quote(table) + " and its indexes under an ACCESS EXCLUSIVE lock, and may break clients.");
		}
	}

	/**
	 * Whether a later statement of this transactional revision makes a view of the renamed table
	 * under its old name ({@code ALTER TABLE accounts RENAME TO ledgers; CREATE VIEW accounts AS
	 * SELECT * FROM ledgers}, as GitLab's {@code rename_table_safely} does): the old name is never
	 * missing, since both commit together, and the previous release reads and writes through it (a
	 * view of one table is updatable, and the table's defaults fill what an INSERT leaves out).
	 */
	private boolean oldNameKeptByAView(String oldName, String newName) {
		if (!this.lint.transactional() || newName == null) {
			return false;
		}
		for (StatementShape later : this.lint.laterStatements()) {
			List<Token> tokens = later.tokens;
			int view = startsWith(tokens, 0, "CREATE", "VIEW") ? 2
					: startsWith(tokens, 0, "CREATE", "OR", "REPLACE", "VIEW") ? 4 : -1;
			if (view >= 0 && oldName.equals(nameAt(tokens, view))) {
				int from = indexOfWord(tokens, "FROM", afterName(tokens, view));
				return from >= 0 && newName.equals(nameAt(tokens, from + 1));
			}
		}
		return false;
	}

	/** Whether an ADD COLUMN action writes a DEFAULT (not a foreign key's ON DELETE SET DEFAULT). */
	private static boolean declaresDefault(List<Token> action) {
		for (int i = indexOfWord(action, "DEFAULT", 0); i >= 0; i = indexOfWord(action, "DEFAULT", i + 1)) {
			if (i == 0 || !action.get(i - 1).is("SET")) {
				return true;
			}
		}
		return false;
	}

}
