package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.columnList;
import static dev.retort.lint.TokenReading.containsWord;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.indexOn;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.quote;
import static dev.retort.lint.TokenReading.skip;
import static dev.retort.lint.TokenReading.startsWith;

/**
 * The rules of building, dropping and rebuilding indexes and tables in place: {@code CREATE INDEX}
 * without {@code CONCURRENTLY} (PG101), {@code DROP INDEX} without it (PG102), and {@code REINDEX},
 * {@code VACUUM FULL} and {@code CLUSTER}, which rebuild under an ACCESS EXCLUSIVE lock (PG103). Part
 * of {@link RevisionLint}, whose findings and knowledge of the revision it uses.
 */
final class IndexRules {

	/** PG101's way out on a partitioned table, which PostgreSQL cannot index concurrently. */
	static final String PARTITIONED_INDEX_FIX = "CREATE INDEX ... ON ONLY the partitioned table (nothing is built), "
			+ "then in a revision with 'Transactional: false' CREATE INDEX CONCURRENTLY on each partition, and ALTER "
			+ "INDEX ... ATTACH PARTITION each of them to the first.";

	/** PG101's way out for a unique index: the rule's own, with the UNIQUE a copy of it must keep. */
	static final String UNIQUE_INDEX_FIX = "CREATE UNIQUE INDEX CONCURRENTLY in a revision of its own with"
			+ " 'Transactional: false'.";

	/** PG103's way out for VACUUM FULL, which has no concurrent form. */
	static final String VACUUM_FULL_FIX = "A plain VACUUM (in a revision with 'Transactional: false') blocks no reads or "
			+ "writes; to give the space back to the system, run pg_repack outside migrations, which locks the table "
			+ "only briefly.";

	/** PG103's way out for CLUSTER, which has no concurrent form either. */
	static final String CLUSTER_FIX = "Reorder the table outside migrations with pg_repack --order-by, which locks it only "
			+ "briefly.";

	private final RevisionLint lint;

	IndexRules(RevisionLint lint) {
		this.lint = lint;
	}

	// PG101
	void createIndex(List<Token> tokens) {
		int on = indexOn(tokens);
		String table = nameAt(tokens, skip(tokens, on + 1, "ONLY"));
		int at = skip(tokens, indexOfWord(tokens, "INDEX", 0) + 1, "CONCURRENTLY");
		at = skip(tokens, at, "IF", "NOT", "EXISTS");
		if (at < on) {
			String index = nameAt(tokens, at);
			this.lint.indexCreated(index);
			// Its columns, for a primary key added USING INDEX later (PG109).
			int columns = afterName(tokens, skip(tokens, on + 1, "ONLY"));
			columns = startsWith(tokens, columns, "USING") ? columns + 2 : columns;
			List<String> names = columnList(tokens, columns);
			if (index != null && table != null && names != null) {
				this.lint.catalog().index(index, table, names);
			}
		}
		if (containsWord(tokens, "CONCURRENTLY") || table == null || this.lint.created(table)) {
			return;
		}
		if (!this.lint.catalog().isPartitioned(table)) {
			boolean unique = startsWith(tokens, 1, "UNIQUE");
			this.lint.find(LintRule.PG101, (unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX") + " takes a SHARE lock on "
					+ quote(table) + " and blocks its INSERT, UPDATE and DELETE for the whole build.",
					unique ? UNIQUE_INDEX_FIX : LintRule.PG101.fix());
		}
		// ON ONLY a partitioned table builds nothing: an invalid index that each partition's attaches to.
		else if (!startsWith(tokens, on + 1, "ONLY")) {
			this.lint.find(LintRule.PG101, "CREATE INDEX on the partitioned table " + quote(table) + " builds the index of "
					+ "every partition under a SHARE lock, blocking their INSERT, UPDATE and DELETE for the whole build.",
					PARTITIONED_INDEX_FIX);
		}
	}

	// PG102
	void dropIndex(List<Token> tokens) {
		if (containsWord(tokens, "CONCURRENTLY")) {
			return;
		}
		int at = skip(tokens, 2, "IF", "EXISTS");
		String index = nameAt(tokens, at);
		if (index != null && !this.lint.createdIndex(index)
				&& !tableDroppedLater(this.lint.catalog().indexTable(index))) {
			this.lint.find(LintRule.PG102, "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table of " + quote(index)
					+ ": no reads or writes until it is done.");
		}
	}

	/**
	 * Whether a later statement of the revision drops {@code table}: dropping its index first, as
	 * a downgrade undoing {@code CREATE TABLE} and {@code CREATE INDEX} does, holds no lock that the
	 * DROP TABLE would not take anyway.
	 */
	private boolean tableDroppedLater(String table) {
		if (table == null) {
			return false;
		}
		for (StatementShape later : this.lint.laterStatements()) {
			if (startsWith(later.tokens, 0, "DROP", "TABLE") && later.emptiesTables.contains(table)) {
				return true;
			}
		}
		return false;
	}

	// PG103
	void rebuild(List<Token> tokens) {
		if (startsWith(tokens, 0, "VACUUM") && !containsWord(tokens, "FULL")) {
			return;
		}
		if (startsWith(tokens, 0, "REINDEX") && containsWord(tokens, "CONCURRENTLY")) {
			return;
		}
		String target = nameAt(tokens, tokens.size() - 1);
		if (startsWith(tokens, 0, "CLUSTER")) {
			target = this.lint.current().locksTable;
		}
		if (target != null && (this.lint.created(target) || this.lint.createdIndex(target))) {
			return;
		}
		String what = tokens.get(0).text() + (startsWith(tokens, 0, "VACUUM") ? " FULL" : "");
		String message = what + " holds an ACCESS EXCLUSIVE lock while it rebuilds"
				+ (startsWith(tokens, 0, "REINDEX") ? " (on the index, which blocks nearly every query of the table)"
						: "")
				+ ".";
		// REINDEX has a concurrent form; VACUUM FULL and CLUSTER have none before PostgreSQL 19's REPACK.
		String fix = startsWith(tokens, 0, "REINDEX") ? LintRule.PG103.fix()
				: startsWith(tokens, 0, "VACUUM") ? VACUUM_FULL_FIX : CLUSTER_FIX;
		this.lint.find(LintRule.PG103, message, fix);
	}

}
