package dev.retort.boot.actuate;

import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/env} and {@code /actuator/configprops} of a running application whose operators
 * turned {@code show-values} on: Spring Boot then masks nothing by its key, so Retort's own
 * credentials ({@code retort.password}, the password in {@code retort.url}) are masked by the
 * starter.
 */
@ExtendWith(PostgresExtension.class)
class RetortCredentialsInActuatorTests {

	private static final String PASSWORD = "Sekr3t-PW-9x";

	private static final String URL_PASSWORD = "p@ss:w/rd%20?&=;";

	private static final String URL_PASSWORD_ENCODED = "p%40ss%3Aw%2Frd%2520%3F%26%3D%3B";

	@Test
	void envAndConfigpropsWithShowValuesAlwaysShowRetortsUrlWithoutItsPassword(TestDatabase db) {
		// The test server trusts every login: the passwords are sent and ignored, the start succeeds.
		String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "password=" + URL_PASSWORD_ENCODED;
		try (RunningApplication app = RunningApplication.start(db, "retort.url=" + url,
				"retort.user=" + db.user(), "retort.password=" + PASSWORD, "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always")) {
			for (String path : new String[] { "/actuator/env", "/actuator/configprops" }) {
				String body = app.text(path);
				assertThat(body).as(path).contains("password=***").doesNotContain(PASSWORD)
					.doesNotContain(URL_PASSWORD_ENCODED)
					.doesNotContain(URL_PASSWORD);
			}
			assertThat(app.text("/actuator/env/retort.url")).contains(db.jdbcUrl().replaceFirst("\\?.*", ""));
		}
	}

	@Test
	void envWithShowValuesAlwaysMasksAUserInfoPasswordOfRetortsUrl(TestDatabase db) {
		String url = db.jdbcUrl().replaceFirst("^jdbc:postgresql://", "postgresql://" + db.user() + ":" + PASSWORD + "@")
			.replaceFirst("\\?.*", "");
		try (RunningApplication app = RunningApplication.start(db, "retort.url=" + url,
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always")) {
			assertThat(app.text("/actuator/env")).contains(db.user() + ":***@").doesNotContain(PASSWORD);
			assertThat(app.text("/actuator/configprops")).contains(db.user() + ":***@").doesNotContain(PASSWORD);
		}
	}

}
