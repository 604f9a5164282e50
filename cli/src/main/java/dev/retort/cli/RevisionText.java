package dev.retort.cli;

import java.util.Collection;
import java.util.List;

import dev.retort.command.RevisionInfo;
import dev.retort.revision.RevisionGraph;

/**
 * Revisions as {@code alembic} prints them, so its users read them at a glance:
 * {@code ae1027a6acf3 -> 1975ea83b712 (head), add user column} for a history line, and the
 * {@code Rev:}/{@code Parent:}/{@code Path:} block for {@code --verbose} and {@code show}.
 */
final class RevisionText {

	static final String BASE = "<base>";

	private RevisionText() {
	}

	/** {@code <base>} for a base, else the parents comma-separated. */
	static String parents(List<String> revises) {
		return revises.isEmpty() ? BASE : String.join(", ", revises);
	}

	/**
	 * One line of {@code history}: {@code parent -> rev (labels) (head) (branchpoint) (mergepoint), message}.
	 */
	static String historyLine(RevisionInfo revision, boolean current, RevisionGraph graph) {
		String dependencies = revision.dependsOn().isEmpty() ? ""
				: " (" + String.join(", ", revision.dependsOn()) + ")";
		return parents(revision.revises()) + dependencies + " -> " + node(revision, current, graph) + ", "
				+ revision.message();
	}

	/** The revision with its labels and markers, as in {@code heads} and the {@code --graph} lines. */
	static String node(RevisionInfo revision, boolean current, RevisionGraph graph) {
		return revision.revision() + labels(revision.branchLabels()) + markers(revision, current, graph);
	}

	/** {@code (billing, search)}, or nothing without labels. */
	static String labels(Collection<String> branchLabels) {
		return branchLabels.isEmpty() ? "" : " (" + String.join(", ", branchLabels) + ")";
	}

	/**
	 * {@code (head)}, or {@code (effective head)} for a head that another revision only depends on,
	 * as Alembic marks them: such a head gets no version row and needs no merge, since the
	 * dependent's row implies it.
	 */
	static String headMarker(String id, RevisionGraph graph) {
		if (!graph.isHead(id)) {
			return "";
		}
		return graph.isEffectiveHead(id) ? " (effective head)" : " (head)";
	}

	/** {@code (head)}, {@code (current)}, {@code (branchpoint)}, {@code (mergepoint)} as they apply. */
	static String markers(RevisionInfo revision, boolean current, RevisionGraph graph) {
		StringBuilder text = new StringBuilder();
		if (revision.isHead()) {
			text.append(headMarker(revision.revision(), graph));
		}
		if (current) {
			text.append(" (current)");
		}
		if (revision.isBranchPoint()) {
			text.append(" (branchpoint)");
		}
		if (revision.isMerge()) {
			text.append(" (mergepoint)");
		}
		return text.toString();
	}

	/** The full entry of {@code history --verbose}, {@code heads --verbose} and {@code show}. */
	static String entry(RevisionInfo revision, RevisionGraph graph, boolean current) {
		List<String> children = graph.children(revision.revision());
		StringBuilder text = new StringBuilder();
		// Alembic's log_entry puts (current) last, after the tree markers, unlike the one-line form.
		text.append("Rev: ").append(revision.revision()).append(markers(revision, false, graph))
			.append(current ? " (current)" : "").append('\n');
		text.append(revision.isMerge() ? "Merges: " : "Parent: ").append(parents(revision.revises())).append('\n');
		if (!revision.dependsOn().isEmpty()) {
			text.append("Also depends on: ").append(String.join(", ", revision.dependsOn())).append('\n');
		}
		if (revision.isBranchPoint() && !children.isEmpty()) {
			text.append("Branches into: ").append(String.join(", ", children)).append('\n');
		}
		if (!revision.branchLabels().isEmpty()) {
			text.append("Branch names: ").append(String.join(", ", revision.branchLabels())).append('\n');
		}
		text.append("Path: ").append(revision.source()).append('\n');
		text.append('\n');
		text.append("    ").append(revision.message()).append('\n');
		text.append('\n');
		text.append("    Revision ID: ").append(revision.revision()).append('\n');
		text.append("    Revises:").append(revision.revises().isEmpty() ? "" : " " + String.join(", ", revision.revises()))
			.append('\n');
		if (revision.createDate() != null) {
			text.append("    Create Date: ").append(revision.createDate()).append('\n');
		}
		text.append("    Kind: ").append(revision.kind())
			.append(revision.transactional() ? "" : ", not transactional")
			.append(revision.reversible() ? "" : ", irreversible (no downgrade)")
			.append('\n');
		if (revision.notes() != null) {
			// Where the header has them, as Alembic prints a revision's whole docstring.
			text.append('\n').append("    Notes:").append('\n');
			revision.notes().lines().forEach((line) -> text.append(line.isEmpty() ? "" : "    " + line).append('\n'));
		}
		return text.toString();
	}

}
