package dev.retort.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.retort.Retort;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.flywaydb.core.Flyway;

/**
 * Runs "migrate to the latest" with each tool the way an application does at startup: a new
 * tool instance configured from scratch, reading its files from {@code dir}.
 *
 * <p>Each tool's code is a class of its own: a measured JVM has only its tool's jars on the class
 * path ({@link Tool#onClassPath}), and the verifier loads the classes a method's code names, so
 * no class here may name two tools.
 */
public final class Migrators {

	private Migrators() {
	}

	/**
	 * Sets up logging (logback through SLF4J, and java.util.logging) as an application has before
	 * its migration tool runs: Spring Boot configures logging first thing. Called before a timed
	 * run, so no tool is charged for setting up logback ({@link WarnLogging}, 70–100 ms in a new
	 * JVM), which Retort and Flyway would trigger and plain JDBC would not.
	 */
	public static void initLogging() {
		org.slf4j.LoggerFactory.getILoggerFactory();
	}

	/** Database coordinates. */
	public record Db(String url, String user, String password) {

		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, this.user, this.password);
		}

		@Override
		public String toString() {
			return "Db[" + this.url + "]";
		}

	}

	/** Brings the database to the latest revision of {@code dir} with {@code tool}. */
	public static void migrate(Tool tool, Db db, Path dir) throws Exception {
		switch (tool) {
			case RETORT -> RetortMigrator.migrate(db, dir);
			case FLYWAY -> FlywayMigrator.migrate(db, dir);
			case LIQUIBASE -> LiquibaseMigrator.migrate(db, dir);
			case JDBC -> JdbcMigrator.migrate(db, dir);
		}
	}

	private static final class RetortMigrator {

		static void migrate(Db db, Path dir) {
			Retort.configure()
				.url(db.url())
				.user(db.user())
				.password(db.password())
				.locations("filesystem:" + dir.toAbsolutePath())
				.load()
				.upgrade("heads");
		}

	}

	private static final class FlywayMigrator {

		static void migrate(Db db, Path dir) {
			Flyway.configure()
				.dataSource(db.url(), db.user(), db.password())
				.locations("filesystem:" + dir.toAbsolutePath())
				.load()
				.migrate();
		}

	}

	private static final class LiquibaseMigrator {

		// Liquibase logs through java.util.logging at INFO; keep its chatter off the console (and
		// out of its timings), as the other tools log at WARN through logback. Held statically
		// so the level is not lost when the logger is garbage collected.
		private static final Logger liquibaseLogger = Logger.getLogger("liquibase");

		static {
			liquibaseLogger.setLevel(Level.WARNING);
			System.setProperty("liquibase.analytics.enabled", "false");
			System.setProperty("liquibase.showBanner", "false");
		}

		static void migrate(Db db, Path dir) throws Exception {
			try (Connection connection = db.connect()) {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
						new DirectoryResourceAccessor(dir), Scope.Attr.ui.name(), new LoggerUIService());
				// The update summary goes to the command's output, as Spring Boot sends it to its log.
				Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
					.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
					.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, Workload.LIQUIBASE_CHANGELOG)
					.setOutput(OutputStream.nullOutputStream())
					.execute());
			}
		}

	}

	/**
	 * The floor: the files in name order, a one-row version table, each file's statements and
	 * the version update in one transaction per revision. No checksums, no history, no lock.
	 */
	private static final class JdbcMigrator {

		static void migrate(Db db, Path dir) throws SQLException {
			List<Path> files;
			try (Stream<Path> listing = Files.list(dir)) {
				files = listing.filter((file) -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS jdbc_version (version integer NOT NULL)");
				int version;
				try (ResultSet rows = statement.executeQuery("SELECT version FROM jdbc_version")) {
					version = rows.next() ? rows.getInt(1) : -1;
				}
				if (version == -1) {
					statement.execute("INSERT INTO jdbc_version (version) VALUES (0)");
					version = 0;
				}
				if (version >= files.size()) {
					return;
				}
				connection.setAutoCommit(false);
				try (PreparedStatement update = connection.prepareStatement("UPDATE jdbc_version SET version = ?")) {
					for (int i = version + 1; i <= files.size(); i++) {
						for (String sql : statements(files.get(i - 1))) {
							statement.execute(sql);
						}
						update.setInt(1, i);
						update.executeUpdate();
						connection.commit();
					}
				}
				catch (SQLException ex) {
					connection.rollback();
					throw ex;
				}
			}
		}

		// The workload puts no semicolon inside a statement, so a semicolon at a line end splits.
		private static String[] statements(Path file) {
			try {
				return Files.readString(file).split(";\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
