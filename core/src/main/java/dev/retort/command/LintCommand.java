package dev.retort.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.lint.LintedRevision;
import dev.retort.lint.Linter;
import dev.retort.lint.Severity;
import dev.retort.revision.InvalidTargetException;
import dev.retort.revision.Revision;
import dev.retort.runtime.MigrationRunner;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.SqlBody;

/**
 * {@code retort lint [RANGE]}: the upgrade statements of the revisions in a range (all by
 * default), or of the revision(s) one identifier names ({@code retort lint ae10}, the new revision
 * of a pull request), base first, through the rules of {@link Linter}; a Java revision as the SQL
 * it renders. Never connects.
 */
public final class LintCommand {

	private final CommandContext context;

	public LintCommand(CommandContext context) {
		this.context = context;
	}

	public LintResult run(String range, Severity failOn) {
		String resolved = (range == null || range.isBlank()) ? null : range.strip();
		List<Revision> revisions = new ArrayList<>(this.context.graph().history(asRange(resolved), List.of()));
		// history is newest first; the rules read the revisions in the order they apply.
		Collections.reverse(revisions);
		List<LintedRevision> linted = new ArrayList<>();
		for (Revision revision : revisions) {
			linted.add(linted(this.context.script(revision.id())));
		}
		return LintResult.of(linted.size(), failOn, Linter.lint(linted));
	}

	/**
	 * A range as written, or, for one identifier, the range from its revisions to themselves:
	 * those revisions alone.
	 */
	private String asRange(String wanted) {
		if (wanted == null || wanted.contains(":")) {
			return wanted;
		}
		Set<String> named = this.context.graph().resolve(wanted, List.of());
		if (named.isEmpty()) {
			throw new InvalidTargetException(wanted, "'" + wanted + "' names no revision to lint. Name a revision, a"
					+ " branch label, 'heads', or a range such as 'base:heads'.");
		}
		return wanted + ":" + wanted;
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
