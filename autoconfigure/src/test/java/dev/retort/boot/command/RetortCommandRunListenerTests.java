package dev.retort.boot.command;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetortCommandRunListener}: which starts are commands, what reaches the command,
 * and how the application is quietened. The full round trip (a process, its stdout and exit code)
 * is the sample app's {@code InAppCommandsIntegrationTests}.
 */
class RetortCommandRunListenerTests {

	@Test
	void onlyAFirstArgumentRetortIsACommand() {
		assertThat(RetortCommandRunListener.isCommand(new String[] { "retort", "current" })).isTrue();
		assertThat(RetortCommandRunListener.isCommand(new String[] { "retort" })).isTrue();
		assertThat(RetortCommandRunListener.isCommand(new String[] { "serve", "retort" })).isFalse();
		assertThat(RetortCommandRunListener.isCommand(new String[] { "--server.port=0" })).isFalse();
		assertThat(RetortCommandRunListener.isCommand(new String[0])).isFalse();
		assertThat(RetortCommandRunListener.isCommand(null)).isFalse();
	}

	@Test
	void springArgumentsBeforeRetortStillMakeACommand() {
		// 'java -jar app.jar --spring.profiles.active=prod retort current' must not serve and migrate.
		String[] args = { "--spring.profiles.active=prod", "--debug", "retort", "current", "--format", "json" };
		assertThat(RetortCommandRunListener.isCommand(args)).isTrue();
		assertThat(RetortCommandRunListener.commandArgs(args)).containsExactly("current", "--format", "json");
	}

	@Test
	void springArgumentsConfigureTheApplicationAndAreNotPassedToTheCommand() {
		assertThat(RetortCommandRunListener.commandArgs(new String[] { "retort", "upgrade", "--spring.profiles.active=prod",
				"heads", "--format", "json" }))
			.containsExactly("upgrade", "heads", "--format", "json");
	}

	@Test
	void everyPropertyArgumentConfiguresTheApplicationAndIsNotPassedToTheCommand() {
		// As for any Boot application: '--retort.schema=app' or '--logging.level.root=info' set properties.
		assertThat(RetortCommandRunListener.commandArgs(new String[] { "retort", "current", "--retort.schema=app",
				"--logging.level.dev.retort=info", "--retort.lock.wait-timeout=1m", "--location=db.revisions",
				"--format", "json" }))
			.containsExactly("current", "--location=db.revisions", "--format", "json");
	}

	@Test
	void aCommandStartsNoWebServerNoBannerAndNothingAtStartup() {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.SERVLET);
		RetortCommandRunListener listener = new RetortCommandRunListener(application,
				new String[] { "retort", "current" });
		assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.NONE);
		StandardEnvironment environment = new StandardEnvironment();
		listener.environmentPrepared(null, environment);
		assertThat(environment.getProperty("retort.on-startup")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo(Banner.Mode.OFF.name().toLowerCase());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("logging.level.root")).isEqualTo("warn");
		assertThat(environment.getProperty("spring.jpa.hibernate.ddl-auto")).isEqualTo("none");
		assertThat(environment.getProperty("spring.jpa.properties.hibernate.hbm2ddl.auto")).isEqualTo("none");
		assertThat(environment.getProperty("spring.sql.init.mode")).isEqualTo("never");
		// Both starters on the class path while a service moves from Flyway or Liquibase: Retort's
		// initializer waits for theirs, which would migrate the database under a read-only command.
		assertThat(environment.getProperty("spring.flyway.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.liquibase.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access"))
			.isEqualTo("false");
	}

	@Test
	void aCommandOfAnApplicationProcessedAheadOfTimeKeepsItsWebContextAndListensOnNoPort() {
		// The generated bean definitions hold the web beans the build found; in a context that is not a
		// web one, a servlet application's fail with 'No ServletContext set' and no command runs.
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			SpringApplication application = new SpringApplication();
			application.setWebApplicationType(WebApplicationType.SERVLET);
			RetortCommandRunListener listener = new RetortCommandRunListener(application,
					new String[] { "retort", "current" });
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new MapPropertySource("application",
					Map.of("server.port", "8080", "management.server.port", "8081")));
			listener.environmentPrepared(null, environment);
			assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.SERVLET);
			assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
			assertThat(environment.getProperty("server.port")).isEqualTo("-1");
			assertThat(environment.getProperty("management.server.port")).isEqualTo("-1");
			assertThat(environment.getProperty("retort.on-startup")).isEqualTo("none");
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	@Test
	void aCommandSaysWhomItWaitsForUnlessQuietAndLetsTheApplicationSayOtherwise() {
		StandardEnvironment talking = commandEnvironment("retort", "upgrade", "heads");
		assertThat(talking.getProperty("logging.level.dev.retort.runtime.MigrationLock")).isEqualTo("info");
		assertThat(talking.getProperty("logging.level.dev.retort.runtime.ConnectionFactory")).isEqualTo("info");
		assertThat(commandEnvironment("retort", "upgrade", "-q").getProperty("logging.level.dev.retort.runtime.MigrationLock"))
			.isNull();
		assertThat(commandEnvironment("retort", "-vq", "upgrade").getProperty("logging.level.dev.retort.runtime.MigrationLock"))
			.isNull();
		StandardEnvironment configured = new StandardEnvironment();
		configured.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("application",
				java.util.Map.of("logging.level.dev.retort.runtime.MigrationLock", "error")));
		new RetortCommandRunListener(new SpringApplication(), new String[] { "retort", "upgrade" })
			.environmentPrepared(null, configured);
		assertThat(configured.getProperty("logging.level.dev.retort.runtime.MigrationLock")).isEqualTo("error");
	}

	private static StandardEnvironment commandEnvironment(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		new RetortCommandRunListener(new SpringApplication(), args).environmentPrepared(null, environment);
		return environment;
	}

	@Test
	void anOrdinaryStartIsLeftAlone() {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(WebApplicationType.SERVLET);
		RetortCommandRunListener listener = new RetortCommandRunListener(application, new String[] { "--debug" });
		StandardEnvironment environment = new StandardEnvironment();
		listener.environmentPrepared(null, environment);
		assertThat(application.getWebApplicationType()).isEqualTo(WebApplicationType.SERVLET);
		assertThat(environment.getPropertySources().contains("retortCommand")).isFalse();
	}

}
