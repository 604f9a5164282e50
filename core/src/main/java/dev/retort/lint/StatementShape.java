package dev.retort.lint;

import java.util.List;
import java.util.Set;

import dev.retort.lint.LintedRevision.Statement;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.actions;
import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.alterTableName;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.indexOn;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.tableKeyword;

/**
 * What one statement is, read once for the rules of its revision: the table it creates, the
 * existing table its DDL locks, the existing table it writes rows of.
 */
final class StatementShape {

	/** The modes of LOCK TABLE that block writes. */
	private static final Set<String> WRITE_BLOCKING_LOCKS = Set.of("SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE",
			"ACCESS EXCLUSIVE");

	final Statement statement;

	final List<Token> tokens;

	/**
	 * The {@code DO} block this statement is read from ({@link DoBlocks}), or {@code null} for a
	 * statement of the revision: the acknowledgements above the block are this one's.
	 */
	Statement doBlock;

	/** The table this statement creates, or {@code null}. */
	String createsTable;

	/** The new name of the table this statement renames ({@code ALTER TABLE … RENAME TO}), or {@code null}. */
	String renamesTableTo;

	/** The pre-existing table this statement's DDL locks, or {@code null}. */
	String locksTable;

	/**
	 * The first pre-existing table a {@code CREATE TABLE} references in a foreign key, or
	 * {@code null}: the new table's foreign key takes a SHARE ROW EXCLUSIVE lock on it, held until
	 * the commit (PG116 only; one statement locking two tables is exempt, as an {@code ALTER TABLE …
	 * ADD FOREIGN KEY} is).
	 */
	String referencesTable;

	/**
	 * The pre-existing tables this statement locks ACCESS EXCLUSIVE beside {@link #locksTable}: the
	 * parent of a {@code CREATE TABLE … PARTITION OF}, the partition a {@code DETACH PARTITION}
	 * detaches (PG116 only; LockClaimsTests).
	 */
	List<String> alsoLocks = List.of();

	/**
	 * The partitioned table whose default partition, if it has one, this statement locks ACCESS
	 * EXCLUSIVE too: the parent of an {@code ATTACH PARTITION … FOR VALUES}, a {@code DETACH
	 * PARTITION} or a {@code CREATE TABLE … PARTITION OF}; or {@code null}. Which table that is, the
	 * catalog knows when the statement is linted (PG116 only).
	 */
	String defaultPartitionOf;

	/** The pre-existing tables a DROP TABLE or TRUNCATE empties, in order. */
	List<String> emptiesTables = List.of();

	/** Every table a DROP TABLE names, new ones too. */
	List<String> dropsTables = List.of();

	/**
	 * Whether the statement is {@code DROP TABLE IF EXISTS}: it locks a table only if the table is
	 * there, which its author was not sure of.
	 */
	boolean dropsIfExists;

	/** Whether that lock is SHARE ROW EXCLUSIVE or stronger. */
	boolean strongLock;

	/** The pre-existing table an UPDATE, DELETE or INSERT ... SELECT writes, or {@code null}. */
	String writesTable;

	/** That write's own tokens: the statement, or the body of the WITH query that holds it. */
	List<Token> write = List.of();

	private StatementShape(Statement statement, List<Token> tokens) {
		this.statement = statement;
		this.tokens = tokens;
	}

	static StatementShape of(Statement statement, List<Token> tokens, Set<String> createdBefore) {
		StatementShape shape = new StatementShape(statement, tokens);
		if (tokens.isEmpty()) {
			return shape;
		}
		if (startsWith(tokens, 0, "CREATE") && tableKeyword(tokens) >= 0) {
			int at = tableKeyword(tokens) + 1;
			at = skip(tokens, at, "IF", "NOT", "EXISTS");
			shape.createsTable = nameAt(tokens, at);
			int of = indexOfWordAtDepth(tokens, "OF", 0);
			String parent = (of > 0 && tokens.get(of - 1).is("PARTITION")) ? nameAt(tokens, of + 1) : null;
			if (parent != null) {
				shape.defaultPartitionOf = parent;
				shape.alsoLocks = createdBefore.contains(parent) ? List.of() : List.of(parent);
			}
			for (int references = indexOfWord(tokens, "REFERENCES", at); references >= 0 && shape.referencesTable == null;
					references = indexOfWord(tokens, "REFERENCES", references + 1)) {
				String referenced = nameAt(tokens, references + 1);
				if (referenced != null && !referenced.equals(shape.createsTable) && !createdBefore.contains(referenced)) {
					shape.referencesTable = referenced;
				}
			}
			return shape;
		}
		// Nobody uses a materialized view created in this revision yet either.
		if (startsWith(tokens, 0, "CREATE", "MATERIALIZED", "VIEW")) {
			shape.createsTable = nameAt(tokens, skip(tokens, 3, "IF", "NOT", "EXISTS"));
			return shape;
		}
		String table = null;
		boolean strong = true;
		if (startsWith(tokens, 0, "ALTER", "TABLE")) {
			table = alterTableName(tokens);
			strong = !onlyValidates(tokens);
			List<List<Token>> actions = actions(tokens);
			if (actions.size() == 1 && startsWith(actions.get(0), 0, "RENAME", "TO")) {
				shape.renamesTableTo = nameAt(actions.get(0), 2);
			}
			// ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent, which blocks no writes, and
			// ACCESS EXCLUSIVE on the table it attaches (LockClaimsTests).
			if (actions.size() == 1 && startsWith(actions.get(0), 0, "ATTACH", "PARTITION")) {
				List<Token> attach = actions.get(0);
				shape.defaultPartitionOf = startsWith(attach, afterName(attach, 2), "DEFAULT") ? null : table;
				table = nameAt(attach, 2);
			}
			// DETACH PARTITION without CONCURRENTLY: ACCESS EXCLUSIVE on the parent and the partition.
			if (actions.size() == 1 && startsWith(actions.get(0), 0, "DETACH", "PARTITION")
					&& !containsWord(actions.get(0), "CONCURRENTLY") && !containsWord(actions.get(0), "FINALIZE")) {
				String child = nameAt(actions.get(0), 2);
				shape.defaultPartitionOf = table;
				shape.alsoLocks = (child == null || createdBefore.contains(child)) ? List.of() : List.of(child);
			}
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
			shape.dropsIfExists = startsWith(tokens, 0, "DROP") && startsWith(tokens, at, "IF", "EXISTS");
			at = skip(tokens, at, "IF", "EXISTS");
			at = skip(tokens, at, "ONLY");
			table = nameAt(tokens, at);
			if (startsWith(tokens, 0, "DROP") || startsWith(tokens, 0, "TRUNCATE")) {
				// DROP TABLE a, b / TRUNCATE a, ONLY b: each name its own table; the first existing one locks.
				if (startsWith(tokens, 0, "DROP")) {
					shape.dropsTables = split(tokens, at, 0).stream()
						.map((part) -> nameAt(part, 0))
						.filter((name) -> name != null)
						.toList();
				}
				shape.emptiesTables = split(tokens, at, 0).stream()
					.map((part) -> nameAt(part, skip(part, 0, "ONLY")))
					.filter((name) -> name != null && !createdBefore.contains(name))
					.toList();
				table = shape.emptiesTables.isEmpty() ? null : shape.emptiesTables.get(0);
			}
			if (startsWith(tokens, 0, "LOCK")) {
				// LOCK TABLE t IN … MODE: only the modes that block writes count (ACCESS EXCLUSIVE without IN).
				String mode = lockMode(tokens, at);
				table = WRITE_BLOCKING_LOCKS.contains(mode) ? table : null;
				strong = !mode.equals("SHARE");
			}
		}
		if (table != null && !createdBefore.contains(table)) {
			shape.locksTable = table;
			shape.strongLock = strong;
		}
		List<Token> write = write(tokens);
		String written = writtenTable(write);
		if (written != null && !createdBefore.contains(written)) {
			shape.writesTable = written;
			shape.write = write;
		}
		return shape;
	}

	/**
	 * The tokens of the statement's first write: the statement itself, or for
	 * {@code WITH … AS (UPDATE …) …} the write in a WITH query or the main one.
	 */
	private static List<Token> write(List<Token> tokens) {
		if (!startsWith(tokens, 0, "WITH")) {
			return tokens;
		}
		for (int i = 1; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			boolean verb = token.is("UPDATE") || startsWith(tokens, i, "DELETE", "FROM")
					|| startsWith(tokens, i, "INSERT", "INTO");
			if (verb && (token.depth() == 0 || tokens.get(i - 1).isSymbol('('))) {
				int end = i + 1;
				// A WITH query's body ends at its closing parenthesis, the main query at the end.
				while (end < tokens.size() && tokens.get(end).depth() >= token.depth()) {
					end++;
				}
				return tokens.subList(i, end);
			}
		}
		return List.of();
	}

	private static String writtenTable(List<Token> tokens) {
		if (startsWith(tokens, 0, "UPDATE")) {
			return nameAt(tokens, skip(tokens, 1, "ONLY"));
		}
		if (startsWith(tokens, 0, "DELETE", "FROM")) {
			return nameAt(tokens, skip(tokens, 2, "ONLY"));
		}
		// INSERT … SELECT … FROM copies rows; a SELECT of values alone (a seed row) reads no table.
		int select = indexOfWord(tokens, "SELECT", 0);
		if (startsWith(tokens, 0, "INSERT", "INTO") && select >= 0
				&& indexOfWordAtDepth(tokens.subList(select, tokens.size()), "FROM", tokens.get(select).depth()) >= 0) {
			return nameAt(tokens, 2);
		}
		return null;
	}

	/**
	 * The mode of {@code LOCK [TABLE] name … [IN mode MODE]}, its words upper case and one space
	 * apart: ACCESS EXCLUSIVE when none is named, as PostgreSQL takes it.
	 * @param at where the first table's name starts
	 */
	static String lockMode(List<Token> tokens, int at) {
		int in = indexOfWord(tokens, "IN", at);
		return (in < 0) ? "ACCESS EXCLUSIVE" : String.join(" ", tokens.subList(in + 1,
				Math.max(in + 1, indexOfWord(tokens, "MODE", in))).stream().map(Token::text).toList());
	}

	static boolean onlyValidates(List<Token> tokens) {
		for (List<Token> action : actions(tokens)) {
			if (!startsWith(action, 0, "VALIDATE")) {
				return false;
			}
		}
		return true;
	}

}
