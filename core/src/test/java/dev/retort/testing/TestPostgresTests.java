package dev.retort.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(PostgresExtension.class)
class TestPostgresTests {

	@Test
	void eachTestGetsItsOwnEmptyDatabaseOnARealServer(TestDatabase first, TestDatabase second) {
		first.execute("CREATE TABLE only_here (id int)");
		assertThat(first.tableExists("only_here")).isTrue();
		assertThat(second.tableExists("only_here")).isFalse();
		assertThat(first.queryStrings("SELECT current_setting('server_version_num')").get(0)).startsWith("1");
		assertThat(first.name()).isNotEqualTo(second.name());
	}

	@Test
	void aServerTheTestsStartIsThePostgresqlMajorTheBuildAsksFor(TestDatabase database) {
		// -Dembedded-postgres-binaries.version=14.22.0 must test 14, on embedded binaries and on
		// Testcontainers alike; a server given by RETORT_TEST_JDBC_URL is whatever it is.
		assumeTrue(TestPostgres.serverIsStartedByTests(), "RETORT_TEST_JDBC_URL names the server");
		int versionNum = Integer.parseInt(database.queryStrings("SELECT current_setting('server_version_num')").get(0));
		assertThat(String.valueOf(versionNum / 10000)).isEqualTo(TestPostgres.requestedMajor());
	}

}
