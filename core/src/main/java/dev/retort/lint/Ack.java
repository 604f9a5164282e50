package dev.retort.lint;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.retort.lint.LintedRevision.Comment;
import dev.retort.lint.LintedRevision.Statement;

/**
 * A {@code -- lint:ack RULE reason} comment, which acknowledges the findings of that rule on the
 * statement right below it.
 *
 * @param ruleText the rule as written
 * @param rule the rule, or {@code null} when the text names none
 * @param reason why, as written; required
 */
record Ack(String ruleText, LintRule rule, String reason) {

	/**
	 * A finding of a statement, before the acknowledgements above it apply.
	 * @param finding what the rule found
	 * @param refused whether every run refuses the statement (Retort before anything runs, or
	 * PostgreSQL where it runs): an acknowledgement cannot let it run, so it cannot silence it
	 */
	record Found(LintFinding finding, boolean refused) {

		/**
		 * The finding as the lint keeps reporting it under an acknowledgement that tried to
		 * silence it: an error, which fails the lint at any threshold, saying why the
		 * acknowledgement does not help; its fix says what does.
		 */
		LintFinding notSilenced(Comment ack) {
			return new LintFinding(this.finding.revision(), this.finding.source(), this.finding.rule(),
					this.finding.name(), Severity.ERROR, this.finding.message() + " The '-- " + ack.text()
							+ "' on line " + ack.line() + " does not silence it: every run refuses this statement,"
							+ " acknowledged or not. Remove the acknowledgement and change the statement as the fix says.",
					this.finding.fix(), true);
		}

	}

	/**
	 * Applies the acknowledgements above a statement to its findings.
	 * @param revision the revision of the statement
	 * @param statement the statement
	 * @param findings its findings
	 * @return what is kept: the acknowledgements' own findings (no reason, no such rule, nothing to
	 * acknowledge), then the statement's findings that none acknowledged, and those of what every
	 * run refuses, which no acknowledgement silences
	 */
	static List<LintFinding> apply(LintedRevision revision, Statement statement, List<Found> findings) {
		List<Found> kept = new ArrayList<>(findings);
		// The refused findings an acknowledgement named, with that acknowledgement: they stay, saying so.
		Map<Found, Comment> triedToSilence = new IdentityHashMap<>();
		List<LintFinding> own = new ArrayList<>();
		for (Comment comment : statement.commentsAbove()) {
			Ack ack = of(comment.text());
			if (ack == null) {
				continue;
			}
			String where = revision.source() + ":" + comment.line();
			LintFinding malformed = ack.malformed(revision, where);
			if (malformed != null) {
				own.add(malformed);
				continue;
			}
			boolean named = false;
			for (Iterator<Found> found = kept.iterator(); found.hasNext();) {
				Found next = found.next();
				if (!next.finding().rule().equals(ack.rule().name())) {
					continue;
				}
				named = true;
				if (!next.refused()) {
					found.remove();
				}
				else {
					triedToSilence.putIfAbsent(next, comment);
				}
			}
			if (!named) {
				own.add(finding(revision, LintRule.LINT002, where, "'-- lint:ack " + ack.ruleText()
						+ "' acknowledges nothing: the statement below it raises no " + ack.rule().name() + "."));
			}
		}
		// Their lines are above the statement's.
		for (Found found : kept) {
			Comment ack = triedToSilence.get(found);
			own.add((ack != null) ? found.notSilenced(ack) : found.finding());
		}
		return own;
	}

	/**
	 * The finding of an acknowledgement right above no statement (left behind, parted from its
	 * statement by a blank line, or inside one), which acknowledges nothing.
	 * @param revision its revision
	 * @param comment the comment line, which is an acknowledgement ({@link #of} is not {@code null})
	 */
	static LintFinding stray(LintedRevision revision, Comment comment) {
		Ack ack = of(comment.text());
		String where = revision.source() + ":" + comment.line();
		LintFinding malformed = ack.malformed(revision, where);
		return (malformed != null) ? malformed : finding(revision, LintRule.LINT002, where, "'-- lint:ack "
				+ ack.ruleText() + "' is right above no statement, so it acknowledges nothing.");
	}

	/** LINT001 when this acknowledgement names no rule or gives no reason, else {@code null}. */
	private LintFinding malformed(LintedRevision revision, String where) {
		if (this.rule == null && LintRule.find(this.ruleText.replaceAll("[,;]+$", "")) != null) {
			// '-- lint:ack PG101, PG116 …': a list, which the grammar does not take.
			String first = this.ruleText.replaceAll("[,;]+$", "");
			return finding(revision, LintRule.LINT001, where, "'-- lint:ack " + this.ruleText
					+ "' names one rule per line: write '-- lint:ack " + first + " <reason>', and each other rule on a"
					+ " line of its own right above or below it.");
		}
		if (this.rule == null) {
			return finding(revision, LintRule.LINT001, where, "'-- lint:ack " + this.ruleText
					+ "' names no rule; rules are " + ruleIds() + " (docs/lint.md), by id or name.");
		}
		if (this.reason.isEmpty()) {
			return finding(revision, LintRule.LINT001, where, "'-- lint:ack " + this.ruleText
					+ "' gives no reason, so it acknowledges nothing.");
		}
		return null;
	}

	/** The rules' ids as ranges, from the rules themselves: {@code PG101 to PG126 and LINT001 to LINT006}. */
	private static String ruleIds() {
		List<String> ranges = new ArrayList<>();
		LintRule[] rules = LintRule.values();
		for (int first = 0, i = 1; i <= rules.length; i++) {
			if (i == rules.length || !prefix(rules[i]).equals(prefix(rules[first]))) {
				ranges.add(rules[first].name() + " to " + rules[i - 1].name());
				first = i;
			}
		}
		return String.join(" and ", ranges);
	}

	private static String prefix(LintRule rule) {
		return rule.name().replaceAll("[0-9]+$", "");
	}

	private static LintFinding finding(LintedRevision revision, LintRule rule, String where, String message) {
		return new LintFinding(revision.id(), where, rule.name(), rule.ruleName(), rule.severity(), message, rule.fix(),
				false);
	}

	static Ack of(String comment) {
		String text = comment.strip();
		if (!text.regionMatches(true, 0, "lint:ack", 0, 8)) {
			return null;
		}
		String rest = text.substring(8).strip();
		int space = indexOfWhitespace(rest);
		String ruleText = (space < 0) ? rest : rest.substring(0, space);
		String reason = (space < 0) ? "" : rest.substring(space).strip();
		return new Ack(ruleText, LintRule.find(ruleText), reason);
	}

	private static int indexOfWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
