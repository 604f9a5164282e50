package dev.retort.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.retort.lint.LintedRevision.Comment;
import dev.retort.lint.LintedRevision.Statement;
import dev.retort.lint.Tokens.Token;

/**
 * Lints revisions in the order they apply (base first), with the rules of {@link LintRule}. A
 * small model of the schema is kept across revisions (column types, {@code CHECK (c IS NOT NULL)}
 * constraints and whether they were validated) for the rules that depend on what came before;
 * revisions outside the linted range are not seen, so a rule may flag what an earlier revision
 * already made safe: acknowledge it ({@code -- lint:ack <RULE> <reason>} on a line right above
 * the statement).
 */
public final class Linter {

	/** The longest lock_timeout that still counts as one (strong_migrations' limit). */
	private static final long MAX_LOCK_TIMEOUT_MS = 10_000;

	/** Functions a column DEFAULT may call without rewriting the table (stable or immutable). */
	private static final Set<String> NON_VOLATILE = Set.of("NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
			"LOCALTIMESTAMP", "LOCALTIME", "TRANSACTION_TIMESTAMP", "STATEMENT_TIMESTAMP", "LOWER", "UPPER", "COALESCE",
			"NULLIF", "GREATEST", "LEAST", "CAST", "ARRAY", "ROW", "DATE_TRUNC", "MAKE_DATE", "MAKE_INTERVAL", "TO_JSONB",
			"TO_JSON", "JSONB_BUILD_OBJECT", "JSONB_BUILD_ARRAY", "JSON_BUILD_OBJECT", "JSON_BUILD_ARRAY", "CONCAT",
			"LENGTH", "ABS", "ROUND", "TRIM", "REPLACE", "SUBSTRING", "CURRENT_USER", "SESSION_USER", "CURRENT_SCHEMA",
			"INTERVAL", "TIMESTAMP", "TIMESTAMPTZ", "DATE", "NUMERIC", "DECIMAL", "VARCHAR", "CHAR", "CHARACTER",
			"BIT", "VARBIT", "TIME", "TIMETZ");

	private static final Set<String> SERIAL_TYPES = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4",
			"SERIAL8");

	/** Words that end a column's type in a column definition. */
	private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT",
			"PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE", "USING", "STORAGE", "COMPRESSION");

	/** Statements that cannot run in a transaction block (SQLSTATE 25001). */
	private static final List<List<String>> NON_TRANSACTIONAL = List.of(List.of("CREATE", "DATABASE"),
			List.of("DROP", "DATABASE"), List.of("CREATE", "TABLESPACE"), List.of("DROP", "TABLESPACE"),
			List.of("ALTER", "SYSTEM"), List.of("VACUUM"));

	/** Column types by {@code table.column}, from the CREATE TABLE and ADD COLUMN statements seen. */
	private final Map<String, String> columnTypes = new HashMap<>();

	/** The column of each {@code CHECK (c IS NOT NULL)} constraint, by {@code table.constraint}. */
	private final Map<String, String> notNullChecks = new HashMap<>();

	/** {@code table.column} holding a validated {@code CHECK (c IS NOT NULL)}. */
	private final Set<String> provenNotNull = new HashSet<>();

	private final List<LintFinding> findings = new ArrayList<>();

	private Linter() {
	}

	/**
	 * Lints revisions.
	 * @param revisions the revisions, in the order they apply
	 * @return the findings, in the order of the revisions and their lines
	 */
	public static List<LintFinding> lint(List<LintedRevision> revisions) {
		Linter linter = new Linter();
		for (LintedRevision revision : revisions) {
			linter.lintRevision(revision);
		}
		return List.copyOf(linter.findings);
	}

	private void lintRevision(LintedRevision revision) {
		List<Shape> shapes = new ArrayList<>();
		Set<String> created = new HashSet<>();
		for (Statement statement : revision.statements()) {
			Shape shape = Shape.of(statement, Tokens.of(statement.sql()), created);
			shapes.add(shape);
			if (shape.createsTable != null) {
				created.add(shape.createsTable);
			}
		}
		new RevisionLint(revision, shapes).run();
	}

	/** What one statement is, read once for the rules of its revision. */
	private static final class Shape {

		final Statement statement;

		final List<Token> tokens;

		/** The table this statement creates, or {@code null}. */
		String createsTable;

		/** The pre-existing table this statement's DDL locks, or {@code null}. */
		String locksTable;

		/** Whether that lock is SHARE ROW EXCLUSIVE or stronger. */
		boolean strongLock;

		/** The pre-existing table an UPDATE, DELETE or INSERT ... SELECT writes, or {@code null}. */
		String writesTable;

		private Shape(Statement statement, List<Token> tokens) {
			this.statement = statement;
			this.tokens = tokens;
		}

		static Shape of(Statement statement, List<Token> tokens, Set<String> createdBefore) {
			Shape shape = new Shape(statement, tokens);
			if (tokens.isEmpty()) {
				return shape;
			}
			if (startsWith(tokens, 0, "CREATE") && tableKeyword(tokens) >= 0) {
				int at = tableKeyword(tokens) + 1;
				at = skip(tokens, at, "IF", "NOT", "EXISTS");
				shape.createsTable = nameAt(tokens, at);
				return shape;
			}
			String table = null;
			boolean strong = true;
			if (startsWith(tokens, 0, "ALTER", "TABLE")) {
				table = alterTableName(tokens);
				strong = !onlyValidates(tokens);
			}
			else if (startsWith(tokens, 0, "CREATE") && indexOn(tokens) >= 0
					&& !containsWord(tokens, "CONCURRENTLY")) {
				table = nameAt(tokens, skip(tokens, indexOn(tokens) + 1, "ONLY"));
				strong = false;
			}
			else if (startsWith(tokens, 0, "CREATE", "TRIGGER") || startsWith(tokens, 0, "CREATE", "OR", "REPLACE",
					"TRIGGER")) {
				int on = indexOfWord(tokens, "ON", 0);
				table = (on >= 0) ? nameAt(tokens, on + 1) : null;
			}
			else if (startsWith(tokens, 0, "DROP", "TABLE") || startsWith(tokens, 0, "TRUNCATE")
					|| startsWith(tokens, 0, "LOCK") || startsWith(tokens, 0, "CLUSTER")) {
				int at = skip(tokens, 1, "TABLE");
				at = skip(tokens, at, "IF", "EXISTS");
				at = skip(tokens, at, "ONLY");
				table = nameAt(tokens, at);
			}
			if (table != null && !createdBefore.contains(table)) {
				shape.locksTable = table;
				shape.strongLock = strong;
			}
			String written = writtenTable(tokens);
			if (written != null && !createdBefore.contains(written)) {
				shape.writesTable = written;
			}
			return shape;
		}

		private static String writtenTable(List<Token> tokens) {
			if (startsWith(tokens, 0, "UPDATE")) {
				return nameAt(tokens, skip(tokens, 1, "ONLY"));
			}
			if (startsWith(tokens, 0, "DELETE", "FROM")) {
				return nameAt(tokens, skip(tokens, 2, "ONLY"));
			}
			if (startsWith(tokens, 0, "INSERT", "INTO") && indexOfWord(tokens, "SELECT", 0) >= 0) {
				return nameAt(tokens, 2);
			}
			return null;
		}

		private static boolean onlyValidates(List<Token> tokens) {
			for (List<Token> action : actions(tokens)) {
				if (!startsWith(action, 0, "VALIDATE")) {
					return false;
				}
			}
			return true;
		}

	}

	/** The rules over one revision, with what its other statements do. */
	private final class RevisionLint {

		private final LintedRevision revision;

		private final List<Shape> shapes;

		private final Set<String> created = new HashSet<>();

		private final Set<String> createdIndexes = new HashSet<>();

		/** Pre-existing tables locked SHARE ROW EXCLUSIVE or stronger so far, with the first line. */
		private final Map<String, Integer> strongLocks = new LinkedHashMap<>();

		/** Tables an earlier statement of this revision altered (locked until commit). */
		private final Set<String> altered = new HashSet<>();

		/** Enum labels added so far in this revision. */
		private final Set<String> addedLabels = new HashSet<>();

		private final boolean ddlOnExisting;

		private boolean notRerunnableReported;

		private boolean multipleLocksReported;

		/** The findings of the statement being linted, before its acknowledgements apply. */
		private final List<LintFinding> pending = new ArrayList<>();

		private Shape current;

		RevisionLint(LintedRevision revision, List<Shape> shapes) {
			this.revision = revision;
			this.shapes = shapes;
			this.ddlOnExisting = shapes.stream().anyMatch((shape) -> shape.locksTable != null);
		}

		void run() {
			for (int i = 0; i < this.shapes.size(); i++) {
				this.current = this.shapes.get(i);
				this.pending.clear();
				if (!this.current.tokens.isEmpty()) {
					lintStatement(i);
				}
				acknowledge(this.current.statement);
				if (this.current.createsTable != null) {
					this.created.add(this.current.createsTable);
				}
			}
		}

		private void lintStatement(int index) {
			List<Token> tokens = this.current.tokens;
			transactionControl(tokens);
			notRerunnable(tokens);
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
				alterTable(tokens);
			}
			else if (startsWith(tokens, 0, "ALTER", "TYPE")) {
				alterType(tokens);
			}
			else if (startsWith(tokens, 0, "DROP", "TABLE") || startsWith(tokens, 0, "TRUNCATE")
					|| startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
				destructive(tokens);
			}
			else if ((startsWith(tokens, 0, "SET") || startsWith(tokens, 0, "RESET"))
					&& containsWord(tokens, "LOCK_TIMEOUT")) {
				lockTimeout(tokens, index);
			}
			backfill(tokens);
			usesAddedLabel(tokens);
			multipleTables();
		}

		// PG104 (b) and (a)
		private void transactionControl(List<Token> tokens) {
			Token first = tokens.get(0);
			if (first.is("BEGIN") || first.is("COMMIT") || first.is("END") || first.is("ROLLBACK")
					|| startsWith(tokens, 0, "START", "TRANSACTION")) {
				find(LintRule.PG104, "'" + first.text() + "': transactions are the runner's; a revision runs in one "
						+ "transaction, or in none with 'Transactional: false'.");
				return;
			}
			if (!this.revision.transactional()) {
				return;
			}
			for (List<String> words : NON_TRANSACTIONAL) {
				if (startsWith(tokens, 0, words.toArray(String[]::new))) {
					find(LintRule.PG104, String.join(" ", words) + " cannot run inside a transaction block "
							+ "(SQLSTATE 25001), and this revision is transactional.");
					return;
				}
			}
			if (containsWord(tokens, "CONCURRENTLY") && (startsWith(tokens, 0, "CREATE")
					|| startsWith(tokens, 0, "DROP", "INDEX") || startsWith(tokens, 0, "REINDEX")
					|| startsWith(tokens, 0, "ALTER", "TABLE"))) {
				find(LintRule.PG104, "a CONCURRENTLY statement cannot run inside a transaction block (SQLSTATE 25001), "
						+ "and this revision is transactional.");
			}
		}

		// PG105
		private void notRerunnable(List<Token> tokens) {
			if (this.revision.transactional() || this.notRerunnableReported) {
				return;
			}
			long statements = this.shapes.stream()
				.filter((shape) -> !shape.tokens.isEmpty() && !shape.tokens.get(0).is("SET")
						&& !shape.tokens.get(0).is("RESET"))
				.count();
			boolean unguarded = (startsWith(tokens, 0, "CREATE") || startsWith(tokens, 0, "DROP")
					|| (startsWith(tokens, 0, "ALTER", "TABLE") && (containsWord(tokens, "ADD")
							|| containsWord(tokens, "DROP"))))
					&& !containsWord(tokens, "EXISTS");
			if (statements >= 2 && unguarded) {
				this.notRerunnableReported = true;
				find(LintRule.PG105, "without a transaction, a failure after the first of this revision's " + statements
						+ " statements leaves them half applied, and this one cannot run a second time.");
			}
		}

		private void createTable(List<Token> tokens) {
			String table = this.current.createsTable;
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
				Linter.this.columnTypes.put(table + "." + column, type);
				jsonColumn(table, column, type);
			}
		}

		private void createIndex(List<Token> tokens) {
			int on = indexOn(tokens);
			String table = nameAt(tokens, skip(tokens, on + 1, "ONLY"));
			int at = skip(tokens, indexOfWord(tokens, "INDEX", 0) + 1, "CONCURRENTLY");
			at = skip(tokens, at, "IF", "NOT", "EXISTS");
			if (at < on) {
				this.createdIndexes.add(nameAt(tokens, at));
			}
			if (!containsWord(tokens, "CONCURRENTLY") && table != null && !this.created.contains(table)) {
				find(LintRule.PG101, "CREATE INDEX takes a SHARE lock on " + quote(table)
						+ " and blocks its INSERT, UPDATE and DELETE for the whole build.");
			}
		}

		private void dropIndex(List<Token> tokens) {
			if (containsWord(tokens, "CONCURRENTLY")) {
				return;
			}
			int at = skip(tokens, 2, "IF", "EXISTS");
			String index = nameAt(tokens, at);
			if (index != null && !this.createdIndexes.contains(index)) {
				find(LintRule.PG102, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table of " + quote(index)
						+ ": no reads or writes until it is done.");
			}
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
			find(LintRule.PG103, what + " holds an ACCESS EXCLUSIVE lock while it rebuilds"
					+ (startsWith(tokens, 0, "REINDEX") ? " (on the index, which blocks nearly every query of the table)"
							: "")
					+ ".");
		}

		private void alterTable(List<Token> tokens) {
			String table = alterTableName(tokens);
			if (table == null) {
				return;
			}
			boolean existing = !this.created.contains(table);
			for (List<Token> action : actions(tokens)) {
				alterTableAction(table, existing, action);
			}
			if (!Shape.onlyValidates(tokens)) {
				this.altered.add(table);
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
						|| next.is("PRIMARY") || next.is("UNIQUE") || next.is("EXCLUDE"))) {
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
				if (existing) {
					find(LintRule.PG114, "DROP COLUMN loses the data of " + quote(table + "." + nameAt(action, at))
							+ "; make sure no deployed code reads it.");
				}
			}
			else if (startsWith(action, 0, "RENAME") && !startsWith(action, 0, "RENAME", "CONSTRAINT")) {
				if (existing) {
					find(LintRule.PG113, "renaming " + (startsWith(action, 0, "RENAME", "TO") ? "table " : "a column of ")
							+ quote(table) + " breaks every instance still running the previous release on the old name.");
				}
			}
			else if (startsWith(action, 0, "SET", "SCHEMA")) {
				if (existing) {
					find(LintRule.PG113, "moving " + quote(table)
							+ " to another schema breaks every instance still running the previous release.");
				}
			}
			else if (startsWith(action, 0, "DETACH", "PARTITION")) {
				if (existing && !containsWord(action, "CONCURRENTLY") && !containsWord(action, "FINALIZE")) {
					find(LintRule.PG119, "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + quote(table) + ".");
				}
			}
		}

		private void addColumn(String table, boolean existing, List<Token> action, int at) {
			String column = nameAt(action, at);
			String type = typeOf(action, at + 1);
			Linter.this.columnTypes.put(table + "." + column, type);
			jsonColumn(table, column, type);
			if (!existing) {
				return;
			}
			String qualified = quote(table + "." + column);
			String typeWord = (at + 1 < action.size()) ? action.get(at + 1).text() : "";
			boolean generated = containsWord(action, "GENERATED");
			if (SERIAL_TYPES.contains(typeWord)) {
				find(LintRule.PG110, "adding the " + typeWord.toLowerCase(Locale.ROOT) + " column " + qualified
						+ " rewrites " + quote(table) + " and all its indexes under an ACCESS EXCLUSIVE lock.");
			}
			else if (generated && (containsWord(action, "IDENTITY") || containsWord(action, "STORED"))) {
				find(LintRule.PG110, "adding the generated column " + qualified + " rewrites " + quote(table)
						+ " and all its indexes under an ACCESS EXCLUSIVE lock.");
			}
			else {
				String volatileCall = volatileDefault(action);
				if (volatileCall != null) {
					find(LintRule.PG110, "adding " + qualified + " with DEFAULT " + volatileCall.toLowerCase(Locale.ROOT)
							+ "(…), a function PostgreSQL must call for every row, rewrites " + quote(table)
							+ " and all its indexes under an ACCESS EXCLUSIVE lock.");
				}
			}
			if (containsSequence(action, "NOT", "NULL") && !containsWord(action, "DEFAULT") && !generated
					&& !SERIAL_TYPES.contains(typeWord)) {
				find(LintRule.PG111, "adding " + qualified + " NOT NULL without a DEFAULT fails on a table with rows, "
						+ "and instances of the previous release cannot insert into " + quote(table) + ".");
			}
			if (containsWord(action, "REFERENCES")) {
				find(LintRule.PG106, "the foreign key of " + qualified + " is checked against every row of "
						+ quote(table) + " while both tables are locked (SHARE ROW EXCLUSIVE).");
			}
			if (containsWord(action, "UNIQUE") || containsSequence(action, "PRIMARY", "KEY")) {
				find(LintRule.PG108, "the index behind " + qualified + "'s constraint is built under an ACCESS "
						+ "EXCLUSIVE lock on " + quote(table) + ": no reads or writes until it is done.");
			}
		}

		private void addConstraint(String table, boolean existing, List<Token> action) {
			String name = startsWith(action, 1, "CONSTRAINT") ? nameAt(action, 2) : null;
			boolean notValid = containsSequence(action, "NOT", "VALID");
			int check = indexOfWord(action, "CHECK", 0);
			if (check >= 0) {
				String column = notNullCheckColumn(action, check + 1);
				if (column != null && name != null) {
					Linter.this.notNullChecks.put(table + "." + name, column);
				}
				if (column != null && !notValid) {
					Linter.this.provenNotNull.add(table + "." + column);
				}
			}
			if (!existing) {
				return;
			}
			String named = (name != null) ? " " + quote(name) : "";
			if ((check >= 0 || containsSequence(action, "FOREIGN", "KEY")) && !notValid) {
				boolean foreignKey = check < 0;
				find(LintRule.PG106, "adding the " + (foreignKey ? "foreign key" : "check") + named
						+ " reads every row of " + quote(table) + " under a "
						+ (foreignKey ? "SHARE ROW EXCLUSIVE lock on both tables" : "ACCESS EXCLUSIVE lock") + ".");
			}
			if ((containsWord(action, "UNIQUE") || containsSequence(action, "PRIMARY", "KEY"))
					&& !containsSequence(action, "USING", "INDEX")) {
				find(LintRule.PG108, "the index behind the constraint" + named + " is built under an ACCESS EXCLUSIVE "
						+ "lock on " + quote(table) + ": no reads or writes until it is done.");
			}
			if (containsWord(action, "EXCLUDE")) {
				find(LintRule.PG108, "the index behind the exclusion constraint" + named + " is built under an ACCESS "
						+ "EXCLUSIVE lock on " + quote(table) + ", and no online way to add one exists.");
			}
		}

		private void validate(String table, boolean existing, String constraint) {
			String column = Linter.this.notNullChecks.get(table + "." + constraint);
			if (column != null) {
				Linter.this.provenNotNull.add(table + "." + column);
			}
			if (existing && this.revision.transactional() && this.altered.contains(table)) {
				find(LintRule.PG107, "an earlier statement of this revision locked " + quote(table)
						+ " until the commit, so validating " + quote(constraint) + " scans it with writes blocked.");
			}
		}

		private void alterColumn(String table, boolean existing, String column, List<Token> action, int at) {
			String qualified = quote(table + "." + column);
			if (startsWith(action, at, "SET", "NOT", "NULL")) {
				if (existing && !Linter.this.provenNotNull.contains(table + "." + column)) {
					find(LintRule.PG109, "SET NOT NULL reads every row of " + quote(table)
							+ " under an ACCESS EXCLUSIVE lock to check " + qualified + ".");
				}
				return;
			}
			int type = startsWith(action, at, "SET", "DATA", "TYPE") ? at + 3
					: startsWith(action, at, "TYPE") ? at + 1 : -1;
			if (type < 0) {
				return;
			}
			String newType = typeOf(action, type);
			String oldType = Linter.this.columnTypes.put(table + "." + column, newType);
			jsonColumn(table, column, newType);
			if (!existing) {
				return;
			}
			if (oldType == null) {
				find(LintRule.PG112, Severity.WARNING, "changing the type of " + qualified + " to " + newType
						+ " may rewrite " + quote(table) + " under an ACCESS EXCLUSIVE lock; its current type is not in "
						+ "the linted revisions, so it cannot be proven safe.");
			}
			else if (!TypeChanges.isSafe(oldType, newType)) {
				find(LintRule.PG112, "changing " + qualified + " from " + oldType + " to " + newType + " rewrites "
						+ quote(table) + " and its indexes under an ACCESS EXCLUSIVE lock, and may break clients.");
			}
		}

		private void alterType(List<Token> tokens) {
			int add = indexOfWord(tokens, "ADD", 0);
			if (add >= 0 && startsWith(tokens, add + 1, "VALUE")) {
				for (int i = add + 2; i < tokens.size(); i++) {
					if (tokens.get(i).kind() == Tokens.Kind.STRING) {
						this.addedLabels.add(tokens.get(i).text());
						break;
					}
				}
			}
			else if (containsSequence(tokens, "RENAME", "VALUE")) {
				find(LintRule.PG113, "renaming a value of type " + quote(nameAt(tokens, 2))
						+ " breaks every instance still running the previous release on the old value.");
			}
		}

		// PG118 (b): the version PostgreSQL 12 and later need
		private void usesAddedLabel(List<Token> tokens) {
			if (!this.revision.transactional() || this.addedLabels.isEmpty() || startsWith(tokens, 0, "ALTER", "TYPE")) {
				return;
			}
			for (Token token : tokens) {
				if (token.kind() == Tokens.Kind.STRING && this.addedLabels.contains(token.text())) {
					find(LintRule.PG118, "enum value '" + token.text() + "' is used in the transaction that adds it; "
							+ "PostgreSQL refuses until the value is committed (SQLSTATE 55P04).");
					return;
				}
			}
		}

		private void destructive(List<Token> tokens) {
			boolean cascade = containsWord(tokens, "CASCADE");
			if (startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
				find(LintRule.PG114, tokens.get(0).text() + " " + tokens.get(1).text() + " " + quote(nameAt(tokens,
						skip(tokens, 2, "IF", "EXISTS"))) + " loses all the data in it.");
				return;
			}
			String table = this.current.locksTable;
			if (table == null) {
				return;
			}
			String what = startsWith(tokens, 0, "TRUNCATE") ? "TRUNCATE" : "DROP TABLE";
			if (cascade && what.equals("TRUNCATE")) {
				find(LintRule.PG114, Severity.ERROR, "TRUNCATE ... CASCADE empties " + quote(table)
						+ " and every table that references it.");
			}
			else {
				find(LintRule.PG114, what + " loses the data of " + quote(table)
						+ "; make sure no deployed code reads it.");
			}
		}

		// PG115
		private void lockTimeout(List<Token> tokens, int index) {
			boolean disabled;
			String value = "RESET";
			if (tokens.get(0).is("RESET")) {
				disabled = true;
			}
			else {
				int name = indexOfWord(tokens, "LOCK_TIMEOUT", 0);
				int at = name + 1;
				if (at < tokens.size() && (tokens.get(at).isSymbol('=') || tokens.get(at).is("TO"))) {
					at++;
				}
				if (at >= tokens.size()) {
					return;
				}
				value = tokens.get(at).text();
				// DEFAULT is the server's setting, as RESET is: 0 unless the server says otherwise.
				long millis = tokens.get(at).is("DEFAULT") ? 0 : Durations.millis(value);
				disabled = millis == 0 || millis > MAX_LOCK_TIMEOUT_MS;
			}
			if (!disabled) {
				return;
			}
			String setting = tokens.get(0).is("RESET") ? "RESET lock_timeout" : "SET lock_timeout = " + value;
			for (int i = index + 1; i < this.shapes.size(); i++) {
				String table = this.shapes.get(i).locksTable;
				if (table != null) {
					find(LintRule.PG115, setting + " lets the lock that a later statement asks on " + quote(table)
							+ " wait in the queue without end, and every query of the table waits behind it.");
					return;
				}
			}
		}

		// PG117
		private void backfill(List<Token> tokens) {
			String table = this.current.writesTable;
			if (table == null) {
				return;
			}
			String verb = tokens.get(0).text();
			if (this.revision.transactional() && this.ddlOnExisting) {
				find(LintRule.PG117, verb + " of " + quote(table) + " runs while this revision's DDL locks are held "
						+ "until the commit.");
			}
			else if (!verb.equals("INSERT") && indexOfWordAtDepth(tokens, "WHERE", 0) < 0) {
				find(LintRule.PG117, Severity.WARNING, verb + " of every row of " + quote(table)
						+ " in one statement locks them all and bloats the table.");
			}
		}

		// PG116
		private void multipleTables() {
			String table = this.current.locksTable;
			if (table == null || !this.current.strongLock || !this.revision.transactional()) {
				return;
			}
			this.strongLocks.putIfAbsent(table, this.current.statement.line());
			if (this.strongLocks.size() >= 2 && !this.multipleLocksReported) {
				this.multipleLocksReported = true;
				find(LintRule.PG116, "this revision locks " + String.join(" and ", this.strongLocks.keySet().stream()
					.map(Linter::quote)
					.toList()) + " together until the commit, which lengthens lock queues and risks deadlocks.");
			}
		}

		private void jsonColumn(String table, String column, String type) {
			if (type.equals("json") || type.startsWith("json[")) {
				find(LintRule.PG120, quote(table + "." + column) + " is json, which has no equality operator: "
						+ "DISTINCT, UNION and GROUP BY on it fail.");
			}
		}

		private void find(LintRule rule, String message) {
			find(rule, rule.severity(), message);
		}

		private void find(LintRule rule, Severity severity, String message) {
			this.pending.add(new LintFinding(this.revision.id(), this.revision.source() + ":"
					+ this.current.statement.line(), rule.name(), rule.ruleName(), severity,
					Character.toUpperCase(message.charAt(0)) + message.substring(1), rule.fix(),
					rule == LintRule.PG114));
		}

		/** Applies the statement's {@code -- lint:ack} lines to its findings, then keeps the rest. */
		private void acknowledge(Statement statement) {
			List<LintFinding> ackFindings = new ArrayList<>();
			for (Comment comment : statement.commentsAbove()) {
				Ack ack = Ack.of(comment.text());
				if (ack == null) {
					continue;
				}
				String where = this.revision.source() + ":" + comment.line();
				if (ack.rule() == null) {
					ackFindings.add(ackFinding(LintRule.LINT001, where, "'-- lint:ack " + ack.ruleText()
							+ "' names no rule; rules are PG101 to PG120, by id or name."));
					continue;
				}
				if (ack.reason().isEmpty()) {
					ackFindings.add(ackFinding(LintRule.LINT001, where, "'-- lint:ack " + ack.ruleText()
							+ "' gives no reason, so it acknowledges nothing."));
					continue;
				}
				boolean used = this.pending.removeIf((finding) -> finding.rule().equals(ack.rule().name()));
				if (!used) {
					ackFindings.add(ackFinding(LintRule.LINT002, where, "'-- lint:ack " + ack.ruleText()
							+ "' acknowledges nothing: the statement below it raises no " + ack.rule().name() + "."));
				}
			}
			// The acknowledgements' own findings first: their lines are above the statement's.
			Linter.this.findings.addAll(ackFindings);
			Linter.this.findings.addAll(this.pending);
		}

		private LintFinding ackFinding(LintRule rule, String where, String message) {
			return new LintFinding(this.revision.id(), where, rule.name(), rule.ruleName(), rule.severity(), message,
					rule.fix(), false);
		}

	}

	/** A {@code lint:ack RULE reason} comment. */
	private record Ack(String ruleText, LintRule rule, String reason) {

		static Ack of(String comment) {
			String text = comment.strip();
			if (!text.regionMatches(true, 0, "lint:ack", 0, 8)) {
				return null;
			}
			String rest = text.substring(8).strip();
			int space = indexOfWhitespace(rest);
			String ruleText = (space < 0) ? rest : rest.substring(0, space);
			String reason = (space < 0) ? "" : rest.substring(space).strip();
			return new Ack(ruleText, LintRule.find(ruleText), reason);
		}

		private static int indexOfWhitespace(String text) {
			for (int i = 0; i < text.length(); i++) {
				if (Character.isWhitespace(text.charAt(i))) {
					return i;
				}
			}
			return -1;
		}

	}

	// Reading tokens

	static String quote(String name) {
		return "\"" + name + "\"";
	}

	private static boolean isTableConstraint(Token token) {
		return token.is("CONSTRAINT") || token.is("PRIMARY") || token.is("UNIQUE") || token.is("CHECK")
				|| token.is("FOREIGN") || token.is("EXCLUDE") || token.is("LIKE");
	}

	/** The index of {@code TABLE} in {@code CREATE [modifiers] TABLE}, or -1. */
	private static int tableKeyword(List<Token> tokens) {
		for (int i = 1; i < tokens.size() && i < 5; i++) {
			Token token = tokens.get(i);
			if (token.is("TABLE")) {
				return i;
			}
			if (!(token.is("UNLOGGED") || token.is("TEMP") || token.is("TEMPORARY") || token.is("GLOBAL")
					|| token.is("LOCAL"))) {
				return -1;
			}
		}
		return -1;
	}

	/** The index of {@code ON} in {@code CREATE [UNIQUE] INDEX …}, or -1 when it is not one. */
	private static int indexOn(List<Token> tokens) {
		int at = skip(tokens, 1, "UNIQUE");
		if (!startsWith(tokens, at, "INDEX")) {
			return -1;
		}
		return indexOfWord(tokens, "ON", at);
	}

	private static String alterTableName(List<Token> tokens) {
		int at = skip(tokens, 2, "IF", "EXISTS");
		at = skip(tokens, at, "ONLY");
		return nameAt(tokens, at);
	}

	/** The actions of {@code ALTER TABLE name action, action …}. */
	private static List<List<Token>> actions(List<Token> tokens) {
		int at = skip(tokens, 2, "IF", "EXISTS");
		at = skip(tokens, at, "ONLY");
		at = afterName(tokens, at);
		if (at < tokens.size() && tokens.get(at).isSymbol('*')) {
			at++;
		}
		return split(tokens, at, 0);
	}

	/** Splits {@code tokens} from {@code from} at the commas of {@code depth}, until it closes. */
	private static List<List<Token>> split(List<Token> tokens, int from, int depth) {
		List<List<Token>> parts = new ArrayList<>();
		List<Token> part = new ArrayList<>();
		for (int i = from; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.depth() < depth) {
				break;
			}
			if (token.depth() == depth && token.isSymbol(',')) {
				parts.add(part);
				part = new ArrayList<>();
			}
			else {
				part.add(token);
			}
		}
		parts.add(part);
		return parts;
	}

	/** The column type that starts at {@code from} of a column definition, lower-cased. */
	private static String typeOf(List<Token> definition, int from) {
		StringBuilder type = new StringBuilder();
		int depth = (from < definition.size()) ? definition.get(from).depth() : 0;
		for (int i = from; i < definition.size(); i++) {
			Token token = definition.get(i);
			if (token.depth() == depth && token.kind() == Tokens.Kind.WORD
					&& COLUMN_CONSTRAINT_WORDS.contains(token.text())) {
				break;
			}
			if (type.length() > 0 && token.kind() == Tokens.Kind.WORD && type.charAt(type.length() - 1) != '(') {
				type.append(' ');
			}
			type.append((token.kind() == Tokens.Kind.WORD) ? token.text().toLowerCase(Locale.ROOT) : token.text());
		}
		return TypeChanges.normalise(type.toString());
	}

	/** The first function a DEFAULT calls that may be volatile, or {@code null}. */
	private static String volatileDefault(List<Token> action) {
		int at = indexOfWord(action, "DEFAULT", 0);
		if (at < 0) {
			return null;
		}
		int depth = action.get(at).depth();
		for (int i = at + 1; i + 1 < action.size(); i++) {
			Token token = action.get(i);
			if (token.depth() == depth && token.kind() == Tokens.Kind.WORD
					&& COLUMN_CONSTRAINT_WORDS.contains(token.text())) {
				return null;
			}
			boolean cast = i > 1 && action.get(i - 1).isSymbol(':') && action.get(i - 2).isSymbol(':');
			if (token.kind() == Tokens.Kind.WORD && action.get(i + 1).isSymbol('(') && !cast
					&& !NON_VOLATILE.contains(token.text())) {
				return token.text();
			}
		}
		return null;
	}

	/** The column {@code c} of {@code CHECK (c IS NOT NULL)} starting at {@code open}, or {@code null}. */
	private static String notNullCheckColumn(List<Token> tokens, int open) {
		if (open + 5 < tokens.size() && tokens.get(open).isSymbol('(') && startsWith(tokens, open + 2, "IS", "NOT", "NULL")
				&& tokens.get(open + 5).isSymbol(')')) {
			return tokens.get(open + 1).name();
		}
		return null;
	}

	/** The last part of the (possibly qualified) name starting at {@code at}, or {@code null}. */
	static String nameAt(List<Token> tokens, int at) {
		if (at < 0 || at >= tokens.size()) {
			return null;
		}
		Token token = tokens.get(at);
		if (token.kind() != Tokens.Kind.WORD && token.kind() != Tokens.Kind.QUOTED) {
			return null;
		}
		String name = token.name();
		while (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol('.')) {
			at += 2;
			name = tokens.get(at).name();
		}
		return name;
	}

	private static int afterName(List<Token> tokens, int at) {
		if (at >= tokens.size()) {
			return at;
		}
		at++;
		while (at + 1 < tokens.size() && tokens.get(at).isSymbol('.')) {
			at += 2;
		}
		return at;
	}

	static boolean startsWith(List<Token> tokens, int at, String... words) {
		if (at < 0 || at + words.length > tokens.size()) {
			return false;
		}
		for (int i = 0; i < words.length; i++) {
			if (!tokens.get(at + i).is(words[i])) {
				return false;
			}
		}
		return true;
	}

	/** {@code at} moved past {@code words} when they are there. */
	static int skip(List<Token> tokens, int at, String... words) {
		return startsWith(tokens, at, words) ? at + words.length : at;
	}

	static boolean containsWord(List<Token> tokens, String word) {
		return indexOfWord(tokens, word, 0) >= 0;
	}

	static boolean containsSequence(List<Token> tokens, String... words) {
		for (int i = 0; i < tokens.size(); i++) {
			if (startsWith(tokens, i, words)) {
				return true;
			}
		}
		return false;
	}

	static int indexOfWord(List<Token> tokens, String word, int from) {
		for (int i = Math.max(0, from); i < tokens.size(); i++) {
			if (tokens.get(i).is(word)) {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfWordAtDepth(List<Token> tokens, String word, int depth) {
		for (int i = 0; i < tokens.size(); i++) {
			if (tokens.get(i).is(word) && tokens.get(i).depth() == depth) {
				return i;
			}
		}
		return -1;
	}

	private static int indexOfSymbol(List<Token> tokens, char symbol, int from) {
		for (int i = from; i < tokens.size(); i++) {
			if (tokens.get(i).isSymbol(symbol)) {
				return i;
			}
		}
		return -1;
	}

}
