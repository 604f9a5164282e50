package dev.retort.command;

import java.util.ArrayList;
import java.util.List;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.TransactionControl;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The statements of a schema model that would end the transaction it runs in. The comparison runs
 * the whole model in one transaction and rolls it back, so that nothing of it stays: a
 * {@code schema.sql} written as {@code BEGIN; … COMMIT;} (to be run with psql as a whole) would
 * otherwise commit the scratch schema and its tables into the database, where they stayed and made
 * every later comparison fail. {@code BEGIN} and {@code COMMIT} are skipped, since the model runs
 * in a transaction anyway; a {@code ROLLBACK} or {@code PREPARE TRANSACTION} is refused at its line.
 * {@code SAVEPOINT}, {@code RELEASE} and {@code ROLLBACK TO} stay inside the transaction and run.
 */
final class ModelTransactionBlock {

	private ModelTransactionBlock() {
	}

	/**
	 * @param source the model file, as shown in messages
	 * @param statements the model's statements
	 * @return those to run: all but the {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT} and {@code END}
	 * @throws RetortException naming the file and line of a statement that would end the transaction otherwise
	 */
	static List<SqlStatement> skip(String source, List<SqlStatement> statements) {
		List<SqlStatement> kept = new ArrayList<>();
		for (SqlStatement statement : statements) {
			String command = TransactionControl.of(statement.sql());
			if (command == null) {
				kept.add(statement);
			}
			else if (!TransactionControl.begins(command) && !"COMMIT".equals(command) && !"END".equals(command)) {
				throw new RetortException(ErrorCode.CONFIGURATION, source + ":" + statement.line() + ": the model ends"
						+ " the transaction it runs in (" + command + "): the comparison runs the whole model in one"
						+ " transaction and rolls it back itself, so that nothing of it stays in the database. Remove it"
						+ " (a BEGIN and COMMIT around the model are skipped); nothing was changed.");
			}
		}
		return kept;
	}

}
