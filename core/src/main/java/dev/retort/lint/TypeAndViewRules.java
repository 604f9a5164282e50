package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.containsSequence;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of {@code ALTER TYPE} and {@code ALTER [MATERIALIZED] VIEW}: a value, a view or a
 * view's column renamed, or a view moved, under the previous release still running on the old
 * name (PG113); and the enum values a revision adds, for PG118 to know them. Part of
 * {@link RevisionLint}, whose findings and knowledge of the revision it uses.
 */
final class TypeAndViewRules {

	private final RevisionLint lint;

	/** Where the labels added go: the rules of the revision's transaction, PG118's. */
	private final TransactionRules transactionRules;

	TypeAndViewRules(RevisionLint lint, TransactionRules transactionRules) {
		this.lint = lint;
		this.transactionRules = transactionRules;
	}

	void alterType(List<Token> tokens) {
		int add = indexOfWord(tokens, "ADD", 0);
		if (add >= 0 && startsWith(tokens, add + 1, "VALUE")) {
			for (int i = add + 2; i < tokens.size(); i++) {
				if (tokens.get(i).kind() == Tokens.Kind.STRING) {
					this.transactionRules.labelAdded(tokens.get(i).text(), nameAt(tokens, 2));
					break;
				}
			}
		}
		else if (containsSequence(tokens, "RENAME", "VALUE")) {
			this.lint.find(LintRule.PG113, "renaming a value of type " + quote(nameAt(tokens, 2))
					+ " breaks every instance still running the previous release on the old value.");
		}
	}

	/** Records the plain view that {@code CREATE [TEMP | RECURSIVE] VIEW} makes: nobody queries it yet. */
	void createView(List<Token> tokens) {
		this.lint.viewCreated(nameAt(tokens, skip(tokens, indexOfWord(tokens, "VIEW", 0) + 1, "IF", "NOT", "EXISTS")));
	}

	/**
	 * PG113 of a view: the queries of the previous release name it (and its columns) as they name
	 * a table, so renaming it or moving it breaks them as a table's rename does. Not a view this
	 * revision created (a plain {@code CREATE VIEW}, or a materialized one), which nobody uses yet.
	 */
	void alterView(List<Token> tokens) {
		boolean materialized = tokens.get(1).is("MATERIALIZED");
		int at = skip(tokens, materialized ? 3 : 2, "IF", "EXISTS");
		String view = nameAt(tokens, at);
		if (view == null || this.lint.created(view) || this.lint.createdView(view)) {
			return;
		}
		String kind = materialized ? "materialized view " : "view ";
		int action = afterName(tokens, at);
		if (startsWith(tokens, action, "RENAME", "TO")) {
			this.lint.find(LintRule.PG113, "renaming " + kind + quote(view)
					+ " breaks every instance still running the previous release on the old name.");
		}
		else if (startsWith(tokens, action, "RENAME")) {
			this.lint.find(LintRule.PG113, "renaming a column of " + kind + quote(view)
					+ " breaks every instance still running the previous release on the old name.");
		}
		else if (startsWith(tokens, action, "SET", "SCHEMA")) {
			this.lint.find(LintRule.PG113, "moving " + kind + quote(view)
					+ " to another schema breaks every instance still running the previous release.");
		}
	}

}
