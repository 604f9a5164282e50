package dev.retort.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that takes the TCP connection and never answers (a hung server, a stuck pooler, a
 * port-forward to nothing) ends the command after 'retort.connect-timeout', instead of keeping the
 * operator waiting without end; a URL's own loginTimeout or connectTimeout wins.
 */
@ExtendWith(PostgresExtension.class)
class ConnectTimeoutTests {

	@TempDir
	Path project;

	private ServerSocket silent;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	@BeforeEach
	void silentServer() throws IOException {
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.silent.isClosed()) {
				try {
					// Accepted, then never read from nor written to.
					this.accepted.add(this.silent.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterEach
	void close() throws IOException {
		this.silent.close();
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

	private String silentUrl(String parameters) {
		return "postgresql://app:pw-5f1e2d@127.0.0.1:" + this.silent.getLocalPort() + "/coffee" + parameters;
	}

	@Test
	@Timeout(60)
	void aServerThatNeverAnswersEndsTheCommandAfterTheConnectTimeoutSayingWhatToDo() {
		CliRun.Result result = CliRun.in(this.project)
			.env("RETORT_CONNECT_TIMEOUT", "1s")
			.run("--url", silentUrl(""), "current");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("ERROR: Could not connect to")
			// Within the driver's own 10 s for the TCP connect, either may have been slow: both are named.
			.contains("The server at 127.0.0.1:" + this.silent.getLocalPort()
					+ " did not open a connection and complete the login within 1 s (retort.connect-timeout,"
					+ " from environment variable RETORT_CONNECT_TIMEOUT): nothing answered at that address (check the"
					+ " host and the port, and that no firewall drops the traffic), or the server or a pooler in front"
					+ " of it is hung or overloaded")
			.contains("Connection settings used: the URL from --url")
			.doesNotContain("pw-5f1e2d");
		assertThat(this.accepted).isNotEmpty();
	}

	@Test
	@Timeout(60)
	void theJsonDocumentOfATimedOutConnectionHoldsTheSameMessage() {
		CliRun.Result result = CliRun.in(this.project)
			.env("RETORT_CONNECT_TIMEOUT", "1s")
			.run("--url", silentUrl(""), "--format", "json", "upgrade");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.out()).contains("complete the login within 1 s").contains("\"exitCode\": 1")
			.doesNotContain("pw-5f1e2d");
	}

	@Test
	void withoutASettingTheCommandLineBoundsTheLoginAt30Seconds() {
		// Nothing listens on port 1: refused at once, and the URL connected with is quoted.
		for (String command : List.of("current", "upgrade", "validate")) {
			CliRun.Result result = CliRun.in(this.project)
				.run("--url", "postgresql://app:pw-5f1e2d@127.0.0.1:1/coffee", command);
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
			assertThat(result.err()).as(command)
				.contains("'jdbc:postgresql://127.0.0.1:1/coffee?loginTimeout=30'")
				.doesNotContain("pw-5f1e2d");
		}
	}

	@Test
	@Timeout(60)
	void theUrlsOwnLoginTimeoutWinsOverTheSetting() {
		// An hour from the environment, one second from the URL: the URL's bound ends the wait.
		CliRun.Result result = CliRun.in(this.project)
			.env("RETORT_CONNECT_TIMEOUT", "1h")
			.run("--url", silentUrl("?loginTimeout=1"), "current");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("/coffee?loginTimeout=1': Connection attempt timed out")
			.doesNotContain("retort.connect-timeout")
			.doesNotContain("pw-5f1e2d");
	}

	@Test
	void theUrlsOwnConnectTimeoutIsLeftAlone() {
		// A bound of its own on the socket's connect: the command line adds none over it.
		CliRun.Result result = CliRun.in(this.project).run("--url", "postgresql://app@127.0.0.1:1/coffee?connectTimeout=60",
				"current");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("'jdbc:postgresql://127.0.0.1:1/coffee?connectTimeout=60'");
	}

	@Test
	void zeroLeavesTheWaitUnbounded() {
		CliRun.Result result = CliRun.in(this.project).env("RETORT_CONNECT_TIMEOUT", "0")
			.run("--url", "postgresql://app@127.0.0.1:1/coffee", "current");
		assertThat(result.err()).contains("'jdbc:postgresql://127.0.0.1:1/coffee'");
	}

	@Test
	void aValueThatIsNoDurationIsRefusedNamingWhereItWasSet() {
		CliRun.Result result = CliRun.in(this.project).env("RETORT_CONNECT_TIMEOUT", "soon")
			.run("--url", "postgresql://app@127.0.0.1:1/coffee", "current");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).startsWith("ERROR: Invalid value 'soon' for 'retort.connect-timeout' (environment):");
	}

	@Test
	void aNormalConnectionIsUnaffected(TestDatabase db) {
		Revisions.in(this.project.resolve("src/main/resources/db/revisions"))
			.write("ae1027a6acf3", "", "create coffee logs", "CREATE TABLE coffee_logs (id serial PRIMARY KEY);", null);
		CliRun cli = CliRun.in(this.project)
			.env("RETORT_CONNECT_TIMEOUT", "5s")
			.env("SPRING_DATASOURCE_URL", db.jdbcUrl())
			.env("SPRING_DATASOURCE_USERNAME", db.user())
			.env("SPRING_DATASOURCE_PASSWORD", db.password());
		CliRun.Result upgrade = cli.run("upgrade");
		assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
		CliRun.Result current = cli.run("current");
		assertThat(current.exitCode()).as(current.toString()).isZero();
		assertThat(current.out()).isEqualTo("ae1027a6acf3 (head)\n");
	}

}
