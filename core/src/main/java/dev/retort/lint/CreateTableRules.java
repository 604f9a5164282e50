package dev.retort.lint;

import java.util.List;

import dev.retort.lint.Tokens.Token;

import static dev.retort.lint.TokenReading.afterName;
import static dev.retort.lint.TokenReading.columnList;
import static dev.retort.lint.TokenReading.declaresNotNull;
import static dev.retort.lint.TokenReading.declaresVirtual;
import static dev.retort.lint.TokenReading.indexOfSymbol;
import static dev.retort.lint.TokenReading.indexOfWord;
import static dev.retort.lint.TokenReading.indexOfWordAtDepth;
import static dev.retort.lint.TokenReading.isTableConstraint;
import static dev.retort.lint.TokenReading.nameAt;
import static dev.retort.lint.TokenReading.parenthesized;
import static dev.retort.lint.TokenReading.split;
import static dev.retort.lint.TokenReading.startsWith;
import static dev.retort.lint.TokenReading.typeOf;

/**
 * What a {@code CREATE TABLE} declares, for the rules of later statements and revisions (the
 * {@link Catalog}: columns, their types, NOT NULL, generated columns, partitioning, checks), and its json
 * columns (PG120). Part of {@link RevisionLint}, whose findings and knowledge of the revision it
 * uses.
 */
final class CreateTableRules {

	private final RevisionLint lint;

	private final DefaultPartitionScans defaultPartitionScans;

	CreateTableRules(RevisionLint lint) {
		this.lint = lint;
		this.defaultPartitionScans = new DefaultPartitionScans(lint);
	}

	void createTable(List<Token> tokens) {
		String table = this.lint.current().createsTable;
		Catalog catalog = this.lint.catalog();
		for (int i = 0; table != null && i < tokens.size(); i++) {
			// A partition may itself be partitioned: PARTITION OF t FOR VALUES … PARTITION BY …
			if (tokens.get(i).depth() == 0 && startsWith(tokens, i, "PARTITION", "BY")) {
				// PARTITION BY RANGE (at): one plain column, whose bound a CHECK can imply (PG126).
				List<Token> key = parenthesized(tokens, i + 3);
				catalog.partitioned(table, (key.size() == 1) ? nameAt(key, 0) : null);
			}
		}
		partitionOf(table, tokens);
		int open = indexOfSymbol(tokens, '(', 0);
		if (open < 0 || table == null) {
			return;
		}
		int depth = tokens.get(open).depth() + 1;
		for (List<Token> definition : split(tokens, open + 1, depth)) {
			if (definition.isEmpty() || isTableConstraint(definition.get(0))) {
				continue;
			}
			String column = definition.get(0).name();
			String type = typeOf(definition, 1);
			catalog.declareColumn(table, column, type);
			catalog.declareNotNull(table, column, declaresNotNull(definition, 1));
			catalog.declareVirtual(table, column, declaresVirtual(definition, 1));
			this.lint.jsonColumn(table, column, type);
		}
		for (List<Token> definition : split(tokens, open + 1, depth)) {
			// A CHECK of the column or of the table, valid from the start.
			int check = indexOfWord(definition, "CHECK", 0);
			if (check >= 0) {
				String name = (check >= 2 && definition.get(check - 2).is("CONSTRAINT")) ? nameAt(definition, check - 1) : null;
				catalog.check(table, name, parenthesized(definition, check + 1), true);
			}
			int key = indexOfWord(definition, "KEY", 0);
			if (!definition.isEmpty() && isTableConstraint(definition.get(0)) && key > 0
					&& definition.get(key - 1).is("PRIMARY")) {
				List<String> columns = columnList(definition, key + 1);
				for (String column : (columns != null) ? columns : List.<String>of()) {
					catalog.declareNotNull(table, column, true);
				}
			}
		}
	}

	/**
	 * CREATE TABLE child PARTITION OF parent … DEFAULT, which later partitions of parent are checked
	 * against, or … FOR VALUES …, which is checked against the default partition (PG126).
	 */
	private void partitionOf(String table, List<Token> tokens) {
		int of = indexOfWordAtDepth(tokens, "OF", 0);
		if (table == null || of < 1 || !tokens.get(of - 1).is("PARTITION")) {
			return;
		}
		String parent = nameAt(tokens, of + 1);
		int after = afterName(tokens, of + 1);
		if (parent == null) {
			return;
		}
		this.lint.catalog().partitionAttached(parent, table);
		if (startsWith(tokens, after, "DEFAULT")) {
			this.lint.catalog().defaultPartition(parent, table);
			return;
		}
		for (int i = after; i + 1 < tokens.size(); i++) {
			if (tokens.get(i).depth() == 0 && startsWith(tokens, i, "FOR", "VALUES")) {
				List<Token> bound = tokens.subList(i, tokens.size());
				this.lint.catalog().partitionBound(table, bound);
				this.defaultPartitionScans.partitionAdded(parent, table, bound, true);
				return;
			}
		}
	}

}
