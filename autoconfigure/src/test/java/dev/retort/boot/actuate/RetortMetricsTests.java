package dev.retort.boot.actuate;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.retort.Retort;
import dev.retort.command.MigrationListener;
import dev.retort.runtime.LockWaitStoppedException;
import dev.retort.runtime.MigrationLock;
import dev.retort.runtime.TableNames;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RetortMetrics} times every wait for the migration lock, however it ended.
 */
@ExtendWith(PostgresExtension.class)
class RetortMetricsTests {

	@Test
	void aWaitForTheLockEndedByAShutdownIsTimedApartFromTheWaitsThatGotItOrTimedOut(TestDatabase db) throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		AtomicInteger asked = new AtomicInteger();
		// What the starter's shutdown hook makes its step logger answer: stop, here at the second try.
		MigrationListener shutdown = new MigrationListener() {
			@Override
			public boolean stopWaitingForLock() {
				return asked.incrementAndGet() > 1;
			}
		};
		Retort retort = Retort.configure().dataSource(db.dataSource()).load()
			.withListener(MigrationListener.all(List.of(new RetortMetrics(registry), shutdown)));
		try (Connection other = db.connect(); Statement statement = other.createStatement()) {
			// Another instance migrates and holds the lock.
			statement.execute("SELECT pg_advisory_lock("
					+ MigrationLock.key(new TableNames("public", "retort_version", "retort_history")) + ")");
			assertThatExceptionOfType(LockWaitStoppedException.class).isThrownBy(() -> retort.upgrade("heads"));
		}
		Timer stopped = registry.find("retort.lock.wait").tag("outcome", "stopped").timer();
		assertThat(stopped).as("the wait a shutdown ended, as an operator sees a rollout's waits").isNotNull();
		assertThat(stopped.count()).isEqualTo(1);
		assertThat(stopped.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
		assertThat(registry.find("retort.lock.wait").timers()).as("neither acquired nor timed out").hasSize(1);
	}

}
