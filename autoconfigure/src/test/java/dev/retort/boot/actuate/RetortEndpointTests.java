package dev.retort.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.retort.Retort;
import dev.retort.boot.autoconfigure.DatabaseBehindException;
import dev.retort.boot.autoconfigure.RetortMigrationStrategy;
import dev.retort.boot.actuate.RunningApplication.Response;
import dev.retort.runtime.LockTimeoutException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The {@code migrations} endpoint, health contributor and meters, over HTTP from a running
 * application on real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class RetortEndpointTests {

	@Test
	void endpointReportsWhereTheDatabaseStandsFieldByField(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db)) {
			Response response = app.get("/actuator/migrations");
			assertThat(response.status()).isEqualTo(200);
			JsonNode body = response.body();
			assertThat(body.get("schema").asString()).isEqualTo("public");
			assertThat(body.get("versionTable").asString()).isEqualTo("retort_version");
			assertThat(strings(body.get("current"))).containsExactly("aaaa00000002");
			assertThat(strings(body.get("heads"))).containsExactly("aaaa00000002");
			assertThat(body.get("upToDate").asBoolean()).isTrue();
			assertThat(body.get("databaseAhead").asBoolean()).isFalse();
			assertThat(body.get("pending").size()).isZero();
			JsonNode revisions = body.get("revisions");
			assertThat(revisions.size()).isEqualTo(2);
			JsonNode newest = revisions.get(0);
			assertThat(newest.get("revision").asString()).isEqualTo("aaaa00000002");
			assertThat(strings(newest.get("revises"))).containsExactly("aaaa00000001");
			assertThat(newest.get("message").asString()).isEqualTo("Add espresso");
			assertThat(newest.get("kind").asString()).isEqualTo("sql");
			assertThat(newest.get("isHead").asBoolean()).isTrue();
			assertThat(newest.get("isBase").asBoolean()).isFalse();
			assertThat(newest.get("reversible").asBoolean()).isTrue();
			assertThat(newest.get("transactional").asBoolean()).isTrue();
			assertThat(newest.get("state").asString()).isEqualTo("applied");
			assertThat(newest.get("notes").asString()).isEqualTo("- id 1 is what the menu page links to");
			assertThat(revisions.get(1).get("notes").isNull()).as("a revision without notes has none").isTrue();
			JsonNode history = body.get("history");
			assertThat(history.size()).isEqualTo(2);
			JsonNode last = history.get(0);
			assertThat(last.get("revision").asString()).isEqualTo("aaaa00000002");
			assertThat(last.get("operation").asString()).isEqualTo("upgrade");
			assertThat(strings(last.get("fromHeads"))).containsExactly("aaaa00000001");
			assertThat(strings(last.get("toHeads"))).containsExactly("aaaa00000002");
			assertThat(last.get("appliedBy").asString()).isEqualTo(db.user());
			assertThat(last.get("success").asBoolean()).isTrue();
			assertThat(last.get("checksum").asString()).isNotBlank();
			assertThat(last.get("startedAt").asString()).isNotBlank();
			assertThat(body.get("lastMigration").get("success").asBoolean()).isTrue();
			assertThat(body.get("lock").get("held").asBoolean()).isFalse();
		}
	}

	@Test
	void aStampToBaseIsBaseInTheEndpointsHistoryAsInTheCommandsJson(TestDatabase db) {
		Retort retort = Retort.configure().dataSource(db.dataSource()).load();
		retort.upgrade("heads");
		retort.stamp(List.of("base"), false);
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			JsonNode last = app.get("/actuator/migrations").body().get("history").get(0);
			assertThat(last.get("operation").asString()).isEqualTo("stamp");
			assertThat(last.get("revision").asString()).isEqualTo("base");
			assertThat(strings(last.get("toHeads"))).isEmpty();
		}
		// The row itself stores no revision, which validate reads as no revision.
		assertThat(db.queryStrings("SELECT revision FROM retort_history WHERE operation = 'stamp'")).containsExactly((String) null);
		assertThat(retort.validate().valid()).isTrue();
	}

	@Test
	void endpointMasksThePasswordsARevisionSets(TestDatabase db, @TempDir Path revisions) throws IOException {
		Files.writeString(revisions.resolve("r1_roles.sql"), """
				-- reporting role
				--
				-- Revision ID: r1
				-- Revises:
				--
				-- +upgrade
				CREATE ROLE reporting LOGIN PASSWORD 'Rep0rtPw!';
				-- +downgrade
				ALTER ROLE reporting PASSWORD 'Old0ne';
				""");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.locations=filesystem:" + revisions)) {
			Response response = app.get("/actuator/migrations/r1");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().get("upgradeSql").asString())
				.isEqualTo("CREATE ROLE reporting LOGIN PASSWORD '***';");
			assertThat(response.body().get("downgradeSql").asString()).isEqualTo("ALTER ROLE reporting PASSWORD '***';");
		}
	}

	@Test
	void endpointShowsOneRevisionWithItsSql(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db)) {
			Response response = app.get("/actuator/migrations/aaaa00000002");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body().get("revision").asString()).isEqualTo("aaaa00000002");
			assertThat(response.body().get("notes").asString()).isEqualTo("- id 1 is what the menu page links to");
			assertThat(response.body().get("upgradeSql").asString())
				.contains("INSERT INTO beverages (id, name) VALUES (1, 'espresso')");
			assertThat(response.body().get("downgradeSql").asString()).contains("DELETE FROM beverages WHERE id = 1");
			// One {revision} wherever it appears: the members of the list's, then its SQL.
			JsonNode listed = app.get("/actuator/migrations").body().get("revisions").get(0);
			assertThat(listed.get("revision").asString()).isEqualTo("aaaa00000002");
			List<String> members = new ArrayList<>(listed.propertyNames());
			members.addAll(List.of("upgradeSql", "downgradeSql"));
			assertThat(response.body().propertyNames()).containsExactlyElementsOf(members);
			assertThat(response.body().get("isEffectiveHead").asBoolean()).isFalse();
			assertThat(app.get("/actuator/migrations/ffff00000000").status()).isEqualTo(404);
		}
	}

	@Test
	void oneRevisionHasTheStateTheListGivesIt(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db, "retort.target=aaaa00000001")) {
			assertThat(app.get("/actuator/migrations/aaaa00000001").body().get("state").asString()).isEqualTo("applied");
			assertThat(app.get("/actuator/migrations/aaaa00000002").body().get("state").asString()).isEqualTo("pending");
		}
	}

	@Test
	void whileTheDatabaseCannotBeReadTheEndpointAnswers503WithWhatTheFilesSay(TestDatabase db) {
		// Migrations on a server that does not answer: the dashboard still gets a document.
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.url=jdbc:postgresql://localhost:1/coffee", "retort.user=ddl", "retort.password=Secr3t-pw")) {
			Response response = app.get("/actuator/migrations");
			assertThat(response.status()).isEqualTo(503);
			JsonNode body = response.body();
			assertThat(body.get("versionTable").asString()).isEqualTo("retort_version");
			assertThat(strings(body.get("heads"))).containsExactly("aaaa00000002");
			JsonNode revisions = body.get("revisions");
			assertThat(revisions.size()).isEqualTo(2);
			assertThat(revisions.get(0).get("revision").asString()).isEqualTo("aaaa00000002");
			assertThat(revisions.get(0).get("state").isNull()).as("no state is known").isTrue();
			for (String unknown : List.of("current", "upToDate", "databaseAhead", "pending", "history", "lastMigration",
					"lock")) {
				assertThat(body.get(unknown).isNull()).as(unknown + " is not known, so null, not a guess").isTrue();
			}
			assertThat(body.get("error").asString())
				.startsWith("Could not connect to 'jdbc:postgresql://localhost:1/coffee' as user 'ddl' (retort.url)")
				.doesNotContain("Secr3t-pw");

			Response one = app.get("/actuator/migrations/aaaa00000002");
			assertThat(one.status()).isEqualTo(503);
			assertThat(one.body().get("revision").asString()).isEqualTo("aaaa00000002");
			assertThat(one.body().get("upgradeSql").asString())
				.contains("INSERT INTO beverages (id, name) VALUES (1, 'espresso')");
			assertThat(one.body().has("state")).isTrue();
			assertThat(one.body().get("state").isNull()).isTrue();
			assertThat(one.body().get("error").asString()).isEqualTo(body.get("error").asString());

			Response current = app.get("/actuator/migrations/current");
			assertThat(current.status()).as("only the database knows which revision is current").isEqualTo(503);
			assertThat(current.body().get("error").asString()).startsWith("Could not connect to");
			assertThat(app.get("/actuator/migrations/ffff00000000").status()).isEqualTo(404);
		}
	}

	@Test
	void healthIsUpWhenTheDatabaseIsUpToDate(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db)) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body().get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void healthIsOutOfServiceWhileRevisionsArePending(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(strings(health.body().get("details").get("pending"))).containsExactly("aaaa00000001",
					"aaaa00000002");
			assertThat(app.get("/actuator/migrations").body().get("upToDate").asBoolean()).isFalse();
			JsonNode pending = app.get("/actuator/metrics/retort.migrations.pending").body();
			assertThat(pending.get("measurements").get(0).get("value").asDouble()).isEqualTo(2.0);
			assertThat(pending.get("availableTags").toString()).as("the bean's own schema's tag")
				.isEqualTo("[{\"tag\":\"schema\",\"values\":[\"\"]}]");
			assertThat(health.body().get("details").has("lock")).isFalse();
		}
	}

	@Test
	void currentOnADatabaseAtBaseIsNotFoundNotABadRequest(TestDatabase db) {
		// A dashboard's "current revision" panel polls it on an environment nothing migrated yet.
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			assertThat(app.get("/actuator/migrations/current").status())
				.as("no revision is current, as none is on a database ahead: nothing found, not a bad request")
				.isEqualTo(404);
			assertThat(app.get("/actuator/migrations/base").status()).as("'base' names no revision at all")
				.isEqualTo(400);
			assertThat(app.get("/actuator/migrations/head").status()).isEqualTo(200);
		}
	}

	@Test
	void withABaselineOnASchemaAnotherToolBuiltOnlyWhatIsAboveTheBaselineIsPending(TestDatabase db) {
		// Flyway built the schema; the first upgrade stamps aaaa00000001 and runs aaaa00000002 alone.
		db.execute("CREATE TABLE flyway_schema_history (installed_rank int)");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.baseline=aaaa00000001")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(strings(health.body().get("details").get("pending"))).containsExactly("aaaa00000002");
			JsonNode status = app.get("/actuator/migrations").body();
			assertThat(strings(status.get("current"))).isEmpty();
			assertThat(status.get("pending")).extracting((revision) -> revision.get("revision").asString())
				.containsExactly("aaaa00000002");
			assertThat(app.get("/actuator/migrations/aaaa00000001").body().get("state").asString()).isEqualTo("applied");
			assertThat(app.get("/actuator/migrations/aaaa00000002").body().get("state").asString()).isEqualTo("pending");
			assertThat(app.get("/actuator/metrics/retort.migrations.pending").body().get("measurements").get(0)
				.get("value").asDouble()).isEqualTo(1.0);
		}
	}

	@Test
	void healthNamesTheSessionThatHoldsTheMigrationLockWhileRevisionsArePending(TestDatabase db) throws Exception {
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none");
				Connection job = db.connect(); Statement statement = job.createStatement()) {
			// A migration Job (or another instance) is migrating right now.
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("public", "retort_version", "retort_history")) + ")");
			int pid;
			try (ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
				backend.next();
				pid = backend.getInt(1);
			}
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			JsonNode lock = health.body().get("details").get("lock");
			assertThat(lock.get("held").asBoolean()).isTrue();
			assertThat(lock.get("holderPid").asInt()).isEqualTo(pid);
		}
	}

	@Test
	void healthIsDownWithDetailsWhenTheLastMigrationFailed(TestDatabase db) {
		Retort failing = Retort.configure().dataSource(db.dataSource()).locations("classpath:revisions/failing").load();
		assertThatException().isThrownBy(() -> failing.upgrade("heads"));
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.locations=classpath:revisions/failing")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.body().get("status").asString()).isEqualTo("DOWN");
			assertThat(health.body().get("details").get("error").asString()).contains("no_such_table");
			// The error once: 'lastMigration' says when the step ran and how long, as the endpoint's does
			// without its error.
			JsonNode lastMigration = health.body().get("details").get("lastMigration");
			assertThat(lastMigration.propertyNames()).containsExactly("startedAt", "durationMs", "success");
			assertThat(lastMigration.get("success").asBoolean()).isFalse();
			assertThat(app.get("/actuator/migrations").body().get("lastMigration").get("error").asString())
				.isEqualTo(health.body().get("details").get("error").asString());
			Response lastFailed = app.get("/actuator/metrics/retort.migrations.last.failed");
			assertThat(measurement(lastFailed.body(), "VALUE")).isEqualTo(1.0);
		}
	}

	@Test
	void healthStaysUpWhenANewerVersionsRevisionFailed(TestDatabase db) {
		// A rolling deploy: the next version's migration Job failed on its own revision and was rolled
		// back; the database is still where this version needs it.
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		Retort newer = Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions", "classpath:revisions/newer-failing")
			.load();
		assertThatException().isThrownBy(() -> newer.upgrade("heads"));
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body().get("status").asString()).isEqualTo("UP");
			assertThat(health.body().get("details").get("error").asString()).contains("cccc00000003");
			// Health leaves this instance in traffic, and the gauge still says the rollout failed:
			// what an alert on the fleet needs.
			Response lastFailed = app.get("/actuator/metrics/retort.migrations.last.failed");
			assertThat(measurement(lastFailed.body(), "VALUE")).isEqualTo(1.0);
		}
	}

	@Test
	void healthStaysUpWhenAFailedDowngradeLeftTheDatabaseAtTheHeads(TestDatabase db) throws Exception {
		// An operator's downgrade (the rollback of a deploy) gave up on a busy table and was rolled
		// back: the database is where this version needs it, and every replica must stay in traffic.
		Retort retort = Retort.configure()
			.dataSource(db.dataSource())
			.ddlLockTimeout(Duration.ofMillis(100))
			.ddlRetries(0)
			.load();
		retort.upgrade("heads");
		try (Connection writer = db.connect(); Statement statement = writer.createStatement()) {
			writer.setAutoCommit(false);
			statement.execute("LOCK TABLE beverages IN ACCESS EXCLUSIVE MODE");
			assertThatException().isThrownBy(() -> retort.downgrade("aaaa00000001"));
			writer.rollback();
		}
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.body().get("status").asString()).isEqualTo("UP");
			assertThat(strings(health.body().get("details").get("current"))).containsExactly("aaaa00000002");
			assertThat(health.body().get("details").get("error").asString()).contains("lock timeout");
			Response lastFailed = app.get("/actuator/metrics/retort.migrations.last.failed");
			assertThat(measurement(lastFailed.body(), "VALUE")).isEqualTo(1.0);
		}
	}

	@Test
	void healthIsUpWhenTheDatabaseIsAhead(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		// A newer version's upgrade: its row, and the step it recorded in the history.
		db.execute("UPDATE retort_version SET version_num = 'ffff00000009'", "INSERT INTO retort_history (revision,"
				+ " operation, from_heads, to_heads, duration_ms, success) VALUES ('ffff00000009', 'upgrade', '{}',"
				+ " '{ffff00000009}', 1, true)");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.body().get("status").asString()).isEqualTo("UP");
			assertThat(health.body().get("details").get("databaseAhead").asBoolean()).isTrue();
			assertThat(app.get("/actuator/migrations").body().get("databaseAhead").asBoolean()).isTrue();
			assertThat(app.get("/actuator/migrations/current").status())
				.as("a revision no file here declares, as any unknown revision, not a bad request")
				.isEqualTo(404);
		}
	}

	@Test
	void healthIsOutOfServiceWhenTheDatabaseHoldsAnUnknownRevisionButNotThisVersionsOwn(TestDatabase db) {
		// The version rolled back applied cccc00000003; the next one dropped that file and adds
		// dddd00000003: the database is not ahead of it, and an upgrade refuses to move past cccc00000003.
		Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions", "classpath:revisions/newer")
			.load()
			.upgrade("heads");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.locations=classpath:db/revisions,classpath:revisions/replaced")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(strings(health.body().get("details").get("pending"))).containsExactly("dddd00000003");
			assertThat(health.body().get("details").get("databaseAhead").asBoolean()).isTrue();
		}
	}

	@Test
	void anAlembicVersionTableUnderIdsNoFileDeclaresIsDownWithUpgradesReasonNotAheadOrAllPending(TestDatabase db) {
		// Alembic's table taken over, the revision files written under new ids: upgrade refuses it.
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
				+ " PRIMARY KEY (version_num))", "INSERT INTO alembic_version (version_num) VALUES ('deadbeef1234')");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none",
				"retort.version-table=alembic_version")) {
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.body().get("status").asString()).isEqualTo("DOWN");
			JsonNode details = health.body().get("details");
			assertThat(strings(details.get("current"))).containsExactly("deadbeef1234");
			assertThat(strings(details.get("heads"))).containsExactly("aaaa00000002");
			assertThat(details.get("error").asString()).startsWith("The database is at deadbeef1234, which no revision"
					+ " file declares and the history does not record")
				.contains("'upgrade heads' would run every revision from base");

			Response status = app.get("/actuator/migrations");
			assertThat(status.status()).isEqualTo(503);
			assertThat(strings(status.body().get("current"))).containsExactly("deadbeef1234");
			for (String unknown : List.of("upToDate", "databaseAhead", "pending")) {
				assertThat(status.body().get(unknown).isNull()).as(unknown + " is not known").isTrue();
			}
			assertThat(status.body().get("error").asString()).isEqualTo(details.get("error").asString());
			assertThat(app.get("/actuator/migrations/aaaa00000001").status()).isEqualTo(503);

			Response pending = app.get("/actuator/metrics/retort.migrations.pending");
			assertThat(pending.body().get("measurements").get(0).get("value").asString())
				.as("not a count of every revision")
				.isEqualTo("NaN");
		}
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("deadbeef1234");
	}

	@Test
	void validateModeRefusesAnAlembicVersionTableUnderIdsNoFileDeclaresAsUpgradeDoes(TestDatabase db) {
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
				+ " PRIMARY KEY (version_num))", "INSERT INTO alembic_version (version_num) VALUES ('deadbeef1234')");
		assertThatException()
			.isThrownBy(() -> RunningApplication.start(db, "retort.on-startup=validate",
					"retort.version-table=alembic_version"))
			.havingRootCause()
			.isInstanceOf(UnrecordedVersionRowsException.class)
			.withMessageContaining("would run every revision from base");
	}

	@Test
	void versionRowsThatOverlapAreReportedAndMakeHealthDown(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		// A hand edit left the first revision's row beside the row of the revision above it.
		db.execute("INSERT INTO retort_version VALUES ('aaaa00000001')");
		try (RunningApplication app = RunningApplication.start(db, "retort.on-startup=none")) {
			Response migrations = app.get("/actuator/migrations");
			assertThat(migrations.status()).isEqualTo(200);
			assertThat(strings(migrations.body().get("current"))).containsExactly("aaaa00000001", "aaaa00000002");
			assertThat(migrations.body().get("upToDate").asBoolean()).isFalse();
			assertThat(migrations.body().get("pending").size()).isZero();
			Response health = app.get("/actuator/health/migrations");
			assertThat(health.body().get("status").asString()).isEqualTo("DOWN");
			assertThat(health.body().get("details").get("problems").get(0).asString())
				.startsWith("The version table holds both aaaa00000001 and aaaa00000002");
		}
	}

	@Test
	void metricsTimeEachStepOfTheStartupUpgrade(TestDatabase db) {
		try (RunningApplication app = RunningApplication.start(db)) {
			Response timer = app.get("/actuator/metrics/retort.migration.duration?tag=revision:aaaa00000001");
			assertThat(timer.status()).isEqualTo(200);
			assertThat(measurement(timer.body(), "COUNT")).isEqualTo(1.0);
			assertThat(strings(tagValues(timer.body(), "operation"))).containsExactly("upgrade");
			assertThat(strings(tagValues(timer.body(), "outcome"))).containsExactly("success");
			Response pending = app.get("/actuator/metrics/retort.migrations.pending");
			assertThat(measurement(pending.body(), "VALUE")).isEqualTo(0.0);
			Response lock = app.get("/actuator/metrics/retort.lock.wait");
			assertThat(lock.status()).isEqualTo(200);
			assertThat(measurement(lock.body(), "COUNT")).isEqualTo(1.0);
			assertThat(strings(tagValues(lock.body(), "outcome"))).containsExactly("acquired");
		}
	}

	@Test
	void aWaitForTheLockThatTimedOutIsScrapedApartFromTheWaitsThatGotIt(TestDatabase db) throws Exception {
		try (Connection job = db.connect(); Statement statement = job.createStatement()) {
			// A migration Job (or another instance) holds the lock for longer than this instance waits.
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("public", "retort_version", "retort_history")) + ")");
			try (RunningApplication app = RunningApplication.start(LivesOnApplication.class, db,
					"retort.lock.wait-timeout=300ms", "management.endpoints.web.exposure.include=prometheus")) {
				assertThat(lockWaitLines(app)).contains("retort_lock_wait_seconds_count{outcome=\"timed_out\"} 1")
					.noneMatch((line) -> line.contains("outcome=\"acquired\""));
				assertThat(lockWaitSeconds(app, "sum", "timed_out")).isGreaterThanOrEqualTo(0.3);
				assertThat(db.tableExists("beverages")).isFalse();
				statement.execute("SELECT pg_advisory_unlock_all()");
				// The next run takes the lock: its wait is a series of its own, the timed-out one stays.
				app.context().getBean(Retort.class).upgrade("heads");
				assertThat(lockWaitLines(app)).contains("retort_lock_wait_seconds_count{outcome=\"acquired\"} 1",
						"retort_lock_wait_seconds_count{outcome=\"timed_out\"} 1");
				assertThat(lockWaitSeconds(app, "sum", "acquired")).isLessThan(0.3);
			}
		}
	}

	private static List<String> lockWaitLines(RunningApplication app) {
		// Micrometer writes a count as 1 or 1.0 depending on its version: compare the number only.
		return app.text("/actuator/prometheus")
			.lines()
			.filter((line) -> line.startsWith("retort_lock_wait_seconds"))
			.map((line) -> line.replaceAll(" (\\d+)\\.0$", " $1"))
			.toList();
	}

	private static double lockWaitSeconds(RunningApplication app, String statistic, String outcome) {
		String prefix = "retort_lock_wait_seconds_" + statistic + "{outcome=\"" + outcome + "\"} ";
		return Double.parseDouble(lockWaitLines(app).stream()
			.filter((line) -> line.startsWith(prefix))
			.findFirst()
			.orElseThrow()
			.substring(prefix.length()));
	}

	/** An application that serves when its startup migration could not take the lock (docs/spring-boot.md, Metrics). */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LivesOnApplication {

		@Bean
		RetortMigrationStrategy upgradeUnlessLocked() {
			return (retort) -> {
				try {
					retort.upgrade("heads");
				}
				catch (LockTimeoutException ex) {
					// Served as it is: the migrations health contributor reads OUT_OF_SERVICE while revisions are pending.
				}
			};
		}

	}

	@Test
	void validateModeRefusesToStartOnADatabaseThatIsBehind(TestDatabase db) {
		assertThatException().isThrownBy(() -> RunningApplication.start(db, "retort.on-startup=validate"))
			.havingRootCause()
			.isInstanceOf(DatabaseBehindException.class)
			.withMessageContaining("2 revision(s) are pending (aaaa00000001, aaaa00000002)");
		assertThat(db.tableExists("beverages")).isFalse();
	}

	@Test
	void aDedicatedMigrationUserOwnsTheSchemaWhileTheApplicationUserReadsIt(TestDatabase db) {
		String migrator = "migrator_" + db.name();
		String reader = "reader_" + db.name();
		db.execute("CREATE ROLE " + migrator + " LOGIN PASSWORD 'ddl'", "CREATE ROLE " + reader + " LOGIN PASSWORD 'dml'",
				"GRANT CREATE ON DATABASE " + db.name() + " TO " + migrator,
				"GRANT CREATE, USAGE ON SCHEMA public TO " + migrator, "GRANT USAGE ON SCHEMA public TO " + reader,
				"ALTER DEFAULT PRIVILEGES FOR ROLE " + migrator + " IN SCHEMA public GRANT SELECT ON TABLES TO "
						+ reader);
		try (RunningApplication app = RunningApplication.start(db, "spring.datasource.username=" + reader,
				"spring.datasource.password=dml", "retort.user=" + migrator, "retort.password=ddl")) {
			assertThat(db.queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'beverages'"))
				.containsExactly(migrator);
			JsonNode body = app.get("/actuator/migrations").body();
			assertThat(body.get("history").get(0).get("appliedBy").asString()).isEqualTo(migrator);
			assertThat(body.get("upToDate").asBoolean()).isTrue();
		}
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	private static double measurement(JsonNode metric, String statistic) {
		return metric.get("measurements")
			.valueStream()
			.filter((each) -> each.get("statistic").asString().equals(statistic))
			.findFirst()
			.orElseThrow()
			.get("value")
			.asDouble();
	}

	private static JsonNode tagValues(JsonNode metric, String tag) {
		return metric.get("availableTags")
			.valueStream()
			.filter((each) -> each.get("tag").asString().equals(tag))
			.findFirst()
			.orElseThrow()
			.get("values");
	}

}
