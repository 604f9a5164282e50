package dev.retort.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;
import dev.retort.runtime.ChecksumMismatchException;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static dev.retort.operation.Column.column;
import static dev.retort.operation.Type.TEXT;
import static dev.retort.operation.Type.varchar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A Java revision's checksum is that of the SQL its upgrade renders offline: an applied one edited
 * so that it runs other SQL is refused as an edited SQL file is; one written otherwise, or compiled
 * again, that runs the same SQL is not. And a psql command in it is refused as in a SQL file.
 */
@ExtendWith(PostgresExtension.class)
class JavaRevisionChecksumTests {

	private static final String KIND = "b00000000002";

	@Revision(id = KIND, revises = "a00000000001", message = "Add kind")
	static final class AddKind implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addColumn("coffee", column("kind", TEXT));
		}

		@Override
		public void downgrade(Operations op) {
			op.dropColumn("coffee", "kind");
		}

	}

	/** {@link AddKind} edited after it was applied: the column's type changed. */
	@Revision(id = KIND, revises = "a00000000001", message = "Add kind")
	static final class AddKindEdited implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.addColumn("coffee", column("kind", varchar(20)));
		}

	}

	/** {@link AddKind} written with other calls and another message: the same SQL runs. */
	@Revision(id = KIND, revises = "a00000000001", message = "Add the kind of coffee")
	static final class AddKindRewritten implements Migration {

		@Override
		public void upgrade(Operations op) {
			// A comment and a blank line move every line below: the checksum does not see lines.

			op.execute("ALTER TABLE coffee ADD COLUMN kind text");
		}

	}

	@Revision(id = KIND, revises = "a00000000001", message = "Reads, then adds kind")
	static final class ReadsThenAddsKind implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE coffee ADD COLUMN kind text");
			op.connection();
			op.execute("UPDATE coffee SET kind = 'espresso'");
		}

	}

	@Revision(id = KIND, revises = "a00000000001", message = "Runs a shell")
	static final class RunsAShell implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE m (t text)");
			op.execute("\\! touch /tmp/retort-pwned");
		}

	}

	@Revision(id = KIND, revises = "a00000000001", message = "Adds a coffee with a random id")
	static final class RandomId implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("ALTER TABLE coffee ADD COLUMN code uuid");
			op.execute("INSERT INTO coffee (id, code) VALUES (1, '" + UUID.randomUUID() + "')");
		}

	}

	/** Renders the partition of the month it runs in: {@link #month} stands for the clock. */
	@Revision(id = KIND, revises = "a00000000001", message = "Partition of this month")
	static final class MonthlyPartition implements Migration {

		static String month = "2026_11";

		private final String version;

		MonthlyPartition(String version) {
			this.version = version;
		}

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE coffee_" + month + " (id int)");
		}

		@Override
		public String checksum() {
			return this.version;
		}

	}

	@Revision(id = KIND, revises = "a00000000001", message = "Counts its calls")
	static final class CountsItsCalls implements Migration {

		static int calls;

		@Override
		public void upgrade(Operations op) {
			calls++;
			op.execute("ALTER TABLE coffee ADD COLUMN kind text");
		}

	}

	private static RetortConfig.Builder<Retort> configure(TestDatabase db, Path dir, Migration migration) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("a00000000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.javaMigrations(List.of(migration));
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String recordedChecksum(TestDatabase db) {
		return db.queryStrings("SELECT checksum FROM retort_history WHERE revision = ?", KIND).get(0);
	}

	@Test
	void theChecksumOfAJavaRevisionIsThatOfTheSqlItRendersOnlineAndOffline(TestDatabase db, @TempDir Path dir)
			throws Exception {
		Retort retort = configure(db, dir, new AddKind()).load();
		String script = retort.upgradeSql("heads").sql();
		retort.upgrade("heads");
		String expected = sha256("ALTER TABLE coffee ADD COLUMN kind text;\n");
		assertThat(recordedChecksum(db)).isEqualTo(expected);
		assertThat(script).contains("'Add kind', '" + expected + "'");
	}

	@Test
	void anAppliedJavaRevisionThatRendersOtherSqlIsRefusedAsAnEditedFileIs(TestDatabase db, @TempDir Path dir) {
		configure(db, dir, new AddKind()).load().upgrade("heads");
		String applied = recordedChecksum(db);
		Retort edited = configure(db, dir, new AddKindEdited()).load();
		ChecksumMismatchException error = catchThrowableOfType(ChecksumMismatchException.class,
				() -> edited.upgrade("heads"));
		assertThat(error.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
		assertThat(error.exitCode()).isEqualTo(2);
		assertThat(error.getMessage()).startsWith("Applied revision " + KIND + " (" + AddKindEdited.class.getName()
				+ ") changed since it was applied: its upgrade renders other SQL now (checksum " + applied + " != ")
			.endsWith("; 'retort show " + KIND + "' prints it). Applied revisions are never edited: revert the class"
					+ " and add a new revision. If the class is as it was and what it renders depends on when or where"
					+ " it runs (the date, a property), override Migration.checksum() with a version of your own.");
		assertThat(edited.validate().problems()).singleElement().asString().contains(applied);
		assertThat(catchThrowableOfType(ChecksumMismatchException.class, () -> edited.upgradeSql("current:heads")))
			.isNotNull();
		assertThat(configure(db, dir, new AddKindEdited()).validateChecksums(false).load().validate().problems())
			.isEmpty();
	}

	@Test
	void aJavaRevisionWrittenOtherwiseThatRendersTheSameSqlKeepsItsChecksum(TestDatabase db, @TempDir Path dir) {
		configure(db, dir, new AddKind()).load().upgrade("heads");
		Retort rewritten = configure(db, dir, new AddKindRewritten()).load();
		assertThat(rewritten.validate().problems()).isEmpty();
		assertThat(rewritten.upgrade("heads").steps()).isEmpty();
	}

	@Test
	void aJavaRevisionThatRendersOtherSqlEachTimeIsRecordedWithoutAChecksum(TestDatabase db, @TempDir Path dir) {
		// Compared, a random id (or the clock) in its SQL would refuse every later run as an edit.
		configure(db, dir, new RandomId()).load().upgrade("heads");
		assertThat(recordedChecksum(db)).isNull();
		Retort again = configure(db, dir, new RandomId()).load();
		assertThat(again.validate().problems()).isEmpty();
		assertThat(again.upgrade("heads").steps()).isEmpty();
	}

	@Test
	void aJavaRevisionWithAChecksumOfItsOwnIsComparedByIt(TestDatabase db, @TempDir Path dir) throws Exception {
		MonthlyPartition.month = "2026_11";
		configure(db, dir, new MonthlyPartition("1")).load().upgrade("heads");
		assertThat(recordedChecksum(db)).isEqualTo(sha256("1"));
		MonthlyPartition.month = "2026_12";
		assertThat(configure(db, dir, new MonthlyPartition("1")).load().validate().problems()).isEmpty();
		assertThat(configure(db, dir, new MonthlyPartition("2")).load().validate().problems()).singleElement()
			.asString()
			.contains("(checksum " + sha256("1") + " != " + sha256("2") + ";");
	}

	@Test
	void aStampRendersNoJavaRevision(TestDatabase db, @TempDir Path dir) {
		// Only an upgrade's checksum is ever compared: a stamp runs none of the revision's code.
		CountsItsCalls.calls = 0;
		configure(db, dir, new CountsItsCalls()).load().stamp(List.of("heads"), false);
		assertThat(CountsItsCalls.calls).isZero();
		assertThat(db.queryStrings("SELECT checksum FROM retort_history WHERE revision = ?", KIND)).containsOnlyNulls();
	}

	@Test
	void aJavaRevisionAppliedWithoutAChecksumIsNotCompared(TestDatabase db, @TempDir Path dir) {
		// What a Retort before Java checksums recorded: nothing to compare with, so nothing is refused.
		configure(db, dir, new AddKind()).load().upgrade("heads");
		db.execute("UPDATE retort_history SET checksum = NULL WHERE revision = '" + KIND + "'");
		Retort edited = configure(db, dir, new AddKindEdited()).load();
		assertThat(edited.validate().problems()).isEmpty();
		assertThat(edited.upgrade("heads").steps()).isEmpty();
	}

	@Test
	void aJavaRevisionThatAsksForTheConnectionIsCheckedUpToIt(TestDatabase db, @TempDir Path dir) throws Exception {
		configure(db, dir, new ReadsThenAddsKind()).load().upgrade("heads");
		// What it renders before it asks, then a mark that it stopped there: its online work is not seen.
		assertThat(recordedChecksum(db)).isEqualTo(sha256("ALTER TABLE coffee ADD COLUMN kind text;\n-- stops here"));
		assertThat(db.queryStrings("SELECT count(*) FROM coffee WHERE kind IS NOT NULL")).containsExactly("0");
		assertThat(configure(db, dir, new AddKindRewritten()).load().validate().problems()).singleElement()
			.asString()
			.contains("renders other SQL now");
	}

	@Test
	void aPsqlCommandInAJavaRevisionIsRefusedOnlineAndOfflineBeforeAnythingRuns(TestDatabase db, @TempDir Path dir) {
		// Printed into an --sql script, psql ran the shell command; online the first revision ran first.
		Retort retort = configure(db, dir, new RunsAShell()).load();
		String problem = "Revision " + KIND + " (" + RunsAShell.class.getName() + ":"
				+ "%d): '\\!' is a psql command, not SQL: PostgreSQL refuses it, and psql would run it from an --sql"
				+ " script. Remove it, or write what it does as SQL.";
		RetortException offline = catchThrowableOfType(RetortException.class, () -> retort.upgradeSql("heads"));
		assertThat(offline.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(offline.exitCode()).isEqualTo(2);
		assertThat(offline.getMessage()).contains(problem.formatted(lineOf("\\\\! touch")));
		RetortException online = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));
		assertThat(online.code()).isEqualTo(ErrorCode.INVALID_REVISION_FILE);
		assertThat(online.getMessage()).contains(problem.formatted(lineOf("\\\\! touch")));
		assertThat(db.tableExists("coffee")).isFalse();
		assertThat(db.tableExists("retort_version")).isFalse();
		assertThat(catchThrowableOfType(RetortException.class, () -> retort.show(KIND)).code())
			.isEqualTo(ErrorCode.INVALID_REVISION_FILE);
	}

	/** The line of this file that holds {@code text}: where the call a message names stands. */
	private static int lineOf(String text) {
		try {
			List<String> lines = java.nio.file.Files.readAllLines(
					Path.of("src/test/java", JavaRevisionChecksumTests.class.getName().replace('.', '/') + ".java"));
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).contains(text) && lines.get(i).contains("op.execute")) {
					return i + 1;
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		throw new IllegalStateException(text + " not found");
	}

}
