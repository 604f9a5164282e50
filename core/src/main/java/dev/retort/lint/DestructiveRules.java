package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * PG114: {@code DROP TABLE}, {@code TRUNCATE}, {@code DROP SCHEMA} and {@code DROP DATABASE}, which
 * lose data that deployed code may still read. Part of {@link RevisionLint}, whose findings and
 * knowledge of the revision it uses.
 */
final class DestructiveRules {

	private final RevisionLint lint;

	DestructiveRules(RevisionLint lint) {
		this.lint = lint;
	}

	void destructive(List<Token> tokens) {
		boolean cascade = containsWord(tokens, "CASCADE");
		if (startsWith(tokens, 0, "DROP", "SCHEMA") || startsWith(tokens, 0, "DROP", "DATABASE")) {
			this.lint.find(LintRule.PG114, tokens.get(0).text() + " " + tokens.get(1).text() + " " + quote(nameAt(tokens,
					skip(tokens, 2, "IF", "EXISTS"))) + " loses all the data in it.");
			return;
		}
		StatementShape current = this.lint.current();
		Catalog catalog = this.lint.catalog();
		// DROP TABLE IF EXISTS of a table an earlier revision dropped: there is nothing left to lose.
		List<String> tables = current.emptiesTables.stream()
			.filter((table) -> !(current.dropsIfExists && catalog.wasDropped(table)))
			.toList();
		if (tables.isEmpty()) {
			return;
		}
		String names = String.join(" and ", tables.stream().map(TokenReading::quote).toList());
		String what = startsWith(tokens, 0, "TRUNCATE") ? "TRUNCATE" : "DROP TABLE";
		if (cascade && what.equals("TRUNCATE")) {
			this.lint.find(LintRule.PG114, Severity.ERROR, "TRUNCATE ... CASCADE empties " + names
					+ " and every table that references " + ((tables.size() > 1) ? "them." : "it."));
		}
		else if (current.dropsIfExists && tables.stream().noneMatch(catalog::hasTable)) {
			// Not made by a linted revision is not "not there": a table from before Retort (a baseline) holds rows.
			this.lint.find(LintRule.PG114, "DROP TABLE IF EXISTS loses the data of " + names + " if "
					+ ((tables.size() > 1) ? "they are" : "it is") + " there: no linted revision created "
					+ ((tables.size() > 1) ? "them" : "it") + " (a table made before Retort, by hand, or by a revision"
					+ " before the linted range); make sure no deployed code reads " + ((tables.size() > 1) ? "them." : "it."));
		}
		else {
			this.lint.find(LintRule.PG114, what + " loses the data of " + names + "; make sure no deployed code reads "
					+ ((tables.size() > 1) ? "them." : "it."));
		}
	}

}
