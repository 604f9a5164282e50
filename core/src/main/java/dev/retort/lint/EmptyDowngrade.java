package dev.retort.lint;

import java.util.List;
import java.util.Set;

import dev.retort.dialect.postgres.SqlStatement;
import dev.retort.lint.LintedRevision.Comment;
import dev.retort.lint.Tokens.Token;

/**
 * LINT005: a {@code -- +downgrade} section that is present but empty under an upgrade that
 * changes the schema. {@code retort revision} writes the section empty, as Alembic writes
 * {@code pass}, and an empty section is a downgrade that does nothing: {@code retort downgrade}
 * then moves the version table back over the revision and leaves what it made, so the next
 * upgrade fails on it ("relation already exists"). A merge revision, or one that only changes
 * data, is left alone: doing nothing on the way down may be all it needs; so is one that only
 * validates constraints, or only adds enum labels {@code IF NOT EXISTS} (PostgreSQL cannot
 * remove a label, so an empty downgrade is the only one, as autogenerate writes it).
 */
public final class EmptyDowngrade {

	private static final Set<String> SCHEMA_CHANGES = Set.of("CREATE", "ALTER", "DROP");

	private EmptyDowngrade() {
	}

	/**
	 * The finding for a SQL revision, or {@code null}.
	 * @param revision the revision id
	 * @param source the file, as shown in findings
	 * @param upgrade the upgrade statements
	 * @param downgrade the downgrade statements, {@code null} when the file has no downgrade
	 * section (irreversible, which is no finding)
	 * @param downgradeText the downgrade section as written: a {@code -- lint:ack LINT005 reason}
	 * line in it acknowledges the finding
	 * @param downgradeFirstLine the line of the file the downgrade section starts on
	 */
	public static LintFinding finding(String revision, String source, List<SqlStatement> upgrade,
			List<SqlStatement> downgrade, String downgradeText, int downgradeFirstLine) {
		if (downgrade == null || !downgrade.isEmpty()) {
			return null;
		}
		SqlStatement change = upgrade.stream().filter(EmptyDowngrade::changesSchema).findFirst().orElse(null);
		if (change == null || acknowledged(downgradeText, downgradeFirstLine)) {
			return null;
		}
		LintRule rule = LintRule.LINT005;
		// At the first change the downgrade leaves in place, where the reader sees what is not undone.
		return new LintFinding(revision, source + ":" + change.line(), rule.name(), rule.ruleName(), rule.severity(),
				"This changes the schema, and the downgrade section is empty: 'retort downgrade' would move the"
						+ " database below this revision and leave what it made, and the next upgrade would fail on it.",
				rule.fix(), false);
	}

	private static boolean changesSchema(SqlStatement statement) {
		List<Token> tokens = Tokens.of(statement.sql());
		return !tokens.isEmpty() && tokens.get(0).kind() == Tokens.Kind.WORD
				&& SCHEMA_CHANGES.contains(tokens.get(0).text()) && !onlyValidates(tokens)
				&& !addsEnumLabelIfMissing(tokens);
	}

	/**
	 * Whether the statement is {@code ALTER TYPE … ADD VALUE IF NOT EXISTS}: there is nothing to
	 * undo it with (PostgreSQL cannot remove a label), and it runs again after a downgrade that
	 * did nothing. Without {@code IF NOT EXISTS} that upgrade fails on the label it left.
	 */
	private static boolean addsEnumLabelIfMissing(List<Token> tokens) {
		if (!TokenReading.startsWith(tokens, 0, "ALTER", "TYPE")) {
			return false;
		}
		int add = TokenReading.afterName(tokens, 2);
		return TokenReading.startsWith(tokens, add, "ADD", "VALUE", "IF", "NOT", "EXISTS");
	}

	/**
	 * Whether the statement is an {@code ALTER TABLE} that only validates constraints, as the
	 * revision after one that added them {@code NOT VALID} does (PG106's advice): it makes nothing
	 * to undo, and runs again after a downgrade that did nothing.
	 */
	private static boolean onlyValidates(List<Token> tokens) {
		return TokenReading.startsWith(tokens, 0, "ALTER", "TABLE") && StatementShape.onlyValidates(tokens);
	}

	private static boolean acknowledged(String downgradeText, int firstLine) {
		for (Comment comment : LintedRevision.lineComments((downgradeText != null) ? downgradeText : "", firstLine)) {
			Ack ack = Ack.of(comment.text());
			if (ack != null && ack.rule() == LintRule.LINT005 && !ack.reason().isEmpty()) {
				return true;
			}
		}
		return false;
	}

}
