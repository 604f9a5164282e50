package dev.retort.boot.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.retort.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real web application on a random port, with Actuator, on a test database: what an operator's
 * curl and a Prometheus scrape see.
 */
final class RunningApplication implements AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningApplication(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	static RunningApplication start(TestDatabase db, String... properties) {
		return start(TestApplication.class, db, properties);
	}

	static RunningApplication start(Class<?> application, TestDatabase db, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.datasource.url=" + db.jdbcUrl(),
				"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
				"management.endpoints.web.exposure.include=migrations,health,metrics",
				"management.endpoint.health.show-details=always", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new RunningApplication(
				new SpringApplicationBuilder(application).properties(all.toArray(String[]::new))
					.run());
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The body of a GET as text, for what is not JSON ({@code /actuator/prometheus}). */
	String text(String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Response get(String path) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? null : json.readTree(response.body());
			return new Response(response.statusCode(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	record Response(int status, JsonNode body) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
