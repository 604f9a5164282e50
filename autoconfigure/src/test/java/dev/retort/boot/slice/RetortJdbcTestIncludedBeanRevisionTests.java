package dev.retort.boot.slice;

import dev.retort.script.Migration;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice that already includes the revision beans itself (what the documentation advised before
 * slices included them) keeps working: they are not registered twice.
 */
@JdbcTest(includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Migration.class))
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class RetortJdbcTestIncludedBeanRevisionTests {

	private static final TestDatabase db = TestPostgres.freshDatabase();

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", db::user);
		registry.add("spring.datasource.password", db::password);
	}

	@AfterAll
	static void dropDatabase() {
		db.drop();
	}

	@Test
	void theIncludedRevisionBeanIsTheOnlyOne() {
		assertThat(this.context.getBeanNamesForType(Migration.class)).containsExactly("addOrigin");
		assertThat(this.jdbcTemplate.queryForList("SELECT origin FROM beverages", String.class))
			.containsExactly("unknown");
	}

}
