package dev.retort.lint;

import java.util.List;

import dev.retort.lint.LintedRevision.Statement;
import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of what the client, not the server, reads in a statement: a psql variable that an
 * {@code --sql} script replaces (LINT004), and rows that {@code COPY} sends to or from the client
 * (LINT006). Part of {@link RevisionLint}, whose findings it adds to.
 */
final class ClientRules {

	private final RevisionLint lint;

	ClientRules(RevisionLint lint) {
		this.lint = lint;
	}

	/**
	 * LINT004: the SQL is copied as written into an {@code --sql} script, where psql replaces what
	 * it reads as a variable with the variable's value, and says nothing.
	 */
	void psqlVariables(Statement statement) {
		for (PsqlVariables.Reference reference : PsqlVariables.in(statement.sql(), statement.line())) {
			String replaced = reference.setByPsql()
					? "psql sets the variable " + reference.name() + " itself, so every run of an --sql script replaces"
							+ " it with that value"
					: "an --sql script run with a psql variable " + reference.name() + " set (-v " + reference.name()
							+ "=..., ~/.psqlrc) gets its value there instead, silently";
			this.lint.find(LintRule.LINT004, reference.setByPsql() ? Severity.ERROR : Severity.WARNING, reference.line(),
					"'" + reference.text() + "' stands outside quotes and comments, where psql reads a variable: "
							+ replaced + ".", LintRule.LINT004.fix());
		}
	}

	/**
	 * LINT006: {@code COPY … FROM STDIN} or {@code TO STDOUT}, whose rows travel between the server
	 * and the client. Every run refuses the revision before anything runs (PlanChecks), as it
	 * refuses a Java revision's {@code op.execute} of it.
	 */
	void clientCopy(List<Token> tokens) {
		for (int i = 1; i + 1 < tokens.size(); i++) {
			if (tokens.get(i).depth() != 0) {
				continue;
			}
			String copy = startsWith(tokens, i, "FROM", "STDIN") ? "COPY ... FROM STDIN"
					: startsWith(tokens, i, "TO", "STDOUT") ? "COPY ... TO STDOUT" : null;
			if (copy != null) {
				this.lint.refused(LintRule.LINT006, "'" + copy + "' copies rows between the server and the client: upgrade"
						+ " and downgrade refuse the revision before anything runs (Retort has no rows to send over JDBC,"
						+ " and in an --sql script psql would read the script's next lines as the rows).",
						LintRule.LINT006.fix());
				return;
			}
		}
	}

}
