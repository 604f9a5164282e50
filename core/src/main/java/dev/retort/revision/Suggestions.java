package dev.retort.revision;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known identifier nearest to a mistyped one, for "Did you mean …?": the smallest
 * edit distance, then the longest common prefix; none when several are equally near. Only used
 * on the error path.
 */
final class Suggestions {

	private Suggestions() {
	}

	static Optional<String> nearest(String wanted, Collection<String> known) {
		if (wanted.length() < 3) {
			// Any one- or two-character id is "near": a suggestion would be noise.
			return Optional.empty();
		}
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		int bestPrefix = -1;
		// Sequential ids (0004, 0005, 0006) are all as near to a missing one: naming the first of
		// them would send the reader to a revision picked by file order, not by likeness.
		boolean tied = false;
		int limit = Math.max(1, wanted.length() / 3);
		for (String candidate : known) {
			int prefix = commonPrefix(wanted, candidate);
			if (Math.abs(candidate.length() - wanted.length()) > limit && prefix < 4) {
				continue;
			}
			int distance = EditDistance.between(wanted, candidate);
			boolean close = distance <= limit || prefix >= Math.min(4, wanted.length());
			if (close && (distance < bestDistance || (distance == bestDistance && prefix > bestPrefix))) {
				best = candidate;
				bestDistance = distance;
				bestPrefix = prefix;
				tied = false;
			}
			else if (close && distance == bestDistance && prefix == bestPrefix && !candidate.equals(best)) {
				tied = true;
			}
		}
		return tied ? Optional.empty() : Optional.ofNullable(best);
	}

	private static int commonPrefix(String a, String b) {
		int length = Math.min(a.length(), b.length());
		int i = 0;
		while (i < length && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		return i;
	}

}
