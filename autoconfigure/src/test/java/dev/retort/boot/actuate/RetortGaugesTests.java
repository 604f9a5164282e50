package dev.retort.boot.actuate;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * The gauges read the database at each scrape, and a scrape must come back while the database
 * does not answer: a stalled scrape loses the instance's every metric.
 */
@ExtendWith(PostgresExtension.class)
class RetortGaugesTests {

	@Test
	void theGaugesReadTheDatabase(TestDatabase db, @TempDir Path dir) throws IOException {
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + revision(dir))
			.load();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new RetortPendingMeterBinder(retort).bindTo(registry);
		new RetortLastMigrationMeterBinder(retort).bindTo(registry);

		assertThat(registry.get("retort.migrations.pending").gauge().value()).isEqualTo(1.0);
		assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isEqualTo(0.0);
		retort.upgrade("heads");
		assertThat(registry.get("retort.migrations.pending").gauge().value()).isEqualTo(0.0);
	}

	@Test
	void theLastFailureCarriesWhenItStartedSoAnAlertOnItCanExpire(TestDatabase db, @TempDir Path dir)
			throws IOException {
		Files.writeString(revision(dir).resolve("a2_broken.sql"), "-- broken\n-- Revision ID: a00000000002\n"
				+ "-- Revises: a00000000001\n\n-- +upgrade\nALTER TABLE no_such_table ADD COLUMN x int;\n");
		Retort retort = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + dir)
			.load();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new RetortLastMigrationMeterBinder(retort).bindTo(registry);
		assertThat(registry.get("retort.migrations.last.failed.timestamp").gauge().getId().getBaseUnit())
			.isEqualTo("seconds");
		assertThat(lastFailure(registry)).as("no failure: 0, which an age-based alert reads as long ago")
			.containsExactly(0.0, 0.0);

		assertThatException().isThrownBy(() -> retort.upgrade("heads"));
		double failedAt = Double.parseDouble(db.queryStrings("SELECT extract(epoch FROM started_at) FROM retort_history"
				+ " WHERE NOT success").get(0));
		assertThat(lastFailure(registry)).containsExactly(new double[] { 1.0, failedAt }, within(0.001));

		// The broken revision abandoned: no step writes a row, so only the timestamp can age.
		Files.delete(dir.resolve("a2_broken.sql"));
		Retort abandoned = Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + dir)
			.load();
		assertThat(abandoned.upgrade("heads").steps()).isEmpty();
		assertThat(lastFailure(registry)).containsExactly(new double[] { 1.0, failedAt }, within(0.001));

		// A later step that succeeds clears both.
		abandoned.downgrade("base");
		assertThat(lastFailure(registry)).containsExactly(0.0, 0.0);
	}

	@Test
	void registeringTheGaugesCostsNoStatementNorDoesATenantsFirstRunThatRegistersItsOwn(TestDatabase db,
			@TempDir Path dir) throws IOException {
		revision(dir);
		// The bean's own schema (the connection's: naming it would take a query) and a tenant, as a
		// strategy migrates them before Boot binds the gauges.
		Retort gauged = load(db, dir);
		gauged.upgrade("heads");
		gauged.forSchema("tenant_a").upgrade("heads");
		long before = gauged.statementCount();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new RetortPendingMeterBinder(gauged).bindTo(registry);
		new RetortLastMigrationMeterBinder(gauged).bindTo(registry);
		assertThat(gauged.statementCount()).as("binding the gauges").isEqualTo(before);

		gauged.forSchema("tenant_b").upgrade("heads");
		long withGauges = gauged.statementCount() - before;
		assertThat(registry.find("retort.migrations.pending").tag("schema", "tenant_b").gauge()).isNotNull();
		Retort plain = load(db, dir);
		plain.forSchema("tenant_c").upgrade("heads");
		long plainBefore = plain.statementCount();
		plain.forSchema("tenant_d").upgrade("heads");
		assertThat(withGauges).as("a tenant's first run, which registers its gauges")
			.isEqualTo(plain.statementCount() - plainBefore);
	}

	private static Retort load(TestDatabase db, Path dir) {
		return Retort.configure()
			.url(db.jdbcUrl())
			.user(db.user())
			.password(db.password())
			.locations("filesystem:" + dir)
			.load();
	}

	/** The last failure's two gauges, read one after the other as a scrape reads them. */
	private static double[] lastFailure(SimpleMeterRegistry registry) {
		return new double[] { registry.get("retort.migrations.last.failed").gauge().value(),
				registry.get("retort.migrations.last.failed.timestamp").gauge().value() };
	}

	@Test
	// A guard on its own thread: without a bound the read below blocks on the socket, past any interrupt.
	@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void aDatabaseThatDoesNotAnswerMakesTheGaugesUnknownInsteadOfStallingTheScrape(@TempDir Path dir)
			throws IOException {
		// A server that takes the connection and never answers, as one that hangs or a pool waiting
		// out its connection-timeout: the read blocks until the socket closes.
		List<Socket> accepted = new ArrayList<>();
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						Socket socket = silent.accept();
						synchronized (accepted) {
							accepted.add(socket);
						}
					}
				}
				catch (IOException ex) {
					// The server socket closed: the test is over.
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app");
			dataSource.setUser("app");
			Retort retort = Retort.configure().dataSource(dataSource).locations("filesystem:" + revision(dir)).load();
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new RetortPendingMeterBinder(retort).bindTo(registry);
			new RetortLastMigrationMeterBinder(retort).bindTo(registry);

			assertThat(registry.get("retort.migrations.pending").gauge().value()).isNaN();
			assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isNaN();
			assertThat(registry.get("retort.migrations.last.failed.timestamp").gauge().value()).isNaN();
			// The reads did reach the server, and still wait for it: one for the pending count, one
			// that the last failure's two gauges share.
			synchronized (accepted) {
				assertThat(accepted).hasSize(2);
			}
			// The next scrape neither starts other reads nor waits for these again: their budget is spent.
			long next = System.nanoTime();
			assertThat(registry.get("retort.migrations.pending").gauge().value()).isNaN();
			assertThat(registry.get("retort.migrations.last.failed").gauge().value()).isNaN();
			assertThat(registry.get("retort.migrations.last.failed.timestamp").gauge().value()).isNaN();
			assertThat(Duration.ofNanos(System.nanoTime() - next)).isLessThan(BoundedRead.BUDGET);
			synchronized (accepted) {
				assertThat(accepted).hasSize(2);
			}
		}
		finally {
			synchronized (accepted) {
				for (Socket socket : accepted) {
					socket.close();
				}
			}
		}
	}

	@Test
	// A guard on its own thread: without a bound the read below blocks on the socket, past any interrupt.
	@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void theTenantsGaugesShareOneReadSoADatabaseThatDoesNotAnswerStallsTheScrapeOnceNotOncePerTenant(TestDatabase db,
			@TempDir Path dir) throws IOException {
		List<Socket> accepted = new ArrayList<>();
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						Socket socket = silent.accept();
						synchronized (accepted) {
							accepted.add(socket);
						}
					}
				}
				catch (IOException ex) {
					// The server socket closed: the test is over.
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			PGSimpleDataSource hanging = new PGSimpleDataSource();
			hanging.setURL("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app");
			hanging.setUser("app");
			SwitchedDataSource dataSource = new SwitchedDataSource(db.dataSource());
			Retort retort = Retort.configure().dataSource(dataSource).locations("filesystem:" + revision(dir)).load();
			List<String> tenants = List.of("tenant_a", "tenant_b", "tenant_c", "tenant_d");
			tenants.forEach((tenant) -> retort.forSchema(tenant).upgrade("heads"));
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new RetortPendingMeterBinder(retort).bindTo(registry);
			new RetortLastMigrationMeterBinder(retort).bindTo(registry);
			for (String tenant : tenants) {
				assertThat(registry.get("retort.migrations.pending").tag("schema", tenant).gauge().value()).isZero();
				assertThat(registry.get("retort.migrations.last.failed").tag("schema", tenant).gauge().value()).isZero();
			}

			dataSource.target = hanging;
			for (String tenant : tenants) {
				assertThat(registry.get("retort.migrations.pending").tag("schema", tenant).gauge().value()).isNaN();
				assertThat(registry.get("retort.migrations.last.failed").tag("schema", tenant).gauge().value()).isNaN();
				assertThat(registry.get("retort.migrations.last.failed.timestamp").tag("schema", tenant).gauge().value())
					.isNaN();
			}
			// One read for the pending counts and one for the last failures, each stuck at its first
			// tenant: not a read per tenant and gauge, each of which would have held the scrape 2 s.
			synchronized (accepted) {
				assertThat(accepted).hasSize(2);
			}
		}
		finally {
			synchronized (accepted) {
				for (Socket socket : accepted) {
					socket.close();
				}
			}
		}
	}

	/** The application's connections, which a test points at a server that stopped answering. */
	private static final class SwitchedDataSource implements DataSource {

		volatile DataSource target;

		SwitchedDataSource(DataSource target) {
			this.target = target;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.target.getConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.target.getConnection(username, password);
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return this.target.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			this.target.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			this.target.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return this.target.getLoginTimeout();
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return this.target.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return this.target.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return this.target.isWrapperFor(type);
		}

	}

	private static Path revision(Path dir) throws IOException {
		Files.writeString(dir.resolve("a1_first.sql"), "-- first\n-- Revision ID: a00000000001\n-- Revises:\n\n"
				+ "-- +upgrade\nCREATE TABLE first (id int);\n\n-- +downgrade\nDROP TABLE first;\n");
		return dir;
	}

}
