package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.quote;

/**
 * PG126 of a partition added beside a default partition: PostgreSQL reads every row of the
 * default one, under an ACCESS EXCLUSIVE lock on it, to check that none of them belongs in the new
 * partition's bound, both for {@code ALTER TABLE parent ATTACH PARTITION child FOR VALUES …} and for
 * {@code CREATE TABLE child PARTITION OF parent FOR VALUES …} (which locks the parent ACCESS
 * EXCLUSIVE as well), unless the valid CHECKs of the default partition exclude the bound
 * ({@link BoundImplication}; LockClaimsTests shows both). Part of {@link RevisionLint}, whose
 * findings and knowledge of the revision it uses.
 */
final class DefaultPartitionScans {

	private final RevisionLint lint;

	DefaultPartitionScans(RevisionLint lint) {
		this.lint = lint;
	}

	/**
	 * The partition {@code child} of {@code parent} with the bound {@code bound} (from FOR VALUES
	 * on) is attached or created.
	 * @param created whether the statement is a CREATE TABLE … PARTITION OF, which also locks the parent
	 */
	void partitionAdded(String parent, String child, List<Token> bound, boolean created) {
		String defaultPartition = this.lint.catalog().defaultPartition(parent);
		// A default partition this revision made holds no row yet.
		if (child == null || defaultPartition == null || defaultPartition.equals(child)
				|| this.lint.created(defaultPartition)) {
			return;
		}
		Catalog catalog = this.lint.catalog();
		String key = catalog.partitionKey(parent);
		List<List<Token>> checks = catalog.validChecks(defaultPartition);
		// With the key unknown, any valid check may exclude the bound.
		BoundImplication.Result excluded = (key != null)
				? BoundImplication.excludes(checks, key, catalog.columnType(parent, key), bound) : null;
		if ((key == null && !checks.isEmpty()) || (excluded != null && !excluded.scans())) {
			return;
		}
		String statement = created ? "CREATE TABLE … PARTITION OF" : "ATTACH PARTITION";
		String locked = created ? "on it and on " + quote(parent) + " (no reads or writes of either)"
				: "on it (no reads or writes of it)";
		this.lint.find(LintRule.PG126, statement + " reads every row of " + quote(defaultPartition) + ", the default"
				+ " partition of " + quote(parent) + ", to check that none of them belongs in the bound of "
				+ quote(child) + ", under an ACCESS EXCLUSIVE lock " + locked + ": "
				+ ((excluded != null && excluded.namesKey())
						? "its valid CHECKs do not exclude the bound: " + excluded.reason()
								+ " (PostgreSQL reads the rows all the same)"
						: "no valid CHECK of " + quote(defaultPartition) + " excludes the bound") + ".",
				PartitionBound.defaultPartitionFix(parent, defaultPartition, child, key, bound, created));
	}

}
