package dev.retort.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordLiteralsTests {

	@Test
	void everyFormOfAPasswordConstantIsMasked() {
		assertThat(PasswordLiterals.mask("CREATE ROLE app LOGIN PASSWORD 'S3cret!' VALID UNTIL 'infinity'"))
			.isEqualTo("CREATE ROLE app LOGIN PASSWORD '***' VALID UNTIL 'infinity'");
		assertThat(PasswordLiterals.mask("alter user app with encrypted password 'it''s'"))
			.isEqualTo("alter user app with encrypted password '***'");
		assertThat(PasswordLiterals.mask("ALTER ROLE app PASSWORD E'a\\'b' LOGIN"))
			.isEqualTo("ALTER ROLE app PASSWORD '***' LOGIN");
		assertThat(PasswordLiterals.mask("ALTER ROLE app PASSWORD $pw$x'y$pw$ LOGIN"))
			.isEqualTo("ALTER ROLE app PASSWORD '***' LOGIN");
		assertThat(PasswordLiterals.mask("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password 'S3cret')"))
			.isEqualTo("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password '***')");
		assertThat(PasswordLiterals.mask("SELECT dblink_connect('host=db user=app password=S3cret dbname=app')"))
			.isEqualTo("SELECT dblink_connect('host=db user=app password=*** dbname=app')");
	}

	@Test
	void aPasswordConstantInsideAnotherConstantIsMaskedWhole() {
		assertThat(PasswordLiterals.mask("DO $$ BEGIN EXECUTE 'CREATE ROLE app LOGIN PASSWORD ''S3c''''ret'' VALID UNTIL ''infinity'''; END $$"))
			.isEqualTo("DO $$ BEGIN EXECUTE 'CREATE ROLE app LOGIN PASSWORD ''***'' VALID UNTIL ''infinity'''; END $$");
		assertThat(PasswordLiterals.mask("SELECT dblink_connect('host=db password=''S3c ret'' dbname=app')"))
			.isEqualTo("SELECT dblink_connect('host=db password=*** dbname=app')");
		assertThat(PasswordLiterals.mask("CREATE SUBSCRIPTION s CONNECTION 'host=db password=S3cret' PUBLICATION p"))
			.isEqualTo("CREATE SUBSCRIPTION s CONNECTION 'host=db password=***' PUBLICATION p");
		assertThat(PasswordLiterals.mask("SELECT dblink_connect('postgresql://app:S3c%40ret@db:5432/app')"))
			.isEqualTo("SELECT dblink_connect('postgresql://app:***@db:5432/app')");
	}

	@Test
	void aPasswordConstantTheTextCutsShortIsMaskedToItsEnd() {
		assertThat(PasswordLiterals.mask("CREATE ROLE app LOGIN PASSWORD 'S3cr")).isEqualTo("CREATE ROLE app LOGIN PASSWORD '***'");
		assertThat(PasswordLiterals.mask("ALTER ROLE app PASSWORD $pw$S3cr")).isEqualTo("ALTER ROLE app PASSWORD '***'");
		assertThat(PasswordLiterals.mask("ALTER ROLE app PASSWORD 'S3cret' VALID UNTIL 'infin"))
			.isEqualTo("ALTER ROLE app PASSWORD '***' VALID UNTIL 'infin");
	}

	@Test
	void statementsWithoutAPasswordConstantStayAsWritten() {
		assertThat(PasswordLiterals.mask("ALTER ROLE app PASSWORD NULL")).isEqualTo("ALTER ROLE app PASSWORD NULL");
		assertThat(PasswordLiterals.mask("ALTER TABLE users ADD COLUMN password text"))
			.isEqualTo("ALTER TABLE users ADD COLUMN password text");
		assertThat(PasswordLiterals.mask("UPDATE users SET password = 'reset' WHERE id = 1"))
			.isEqualTo("UPDATE users SET password = 'reset' WHERE id = 1");
		assertThat(PasswordLiterals.mask(null)).isNull();
	}

	@Test
	void theLiteralIsMaskedWhereAMessageQuotesIt() {
		assertThat(PasswordLiterals.mask("syntax error at or near \"'S3cret!'\"", "ALTER ROLE PASSWORD 'S3cret!'"))
			.isEqualTo("syntax error at or near \"'***'\"");
	}

}
