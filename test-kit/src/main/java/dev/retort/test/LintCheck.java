package dev.retort.test;

import dev.retort.Retort;
import dev.retort.command.LintResult;
import dev.retort.lint.LintFinding;
import dev.retort.lint.Severity;
import dev.retort.revision.Revision;

/** {@code retort lint} on the kit's revisions, with where a finding is fixed or acknowledged. */
final class LintCheck {

	private final Retort retort;

	LintCheck(Retort retort) {
		this.retort = retort;
	}

	/**
	 * {@code retort lint} finds nothing that fails at {@code failOn}.
	 * @param failOn the lowest severity that fails
	 */
	void passes(Severity failOn) {
		LintResult result = this.retort.lint(null, failOn);
		if (result.failed()) {
			StringBuilder message = new StringBuilder("retort lint found what fails at " + failOn + ":");
			for (LintFinding finding : result.findings()) {
				if (finding.failsAt(failOn)) {
					message.append("\n  ").append(finding.source()).append(": ").append(finding.severity()).append(' ')
						.append(finding.rule()).append(' ').append(finding.name()).append(": ").append(finding.message());
					if (!finding.severity().atLeast(failOn)) {
						// A destructive change (PG114): below the threshold, yet failing; say why.
						message.append(" (fails until acknowledged)");
					}
					// What to write instead, as 'retort lint' prints it: the rule's name alone does not say.
					message.append("\n      fix: ").append(finding.fix());
				}
			}
			// An acknowledgement edits the upgrade section: on an applied revision, a checksum mismatch.
			message.append("\nFix them, or acknowledge one with -- lint:ack <RULE> <reason> in a revision no database"
					+ " has applied yet (the line is part of its checksum); for an applied one, call the other checks one"
					+ " by one instead of assertAll() (docs/lint.md).");
			if (result.findings().stream().anyMatch((finding) -> finding.failsAt(failOn)
					&& finding.message().startsWith("In the downgrade, "))) {
				// The checksum covers the upgrade alone: an applied revision takes this one as it is.
				message.append(" A finding in a downgrade is acknowledged in the downgrade section, which no checksum"
						+ " covers: an applied revision can take it too.");
			}
			if (result.findings().stream().anyMatch((finding) -> finding.failsAt(failOn) && isJava(finding.revision()))) {
				// Its operations render SQL with no comment line in it: the advice above has no place there.
				message.append(" A Java revision acknowledges only in SQL it runs itself, the comment line first:"
						+ " op.execute(\"-- lint:ack <RULE> <reason>\\n…\"); for a finding on an operation (op.createIndex…),"
						+ " call the other checks one by one.");
			}
			throw new AssertionError(message);
		}
	}

	private boolean isJava(String revision) {
		return this.retort.graph().find(revision).filter((found) -> found.kind() == Revision.Kind.JAVA).isPresent();
	}

}
