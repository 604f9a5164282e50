package dev.retort.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;

import dev.retort.Retort;
import dev.retort.command.RevisionFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A server that offers SSL with a self-signed certificate for {@code localhost}, and URLs whose
 * {@code sslmode=verify-full} (or {@code verify-ca}) checks fail: each failure says what is
 * missing or wrong in the URL's SSL settings, rather than to check that the database is running,
 * and is not waited for.
 */
class SslVerificationTests {

	@TempDir
	static Path certificates;

	private static EmbeddedPostgres postgres;

	private static Path serverCertificate;

	private static Path otherCertificate;

	@BeforeAll
	static void startServerWithSsl() throws Exception {
		serverCertificate = certificates.resolve("server.crt");
		Path serverKey = certificates.resolve("server.key");
		selfSigned("localhost", serverCertificate, serverKey);
		otherCertificate = certificates.resolve("other.crt");
		selfSigned("other", otherCertificate, certificates.resolve("other.key"));
		postgres = EmbeddedPostgres.builder()
			.setServerConfig("ssl", "on")
			.setServerConfig("ssl_cert_file", serverCertificate.toString())
			.setServerConfig("ssl_key_file", serverKey.toString())
			.setServerConfig("fsync", "off")
			.start();
	}

	@AfterAll
	static void stop() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	/** A certificate and its key in PEM, as PostgreSQL reads them, made with the JDK's keytool. */
	private static void selfSigned(String host, Path certificate, Path key) throws Exception {
		Path keyStore = certificates.resolve(host + ".p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", host, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + host, "-validity",
				"2", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass",
				"changeit")
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes());
		assertThat(keytool.waitFor()).as(output).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, "changeit".toCharArray());
		}
		Certificate cert = store.getCertificate(host);
		Files.writeString(certificate, pem("CERTIFICATE", cert.getEncoded()));
		Files.writeString(key, pem("PRIVATE KEY", store.getKey(host, "changeit".toCharArray()).getEncoded()));
		// PostgreSQL refuses a key file that others may read.
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static ConnectionFailedException connect(String host, String parameters, Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE ledger (id int);", "DROP TABLE ledger;");
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://" + host + ":" + postgres.getPort() + "/postgres?" + parameters)
			.user("postgres")
			.locations(files.location())
			// Not worth waiting for: were it retried, the message would say "(after 2 retries)".
			.connectRetries(2)
			.connectRetriesInterval(Duration.ofMillis(10))
			.load();
		return catchThrowableOfType(ConnectionFailedException.class, () -> retort.upgrade("heads"));
	}

	@Test
	void verifyFullWithoutARootCertificateSaysWhichFileIsMissingAndHowToGiveOne(@TempDir Path dir) {
		Path missing = dir.resolve("no-such-root.crt");
		ConnectionFailedException error = connect("localhost", "sslmode=verify-full&sslrootcert=" + missing, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.ROOT_CERTIFICATE_MISSING);
		assertThat(error.getMessage()).contains("Could not open SSL root certificate file " + missing)
			.endsWith(ConnectionRefusal.ROOT_CERTIFICATE_MISSING.advice())
			.contains("'sslrootcert=/path/to/root.crt'", "~/.postgresql/root.crt")
			.doesNotContain("Check that the database is running", "(after");
	}

	@Test
	void verifyCaWithAnotherRootCertificateSaysItDidNotSignTheServers(@TempDir Path dir) {
		ConnectionFailedException error = connect("localhost", "sslmode=verify-ca&sslrootcert=" + otherCertificate, dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.SERVER_CERTIFICATE_UNTRUSTED);
		assertThat(error.getMessage()).endsWith(ConnectionRefusal.SERVER_CERTIFICATE_UNTRUSTED.advice())
			.doesNotContain("Check that the database is running", "(after");
	}

	@Test
	void verifyFullByAnotherHostNameSaysToUseTheCertificatesName(@TempDir Path dir) {
		ConnectionFailedException error = connect("127.0.0.1", "sslmode=verify-full&sslrootcert=" + serverCertificate,
				dir);
		assertThat(error.refusal()).contains(ConnectionRefusal.HOST_NAME_MISMATCH);
		assertThat(error.getMessage()).contains("could not be verified")
			.endsWith(ConnectionRefusal.HOST_NAME_MISMATCH.advice())
			.doesNotContain("Check that the database is running", "(after");
	}

	@Test
	void verifyFullWithTheRightRootCertificateConnects(@TempDir Path dir) {
		RevisionFiles files = new RevisionFiles(dir);
		files.write("aaaa00000001", null, "CREATE TABLE ledger (id int);", "DROP TABLE ledger;");
		Retort retort = Retort.configure()
			.url("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?sslmode=verify-full&sslrootcert="
					+ serverCertificate)
			.user("postgres")
			.locations(files.location())
			.load();
		assertThat(retort.upgrade("heads").to()).containsExactly("aaaa00000001");
	}

}
