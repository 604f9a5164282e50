package dev.retort.boot.slice;

import dev.retort.Retort;
import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @JdbcTest} slice migrates what the application migrates: its {@code @Component} Java
 * revisions too, which the slice's own scan leaves out, as a SQL file in {@code db/revisions} is
 * never left out.
 */
@JdbcTest(properties = "coffee.default-origin=Ethiopia")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class RetortJdbcTestBeanRevisionTests {

	private static final TestDatabase db = TestPostgres.freshDatabase();

	@Autowired
	private JdbcTemplate jdbcTemplate;

	@Autowired
	private Retort retort;

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
	void theSliceRunsTheComponentRevisionsOfTheApplication() {
		assertThat(this.jdbcTemplate.queryForList("SELECT origin FROM beverages", String.class))
			.containsExactly("Ethiopia");
		assertThat(this.jdbcTemplate.queryForList("SELECT version_num FROM retort_version", String.class))
			.containsExactly("aaaa00000003");
		// The slice's Retort (what a test gives the test kit) has the revision as the application's has.
		assertThat(this.retort.graph().get("aaaa00000003").origin().source()).isEqualTo(AddOrigin.class.getName());
	}

}
