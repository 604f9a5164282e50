package dev.retort.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.retort.lint.LintedRevision.Statement;

/**
 * Lints revisions in the order they apply (base first), with the rules of {@link LintRule}. A
 * small model of the schema is kept across revisions (column types, {@code CHECK (c IS NOT NULL)}
 * constraints and whether they were validated) for the rules that depend on what came before;
 * revisions outside the linted range are not seen, so a rule may flag what an earlier revision
 * already made safe: acknowledge it ({@code -- lint:ack <RULE> <reason>} on a line right above
 * the statement). A revision's downgrade section, listed right after its upgrade, is read against
 * the schema that upgrade left, with the rules that hold for a rollback
 * ({@link RevisionLint#NOT_IN_DOWNGRADE} aside).
 */
public final class Linter {

	private final Catalog catalog = new Catalog();

	private final List<LintFinding> findings = new ArrayList<>();

	/** The schema the revisions run for, when one other than public is configured; else {@code null}. */
	private final String schema;

	private Linter(String schema) {
		this.schema = schema;
	}

	/**
	 * Lints revisions.
	 * @param revisions the revisions, in the order they apply
	 * @return the findings, in the order of the revisions and their lines
	 */
	public static List<LintFinding> lint(List<LintedRevision> revisions) {
		return lint(revisions, null);
	}

	/**
	 * Lints revisions that run for a configured schema ({@code retort.schema}, {@code --schema}),
	 * which may be one of many (a schema per tenant): a name qualified with another schema reaches
	 * the same object from every schema's run (PG125). Without one, or with {@code public}, the
	 * revisions run where the connection points, and naming {@code public.x} there is on purpose.
	 * @param revisions the revisions, in the order they apply
	 * @param schema the configured schema, or {@code null}
	 * @return the findings, in the order of the revisions and their lines
	 */
	public static List<LintFinding> lint(List<LintedRevision> revisions, String schema) {
		Linter linter = new Linter((schema == null || schema.equals("public")) ? null : schema);
		for (LintedRevision revision : revisions) {
			linter.lintRevision(revision);
		}
		return List.copyOf(linter.findings);
	}

	private void lintRevision(LintedRevision revision) {
		List<StatementShape> shapes = new ArrayList<>();
		Set<String> created = new HashSet<>();
		for (Statement statement : revision.statements()) {
			add(StatementShape.of(statement, Tokens.of(statement.sql()), created), shapes, created);
			// The statements of a DO block take the locks they take outside one.
			for (Statement inner : DoBlocks.statementsOf(statement)) {
				StatementShape shape = StatementShape.of(inner, Tokens.of(inner.sql()), created);
				shape.doBlock = statement;
				add(shape, shapes, created);
			}
		}
		// A downgrade runs against the schema the upgrade left; what it undoes is not what the next revision sees.
		new RevisionLint(revision, shapes, revision.downgrade() ? this.catalog.copy() : this.catalog, this.findings,
				this.schema).run();
	}

	private static void add(StatementShape shape, List<StatementShape> shapes, Set<String> created) {
		shapes.add(shape);
		if (shape.createsTable != null) {
			created.add(shape.createsTable);
		}
		// A table created in this revision is as new under the name it is given.
		if (shape.renamesTableTo != null && created.contains(TokenReading.alterTableName(shape.tokens))) {
			created.add(shape.renamesTableTo);
		}
	}

}
