package dev.retort.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

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

}
