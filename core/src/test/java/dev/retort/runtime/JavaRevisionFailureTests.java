package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

/**
 * A Java revision whose own JDBC work fails is reported as its other failures are: at the
 * revision's class and line, with what the database said, and rolled back to the last good
 * revision.
 */
@ExtendWith(PostgresExtension.class)
class JavaRevisionFailureTests {

	@Revision(id = "aaaa00000002", revises = "aaaa00000001", message = "Copies coffee")
	static final class WrapsItsSqlException implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("INSERT INTO coffee VALUES (2)");
			try (PreparedStatement insert = op.connection().prepareStatement("INSERT INTO coffee VALUES (?)")) {
				insert.setInt(1, 1);
				insert.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not copy coffee", ex);
			}
		}

	}

	@Test
	void aWrappedSqlExceptionSaysWhatTheDatabaseSaid(TestDatabase db, @TempDir Path dir) {
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort(db, dir, new WrapsItsSqlException()).upgrade("heads"));
		assertThat(failure.getMessage()).startsWith("Revision aaaa00000002 (" + WrapsItsSqlException.class.getName()
				+ ":43) failed and was rolled back: java.lang.IllegalStateException: could not copy coffee: ERROR:"
				+ " duplicate key value violates unique constraint \"coffee_pkey\" [SQLSTATE 23505]\n"
				+ "  Detail: Key (id)=(1) already exists.")
			.contains("Nothing of it was applied; the database stays at aaaa00000001.");
		assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
		assertThat(db.queryStrings("SELECT id FROM coffee")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
	}

	@Revision(id = "aaaa00000002", revises = "aaaa00000001", message = "Updates coffee")
	static final class ThrowsItsSqlExceptionUnchecked implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("INSERT INTO coffee VALUES (2)");
			try (Statement statement = op.connection().createStatement()) {
				statement.execute("UPDATE coffee SET strength = 1");
			}
			catch (SQLException ex) {
				throw ThrowsItsSqlExceptionUnchecked.<RuntimeException>unchecked(ex);
			}
		}

		// What Lombok's @SneakyThrows does: upgrade(Operations) declares no checked exception.
		@SuppressWarnings("unchecked")
		private static <E extends Throwable> E unchecked(Throwable ex) throws E {
			throw (E) ex;
		}

	}

	@Test
	void anSqlExceptionThrownUncheckedIsLocatedInTheRevision(TestDatabase db, @TempDir Path dir) {
		MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
				() -> retort(db, dir, new ThrowsItsSqlExceptionUnchecked()).upgrade("heads"));
		assertThat(failure.getMessage()).startsWith("Revision aaaa00000002 ("
				+ ThrowsItsSqlExceptionUnchecked.class.getName() + ":70) failed and was rolled back: ERROR: column"
				+ " \"strength\" of relation \"coffee\" does not exist");
		assertThat(failure.location()).isEqualTo(ThrowsItsSqlExceptionUnchecked.class.getName() + ":70");
		assertThat(db.queryStrings("SELECT id FROM coffee")).containsExactly("1");
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
	}

	private static Retort retort(TestDatabase db, Path dir, Migration migration) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int PRIMARY KEY); INSERT INTO coffee VALUES (1);",
				"DROP TABLE coffee;");
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations(files.location())
			.javaMigrations(List.of(migration))
			.load();
	}

}
