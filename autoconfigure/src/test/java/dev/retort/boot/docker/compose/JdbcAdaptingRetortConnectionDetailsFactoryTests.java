package dev.retort.boot.docker.compose;

import dev.retort.boot.autoconfigure.RetortConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcAdaptingRetortConnectionDetailsFactory}: a Docker Compose PostgreSQL service
 * becomes the connection migrations use.
 */
class JdbcAdaptingRetortConnectionDetailsFactoryTests {

	@Test
	void adaptsEveryDetailOfTheComposeService() {
		RetortConnectionDetails details = new JdbcAdaptingRetortConnectionDetailsFactory()
			.getConnectionDetails(new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return "coffee";
				}

				@Override
				public String getPassword() {
					return "secret";
				}

				@Override
				public String getJdbcUrl() {
					return "jdbc:postgresql://localhost:15432/coffee";
				}

			});
		assertThat(details.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:15432/coffee");
		assertThat(details.getUsername()).isEqualTo("coffee");
		assertThat(details.getPassword()).isEqualTo("secret");
		assertThat(details.getDriverClassName()).isEqualTo("org.postgresql.Driver");
	}

}
