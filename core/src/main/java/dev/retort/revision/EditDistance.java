package dev.retort.revision;

/**
 * How many single-character edits turn one short text into another (Levenshtein, with a swap of
 * two neighbours counted as one edit, as the optimal string alignment distance does): what "did
 * you mean" suggestions rank by, for revision ids, target words and header keys. A swap is the
 * commonest typo ({@code hedas}, {@code 1957ea83b712}); as two edits it would rank no nearer than
 * an unrelated word.
 */
public final class EditDistance {

	private EditDistance() {
	}

	/** The edit distance of {@code a} and {@code b}; quadratic, so only for short texts. */
	public static int between(String a, String b) {
		int[] beforePrevious = new int[b.length() + 1];
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
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
				}
			}
			int[] rotate = beforePrevious;
			beforePrevious = previous;
			previous = current;
			current = rotate;
		}
		return previous[b.length()];
	}

}
