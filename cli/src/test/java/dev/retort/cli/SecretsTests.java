package dev.retort.cli;

import org.junit.jupiter.api.Test;

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
