package dev.retort.boot.slice;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code @DataJpaTest} slice migrates the application's {@code @Component} Java revisions too. */
@DataJpaTest(properties = "coffee.default-origin=Kenya")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class RetortDataJpaTestBeanRevisionTests {

	private static final TestDatabase db = TestPostgres.freshDatabase();

	@Autowired
	private JdbcTemplate jdbcTemplate;

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
			.containsExactly("Kenya");
	}

}
