package dev.retort.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.retort.command.RevisionInfo;

/**
 * Draws {@code history --graph} the way {@code git log --graph} does: one column per open
 * branch, {@code *} for a revision, {@code |\} where a merge point opens its parents' columns and
 * {@code |/} where branches meet again at their branch point.
 *
 * <pre>
 * *   c3d4e5f6a7b8 (head) (mergepoint), merge
 * |\
 * | * b2c3d4e5f6a7, add payments
 * * | a1b2c3d4e5f6, add users
 * |/
 * * 9f8e7d6c5b4a (branchpoint), create coffee logs
 * </pre>
 */
final class HistoryGraph {

	private final List<String> lanes = new ArrayList<>();

	private final List<String> lines = new ArrayList<>();

	private HistoryGraph() {
	}

	/**
	 * The lines of the drawing.
	 * @param revisions newest first, each after all of its children
	 * @param label the text after the graph for each revision
	 */
	static List<String> draw(List<RevisionInfo> revisions, Function<RevisionInfo, String> label) {
		HistoryGraph graph = new HistoryGraph();
		Set<String> shown = new HashSet<>();
		revisions.forEach((revision) -> shown.add(revision.revision()));
		for (RevisionInfo revision : revisions) {
			graph.add(revision, shown, label.apply(revision));
		}
		return graph.lines;
	}

	private void add(RevisionInfo revision, Set<String> shown, String label) {
		String id = revision.revision();
		int column = this.lanes.indexOf(id);
		if (column < 0) {
			this.lanes.add(id);
			column = this.lanes.size() - 1;
		}
		// Branches that met at this revision (its children's columns) join its column.
		for (int k = this.lanes.lastIndexOf(id); k > column; k = this.lanes.lastIndexOf(id)) {
			this.lines.add(join(column, k));
			this.lanes.remove(k);
		}
		this.lines.add(node(column, revision.isMerge()) + label);
		List<String> parents = revision.revises().stream().filter(shown::contains).toList();
		if (parents.isEmpty()) {
			this.lanes.remove(column);
			if (column < this.lanes.size()) {
				this.lines.add(close(column));
			}
			return;
		}
		this.lanes.set(column, parents.get(0));
		for (int i = 1; i < parents.size(); i++) {
			this.lines.add(open(column));
			this.lanes.add(column + i, parents.get(i));
		}
	}

	private String node(int column, boolean merge) {
		StringBuilder row = new StringBuilder();
		for (int i = 0; i < this.lanes.size(); i++) {
			row.append((i == column) ? '*' : '|').append(' ');
		}
		// As git: a merge point's text starts further right, above the opened columns.
		if (merge && column == this.lanes.size() - 1) {
			row.append("  ");
		}
		return row.toString();
	}

	/** Column {@code k} bends into column {@code column}, the columns after it shift left. */
	private String join(int column, int k) {
		char[] row = blank(2 * this.lanes.size());
		for (int i = 0; i < this.lanes.size(); i++) {
			if (i < k) {
				row[2 * i] = '|';
			}
			else {
				row[2 * i - 1] = '/';
			}
		}
		for (int p = 2 * column + 1; p < 2 * k - 1; p++) {
			if (row[p] == ' ') {
				row[p] = '_';
			}
		}
		return trim(row);
	}

	/** A column ended (a base); the columns after it shift left. */
	private String close(int column) {
		char[] row = blank(2 * (this.lanes.size() + 1));
		for (int i = 0; i < this.lanes.size(); i++) {
			row[(i < column) ? 2 * i : 2 * i + 1] = (i < column) ? '|' : '/';
		}
		return trim(row);
	}

	/** A merge point opens a column for its next parent right of its own; the others shift right. */
	private String open(int column) {
		char[] row = blank(2 * this.lanes.size() + 2);
		for (int i = 0; i < this.lanes.size(); i++) {
			if (i <= column) {
				row[2 * i] = '|';
			}
			else {
				row[2 * i + 1] = '\\';
			}
		}
		row[2 * column + 1] = '\\';
		return trim(row);
	}

	private static char[] blank(int width) {
		char[] row = new char[Math.max(width, 1)];
		Arrays.fill(row, ' ');
		return row;
	}

	private static String trim(char[] row) {
		return new String(row).stripTrailing();
	}

}
