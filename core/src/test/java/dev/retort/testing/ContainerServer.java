package dev.retort.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers branch of {@link TestPostgres}: used when a Docker engine answers. Kept in
 * its own class so the embedded path never loads Testcontainers.
 */
final class ContainerServer {

	static final String IMAGE = "postgres:17-alpine";

	private ContainerServer() {
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@SuppressWarnings("resource") // stopped by the shutdown hook below
	static TestPostgres.Server start() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE).withCommand("postgres", "-c", "fsync=off",
				"-c", "max_connections=300");
		container.start();
		TestPostgres.Server server = TestPostgres.Server.fromJdbcUrl(container.getJdbcUrl(), container.getUsername(),
				container.getPassword(), container::stop);
		Runtime.getRuntime().addShutdownHook(new Thread(server.stopper(), "retort-test-container-stop"));
		return server;
	}

}
