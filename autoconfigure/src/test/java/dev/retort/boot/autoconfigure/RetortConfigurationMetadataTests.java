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
		return byName("properties");
	}

	private static Map<String, JsonNode> byName(String section) throws IOException {
		try (InputStream in = RetortConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("the build's spring-configuration-metadata.json").isNotNull();
			Map<String, JsonNode> byName = new HashMap<>();
			JsonMapper.builder().build().readTree(in).path(section).forEach((p) -> byName.put(p.get("name").asString(), p));
			return byName;
		}
	}

	@Test
	void everyPropertyOfTheSpecHasItsDefault() throws IOException {
		// SPEC §6's table, as an IDE shows it: name and default ("—"/"the connection's": none).
		Map<String, String> spec = new java.util.LinkedHashMap<>();
		spec.put("retort.enabled", "true");
		spec.put("retort.on-startup", "upgrade");
		spec.put("retort.target", "heads");
		spec.put("retort.locations", "[\"classpath:db/revisions\"]");
		spec.put("retort.java-packages", null);
		spec.put("retort.schema", null);
		spec.put("retort.create-schema", "true");
		spec.put("retort.version-table", "retort_version");
		spec.put("retort.history-table", "retort_history");
		spec.put("retort.transaction-mode", "per-revision");
		spec.put("retort.validate-checksums", "true");
		spec.put("retort.baseline", null);
		spec.put("retort.lock.enabled", "true");
		spec.put("retort.lock.wait-timeout", "10m");
		spec.put("retort.ddl.lock-timeout", "5s");
		spec.put("retort.ddl.retries", "5");
		spec.put("retort.ddl.statement-timeout", null);
		spec.put("retort.connect-retries", "0");
		spec.put("retort.connect-retries-interval", "10s");
		spec.put("retort.url", null);
		spec.put("retort.user", null);
		spec.put("retort.password", null);
		spec.put("retort.fail-on-multiple-heads", "false");
		Map<String, JsonNode> properties = properties();
		spec.forEach((name, defaultValue) -> {
			assertThat(properties).as(name).containsKey(name);
			JsonNode actual = properties.get(name).get("defaultValue");
			assertThat((actual != null) ? (actual.isString() ? actual.asString() : actual.toString()) : null)
				.as(name).isEqualTo(defaultValue);
		});
	}

	@Test
	void theValuesOfTheEnumeratedPropertiesAreExplained() throws IOException {
		Map<String, JsonNode> hints = byName("hints");
		assertThat(values(hints.get("retort.on-startup"))).containsExactly("upgrade", "validate", "none");
		assertThat(values(hints.get("retort.transaction-mode"))).containsExactly("per-revision", "all");
		assertThat(properties().get("retort.on-startup").get("description").asString()).contains("'upgrade'",
				"'validate'", "'none'");
	}

	private static java.util.List<String> values(JsonNode hint) {
		assertThat(hint).isNotNull();
		java.util.List<String> values = new java.util.ArrayList<>();
		hint.get("values").forEach((value) -> {
			assertThat(value.path("description").asString("")).as(value.get("value").asString()).isNotBlank();
			values.add(value.get("value").asString());
		});
		return values;
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
