package dev.retort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that asks for passwords, as a bank's does: the run's {@link TestPostgres}
 * server trusts every login, so a wrong password, a missing one or a pg_hba.conf refusal can
 * only be met here. It is embedded PostgreSQL (io.zonky.test, on every test class path) started
 * with an {@code hba_file} of its own, whatever server the other tests use, so CI needs no
 * Docker for it:
 * <ul>
 * <li>the superuser {@code postgres} is trusted, so fixtures create roles and databases;</li>
 * <li>a role made with the prefix {@code scram_} must give a SCRAM-SHA-256 password;</li>
 * <li>{@code md5_}: an MD5 password;</li>
 * <li>{@code refused_}: refused by a {@code reject} line ({@code 28000}, "pg_hba.conf rejects
 * connection");</li>
 * <li>{@code ssl_}: let in over SSL only (a {@code hostssl} line), which this server does not
 * offer, so a connection finds no line for it ({@code 28000}, "no pg_hba.conf entry … no
 * encryption").</li>
 * </ul>
 * Started on first use and stopped when the JVM exits.
 */
public final class PasswordServer {

	private static final Logger logger = LoggerFactory.getLogger(PasswordServer.class);

	private static final AtomicInteger counter = new AtomicInteger();

	private static volatile TestPostgres.Server server;

	private PasswordServer() {
	}

	/** The server, started on first use. */
	public static TestPostgres.Server server() {
		TestPostgres.Server current = server;
		if (current == null) {
			synchronized (PasswordServer.class) {
				current = server;
				if (current == null) {
					current = start();
					server = current;
				}
			}
		}
		return current;
	}

	/**
	 * A new role with a password that owns a new database of its own name.
	 * @param prefix {@code scram_}, {@code md5_}, {@code refused_} or {@code ssl_}: how it logs in (see above)
	 * @param password its password
	 * @return where it logs in
	 */
	public static Login login(String prefix, String password) {
		TestPostgres.Server server = server();
		String role = prefix + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		String encryption = prefix.startsWith("md5_") ? "md5" : "scram-sha-256";
		try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SET password_encryption = '" + encryption + "'");
			statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
			statement.execute("CREATE DATABASE " + role + " OWNER " + role);
			statement.execute("GRANT " + prefix + "logins TO " + role);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create role " + role + ": " + ex.getMessage(), ex);
		}
		return new Login(server, role, password);
	}

	private static TestPostgres.Server start() {
		try {
			Path hba = Files.createTempFile("retort-test-pg_hba", ".conf");
			// Groups rather than regular expressions, which pg_hba.conf reads only from PostgreSQL 16 on.
			Files.writeString(hba, String.join("\n", "local all postgres trust", "host all postgres 127.0.0.1/32 trust",
					"host all postgres ::1/128 trust", "host all +md5_logins 127.0.0.1/32 md5",
					"host all +md5_logins ::1/128 md5", "host all +refused_logins 127.0.0.1/32 reject",
					"host all +refused_logins ::1/128 reject", "hostssl all +ssl_logins 127.0.0.1/32 scram-sha-256",
					"hostssl all +ssl_logins ::1/128 scram-sha-256", "host all +scram_logins 127.0.0.1/32 scram-sha-256",
					"host all +scram_logins ::1/128 scram-sha-256", ""));
			hba.toFile().deleteOnExit();
			io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
				.builder()
				.setServerConfig("hba_file", hba.toString())
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.start();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				for (String group : new String[] { "scram_logins", "md5_logins", "refused_logins", "ssl_logins" }) {
					statement.execute("CREATE ROLE " + group + " NOLOGIN");
				}
			}
			logger.info("Password tests use an embedded PostgreSQL on port {}", postgres.getPort());
			TestPostgres.Server started = new TestPostgres.Server("localhost", postgres.getPort(), "postgres", "postgres",
					"", () -> {
						try {
							postgres.close();
						}
						catch (IOException ex) {
							logger.warn("Could not stop the embedded PostgreSQL: {}", ex.getMessage());
						}
					});
			Runtime.getRuntime().addShutdownHook(new Thread(started.stopper(), "retort-test-password-postgres-stop"));
			return started;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the password-protected embedded PostgreSQL", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the password-protected embedded PostgreSQL", ex);
		}
	}

	/**
	 * A role that logs in with a password, and its own database.
	 *
	 * @param server the server
	 * @param role the role, also the database's name
	 * @param password its password
	 */
	public record Login(TestPostgres.Server server, String role, String password) {

		/** The JDBC URL of the role's database, without credentials. */
		public String jdbcUrl() {
			return this.server.jdbcUrl(this.role);
		}

		/** {@code postgresql://role:password@host:port/db}, the password percent-encoded. */
		public String userInfoUrl() {
			return "postgresql://" + this.role + ":"
					+ java.net.URLEncoder.encode(this.password, java.nio.charset.StandardCharsets.UTF_8) + "@"
					+ this.server.host() + ":" + this.server.port() + "/" + this.role;
		}

		@Override
		public String toString() {
			// A test's failure message must not print the password it checks for.
			return "Login[" + this.role + "@" + this.server.host() + ":" + this.server.port() + "]";
		}
	}

}
