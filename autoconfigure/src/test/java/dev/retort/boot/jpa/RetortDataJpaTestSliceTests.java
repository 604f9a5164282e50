package dev.retort.boot.jpa;

import dev.retort.testing.TestDatabase;
import dev.retort.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @DataJpaTest} slice on a real PostgreSQL runs the revisions before Hibernate validates
 * the schema, as Boot's Flyway and Liquibase support do in that slice: {@code @DataJpaTest}
 * includes {@code @AutoConfigureDataSourceInitialization}, which the starter contributes to.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class RetortDataJpaTestSliceTests {

	private static final TestDatabase db = TestPostgres.freshDatabase();

	@Autowired
	private BeverageRepository repository;

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
	void theRepositorySeesTheMigratedSchema() {
		assertThat(this.repository.findAll()).extracting(Beverage::getName).containsExactly("espresso");
	}

}
