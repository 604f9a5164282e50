package dev.retort.boot.jpa;

import java.util.ArrayList;
import java.util.List;

import dev.retort.testing.TestDatabase;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A Spring Boot application with Hibernate and Spring Data JPA as most users run it: the
 * {@link Beverage} entity, its repository, and {@code ddl-auto=validate}, so Hibernate refuses
 * to start on a schema it does not find. The only {@code @SpringBootConfiguration} of its
 * package, so {@code @DataJpaTest} finds it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class JpaApplication {

	/**
	 * The application on a test database, ready to {@code run()}.
	 * @param db the database of {@code spring.datasource.*}
	 * @param properties more properties, such as {@code retort.schema=cafe}
	 * @return a builder for the application
	 */
	public static SpringApplicationBuilder on(TestDatabase db, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + db.jdbcUrl(),
				"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
				"spring.jpa.hibernate.ddl-auto=validate", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(JpaApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new));
	}

}
