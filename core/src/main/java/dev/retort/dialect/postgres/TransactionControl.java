package dev.retort.dialect.postgres;

import java.util.List;

/**
 * Statements that begin or end a transaction block ({@code BEGIN}, {@code START TRANSACTION},
 * {@code COMMIT}, {@code END}, {@code ROLLBACK}, {@code ABORT}, {@code PREPARE TRANSACTION}),
 * read from the words a statement starts with. A transactional revision runs in the runner's
 * transaction, with its version row: one of these would commit part of it apart from the rest.
 * {@code SAVEPOINT}, {@code RELEASE} and {@code ROLLBACK TO} stay inside the transaction.
 */
public final class TransactionControl {

	private TransactionControl() {
	}

	/** Whether the command ({@link #of}) opens a transaction block. */
	public static boolean begins(String command) {
		return "BEGIN".equals(command) || "START TRANSACTION".equals(command);
	}

	/**
	 * The index of a {@code BEGIN} that no later statement of the list ends, or -1: outside a
	 * transaction its block would stay open after the revision's last statement.
	 */
	public static int unclosedBegin(List<SqlStatement> statements) {
		int open = -1;
		for (int i = 0; i < statements.size(); i++) {
			String command = of(statements.get(i).sql());
			if (begins(command)) {
				open = (open < 0) ? i : open;
			}
			else if (command != null && !command.equals("PREPARE TRANSACTION")) {
				open = -1;
			}
		}
		return open;
	}

	/**
	 * How many of the first {@code count} statements, run one at a time outside a transaction,
	 * were committed: those in a {@code BEGIN} block still open when the next one failed were
	 * rolled back with it, and the block commands themselves are not counted.
	 */
	public static int committedBefore(List<SqlStatement> statements, int count) {
		int committed = 0;
		int inBlock = 0;
		boolean open = false;
		for (int i = 0; i < count && i < statements.size(); i++) {
			String command = of(statements.get(i).sql());
			if (begins(command)) {
				open = true;
			}
			else if (command != null) {
				committed += (command.equals("COMMIT") || command.equals("END")) ? inBlock : 0;
				inBlock = 0;
				open = false;
			}
			else if (open) {
				inBlock++;
			}
			else {
				committed++;
			}
		}
		return committed;
	}

	/**
	 * The index of the first statement that PostgreSQL runs only inside a transaction block
	 * ({@link #needingBlock}) and that comes while none is open, or -1. Outside a transaction it
	 * fails with SQLSTATE 25P01 after the statements before it have committed.
	 */
	public static int outsideBlock(List<SqlStatement> statements) {
		boolean open = false;
		for (int i = 0; i < statements.size(); i++) {
			String sql = statements.get(i).sql();
			String command = of(sql);
			if (command != null) {
				open = begins(command);
			}
			else if (!open && needingBlock(sql) != null) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The command ({@code LOCK TABLE}) when the statement is one that PostgreSQL refuses outside a
	 * transaction block (SQLSTATE 25P01); else {@code null}.
	 */
	public static String needingBlock(String sql) {
		List<String> words = SessionSettings.leadingWords(sql, 2);
		if (words.isEmpty()) {
			return null;
		}
		String second = SessionSettings.word(words, 1);
		return switch (words.get(0)) {
			case "lock" -> "LOCK TABLE";
			case "savepoint" -> "SAVEPOINT";
			case "release" -> "RELEASE SAVEPOINT";
			case "rollback" -> second.equals("to") ? "ROLLBACK TO SAVEPOINT" : null;
			default -> null;
		};
	}

	/** The first words of the statements {@link #refusedInTransaction} looks further at. */
	private static final String[] REFUSED_IN_TRANSACTION = { "create", "drop", "alter", "reindex", "vacuum", "cluster",
			"discard" };

	/**
	 * The command ({@code CREATE INDEX CONCURRENTLY}) when PostgreSQL refuses the statement
	 * inside a transaction block (SQLSTATE 25001); else {@code null}. Read from its first words
	 * (and, for {@code ALTER TABLE … DETACH PARTITION … CONCURRENTLY}, its last), as lint's PG104
	 * reads them; a {@code REINDEX} with an option list before its scope is left to PostgreSQL.
	 */
	public static String refusedInTransaction(String sql) {
		List<String> words = SessionSettings.leadingWords(sql, 4, REFUSED_IN_TRANSACTION);
		if (words.isEmpty()) {
			return null;
		}
		String first = words.get(0);
		String second = SessionSettings.word(words, 1);
		String third = SessionSettings.word(words, 2);
		return switch (first) {
			case "vacuum" -> "VACUUM";
			case "discard" -> second.equals("all") ? "DISCARD ALL" : null;
			case "cluster" -> (words.size() == 1 || (second.equals("verbose") && words.size() == 2))
					? "CLUSTER without a table" : null;
			case "reindex" -> switch (second) {
				case "schema", "database", "system" -> "REINDEX " + second.toUpperCase(java.util.Locale.ROOT);
				case "index", "table" -> third.equals("concurrently") ? "REINDEX " + second.toUpperCase(java.util.Locale.ROOT)
						+ " CONCURRENTLY" : null;
				default -> null;
			};
			case "create", "drop" -> {
				String what = first.toUpperCase(java.util.Locale.ROOT);
				if (second.equals("database") || second.equals("tablespace")) {
					yield what + " " + second.toUpperCase(java.util.Locale.ROOT);
				}
				boolean index = second.equals("index") || (second.equals("unique") && third.equals("index"));
				String afterIndex = second.equals("index") ? third : SessionSettings.word(words, 3);
				yield (index && afterIndex.equals("concurrently")) ? what + " INDEX CONCURRENTLY" : null;
			}
			case "alter" -> second.equals("system") ? "ALTER SYSTEM"
					: (second.equals("table") && endsWithConcurrently(sql) && detaches(sql)) ? "ALTER TABLE ... DETACH PARTITION CONCURRENTLY"
							: null;
			default -> null;
		};
	}

	/** Whether the statement holds the word DETACH, in any case. */
	private static boolean detaches(String sql) {
		for (int at = 0; at + 6 <= sql.length(); at++) {
			if (sql.regionMatches(true, at, "detach", 0, 6) && (at == 0 || !Character.isLetterOrDigit(sql.charAt(at - 1)))
					&& (at + 6 == sql.length() || Character.isWhitespace(sql.charAt(at + 6)))) {
				return true;
			}
		}
		return false;
	}

	/** Whether the statement's last word is CONCURRENTLY, as only DETACH PARTITION ends an ALTER TABLE. */
	private static boolean endsWithConcurrently(String sql) {
		int end = sql.length();
		while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
			end--;
		}
		int start = end - "concurrently".length();
		return start > 0 && Character.isWhitespace(sql.charAt(start - 1))
				&& sql.regionMatches(true, start, "concurrently", 0, "concurrently".length());
	}

	/** The statement's command ({@code COMMIT}) when it begins or ends a transaction block; else {@code null}. */
	public static String of(String sql) {
		List<String> words = SessionSettings.leadingWords(sql, 2);
		if (words.isEmpty()) {
			return null;
		}
		String first = words.get(0);
		String second = SessionSettings.word(words, 1);
		return switch (first) {
			case "begin", "commit", "end", "abort" -> first.toUpperCase(java.util.Locale.ROOT);
			case "rollback" -> (second.equals("to") || second.equals("prepared")) ? null : "ROLLBACK";
			case "start", "prepare" -> second.equals("transaction")
					? first.toUpperCase(java.util.Locale.ROOT) + " TRANSACTION" : null;
			default -> null;
		};
	}

}
