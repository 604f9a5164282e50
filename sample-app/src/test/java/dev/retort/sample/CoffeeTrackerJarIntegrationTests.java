package dev.retort.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.retort.sample.SampleJar.Server;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged coffee tracker, started with nothing configured: it brings its own PostgreSQL,
 * migrates it, and serves its API and the migrations endpoint.
 */
class CoffeeTrackerJarIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsOnAnEmbeddedDatabaseMigratesItAndServesTheApi() throws Exception {
		try (Server app = new Server(Map.of())) {
			app.awaitStarted();
			assertThat(app.log()).contains("started an embedded PostgreSQL");
			String base = "http://localhost:" + app.port;
			JsonNode user = post(base + "/api/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
			int userId = user.get("id").asInt();
			JsonNode log = post(base + "/api/coffee-logs",
					"{\"userId\":" + userId + ",\"beverageType\":\"flat white\",\"cups\":2}");
			assertThat(log.get("beverageType").asString()).isEqualTo("flat white");
			JsonNode logs = get(base + "/api/coffee-logs?userId=" + userId);
			assertThat(logs.size()).isEqualTo(1);
			assertThat(logs.get(0).get("cups").asInt()).isEqualTo(2);
			assertThat(get(base + "/api/users").get(0).get("name").asString()).isEqualTo("Ada");

			JsonNode migrations = get(base + "/actuator/migrations");
			assertThat(migrations.get("current").get(0).asString()).isEqualTo("c7d3e9a1f4b6");
			assertThat(migrations.get("upToDate").asBoolean()).isTrue();
			assertThat(migrations.get("revisions").valueStream().map((r) -> r.get("kind").asString()).distinct())
				.containsExactlyInAnyOrder("sql", "java");
			assertThat(migrations.get("history").size()).isEqualTo(5);
			assertThat(get(base + "/actuator/health/migrations").get("status").asString()).isEqualTo("UP");
			assertThat(get(base + "/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
		}
	}

	private static JsonNode get(String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static JsonNode post(String url, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

}
