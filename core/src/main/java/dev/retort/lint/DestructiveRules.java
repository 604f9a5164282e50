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

	/** PG119's way out for a partition dropped while attached: detached first, without the parent's lock. */
	static final String DROP_PARTITION_FIX = "ALTER TABLE … DETACH PARTITION … CONCURRENTLY in a revision with"
			+ " 'Transactional: false', then DROP TABLE in a later revision, which locks only the table it drops.";

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
		current.dropsTables.forEach(this::droppedPartition);
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

	/**
	 * PG119 of a partition dropped while attached: PostgreSQL detaches it as a DETACH PARTITION
	 * without CONCURRENTLY does, under ACCESS EXCLUSIVE on the parent and on its default partition
	 * (LockClaimsTests). Not of a partition or a parent this revision made: nobody reads them yet.
	 */
	private void droppedPartition(String table) {
		Catalog catalog = this.lint.catalog();
		String parent = catalog.partitionParent(table);
		if (parent == null || this.lint.created(parent) || this.lint.created(table)) {
			return;
		}
		String defaultPartition = catalog.defaultPartition(parent);
		boolean besideDefault = defaultPartition != null && !defaultPartition.equals(table);
		this.lint.find(LintRule.PG119, "DROP TABLE of " + quote(table) + ", a partition of " + quote(parent)
				+ ", detaches it as DETACH PARTITION without CONCURRENTLY does: it takes an ACCESS EXCLUSIVE lock on "
				+ quote(parent) + (besideDefault ? " and on its default partition " + quote(defaultPartition) : "")
				+ " (no reads or writes of " + quote(parent) + " until the commit).",
				besideDefault ? AlterTableRules.detachBesideDefaultFix(parent, defaultPartition) + " Drop the table"
						+ " in a later revision."
						: DROP_PARTITION_FIX);
	}

}
