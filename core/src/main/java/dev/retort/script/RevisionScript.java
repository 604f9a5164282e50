package dev.retort.script;

import java.util.ArrayList;
import java.util.List;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.revision.Revision;

/**
 * A revision of the graph together with what it runs: the statements of a SQL file, or a Java
 * {@link Migration}.
 *
 * @param revision the graph node
 * @param body what it runs
 */
public record RevisionScript(Revision revision, Body body) {

	/** What a revision runs. */
	public sealed interface Body permits SqlBody, JavaBody {
	}

	/**
	 * The sections of a SQL revision file. Statements are split on first use (see
	 * {@link SqlSection}); {@link #splitProblems()} splits both sections at once.
	 */
	public static final class SqlBody implements Body {

		private final SqlSection upgrade;

		private final SqlSection downgrade;

		SqlBody(SqlSection upgrade, SqlSection downgrade) {
			this.upgrade = upgrade;
			this.downgrade = downgrade;
		}

		/**
		 * A body whose statements are already split (a revision built in code, a test).
		 * @param upgrade statements of {@code -- +upgrade}
		 * @param downgrade statements of {@code -- +downgrade}, or {@code null} when irreversible
		 * @param upgradeText the upgrade section as written
		 * @param downgradeText the downgrade section as written, or {@code null}
		 */
		public SqlBody(List<SqlStatement> upgrade, List<SqlStatement> downgrade, String upgradeText,
				String downgradeText) {
			this(SqlSection.split(upgradeText, upgrade),
					(downgrade != null) ? SqlSection.split(downgradeText, downgrade) : null);
		}

		/**
		 * Statements of {@code -- +upgrade}.
		 * @throws InvalidRevisionFileException when the section cannot be split
		 */
		public List<SqlStatement> upgrade() {
			return this.upgrade.statements();
		}

		/**
		 * Statements of {@code -- +downgrade}, or {@code null} when the file has no downgrade
		 * section (irreversible).
		 * @throws InvalidRevisionFileException when the section cannot be split
		 */
		public List<SqlStatement> downgrade() {
			return (this.downgrade != null) ? this.downgrade.statements() : null;
		}

		/** The upgrade section as written. */
		public String upgradeText() {
			return this.upgrade.text();
		}

		/** The line of the file that {@link #upgradeText()} starts on. */
		public int upgradeFirstLine() {
			return this.upgrade.firstLine();
		}

		/** The line of the file that {@link #downgradeText()} starts on; {@code 0} when there is none. */
		public int downgradeFirstLine() {
			return (this.downgrade != null) ? this.downgrade.firstLine() : 0;
		}

		/** The downgrade section as written, or {@code null}. */
		public String downgradeText() {
			return (this.downgrade != null) ? this.downgrade.text() : null;
		}

		/**
		 * Splits both sections now.
		 * @return the problems ({@code file:line: …}), empty when both split
		 */
		public List<String> splitProblems() {
			List<String> problems = new ArrayList<>(2);
			String up = this.upgrade.splitProblem();
			if (up != null) {
				problems.add(up);
			}
			String down = (this.downgrade != null) ? this.downgrade.splitProblem() : null;
			if (down != null) {
				problems.add(down);
			}
			return problems;
		}

	}

	/**
	 * A Java revision.
	 *
	 * @param migration the migration object
	 */
	public record JavaBody(Migration migration) implements Body {
	}

}
