package dev.retort.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.lint.LintedRevision;
import dev.retort.lint.Linter;
import dev.retort.lint.Severity;
import dev.retort.revision.Revision;
import dev.retort.runtime.MigrationRunner;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.SqlBody;

/**
 * {@code retort lint [RANGE]}: the upgrade statements of the revisions in a range (all by
 * default), base first, through the rules of {@link Linter}; a Java revision as the SQL it
 * renders. Never connects.
 */
public final class LintCommand {

	private final CommandContext context;

	public LintCommand(CommandContext context) {
		this.context = context;
	}

	public LintResult run(String range, Severity failOn) {
		String resolved = (range == null || range.isBlank()) ? null : range.strip();
		List<Revision> revisions = new ArrayList<>(this.context.graph().history(resolved, List.of()));
		// history is newest first; the rules read the revisions in the order they apply.
		Collections.reverse(revisions);
		List<LintedRevision> linted = new ArrayList<>();
		for (Revision revision : revisions) {
			linted.add(linted(this.context.script(revision.id())));
		}
		return LintResult.of(linted.size(), failOn, Linter.lint(linted));
	}

	private static LintedRevision linted(RevisionScript script) {
		Revision revision = script.revision();
		if (script.body() instanceof SqlBody sql) {
			return LintedRevision.of(revision.id(), revision.origin().source(), revision.transactional(), sql.upgrade(),
					sql.upgradeText(), sql.upgradeFirstLine());
		}
		String rendered = MigrationRunner.render(script, true);
		return LintedRevision.of(revision.id(), revision.origin().source() + " (rendered SQL)",
				revision.transactional(), StatementSplitter.split(rendered, 1), rendered, 1);
	}

}
