package dev.retort.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTests {

	@Test
	void passwordsWrittenInUrlsAreMasked() {
		assertThat(Secrets.scrubUrl("Connection to postgresql://app:s3cret@db:5432/app refused"))
			.isEqualTo("Connection to postgresql://app:***@db:5432/app refused");
		assertThat(Secrets.scrubUrl("jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/app?user=app&password=***&ssl=true");
	}

	@Test
	void aPasswordWithAnUnencodedSlashOrAtIsMaskedWhole() {
		assertThat(Secrets.scrubUrl("Invalid database URL 'postgresql://app:pa/ss@w@db:5432/app' (--url)"))
			.isEqualTo("Invalid database URL 'postgresql://app:***@db:5432/app' (--url)");
	}

	@Test
	void aPasswordSettingQuotedFromAConfigurationFileIsMasked() {
		assertThat(Secrets.scrubConfigText("in 'reader', line 4, column 25:\n        password: hunter2: oops\n  ^"))
			.isEqualTo("in 'reader', line 4, column 25:\n        password: ***\n  ^");
		assertThat(Secrets.scrubConfigText("spring.datasource.password = hunter2")).isEqualTo("spring.datasource.password = ***");
	}

	@Test
	void aKnownPasswordIsMaskedAnywhereInAUrl() {
		Secrets secrets = new Secrets();
		secrets.add("pa;ss");
		assertThat(secrets.url("jdbc:postgresql://db/app?options=pa;ss")).isEqualTo("jdbc:postgresql://db/app?options=***");
		assertThat(secrets.url(null)).isNull();
	}

	@Test
	void retortsOwnMessageKeepsItsWordsButNotTheDriverTextItQuotes() {
		Secrets secrets = new Secrets();
		secrets.add("retort");
		SQLException driver = new SQLException("FATAL: no pg_hba.conf entry, tried retort");
		RetortException ex = new RetortException(ErrorCode.CONNECTION_FAILED,
				"Could not connect: FATAL: no pg_hba.conf entry, tried retort. Run 'retort current' when it is up.", driver);
		assertThat(secrets.message(ex, ex.getMessage()))
			.isEqualTo("Could not connect: FATAL: no pg_hba.conf entry, tried ***. Run 'retort current' when it is up.");
		assertThat(secrets.message(driver, driver.getMessage())).isEqualTo("FATAL: no pg_hba.conf entry, tried ***");
	}

	@Test
	void aStackTraceKeepsItsFramesAndMasksItsMessages() {
		Secrets secrets = new Secrets();
		secrets.add("retort");
		RetortException ex = new RetortException(ErrorCode.RUNTIME, "'retort upgrade' failed",
				new IllegalStateException("password retort rejected"));
		StringWriter trace = new StringWriter();
		secrets.printStackTrace(ex, new PrintWriter(trace, true));
		assertThat(trace.toString()).startsWith("dev.retort.error.RetortException: 'retort upgrade' failed\n\tat dev.retort.cli.")
			.contains("Caused by: java.lang.IllegalStateException: password *** rejected\n\tat dev.retort.cli.SecretsTests");
	}

	@Test
	void aCircularChainOfCausesEnds() {
		Secrets secrets = new Secrets();
		secrets.add("hunter2");
		IllegalStateException driver = new IllegalStateException("tried hunter2");
		RetortException ex = new RetortException(ErrorCode.RUNTIME, "Failed: tried hunter2", driver);
		driver.initCause(ex);
		assertThat(secrets.message(ex, ex.getMessage())).isEqualTo("Failed: tried ***");
		StringWriter trace = new StringWriter();
		secrets.printStackTrace(ex, new PrintWriter(trace, true));
		assertThat(trace.toString()).contains("[CIRCULAR REFERENCE: dev.retort.error.RetortException]")
			.doesNotContain("hunter2");
	}

	@Test
	void knownPasswordsAreMaskedAnywhereAsWholeWords() {
		Secrets secrets = new Secrets();
		secrets.add("postgres");
		secrets.add("p@ss word");
		assertThat(secrets.scrub("FATAL: password authentication failed; tried postgres on postgresql://h/db"))
			.isEqualTo("FATAL: password authentication failed; tried *** on postgresql://h/db");
		assertThat(secrets.scrub("value p@ss word and p%40ss+word")).isEqualTo("value *** and ***");
	}

	@Test
	void aPasswordInsideAnIdentifierIsNotAWholeWord() {
		Secrets secrets = new Secrets();
		secrets.add("retort");
		assertThat(secrets.scrub("INSERT INTO retort_version; UPDATE app_retort SET x = 'retort'"))
			.isEqualTo("INSERT INTO retort_version; UPDATE app_retort SET x = '***'");
	}

	@Test
	void emptyPasswordsAreIgnored() {
		Secrets secrets = new Secrets();
		secrets.add("");
		secrets.add(null);
		assertThat(secrets.scrub("nothing to hide")).isEqualTo("nothing to hide");
	}

}
