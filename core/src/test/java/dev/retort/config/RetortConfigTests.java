package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The table and schema names Retort writes into its own SQL unquoted: a name that is not a plain
 * PostgreSQL identifier is refused with the property it came from, before anything connects.
 */
class RetortConfigTests {

	@ParameterizedTest
	@ValueSource(strings = { "retort_version", "_v", "Alembic_Version", "v$2",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij123" })
	void acceptsPlainIdentifiers(String name) {
		RetortConfig config = RetortConfig.builder().schema(name).versionTable(name).historyTable(name).build();
		assertThat(config.versionTable()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1version", "$v", "bad name", "app.version", "version;drop", "versión",
			"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij1234" })
	void refusesAnythingElseNamingTheProperty(String name) {
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> RetortConfig.builder().versionTable(name).build())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION))
			.withMessage("Invalid value '" + name + "' for 'version-table': use a PostgreSQL identifier of letters,"
					+ " digits and underscores (at most 63 characters).");
		assertThatExceptionOfType(RetortException.class)
			.isThrownBy(() -> RetortConfig.builder().historyTable(name).build())
			.withMessageContaining("'history-table'");
	}

}
