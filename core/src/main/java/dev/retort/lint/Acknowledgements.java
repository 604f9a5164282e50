package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;

import dev.retort.lint.LintedRevision.Statement;

/**
 * The findings of one revision on their way out, held until the line of their statements ends so
 * that the {@code -- lint:ack} comments above that line can acknowledge them ({@link Ack#apply}),
 * with the acknowledgements above no statement reported among them in the order of lines. Apart
 * from {@link RevisionLint} so that a rule only says what it found, never whether it was
 * acknowledged.
 */
final class Acknowledgements {

	private final LintedRevision revision;

	/** Where the findings of every revision go. */
	private final List<LintFinding> findings;

	/** The findings of the statements of the line being linted, before their acknowledgements apply. */
	private final List<Ack.Found> pending = new ArrayList<>();

	/** How many of the revision's stray acknowledgements are reported so far. */
	private int strayAcks;

	Acknowledgements(LintedRevision revision, List<LintFinding> findings) {
		this.revision = revision;
		this.findings = findings;
	}

	/**
	 * Holds a finding of a statement of the line being linted until the line ends.
	 * @param refused whether every run refuses the statement, so that no acknowledgement silences it
	 */
	void add(LintFinding finding, boolean refused) {
		this.pending.add(new Ack.Found(finding, refused));
	}

	/**
	 * The line of {@code statement} ends (no later statement starts on it): the stray
	 * acknowledgements up to it are reported, then the line's findings that the acknowledgements
	 * above it leave.
	 */
	void lineEnds(Statement statement) {
		strayAcksBefore(statement.line());
		this.findings.addAll(Ack.apply(this.revision, statement, this.pending));
		this.pending.clear();
	}

	/** The revision ends: the stray acknowledgements below its last statement are reported. */
	void revisionEnds() {
		strayAcksBefore(Integer.MAX_VALUE);
	}

	/** Reports the acknowledgements above no statement, up to {@code line} included, in the order of lines. */
	private void strayAcksBefore(int line) {
		while (this.strayAcks < this.revision.strayAcks().size()
				&& this.revision.strayAcks().get(this.strayAcks).line() <= line) {
			this.findings.add(Ack.stray(this.revision, this.revision.strayAcks().get(this.strayAcks++)));
		}
	}

}
