package dev.retort.revision;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One symbol to one revision, Alembic's {@code _revision_for_ident} and {@code _resolve_branch}:
 * a full id, a branch label or a unique prefix, and the lineage a branch name stands for. Apart
 * from {@link TargetResolver} because every part of the target grammar (heads, relative moves,
 * branch restrictions) ends in this lookup, and its not-found messages, with their suggestions,
 * are worded once here.
 */
final class RevisionLookup {

	private final GraphIndex graph;

	RevisionLookup(GraphIndex graph) {
		this.graph = graph;
	}

	/** Alembic's {@code _revision_for_ident}: a full id, a branch label or a unique prefix. */
	int ident(String symbol, String branch, String identifier) {
		BitSet branchLineage = (branch != null) ? lineage(branch, identifier) : null;
		Integer found = this.graph.indexById.get(symbol);
		if (found == null) {
			found = this.graph.labelOwner.get(symbol);
		}
		if (found == null) {
			found = byPrefix(symbol, branch, branchLineage, identifier);
		}
		if (branchLineage != null && !branchLineage.get(found)) {
			throw notOnBranch(found, branch, identifier);
		}
		return found;
	}

	private UnknownRevisionException notOnBranch(int revision, String branch, String identifier) {
		return new UnknownRevisionException(identifier, "Revision " + this.graph.id(revision)
				+ " is not on branch '" + branch + "' (in '" + identifier + "'): it is neither an ancestor nor a"
				+ " descendant of " + this.graph.id(branchOwner(branch, identifier)) + ". After '" + branch + "@' name a"
				+ " revision of that branch ('retort history -r " + branch + "@base:' lists them), or leave '" + branch
				+ "@' out to name " + this.graph.id(revision) + " wherever it is.");
	}

	private int byPrefix(String symbol, String branch, BitSet branchLineage, String identifier) {
		if (symbol.length() < 4) {
			throw new UnknownRevisionException(identifier, "No revision or branch label '" + symbol
					+ "' is known; a partial revision id needs at least four characters." + didYouMean(symbol));
		}
		List<Integer> candidates = new ArrayList<>(
				this.graph.sortedIds().subMap(symbol, true, symbol + Character.MAX_VALUE, true).values());
		if (branchLineage != null) {
			List<Integer> anywhere = List.copyOf(candidates);
			candidates.removeIf((candidate) -> !branchLineage.get(candidate));
			if (candidates.isEmpty() && anywhere.size() == 1) {
				// The prefix names a revision, just not one of this branch: say so, rather than
				// "unknown ... did you mean <the very revision>?".
				throw notOnBranch(anywhere.get(0), branch, identifier);
			}
		}
		candidates.sort(null);
		if (candidates.isEmpty() && symbol.equals(CURRENT)) {
			throw new UnknownRevisionException(identifier, "'current' (the database's revisions) is read only as the"
					+ " start of an offline range ('current:heads --sql'), in 'history -r' and in 'show current'; here"
					+ " name a revision, 'heads', 'head' or 'base'.");
		}
		if (candidates.isEmpty()) {
			String where = (branch != null) ? " on branch '" + branch + "'" : "";
			throw new UnknownRevisionException(identifier,
					"No revision or branch label '" + symbol + "' is known" + where + "." + didYouMean(symbol)
							+ " 'retort history' lists the revisions.");
		}
		if (candidates.size() > 1) {
			throw new AmbiguousRevisionException(symbol,
					this.graph.idsOf(candidates.stream().mapToInt(Integer::intValue).toArray()));
		}
		return candidates.get(0);
	}

	private static final String CURRENT = "current";

	/** The identifiers that are words, not revisions or labels ({@code current} where a range starts). */
	private static final List<String> TARGET_WORDS = List.of("head", "heads", "base", CURRENT);

	private String didYouMean(String symbol) {
		List<String> known = new ArrayList<>(this.graph.sortedIds().keySet());
		known.addAll(this.graph.labelOwner.keySet());
		// The words of SPEC §3 are mistyped too ('Head', 'bas', 'heds'): unknown as ids, they are meant as words.
		known.addAll(TARGET_WORDS);
		Optional<String> nearest = Suggestions.nearest(symbol, known);
		if (nearest.isEmpty()) {
			// Ids are lower-case hex, so a word in capitals ('HEADS') is nearer none of them; words are.
			nearest = Suggestions.nearest(symbol.toLowerCase(Locale.ROOT), TARGET_WORDS);
		}
		// A word where it means nothing ('heads@…', 'current' as a target) is not a typo of itself.
		return nearest.filter((word) -> !word.equals(symbol)).map((word) -> " Did you mean " + word + "?").orElse("");
	}

	/** Alembic's {@code _resolve_branch}: a label's declaring revision, or a revision used as a branch. */
	int branchOwner(String branch, String identifier) {
		Integer owner = this.graph.labelOwner.get(branch);
		if (owner != null) {
			return owner;
		}
		try {
			return ident(branch, null, identifier);
		}
		catch (UnknownRevisionException ex) {
			throw new UnknownRevisionException(identifier, "No branch label or revision '" + branch + "' is known (in '"
					+ identifier + "')." + didYouMean(branch) + " " + knownLabels());
		}
	}

	/**
	 * The branch labels there are, for a branch name that is none: 'retort branches' would list
	 * branch points, which a label on a root or a lone line never is.
	 */
	private String knownLabels() {
		List<String> labels = new ArrayList<>(new TreeSet<>(this.graph.labelOwner.keySet()));
		if (labels.isEmpty()) {
			return "No revision declares a branch label; before '@' name a label or a revision id.";
		}
		int shown = Math.min(labels.size(), 10);
		return "The branch labels are " + String.join(", ", labels.subList(0, shown))
				+ ((labels.size() > shown) ? " and " + (labels.size() - shown) + " more" : "")
				+ "; a revision id works before '@' too.";
	}

	BitSet lineage(String branch, String identifier) {
		return this.graph.lineage(branchOwner(branch, identifier), false);
	}

}
