package dev.retort.command;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTests {

	private static final RevisionInfo INFO = new RevisionInfo("1975ea83b712", List.of("ae1027a6acf3"), List.of(),
			List.of("users"), "Add \"user\" column\nto logs", "2026-11-25 21:00:00",
			"db/revisions/1975ea83b712_add_user_column.sql", "sql", true, true, true, false, false, false, false, null, null);

	@Test
	void currentIsAnObjectOfItsComponentsInSpecOrder() {
		assertThat(Json.write(new CurrentResult(List.of("ae1027a6acf3"), List.of("1975ea83b712"), false, false)))
			.isEqualTo("""
					{
					  "current": [
					    "ae1027a6acf3"
					  ],
					  "heads": [
					    "1975ea83b712"
					  ],
					  "upToDate": false,
					  "databaseAhead": false,
					  "overlapping": [],
					  "changed": []
					}""");
	}

	@Test
	void revisionLeavesOutStateWhereNoDatabaseWasReadAndEscapesStrings() {
		String json = Json.write(new HeadsResult(List.of(INFO)));
		assertThat(json).isEqualTo("""
				{
				  "heads": [
				    {
				      "revision": "1975ea83b712",
				      "revises": [
				        "ae1027a6acf3"
				      ],
				      "dependsOn": [],
				      "branchLabels": [
				        "users"
				      ],
				      "message": "Add \\"user\\" column\\nto logs",
				      "createDate": "2026-11-25 21:00:00",
				      "source": "db/revisions/1975ea83b712_add_user_column.sql",
				      "kind": "sql",
				      "transactional": true,
				      "reversible": true,
				      "isHead": true,
				      "isEffectiveHead": false,
				      "isBase": false,
				      "isBranchPoint": false,
				      "isMerge": false,
				      "notes": null
				    }
				  ]
				}""");
		assertThat(Json.write(INFO.withState("applied"))).contains("\"isMerge\": false,\n  \"state\": \"applied\",\n  \"notes\": null\n}");
	}

	@Test
	void showIsTheRevisionWithItsSqlInOneObject() {
		String json = Json.write(new ShowResult(INFO, "ALTER TABLE t ADD c int;", null));
		assertThat(json).startsWith("{\n  \"revision\": \"1975ea83b712\",")
			.endsWith("\"isMerge\": false,\n  \"notes\": null,\n  \"upgradeSql\": \"ALTER TABLE t ADD c int;\",\n  \"downgradeSql\": null\n}");
	}

	@Test
	void migrationResultListsStepsAndStatusWritesInstantsAndNulls() {
		assertThat(Json.write(new MigrationResult(List.of(), List.of("a1"), List.of(new StepResult("a1", "upgrade", 12)))))
			.isEqualTo("""
					{
					  "from": [],
					  "to": [
					    "a1"
					  ],
					  "steps": [
					    {
					      "revision": "a1",
					      "operation": "upgrade",
					      "durationMs": 12
					    }
					  ]
					}""");
		Instant at = Instant.parse("2026-11-25T21:00:00Z");
		StatusReport report = new StatusReport("public", "retort_version", List.of("a1"), List.of("a1"), true, false,
				List.of(), List.of(), List.of(), new LastMigration(at, 5, true, null), LockInfo.FREE);
		assertThat(Json.write(report)).contains("\"lastMigration\": {\n    \"startedAt\": \"2026-11-25T21:00:00Z\",")
			.contains("\"error\": null")
			.contains("\"lock\": {\n    \"held\": false,\n    \"holderPid\": null,");
	}

	@Test
	void controlCharactersAreEscaped() {
		assertThat(Json.write("tab\there\u0001\\")).isEqualTo("\"tab\\there\\u0001\\\\\"");
	}

}
