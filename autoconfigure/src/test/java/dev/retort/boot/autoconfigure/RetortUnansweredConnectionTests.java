package dev.retort.boot.autoconfigure;

import java.util.concurrent.TimeUnit;

import dev.retort.runtime.ConnectionFailedException;
import dev.retort.runtime.UnansweredConnection;
import dev.retort.testing.SilentPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start whose pool (Hikari) cannot reach the database and is not refused either: a host that
 * drops the packets, or a server that takes the connection and never answers. The failure says
 * what the command line says (the URL's host and port, what did not happen, the bound that ended
 * it and where it is set, what to check), in the exception the health contributor and the endpoint
 * show as in the failure analysis, and never the password, given in the URL and in
 * 'spring.datasource.password'.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetortUnansweredConnectionTests {

	private static final String URL_PASSWORD = "Url-s3cret-4d2";

	private static final String PROPERTY_PASSWORD = "Pr0p-s3cret-9b7";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RetortAutoConfiguration.class))
		.withPropertyValues("spring.datasource.username=app", "spring.datasource.password=" + PROPERTY_PASSWORD,
				"spring.datasource.hikari.connection-timeout=3000");

	@Test
	void aHostThatDropsThePacketsIsNamedWithTheConnectTimeoutAndWhatToCheck() throws Exception {
		try (SilentPort dropping = SilentPort.dropping()) {
			String url = "jdbc:postgresql://127.0.0.1:" + dropping.port() + "/coffee?connectTimeout=1&password="
					+ URL_PASSWORD;
			// The pool's first connection, and one of a pool that started without connecting: Hikari's
			// "Connection is not available, request timed out" keeps the driver's failure as its cause.
			for (String start : new String[] { "spring.datasource.hikari.initialization-fail-timeout=1",
					"spring.datasource.hikari.initialization-fail-timeout=-1" }) {
				this.contextRunner.withPropertyValues("spring.datasource.url=" + url, start).run((context) -> {
					ConnectionFailedException failed = failure(context.getStartupFailure());
					assertThat(failed.unanswered()).as(start).contains(UnansweredConnection.NOT_OPENED);
					assertThat(failed.getMessage()).as(start)
						.startsWith("Could not connect to 'jdbc:postgresql://127.0.0.1:" + dropping.port() + "/coffee?")
						.contains("the TCP connection to 127.0.0.1:" + dropping.port()
								+ " did not open within the connect timeout (1 s, connectTimeout of the URL). Nothing "
								+ "answered at that address: check the host and the port of the URL, and that no firewall")
						.doesNotContain("Check that the database is running");
					if (start.endsWith("=-1")) {
						// The pool's words stay: they say how long it waited.
						assertThat(failed.getMessage()).contains(" - Connection is not available, request timed out after ");
					}
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).as(start).contains(failed.getMessage());
					assertThat(analysis.getAction()).as(start)
						.startsWith("Nothing answered at the address named above, not even to refuse: check the host "
								+ "and the port of the URL ('spring.datasource.url', or 'retort.url'), and that no "
								+ "firewall or security group drops the traffic from here to it")
						.contains("connectTimeout (seconds, 10 by default) for the TCP connect",
								"'spring.datasource.hikari.connection-timeout' (30 s by default)")
						.doesNotContain("retort.connect-retries");
				});
			}
		}
	}

	@Test
	void aServerThatTakesTheConnectionAndNeverAnswersIsNamedWithTheLoginTimeoutThatEndedIt() throws Exception {
		try (SilentPort accepting = SilentPort.accepting()) {
			String base = "jdbc:postgresql://127.0.0.1:" + accepting.port() + "/coffee?password=" + URL_PASSWORD;
			// Longer than the TCP connect's own bound: the connection opened, and the login is what waited.
			this.contextRunner.withPropertyValues("spring.datasource.url=" + base + "&connectTimeout=1&loginTimeout=2")
				.run((context) -> {
					ConnectionFailedException failed = failure(context.getStartupFailure());
					assertThat(failed.unanswered()).contains(UnansweredConnection.NOT_ANSWERED);
					assertThat(failed.getMessage())
						.contains(": Connection attempt timed out: the TCP connection to 127.0.0.1:" + accepting.port()
								+ " opened, but the server did not complete the login within the login timeout (2 s, "
								+ "loginTimeout of the URL). The server took the connection and did not answer: it, or a"
								+ " pooler in front of it, is hung or overloaded")
						.doesNotContain("Check that the database is running");
					assertThat(analyze(context.getStartupFailure()).getAction())
						.startsWith("The TCP connection opened and nothing answered on it: the server, or a pooler in "
								+ "front of it, is hung or overloaded, or the port leads to a forward or a tunnel with "
								+ "nothing behind it: check that psql reaches the same host and port.")
						.contains("loginTimeout (seconds, none by default) for the connect and the login together")
						.doesNotContain("retort.connect-retries");
				});
			// Within the TCP connect's own 10 s, the driver's words cannot tell which of the two did not happen.
			this.contextRunner.withPropertyValues("spring.datasource.url=" + base + "&loginTimeout=1").run((context) -> {
				ConnectionFailedException failed = failure(context.getStartupFailure());
				assertThat(failed.unanswered()).contains(UnansweredConnection.EITHER);
				assertThat(failed.getMessage())
					.contains(": Connection attempt timed out: no connection to 127.0.0.1:" + accepting.port()
							+ " opened and completed the login within the login timeout (1 s, loginTimeout of the URL), "
							+ "which is not longer than the TCP connect's own (connectTimeout, 10 s): either may not "
							+ "have completed. Nothing answered at that address (check the host and the port");
				assertThat(analyze(context.getStartupFailure()).getAction()).startsWith("Either nothing answered at the "
						+ "address named above (check the host and the port of the URL ('spring.datasource.url', or "
						+ "'retort.url')");
			});
			assertThat(accepting.accepted()).isPositive();
		}
	}

	/** Core's exception, whose message the health contributor and the endpoint show; never with a password. */
	private static ConnectionFailedException failure(Throwable startupFailure) {
		assertThat(startupFailure).isNotNull();
		Throwable cause = startupFailure;
		while (!(cause instanceof ConnectionFailedException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(ConnectionFailedException.class);
		assertThat(cause.getMessage()).doesNotContain(URL_PASSWORD, PROPERTY_PASSWORD);
		return (ConnectionFailedException) cause;
	}

	private static FailureAnalysis analyze(Throwable startupFailure) {
		FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(startupFailure);
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(URL_PASSWORD, PROPERTY_PASSWORD);
		return analysis;
	}

}
