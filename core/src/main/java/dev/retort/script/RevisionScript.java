package dev.retort.script;

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
	 * The sections of a SQL revision file.
	 *
	 * @param upgrade statements of {@code -- +upgrade}
	 * @param downgrade statements of {@code -- +downgrade}, or {@code null} when the file has no
	 * downgrade section (irreversible)
	 * @param upgradeText the upgrade section as written
	 * @param downgradeText the downgrade section as written, or {@code null}
	 */
	public record SqlBody(List<SqlStatement> upgrade, List<SqlStatement> downgrade, String upgradeText,
			String downgradeText) implements Body {

		public SqlBody {
			upgrade = List.copyOf(upgrade);
			downgrade = (downgrade != null) ? List.copyOf(downgrade) : null;
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
