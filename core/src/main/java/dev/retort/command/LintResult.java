package dev.retort.command;

import java.util.List;

import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;

/**
 * {@code retort lint}: what the rules found in a range of revisions.
 *
 * @param revisions how many revisions were linted
 * @param failOn the failing severity: findings at or above it fail the lint (exit 3)
 * @param failed whether a finding fails the lint
 * @param findings the findings, in the order the revisions apply and by line; each one's {@code fails}
 *     says whether it fails this lint (at {@code failOn})
 */
public record LintResult(int revisions, Severity failOn, boolean failed, List<LintFinding> findings) {

	public LintResult {
		findings = List.copyOf(findings);
	}

	static LintResult of(int revisions, Severity failOn, List<LintFinding> findings) {
		List<LintFinding> reported = findings.stream().map((finding) -> finding.at(failOn)).toList();
		return new LintResult(revisions, failOn, reported.stream().anyMatch(LintFinding::fails), reported);
	}

}
