package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The statements whose only work is to hold a lock that stops the reads of a table or a view:
 * {@code REFRESH MATERIALIZED VIEW} without {@code CONCURRENTLY} (PG122), for the whole refresh,
 * and {@code LOCK TABLE} in its default mode, ACCESS EXCLUSIVE (PG124), until the commit. Part of
 * {@link RevisionLint}, whose findings and knowledge of the revision it uses.
 */
final class LockRules {

	private final RevisionLint lint;

	LockRules(RevisionLint lint) {
		this.lint = lint;
	}

	// PG122
	void refresh(List<Token> tokens) {
		if (containsWord(tokens, "CONCURRENTLY")) {
			return;
		}
		String view = nameAt(tokens, 3);
		// One created in this revision has no reader yet (CREATE MATERIALIZED VIEW … WITH NO DATA, then REFRESH).
		if (view == null || this.lint.created(view)) {
			return;
		}
		this.lint.find(LintRule.PG122, "REFRESH MATERIALIZED VIEW holds an ACCESS EXCLUSIVE lock on " + quote(view)
				+ " for the whole refresh: every query of it, even a SELECT, waits until the view's query has run again.");
	}

	/**
	 * PG124.
	 * @param inDoBlock whether the statement is in the body of a {@code DO} block, which runs in a
	 * transaction of its own when the revision has none
	 */
	void lockTable(List<Token> tokens, boolean inDoBlock) {
		if (!this.lint.inTransaction() && !inDoBlock) {
			// Outside a transaction block PostgreSQL refuses LOCK (SQLSTATE 25P01), and so does Retort
			// before the revision runs: PG104 says so, and no lock is ever taken.
			return;
		}
		int at = skip(tokens, 1, "TABLE");
		String mode = StatementShape.lockMode(tokens, at);
		if (!mode.equals("ACCESS EXCLUSIVE")) {
			return;
		}
		List<String> tables = split(tokens, at, 0).stream()
			.map((part) -> nameAt(part, skip(part, 0, "ONLY")))
			.filter((table) -> table != null && !this.lint.created(table))
			.toList();
		if (tables.isEmpty()) {
			return;
		}
		String names = String.join(" and ", tables.stream().map(TokenReading::quote).toList());
		String how = containsWord(tokens, "IN") ? "LOCK TABLE ... IN ACCESS EXCLUSIVE MODE"
				: "LOCK TABLE without a mode takes ACCESS EXCLUSIVE, the strongest: it";
		// In a Transactional: false revision, the lock lasts to the end of what holds it: the revision
		// has no commit of its own.
		String until = this.lint.transactional() ? "this revision commits"
				: this.lint.inTransaction() ? "the COMMIT that ends the transaction block it is in" : "its DO block ends";
		this.lint.find(LintRule.PG124, how + " stops every query of " + names + ", even a SELECT, until " + until + ".");
	}

}
