package dev.retort.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import dev.retort.error.ErrorCode;
import dev.retort.testing.PasswordServer;
import dev.retort.testing.PasswordServer.Login;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Logins on a server that asks for a password ({@link PasswordServer}), as production servers
 * do: what each refusal says to do, that waiting for a refusal is never tried, and that the
 * password appears in no message and no row.
 */
class PasswordAuthenticationTests {

	private static final String PASSWORD = "B4nk-S3cr3t!";

	private static RevisionFiles oneRevision(Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE ledger (id int);", "DROP TABLE ledger;");
		return files;
	}

	private static ConnectionFailedException connectAs(Login login, String user, String password, Path dir) {
		Retort retort = Retort.configure()
			.url(login.jdbcUrl())
			.user(user)
			.password(password)
			.locations(oneRevision(dir).location())
			// A refusal is final: were it retried, the message would say "(after 2 retries)".
			.connectRetries(2)
			.connectRetriesInterval(Duration.ofMillis(10))
			.load();
		return catchThrowableOfType(ConnectionFailedException.class, () -> retort.upgrade("heads"));
	}

	@Test
	void aWrongScramPasswordIsRefusedWithAdviceAndNeverQuoted(@TempDir Path dir) {
		Login login = PasswordServer.login("scram_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), "Wr0ng-" + PASSWORD, dir);
		assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
		assertThat(error.refusal()).contains(ConnectionRefusal.PASSWORD_REFUSED);
		assertThat(error.getMessage())
			.contains("password authentication failed for user \"" + login.role() + "\"")
			.endsWith(ConnectionRefusal.PASSWORD_REFUSED.advice())
			.doesNotContain(PASSWORD, "(after");
	}

	@Test
	void aWrongMd5PasswordIsRefusedTheSameWay(@TempDir Path dir) {
		Login login = PasswordServer.login("md5_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), "Wr0ng-" + PASSWORD, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.PASSWORD_REFUSED);
		assertThat(error.getMessage()).doesNotContain(PASSWORD, "(after");
	}

	@Test
	void aWrongPasswordThatIsPartOfAWordOfTheMessageLeavesThatWordAlone(@TempDir Path dir) {
		// The password 'postgres' of many a development setup: masked anywhere, it made the URL
		// 'jdbc:******ql://…' and told the reader what the password was.
		Login login = PasswordServer.login("scram_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), "postgres", dir);
		assertThat(error.getMessage()).startsWith("Could not connect to '" + login.jdbcUrl() + "': ")
			.doesNotContain("******");
	}

	@Test
	void aMissingPasswordIsARefusalThatSaysToGiveOneNotAServerToWaitFor(@TempDir Path dir) {
		// pgjdbc's 08004 is a "connection exception" by its class: it was retried, then reported
		// with "Check that the database is running".
		Login login = PasswordServer.login("scram_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), null, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.PASSWORD_MISSING);
		assertThat(error.getMessage())
			.contains("The server requested SCRAM-based authentication, but no password was provided")
			.endsWith("The server is running and asks for a password, but none was given: give the connection's "
					+ "password (PGPASSWORD is not read: the driver is pgjdbc, not libpq; ~/.pgpass is).")
			.doesNotContain("(after", "Check that the database is running");
	}

	@Test
	void aPgHbaRejectionNamesTheUserAndPgHba(@TempDir Path dir) {
		Login login = PasswordServer.login("refused_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), PASSWORD, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.USER_REFUSED);
		assertThat(error.getMessage()).contains("pg_hba.conf rejects connection")
			.endsWith(ConnectionRefusal.USER_REFUSED.advice())
			.doesNotContain(PASSWORD);
	}

	@Test
	void aUserLetInOverSslOnlyIsToldAboutSslmode(@TempDir Path dir) {
		Login login = PasswordServer.login("ssl_", PASSWORD);
		ConnectionFailedException error = connectAs(login, login.role(), PASSWORD, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.NO_ENTRY_WITHOUT_SSL);
		assertThat(error.getMessage()).contains("no pg_hba.conf entry for host", "no encryption")
			.endsWith(ConnectionRefusal.NO_ENTRY_WITHOUT_SSL.advice())
			.contains("'sslmode=require'")
			.doesNotContain(PASSWORD);
	}

	@Test
	void thePasswordOfAUrlLogsInAndReachesNoRowOfTheHistory(@TempDir Path dir) {
		Login login = PasswordServer.login("scram_", PASSWORD);
		Retort retort = Retort.configure().url(login.userInfoUrl()).locations(oneRevision(dir).location()).load();
		retort.upgrade("heads");
		List<String> rows = new dev.retort.testing.TestDatabase(login.server(), login.role())
			.queryStrings("SELECT h::text FROM retort_history h");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).contains(login.role()).doesNotContain(PASSWORD, "B4nk");
	}

}
