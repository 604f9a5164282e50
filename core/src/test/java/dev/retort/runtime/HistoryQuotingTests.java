package dev.retort.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.retort.Retort;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Retort writes its version and history rows as SQL text. A message or an error with quotes and
 * backslashes is recorded as written, also where a database still reads backslashes in plain
 * literals as escapes ({@code standard_conforming_strings = off}, set per database or role).
 */
@ExtendWith(PostgresExtension.class)
class HistoryQuotingTests {

	private static final String MESSAGE = "Rename the \\'old\\' kinds: it's C:\\coffee\\new";

	@Test
	void messagesAndErrorsWithBackslashesAreRecordedAsWritten(TestDatabase db, @TempDir Path dir) throws IOException {
		db.execute("ALTER DATABASE " + db.name() + " SET standard_conforming_strings = off");
		write(dir, "q1", "", MESSAGE, "CREATE TABLE coffee (kind text);");
		// The error text echoes the value a\b; the statement itself is valid in either mode.
		write(dir, "q2", "q1", "Fails", "SELECT E'a\\\\b'::int;");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + dir)
			.load();

		assertThatExceptionOfType(MigrationFailedException.class).isThrownBy(() -> retort.upgrade("heads"))
			.withMessageContaining("invalid input syntax for type integer: \"a\\b\"");

		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("q1");
		assertThat(db.queryStrings("SELECT message FROM retort_history WHERE revision = 'q1'")).containsExactly(MESSAGE);
		assertThat(db.queryStrings("SELECT error FROM retort_history WHERE revision = 'q2' AND NOT success").get(0))
			.contains("invalid input syntax for type integer: \"a\\b\"");
	}

	private static void write(Path dir, String id, String revises, String message, String upgrade) throws IOException {
		Files.writeString(dir.resolve(id + "_test.sql"), "-- " + message + "\n--\n-- Revision ID: " + id
				+ "\n-- Revises: " + revises + "\n-- Create Date: 2026-11-26 05:00:00\n\n-- +upgrade\n" + upgrade + "\n");
	}

}
