package dev.retort.revision;

/**
 * How many single-character edits turn one short text into another (Levenshtein): what "did you
 * mean" suggestions rank by, for revision ids and for header keys.
 */
public final class EditDistance {

	private EditDistance() {
	}

	/** The edit distance of {@code a} and {@code b}; quadratic, so only for short texts. */
	public static int between(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
