package dev.retort.dialect.postgres;

/**
 * Keyword matching as PostgreSQL's lexer folds case: ASCII letters only ({@code BEGİN} is not
 * {@code begin}). A plain loop rather than {@code String.regionMatches(true, …)}: the statement
 * splitter and the revision parser ask it for every word and line of every file, and in a new
 * JVM the compiler's cost of the library method showed in their start-up profiles.
 */
public final class Keywords {

	private Keywords() {
	}

	/**
	 * Whether {@code text} holds {@code keyword} (lower-case ASCII letters) at {@code at}, in any
	 * case; {@code text} must have {@code keyword.length()} characters from {@code at}.
	 */
	public static boolean matchAt(String text, int at, String keyword) {
		for (int i = 0; i < keyword.length(); i++) {
			if ((text.charAt(at + i) | 0x20) != keyword.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
