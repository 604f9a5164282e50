package dev.retort.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A pooler that shares server sessions between its clients (PgBouncer's {@code pool_mode =
 * transaction}), modelled as PgBouncer routes statements: each client connection it lends sends
 * each statement to one of a few real server sessions.
 */
@ExtendWith(PostgresExtension.class)
class TransactionPoolerTests {

	private static RevisionFiles oneRevision(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE coffee (id int);", "DROP TABLE coffee;");
		return files;
	}

	@Test
	void aPoolerOfOneServerSessionIsRefusedBeforeAnythingChanges(TestDatabase db, @TempDir Path dir) throws Exception {
		// PgBouncer with default_pool_size = 1, or the server session it freed last: every client's
		// statements run on the same server session.
		try (Connection server = db.connect()) {
			int serverPid = pid(server);
			Retort retort = Retort.configure().dataSource(pooler(List.of(server))).locations(oneRevision(dir).location())
				.applicationName("retort-pooled")
				.load();

			RetortException refused = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));

			assertThat(refused.code()).isEqualTo(ErrorCode.CONFIGURATION);
			assertThat(refused.exitCode()).isEqualTo(2);
			assertThat(refused.getMessage())
				.startsWith("The migration's connection goes through a pooler that shares server sessions between"
						+ " clients (PgBouncer with pool_mode = transaction or statement, or a DataSource that lends one"
						+ " connection to every borrower, as Spring's SingleConnectionDataSource): the migration's session and"
						+ " the lock's both ran on server session pid " + serverPid + ".")
				.contains("Nothing was changed.")
				.contains("set 'retort.url'")
				.endsWith("or connect through a pool with pool_mode = session.");
			assertNothingChanged(db, server);
		}
	}

	@Test
	void aLockSessionThatMovesBetweenServerSessionsIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
		// Three server sessions, each statement to the next (PgBouncer's server_round_robin).
		try (Connection first = db.connect(); Connection second = db.connect(); Connection third = db.connect()) {
			Retort retort = Retort.configure()
				.dataSource(pooler(List.of(first, second, third)))
				.locations(oneRevision(dir).location())
				.applicationName("retort-pooled")
				.load();

			RetortException refused = catchThrowableOfType(RetortException.class, () -> retort.upgrade("heads"));

			assertThat(refused.code()).isEqualTo(ErrorCode.CONFIGURATION);
			assertThat(refused.getMessage()).containsPattern(": the lock's session ran its first statement on server"
					+ " session pid (\\d+) and its next on pid (?!\\1\\.)\\d+\\. ");
			for (Connection server : List.of(first, second, third)) {
				assertNothingChanged(db, server);
			}
		}
	}

	@Test
	void aPoolerThatGivesEachClientItsOwnServerSessionMigrates(TestDatabase db, @TempDir Path dir) {
		// A direct connection, or PgBouncer with pool_mode = session.
		PGSimpleDataSource sessionPooler = new PGSimpleDataSource();
		sessionPooler.setUrl(db.jdbcUrl());
		sessionPooler.setUser(db.user());
		sessionPooler.setPassword(db.password());
		Retort retort = Retort.configure().dataSource(sessionPooler).locations(oneRevision(dir).location()).load();

		assertThat(retort.upgrade("heads").to()).containsExactly("aaaa00000001");
	}

	/** No table, no lock left on the server session, and no setting that its next client would inherit. */
	private static void assertNothingChanged(TestDatabase db, Connection server) throws SQLException {
		assertThat(db.queryStrings("SELECT count(*) FROM pg_class WHERE relname IN ('retort_version', 'retort_history',"
				+ " 'coffee')")).containsExactly("0");
		assertThat(db.queryStrings("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")).containsExactly("0");
		try (Statement statement = server.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_setting('application_name')")) {
			row.next();
			assertThat(row.getString(1)).isEqualTo("PostgreSQL JDBC Driver");
		}
	}

	private static int pid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
			row.next();
			return row.getInt(1);
		}
	}

	/**
	 * A transaction pooler over {@code servers}: every connection it lends sends each statement to
	 * the next server session in turn, shared by all its clients. Closing a lent connection
	 * closes nothing.
	 */
	private static DataSource pooler(List<Connection> servers) {
		AtomicInteger next = new AtomicInteger();
		return new PGSimpleDataSource() {
			@Override
			public Connection getConnection() {
				Connection client = (Connection) Proxy.newProxyInstance(TransactionPoolerTests.class.getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							Connection server = switch (method.getName()) {
								case "close" -> null;
								case "isClosed" -> null;
								case "createStatement" -> servers.get(next.getAndIncrement() % servers.size());
								default -> servers.get(Math.floorMod(next.get() - 1, servers.size()));
							};
							if (server == null) {
								return method.getName().equals("isClosed") ? Boolean.FALSE : null;
							}
							try {
								return method.invoke(server, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
				return client;
			}
		};
	}

}
