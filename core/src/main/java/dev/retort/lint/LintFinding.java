package dev.retort.lint;

/**
 * One thing {@code lint} found.
 *
 * @param revision the revision id
 * @param source the file (or Java class) and line, as {@code file:line}
 * @param rule the rule's id, such as {@code PG101}
 * @param name the rule's name, such as {@code create-index-not-concurrent}
 * @param severity how much it matters
 * @param message what is wrong, naming the table
 * @param fix the safe way to do it
 * @param fails whether it fails the lint: from the linter, whatever the threshold, until acknowledged
 *     (PG114); in a {@code LintResult}, at that result's threshold
 */
public record LintFinding(String revision, String source, String rule, String name, Severity severity,
		String message, String fix, boolean fails) {

	/** Whether this finding fails a lint whose failing severity is {@code threshold}. */
	public boolean failsAt(Severity threshold) {
		return this.fails || this.severity.atLeast(threshold);
	}

	/**
	 * This finding as a lint at {@code threshold} reports it: {@code fails} then says whether it
	 * fails that lint, so a reader of {@code --format json} need not compare severities itself.
	 */
	public LintFinding at(Severity threshold) {
		return new LintFinding(this.revision, this.source, this.rule, this.name, this.severity, this.message, this.fix,
				failsAt(threshold));
	}

}
