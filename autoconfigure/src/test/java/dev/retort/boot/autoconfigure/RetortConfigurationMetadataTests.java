package dev.retort.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata the build writes: what an IDE completes and explains
 * (SPEC §6: every property has a description), including the properties the starter reads that
 * are not fields of {@link RetortProperties}.
 */
class RetortConfigurationMetadataTests {

	private static Map<String, JsonNode> properties() throws IOException {
		try (InputStream in = RetortConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the build's spring-configuration-metadata.json").isNotNull();
			Map<String, JsonNode> byName = new HashMap<>();
			JsonMapper.builder().build().readTree(in).get("properties").forEach((p) -> byName.put(p.get("name").asString(), p));
			return byName;
		}
	}

	@Test
	void everyRetortPropertyIsExplained() throws IOException {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.keySet()).filteredOn((name) -> name.startsWith("retort.")).hasSizeGreaterThan(20);
		properties.forEach((name, property) -> assertThat(property.path("description").asString(""))
			.as(name).isNotBlank());
	}

	@Test
	void theFileTemplateTheCliReadsFromApplicationYmlIsAPropertyToo() throws IOException {
		// docs/revision-files.md names retort.file-template; an IDE must not flag it as unknown.
		JsonNode template = properties().get("retort.file-template");
		assertThat(template).as("retort.file-template").isNotNull();
		assertThat(template.get("defaultValue").asString()).isEqualTo("{rev}_{slug}.sql");
	}

	@Test
	void theHealthContributorSwitchIsCompleted() throws IOException {
		JsonNode enabled = properties().get("management.health.migrations.enabled");
		assertThat(enabled).as("management.health.migrations.enabled").isNotNull();
		assertThat(enabled.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(enabled.get("defaultValue").asBoolean()).isTrue();
	}

}
