package dev.retort.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.retort.sample.SampleJar.Result;
import dev.retort.sample.SampleJar.Server;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged coffee tracker: started with nothing configured it brings its own PostgreSQL and
 * migrates it; its in-app commands print clean JSON on standard output and exit with the
 * command's code.
 */
class CoffeeTrackerJarIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final List<String> ALL_REVISIONS = List.of("ae1027a6acf3", "1975ea83b712", "3a9c5e7d2b14",
			"5e8f1b2c7d90", "c7d3e9a1f4b6");

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
		}
	}

	@Test
	void inAppCommandsRunWithTheApplicationsConfigurationAndPrintJson() {
		TestDatabase db = TestPostgres.freshDatabase();
		try {
			Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
					db.user(), "SPRING_DATASOURCE_PASSWORD", db.password());

			Result upgrade = SampleJar.run(env, "retort", "upgrade", "heads", "--format", "json");
			assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
			JsonNode upgraded = json.readTree(upgrade.stdout());
			assertThat(upgraded.get("from").size()).isZero();
			assertThat(strings(upgraded.get("to"))).containsExactly("c7d3e9a1f4b6");
			assertThat(upgraded.get("steps").valueStream().map((step) -> step.get("revision").asString()))
				.containsExactlyElementsOf(ALL_REVISIONS);
			assertThat(db.queryStrings("SELECT indexname FROM pg_indexes WHERE tablename = 'coffee_logs' "
					+ "AND indexname = 'ix_coffee_logs_user_id'")).hasSize(1);

			Result current = SampleJar.run(env, "retort", "current", "--format", "json");
			assertThat(current.exitCode()).as(current.stderr()).isZero();
			JsonNode currentJson = json.readTree(current.stdout());
			assertThat(strings(currentJson.get("current"))).containsExactly("c7d3e9a1f4b6");
			assertThat(currentJson.get("upToDate").asBoolean()).isTrue();

			Result downgrade = SampleJar.run(env, "retort", "downgrade", "-1", "--format", "json");
			assertThat(downgrade.exitCode()).as(downgrade.stderr()).isZero();
			assertThat(strings(json.readTree(downgrade.stdout()).get("to"))).containsExactly("5e8f1b2c7d90");
			assertThat(db.queryStrings("SELECT column_name FROM information_schema.columns "
					+ "WHERE table_name = 'coffee_logs' AND column_name LIKE '%_type'")).containsExactly("coffee_type");

			Result unknown = SampleJar.run(env, "retort", "upgrade", "ffffffffffff", "--format", "json");
			assertThat(unknown.exitCode()).isEqualTo(2);
			assertThat(unknown.stdout()).isEmpty();
			assertThat(unknown.stderr()).contains("ffffffffffff");
		}
		finally {
			db.drop();
		}
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
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
