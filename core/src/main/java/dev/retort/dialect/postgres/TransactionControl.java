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
		String second = (words.size() > 1) ? words.get(1) : "";
		return switch (words.get(0)) {
			case "lock" -> "LOCK TABLE";
			case "savepoint" -> "SAVEPOINT";
			case "release" -> "RELEASE SAVEPOINT";
			case "rollback" -> second.equals("to") ? "ROLLBACK TO SAVEPOINT" : null;
			default -> null;
		};
	}

	/** The statement's command ({@code COMMIT}) when it begins or ends a transaction block; else {@code null}. */
	public static String of(String sql) {
		List<String> words = SessionSettings.leadingWords(sql, 2);
		if (words.isEmpty()) {
			return null;
		}
		String first = words.get(0);
		String second = (words.size() > 1) ? words.get(1) : "";
		return switch (first) {
			case "begin", "commit", "end", "abort" -> first.toUpperCase(java.util.Locale.ROOT);
			case "rollback" -> (second.equals("to") || second.equals("prepared")) ? null : "ROLLBACK";
			case "start", "prepare" -> second.equals("transaction")
					? first.toUpperCase(java.util.Locale.ROOT) + " TRANSACTION" : null;
			default -> null;
		};
	}

}
