package dev.retort.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.dialect.postgres.StatementSplitter;
import dev.retort.lint.EmptyDowngrade;
import dev.retort.lint.LintFinding;
import dev.retort.lint.LintRule;
import dev.retort.lint.LintedRevision;
import dev.retort.lint.Linter;
import dev.retort.lint.Severity;
import dev.retort.revision.InvalidTargetException;
import dev.retort.revision.Revision;
import dev.retort.runtime.MigrationRunner;
import dev.retort.runtime.RenderedJava;
import dev.retort.runtime.ClientCopyException;
import dev.retort.runtime.RefusedStatementException;
import dev.retort.script.RevisionScript;
import dev.retort.script.RevisionScript.SqlBody;

/**
 * {@code retort lint [RANGE]}: the upgrade statements of the revisions in a range (all by
 * default), or of the revision(s) one identifier names ({@code retort lint ae10}, the new revision
 * of a pull request), base first, through the rules of {@link Linter}; each revision's downgrade
 * section after its upgrade, since a rollback runs it in production; a Java revision as the SQL
 * it renders. Never connects.
 */
public final class LintCommand {

	private static final String RENDERED = " (rendered SQL)";

	/** Where a Java revision's downgrade findings are: the SQL {@code retort show} prints under {@code -- +downgrade}. */
	private static final String RENDERED_DOWNGRADE = " (rendered downgrade SQL)";

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
		// Findings not about a statement the rules read: where a Java revision's rendering stopped
		// (LINT003; PG104 or LINT006 at a call every run refuses), a SQL revision's empty downgrade (LINT005).
		Map<String, List<LintFinding>> ofWhole = new HashMap<>();
		Map<String, RenderedJava> rendered = new HashMap<>();
		Map<String, RenderedJava> renderedDowngrades = new HashMap<>();
		// Each revision's downgrade right after its upgrade: it runs against the schema that upgrade left.
		List<LintedRevision> sections = new ArrayList<>();
		for (Revision revision : revisions) {
			RevisionScript script = this.context.script(revision.id());
			LintedRevision upgrade = linted(script, ofWhole, rendered);
			linted.add(upgrade);
			sections.add(upgrade);
			LintedRevision downgrade = downgrade(script, ofWhole, renderedDowngrades);
			if (downgrade != null) {
				sections.add(downgrade);
			}
		}
		List<LintFinding> findings = Linter.lint(sections, this.context.config().schema()).stream()
			.map((finding) -> inJava(inJava(finding, rendered, RENDERED), renderedDowngrades, RENDERED_DOWNGRADE))
			.toList();
		if (ofWhole.isEmpty()) {
			return LintResult.of(linted.size(), failOn, findings);
		}
		// Each in its revision's place: findings are listed in the order the revisions apply.
		List<LintFinding> all = new ArrayList<>();
		for (LintedRevision revision : linted) {
			findings.stream().filter((finding) -> finding.revision().equals(revision.id())).forEach(all::add);
			for (LintFinding finding : ofWhole.getOrDefault(revision.id(), List.of())) {
				all.add(inJava(inJava(finding, rendered, RENDERED), renderedDowngrades, RENDERED_DOWNGRADE));
			}
		}
		return LintResult.of(linted.size(), failOn, all);
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

	/**
	 * A finding of a Java revision where its reader changes it: the class and line of the call that
	 * rendered the statement, then the line of the rendered SQL ({@code retort show}) it is on; and
	 * the fix said with {@code Operations}.
	 */
	private static LintFinding inJava(LintFinding finding, Map<String, RenderedJava> rendered, String marker) {
		RenderedJava java = rendered.get(finding.revision());
		if (java == null || !finding.source().contains(marker + ":")) {
			return finding;
		}
		String source = finding.source();
		int line = Integer.parseInt(source.substring(source.lastIndexOf(':') + 1));
		String call = java.call(line);
		if (call == null) {
			return finding;
		}
		LintRule rule = LintRule.find(finding.rule());
		String fix = (rule != null) ? rule.javaFix(finding.fix()) : finding.fix();
		return new LintFinding(finding.revision(), call + marker.substring(0, marker.length() - 1) + ":" + line + ")",
				finding.rule(),
				finding.name(), finding.severity(), finding.message(), fix, finding.fails());
	}

	private static LintedRevision linted(RevisionScript script, Map<String, List<LintFinding>> ofWhole,
			Map<String, RenderedJava> renders) {
		Revision revision = script.revision();
		if (script.body() instanceof SqlBody sql) {
			LintFinding emptyDowngrade = EmptyDowngrade.finding(revision.id(), revision.origin().source(), sql.upgrade(),
					sql.downgrade(), sql.downgradeText(), sql.downgradeFirstLine());
			if (emptyDowngrade != null) {
				ofWhole.computeIfAbsent(revision.id(), (id) -> new ArrayList<>()).add(emptyDowngrade);
			}
			return LintedRevision.of(revision.id(), revision.origin().source(), revision.transactional(), sql.upgrade(),
					sql.upgradeText(), sql.upgradeFirstLine());
		}
		String source = revision.origin().source() + RENDERED;
		RenderedJava rendered;
		boolean refusedCall = false;
		try {
			rendered = MigrationRunner.renderJava(script, true);
		}
		catch (RefusedStatementException ex) {
			rendered = ex.rendered();
			refusedCall = true;
			ofWhole.computeIfAbsent(revision.id(), (id) -> new ArrayList<>())
				.add(refused(revision.id(), source + ":" + stopLine(rendered), ex, false));
		}
		renders.put(revision.id(), rendered);
		if (!refusedCall && !rendered.complete()) {
			// A data migration that reads through op.connection() renders only up to that call: what
			// follows is never seen, and "no findings" would vouch for it.
			int line = stopLine(rendered);
			ofWhole.computeIfAbsent(revision.id(), (id) -> new ArrayList<>())
				.add((rendered.refusedInTransaction() != null)
						? refusedInTransaction(revision.id(), source + ":" + line, rendered.refusedInTransaction())
						: notRendered(revision.id(), source + ":" + line, rendered.stoppedBecause()));
		}
		return LintedRevision.of(revision.id(), source, revision.transactional(), ownStatements(rendered),
				rendered.sql(), 1);
	}

	/**
	 * The statements of a rendering that the revision ran, at their lines of the SQL {@code retort
	 * show} prints. That SQL is what an {@code --sql} script runs, which also holds Retort's own
	 * checks around a concurrent index build ({@code DO $retort$} blocks: is the index there
	 * already, is it valid); linted as the revision's, they made a lone {@code CREATE INDEX
	 * CONCURRENTLY} a revision of two statements (PG105). Should the two ever not line up, every
	 * statement is linted, as before: better a finding too many than a statement unread.
	 */
	private static List<SqlStatement> ownStatements(RenderedJava rendered) {
		List<SqlStatement> all = StatementSplitter.split(rendered.sql(), 1);
		List<String> own = rendered.statements();
		if (all.size() == own.size()) {
			return all;
		}
		List<SqlStatement> result = new ArrayList<>(own.size());
		for (SqlStatement statement : all) {
			if (result.size() < own.size() && statement.sql().equals(own.get(result.size()))) {
				result.add(statement);
			}
		}
		return (result.size() == own.size()) ? result : all;
	}

	/** The line of a rendering that stopped short where the comment saying why starts. */
	private static int stopLine(RenderedJava rendered) {
		String text = rendered.sql();
		return text.substring(0, text.lastIndexOf("-- ")).split("\n", -1).length;
	}

	/**
	 * The downgrade section of a revision, to lint, or {@code null} when it has none to read: an
	 * irreversible revision, an empty section (LINT005's). A Java revision's as the SQL it renders,
	 * up to where the rendering stops.
	 */
	private static LintedRevision downgrade(RevisionScript script, Map<String, List<LintFinding>> ofWhole,
			Map<String, RenderedJava> renders) {
		Revision revision = script.revision();
		if (script.body() instanceof SqlBody sql) {
			if (sql.downgrade() == null || sql.downgrade().isEmpty()) {
				return null;
			}
			return LintedRevision.of(revision.id(), revision.origin().source(), revision.transactional(),
					sql.downgrade(), sql.downgradeText(), sql.downgradeFirstLine()).asDowngrade();
		}
		if (!revision.reversible()) {
			return null;
		}
		RenderedJava rendered;
		try {
			rendered = MigrationRunner.renderJava(script, false);
		}
		catch (RefusedStatementException ex) {
			rendered = ex.rendered();
			ofWhole.computeIfAbsent(revision.id(), (id) -> new ArrayList<>())
				.add(refused(revision.id(), revision.origin().source() + RENDERED_DOWNGRADE + ":" + stopLine(rendered),
						ex, true));
		}
		renders.put(revision.id(), rendered);
		return LintedRevision.of(revision.id(), revision.origin().source() + RENDERED_DOWNGRADE,
				revision.transactional(), ownStatements(rendered), rendered.sql(), 1).asDowngrade();
	}

	/**
	 * A Java revision's {@code op.execute} of what every run refuses before anything runs, as the
	 * same line in a SQL file, which lint reports under the same rule: a transactional revision's
	 * {@code COMMIT} (PG104), a {@code COPY … FROM STDIN} (LINT006).
	 */
	private static LintFinding refused(String revision, String where, RefusedStatementException refused,
			boolean inDowngrade) {
		// As the rules say a downgrade's finding.
		String statement = (inDowngrade ? "In the downgrade, '" : "'") + refused.statement();
		if (refused instanceof ClientCopyException) {
			LintRule rule = LintRule.LINT006;
			return new LintFinding(revision, where, rule.name(), rule.ruleName(), rule.severity(),
					statement + "' copies rows between the server and the client: upgrade and downgrade refuse"
							+ " the revision before anything runs (Retort has no rows to send over JDBC, and in an --sql"
							+ " script psql would read the script's next lines as the rows), and what it runs after it"
							+ " is not linted.",
					rule.javaFix(), false);
		}
		LintRule rule = LintRule.PG104;
		return new LintFinding(revision, where, rule.name(), rule.ruleName(), rule.severity(),
				statement + "' ends the transaction this revision runs in, and it is transactional: upgrade and"
						+ " downgrade refuse it before anything runs, and what it runs after it is not linted.",
				"Remove it: Retort commits the revision together with its version row. A revision that must commit in"
						+ " parts is declared @Revision(transactional = false).", false);
	}

	private static LintFinding notRendered(String revision, String where, String why) {
		LintRule rule = LintRule.LINT003;
		return new LintFinding(revision, where, rule.name(), rule.ruleName(), rule.severity(),
				"Only the SQL before this line is linted: the revision stopped rendering there (" + why + ")",
				rule.fix(), false);
	}

	/**
	 * A transactional Java revision that runs a {@code CONCURRENTLY} operation or a batched backfill
	 * fails there every time it runs (PG104, as the same SQL in a file is), not merely a revision
	 * the lint could not read to its end (LINT003).
	 */
	private static LintFinding refusedInTransaction(String revision, String where, String statement) {
		LintRule rule = LintRule.PG104;
		return new LintFinding(revision, where, rule.name(), rule.ruleName(), rule.severity(),
				"'" + statement + "' cannot run inside a transaction block, and this revision is transactional: it "
						+ "fails there when it runs, and what it runs after it is not linted.",
				"Move the operation into a revision of its own declared @Revision(transactional = false); the runner "
						+ "opens and commits transactions.", false);
	}

}
