package dev.retort.lint;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.containsSequence;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of the transaction a revision runs in, or of its having none ({@code Transactional:
 * false}): statements that a transaction block refuses or that take the runner's transaction
 * into their own hands (PG104), a revision without one that a failure leaves half applied
 * (PG105), and an enum value used before the transaction that adds it commits (PG118). Apart
 * from the rules of what a statement locks, which hold whichever way the revision runs. Part of
 * {@link RevisionLint}, whose findings it adds to.
 */
final class TransactionRules {

	/** Statements that cannot run in a transaction block (SQLSTATE 25001). */
	private static final List<List<String>> NON_TRANSACTIONAL = List.of(List.of("CREATE", "DATABASE"),
			List.of("DROP", "DATABASE"), List.of("CREATE", "TABLESPACE"), List.of("DROP", "TABLESPACE"),
			List.of("ALTER", "SYSTEM"), List.of("VACUUM"));

	/**
	 * PG104's way out for a transaction control statement in a transactional revision: moving the
	 * statement into a revision of its own, the rule's usual fix, makes no sense for a COMMIT.
	 */
	static final String TRANSACTION_CONTROL_FIX = "Remove it: Retort runs the revision in one transaction and commits it"
			+ " together with its version row. A revision that must commit in parts is declared 'Transactional: false',"
			+ " which runs each statement on its own.";

	/** The same in a revision with 'Transactional: false', whose statements already commit one by one. */
	static final String TRANSACTION_BLOCK_FIX = "Remove it: this revision runs each statement on its own and commits"
			+ " each. Statements that must commit together go in a transactional revision of their own (without"
			+ " 'Transactional: false'), which Retort runs in one transaction.";

	/** PG104's way out for a statement a DO block cannot run. */
	static final String DO_BLOCK_FIX = "Take it out of the DO block: a statement of its own in a revision with"
			+ " 'Transactional: false'. CREATE INDEX CONCURRENTLY IF NOT EXISTS and DROP INDEX CONCURRENTLY IF EXISTS run"
			+ " again as they ran the first time, with no block to check first.";

	private final RevisionLint lint;

	private final List<StatementShape> shapes;

	private boolean notRerunnableReported;

	/** Whether a BEGIN of the revision's own is open: only a revision without a transaction has one that works. */
	private boolean inBlock;

	/** Enum labels added so far in this revision, each with its type (the last part of its name). */
	private final Map<String, String> addedLabels = new HashMap<>();

	TransactionRules(RevisionLint lint, List<StatementShape> shapes) {
		this.lint = lint;
		this.shapes = shapes;
	}

	/**
	 * PG104 (b) and (a), and (c): what needs a transaction block in a revision without one. What
	 * every run refuses is reported as such, which no acknowledgement silences: transaction control
	 * in a transactional revision (Retort refuses the revision before anything runs), a statement
	 * PostgreSQL refuses in a transaction block or outside one.
	 */
	void transactionControl(List<Token> tokens) {
		Token first = tokens.get(0);
		// ROLLBACK TO SAVEPOINT stays inside the transaction.
		boolean rollbackToSavepoint = startsWith(tokens, 0, "ROLLBACK", "TO");
		if (!rollbackToSavepoint && (first.is("BEGIN") || first.is("COMMIT") || first.is("END") || first.is("ROLLBACK")
				|| first.is("ABORT") || startsWith(tokens, 0, "START", "TRANSACTION")
				|| startsWith(tokens, 0, "PREPARE", "TRANSACTION"))) {
			this.inBlock = first.is("BEGIN") || first.is("START");
			String message = "'" + first.text() + "': transactions are the runner's; a revision runs in one transaction,"
					+ " or in none with 'Transactional: false'.";
			if (this.lint.transactional()) {
				this.lint.refused(LintRule.PG104, message, TRANSACTION_CONTROL_FIX);
			}
			else {
				// A block the revision opens and ends runs as written (the runner refuses a SQL file's
				// BEGIN that nothing ends, a Java revision's it does not).
				this.lint.find(LintRule.PG104, message, TRANSACTION_BLOCK_FIX);
			}
			return;
		}
		if (!this.lint.transactional()) {
			if (!this.inBlock) {
				outsideTransaction(tokens, rollbackToSavepoint);
			}
			return;
		}
		String refused = refusedInTransaction(tokens);
		if (refused != null) {
			this.lint.refused(LintRule.PG104, refused + " cannot run inside a transaction block (SQLSTATE 25001), and "
					+ "this revision is transactional.", LintRule.PG104.fix());
			return;
		}
		if (concurrently(tokens)) {
			this.lint.refused(LintRule.PG104, "a CONCURRENTLY statement cannot run inside a transaction block "
					+ "(SQLSTATE 25001), and this revision is transactional.", LintRule.PG104.fix());
		}
	}

	/**
	 * PG104 of a statement in a {@code DO} block, which PostgreSQL runs as a function: what it
	 * refuses in a transaction block it refuses there too, whatever the revision's mode ('cannot be
	 * executed from a function'), and in a transactional revision the block cannot end the
	 * revision's transaction ('invalid transaction termination'). Every run fails there.
	 */
	void inDoBlock(List<Token> tokens) {
		String refused = refusedInTransaction(tokens);
		if (refused == null && concurrently(tokens)) {
			refused = "A CONCURRENTLY statement";
		}
		if (refused != null) {
			this.lint.refused(LintRule.PG104, refused + " cannot run in a DO block: PostgreSQL runs the block as a"
					+ " function, which cannot run it (in a revision with 'Transactional: false' too), so every run fails"
					+ " there.", DO_BLOCK_FIX);
		}
		else if (this.lint.transactional() && (tokens.get(0).is("COMMIT") || tokens.get(0).is("ROLLBACK"))) {
			this.lint.refused(LintRule.PG104, "'" + tokens.get(0).text() + "' in a DO block of a transactional revision"
					+ " cannot end the transaction the revision runs in (invalid transaction termination), so every run"
					+ " fails there.", TRANSACTION_CONTROL_FIX);
		}
	}

	/** Whether the statement is one of those that run CONCURRENTLY, which PostgreSQL refuses in a transaction. */
	private static boolean concurrently(List<Token> tokens) {
		return containsWord(tokens, "CONCURRENTLY") && (startsWith(tokens, 0, "CREATE")
				|| startsWith(tokens, 0, "DROP", "INDEX") || startsWith(tokens, 0, "REINDEX")
				|| startsWith(tokens, 0, "ALTER", "TABLE"));
	}

	/**
	 * A statement of a revision with 'Transactional: false' that only means something inside a
	 * transaction block: PostgreSQL refuses {@code LOCK} and the savepoint commands there (SQLSTATE
	 * 25P01, after the statements before it committed; the runner refuses such a revision before
	 * it runs), and runs {@code SET LOCAL} and {@code SET TRANSACTION} with a warning and no effect.
	 */
	private void outsideTransaction(List<Token> tokens, boolean rollbackToSavepoint) {
		String refused = startsWith(tokens, 0, "LOCK") ? "LOCK TABLE"
				: startsWith(tokens, 0, "SAVEPOINT") ? "SAVEPOINT"
				: startsWith(tokens, 0, "RELEASE") ? "RELEASE SAVEPOINT"
				: rollbackToSavepoint ? "ROLLBACK TO SAVEPOINT" : null;
		if (refused != null) {
			this.lint.refused(LintRule.PG104, "'" + refused + "' runs only inside a transaction block (SQLSTATE 25P01), and"
					+ " this revision is not transactional: Retort refuses to run it.",
					"Remove 'Transactional: false' if nothing in the revision must run outside a transaction, or move"
							+ " the statement into a transactional revision of its own.");
			return;
		}
		boolean setLocal = startsWith(tokens, 0, "SET", "LOCAL");
		if (setLocal || startsWith(tokens, 0, "SET", "TRANSACTION")) {
			this.lint.find(LintRule.PG104, "'" + (setLocal ? "SET LOCAL" : "SET TRANSACTION") + "' has no effect"
					+ " outside a transaction block (PostgreSQL only warns), and this revision is not transactional:"
					+ " the statements after it run without it.",
					"Use SET (for the session): Retort puts the session's settings back after the revision.");
		}
	}

	/**
	 * The statement's kind when PostgreSQL refuses it in a transaction block whatever its
	 * target (the CONCURRENTLY forms aside), or {@code null}.
	 */
	private static String refusedInTransaction(List<Token> tokens) {
		for (List<String> words : NON_TRANSACTIONAL) {
			if (startsWith(tokens, 0, words.toArray(String[]::new))) {
				return String.join(" ", words);
			}
		}
		if (startsWith(tokens, 0, "DISCARD", "ALL")) {
			return "DISCARD ALL";
		}
		if (startsWith(tokens, 0, "ALTER", "DATABASE") && containsSequence(tokens, "SET", "TABLESPACE")) {
			return "ALTER DATABASE ... SET TABLESPACE";
		}
		// REINDEX [(options)] SCHEMA | DATABASE | SYSTEM: the forms over many tables.
		if (startsWith(tokens, 0, "REINDEX")) {
			int at = skipOptions(tokens, 1);
			for (String scope : List.of("SCHEMA", "DATABASE", "SYSTEM")) {
				if (startsWith(tokens, at, scope)) {
					return "REINDEX " + scope;
				}
			}
		}
		// CLUSTER without a table re-clusters every table already clustered.
		if (startsWith(tokens, 0, "CLUSTER")) {
			int at = skip(tokens, skipOptions(tokens, 1), "VERBOSE");
			if (at >= tokens.size() || tokens.get(at).isSymbol(';')) {
				return "CLUSTER without a table";
			}
		}
		return null;
	}

	/** {@code at} moved past a parenthesised option list, such as {@code (VERBOSE)}, when one is there. */
	private static int skipOptions(List<Token> tokens, int at) {
		if (at >= tokens.size() || !tokens.get(at).isSymbol('(')) {
			return at;
		}
		int depth = tokens.get(at).depth();
		for (int i = at + 1; i < tokens.size(); i++) {
			if (tokens.get(i).isSymbol(')') && tokens.get(i).depth() == depth) {
				return i + 1;
			}
		}
		return tokens.size();
	}

	// PG105
	void notRerunnable(List<Token> tokens) {
		if (this.lint.transactional() || this.notRerunnableReported) {
			return;
		}
		long statements = this.shapes.stream()
			.filter((shape) -> shape.doBlock == null && !shape.tokens.isEmpty() && !shape.tokens.get(0).is("SET")
					&& !shape.tokens.get(0).is("RESET"))
			.count();
		// CREATE OR REPLACE runs a second time as it ran the first.
		boolean unguarded = ((startsWith(tokens, 0, "CREATE") && !startsWith(tokens, 0, "CREATE", "OR", "REPLACE"))
				|| startsWith(tokens, 0, "DROP")
				|| (startsWith(tokens, 0, "ALTER", "TABLE") && (containsWord(tokens, "ADD")
						|| containsWord(tokens, "DROP"))))
				&& !containsWord(tokens, "EXISTS");
		if (statements >= 2 && unguarded) {
			this.notRerunnableReported = true;
			this.lint.find(LintRule.PG105, "without a transaction, a failure after the first of this revision's "
					+ statements + " statements leaves them half applied, and this one cannot run a second time.",
					RerunnableFix.of(tokens));
		}
	}

	/**
	 * Whether a statement here runs in a transaction that lasts past it: the revision's own, or in
	 * a {@code Transactional: false} revision a transaction block it opened and has not ended.
	 */
	boolean inTransaction() {
		return this.lint.transactional() || this.inBlock;
	}

	/** Records that this revision adds the value {@code label} to enum {@code type} (PG118). */
	void labelAdded(String label, String type) {
		this.addedLabels.put(label, type);
	}

	// PG118 (b): the version PostgreSQL 12 and later need
	void usesAddedLabel(List<Token> tokens) {
		if (startsWith(tokens, 0, "ALTER", "TYPE")) {
			return;
		}
		List<Token> body = SqlFunctionBody.readAtCreation(tokens);
		boolean readAtCreation = body != null && functionBodiesChecked();
		// A routine created before the ADD VALUE, here or in an earlier revision (with or without a
		// transaction), is read at a call after it.
		this.lint.catalog().routines().created(tokens, readAtCreation);
		if (!this.lint.transactional() || this.addedLabels.isEmpty() || reportedUse(tokens, "")) {
			return;
		}
		if (readAtCreation) {
			int kind = startsWith(tokens, 1, "OR", "REPLACE") ? 3 : 1;
			String routine = tokens.get(kind).text().toLowerCase(Locale.ROOT);
			reportedUse(body, "in the body of the SQL " + routine + " " + quote(nameAt(tokens, kind + 1))
					+ ", which PostgreSQL reads as it creates the " + routine + ", ");
			return;
		}
		CalledRoutines.Routine called = this.lint.catalog().routines().calledBy(tokens);
		if (called != null) {
			for (List<Token> statement : called.statements()) {
				if (reportedUse(statement, "in the body of the " + called.kind() + " " + quote(called.name())
						+ ", which this statement calls (" + called.whenRead() + "), ")) {
					return;
				}
			}
		}
	}

	/**
	 * PG118 of the first string of {@code tokens} read as an added label of its enum.
	 * @param where where in the statement it is read ({@code ""}: anywhere in it), followed by a space
	 * @return whether there was one
	 */
	private boolean reportedUse(List<Token> tokens, String where) {
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			String type = (token.kind() == Tokens.Kind.STRING) ? this.addedLabels.get(token.text()) : null;
			if (type != null && EnumLabelUse.isUse(tokens, i, type, this.lint.catalog())) {
				this.lint.find(LintRule.PG118, "enum value '" + token.text() + "' of " + quote(type) + " is used " + where
						+ "in the transaction that adds it; PostgreSQL refuses until the value is committed"
						+ " (SQLSTATE 55P04).");
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether PostgreSQL reads a SQL function's body when it creates it at this point of the
	 * revision: unless an earlier statement turned check_function_bodies off (pg_dump's output
	 * does), when it reads the body at the first call only.
	 */
	private boolean functionBodiesChecked() {
		boolean checked = true;
		for (StatementShape earlier : this.lint.earlierStatements()) {
			Boolean off = SqlFunctionBody.turnsChecksOff(earlier.tokens);
			checked = (off != null) ? !off : checked;
		}
		return checked;
	}

}
