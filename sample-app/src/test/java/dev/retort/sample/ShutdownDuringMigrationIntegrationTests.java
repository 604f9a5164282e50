package dev.retort.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import dev.retort.sample.SampleJar.Server;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a revision runs at startup: Spring Boot closes the context only once its refresh
 * has ended, so the process seems deaf to it; the log must say so while it waits, and the
 * database must end at a revision that finished.
 */
class ShutdownDuringMigrationIntegrationTests {

	/** The advisory lock the slow revision waits for: the test holds it until the signal is logged. */
	private static final long GATE = 4_242_001;

	@Test
	void aSigtermWhileARevisionRunsIsLoggedAndTheMigrationEndsCleanly(@TempDir Path revisions) throws Exception {
		Files.writeString(revisions.resolve("e2e2e2e2e2e2_wait_at_the_gate.sql"), """
				-- Wait at the gate
				--
				-- Revision ID: e2e2e2e2e2e2
				-- Revises: c7d3e9a1f4b6
				-- Create Date: 2026-11-27 00:00:00

				-- +upgrade
				CREATE TABLE gated (id integer);
				SELECT pg_advisory_xact_lock(%d);

				-- +downgrade
				DROP TABLE gated;
				""".formatted(GATE));
		TestDatabase db = TestPostgres.freshDatabase();
		try (Connection gate = db.connect(); Statement statement = gate.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + GATE + ")");
			Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
					db.user(), "SPRING_DATASOURCE_PASSWORD", db.password(), "RETORT_LOCATIONS",
					"classpath:db/revisions,filesystem:" + revisions,
					// The gate is a lock: waiting at it must not end in 'retort.ddl.lock-timeout'.
					"RETORT_DDL_LOCK_TIMEOUT", "10m");
			try (Server app = new Server(env)) {
				app.awaitLog("Running upgrade 5e8f1b2c7d90 -> c7d3e9a1f4b6");
				awaitWaitingAtTheGate(db);
				app.terminate();
				app.awaitLog("Shutdown requested while 'upgrade c7d3e9a1f4b6 -> e2e2e2e2e2e2, Wait at the gate' runs");
				statement.execute("SELECT pg_advisory_unlock(" + GATE + ")");
				app.awaitExit();
				assertThat(app.log()).contains("Upgraded database from <base> to [e2e2e2e2e2e2] in 6 step(s)")
					// Not "finishes starting": Spring Boot may cancel the rest of the start instead.
					.contains("the migration runs to its end, then the application stops (Spring Boot either finishes"
							+ " starting it first or cancels the rest of its start)");
			}
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("e2e2e2e2e2e2");
			assertThat(db.tableExists("gated")).isTrue();
		}
		finally {
			db.drop();
		}
	}

	private static void awaitWaitingAtTheGate(TestDatabase db) throws InterruptedException {
		String waiting = "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + GATE;
		long deadline = System.nanoTime() + 180_000_000_000L;
		while (db.queryStrings(waiting).isEmpty()) {
			assertThat(System.nanoTime()).as("the slow revision waits at the gate").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
