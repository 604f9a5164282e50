package dev.retort.sample;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.retort.sample.SampleJar.Result;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar retort-sample-app.jar retort <command>}: the application's configuration and
 * Java revisions, no web server, standard output carrying the command's JSON alone, and the
 * command's exit code.
 */
class InAppCommandsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> ALL_REVISIONS = List.of("ae1027a6acf3", "1975ea83b712", "3a9c5e7d2b14",
			"5e8f1b2c7d90", "c7d3e9a1f4b6");

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
			// A failure under --format json is a document too, for the Job's log reader.
			JsonNode error = json.readTree(unknown.stdout()).get("error");
			assertThat(error.get("code").asString()).isEqualTo("UNKNOWN_REVISION");
			assertThat(error.get("exitCode").asInt()).isEqualTo(2);
			assertThat(error.get("message").asString()).contains("ffffffffffff");
			assertThat(json.readTree(unknown.stdout()).get("steps").size()).isZero();
			assertThat(unknown.stderr()).contains("ffffffffffff");
		}
		finally {
			db.drop();
		}
	}

	@Test
	void anInAppUpgradeThatWaitsForTheMigrationLockSaysWhomItWaitsFor() throws Exception {
		// A Job or init container behind another pod's migration: silent at WARN, it looked hung.
		TestDatabase db = TestPostgres.freshDatabase();
		try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = 'other-pod'");
			statement.execute("SELECT pg_advisory_lock(('x' || left(encode(sha256(convert_to("
					+ "'retort:public.retort_version', 'UTF8')), 'hex'), 16))::bit(64)::bigint)");
			Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
					db.user(), "SPRING_DATASOURCE_PASSWORD", db.password(), "RETORT_LOCK_WAITTIMEOUT", "1s");

			Result waited = SampleJar.run(env, "retort", "upgrade", "heads");
			assertThat(waited.exitCode()).as(waited.stderr()).isEqualTo(1);
			assertThat(waited.stderr()).contains("Waiting for the migration lock of public.retort_version")
				.contains("held by pid ")
				.contains("(application_name 'other-pod'");
			// Logged, as the application logs: not printed once more as the standalone tool's own line.
			assertThat(waited.stderr().lines().filter((line) -> line.contains("Waiting for the migration lock")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("dev.retort.runtime.MigrationLock"));
			assertThat(waited.stdout()).isEmpty();

			Result quiet = SampleJar.run(env, "retort", "upgrade", "heads", "-q");
			assertThat(quiet.exitCode()).as(quiet.stderr()).isEqualTo(1);
			assertThat(quiet.stderr()).doesNotContain("Waiting for the migration lock");
		}
		finally {
			db.drop();
		}
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
