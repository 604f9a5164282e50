package dev.retort.boot.autoconfigure;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.error.RetortException;
import dev.retort.testing.PasswordServer;
import dev.retort.testing.PasswordServer.Login;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter on a server that asks for passwords ({@link PasswordServer}), with the separate
 * DDL role of SPEC §6 ({@code retort.user} on the application's DataSource): what it owns, and
 * what a refused login says, never quoting a password.
 */
class RetortPasswordServerTests {

	private static final String APP_PASSWORD = "App-S3cr3t!";

	private static final String DDL_PASSWORD = "Ddl-S3cr3t!";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RetortAutoConfiguration.class));

	/** The application's role, in its own database, and a DDL role that may create in its public schema. */
	private static Login[] appAndDdlRoles() {
		Login app = PasswordServer.login("scram_", APP_PASSWORD);
		Login ddl = PasswordServer.login("scram_", DDL_PASSWORD);
		TestDatabase appDatabase = new TestDatabase(app.server(), app.role());
		appDatabase.execute("GRANT CREATE, USAGE ON SCHEMA public TO " + ddl.role(),
				"ALTER DEFAULT PRIVILEGES FOR ROLE " + ddl.role() + " IN SCHEMA public GRANT SELECT, INSERT, UPDATE, "
						+ "DELETE ON TABLES TO " + app.role());
		return new Login[] { app, ddl };
	}

	private static String[] applicationDataSource(Login app) {
		return new String[] { "spring.datasource.url=" + app.jdbcUrl(), "spring.datasource.username=" + app.role(),
				"spring.datasource.password=" + APP_PASSWORD };
	}

	@Test
	void aDdlRoleOnTheApplicationsUrlOwnsWhatTheRevisionsCreate() {
		Login[] roles = appAndDdlRoles();
		Login app = roles[0];
		Login ddl = roles[1];
		this.contextRunner.withPropertyValues(applicationDataSource(app))
			.withPropertyValues("retort.user=" + ddl.role(), "retort.password=" + DDL_PASSWORD)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TestDatabase db = new TestDatabase(app.server(), app.role());
				assertThat(db.queryStrings("SELECT relname || ' ' || pg_get_userbyid(relowner) FROM pg_class"
						+ " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1"))
					.containsExactly("beverages " + ddl.role(), "retort_history " + ddl.role(),
							"retort_version " + ddl.role());
				assertThat(db.queryStrings("SELECT applied_by FROM retort_history")).containsOnly(ddl.role());
				assertThat(db.queryStrings("SELECT has_table_privilege('" + app.role() + "', 'beverages', 'INSERT')"))
					.containsExactly("t");
			});
	}

	@Test
	void aRetortUrlsPasswordParameterReachesTheDriverAsAPropertyNotInTheUrlItLogs() {
		// pgjdbc logs the URL it is given ("Connecting with URL: …" at DEBUG): a password left in
		// the URL's query was logged whole, where 'retort --url' sends it as a property.
		Login[] roles = appAndDdlRoles();
		Login app = roles[0];
		Login ddl = roles[1];
		this.contextRunner.withPropertyValues(applicationDataSource(app))
			.withPropertyValues("retort.url=" + app.jdbcUrl() + "?user=" + ddl.role() + "&password=" + DDL_PASSWORD
					+ "&connectTimeout=5")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TestDatabase db = new TestDatabase(app.server(), app.role());
				assertThat(db.queryStrings("SELECT applied_by FROM retort_history")).containsOnly(ddl.role());
				DataSource migrations = context.getBean(Retort.class).config().dataSource();
				assertThat(((DelegatingDataSource) migrations).getTargetDataSource())
					.isInstanceOfSatisfying(SimpleDriverDataSource.class, (driver) -> {
						assertThat(driver.getUrl()).isEqualTo(app.jdbcUrl() + "?connectTimeout=5");
						assertThat(driver.getUsername()).isEqualTo(ddl.role());
					});
			});
	}

	@Test
	void aDdlRoleOnAnApplicationUrlThatHoldsItsUserAndPasswordLogsInAsTheDdlRole() {
		// pgjdbc reads the URL's user= and password= over the connection's properties: copied into the
		// DDL role's connection, they made it log in as the application's role, 'retort.user' ignored.
		Login[] roles = appAndDdlRoles();
		Login app = roles[0];
		Login ddl = roles[1];
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + app.jdbcUrl() + "?user=" + app.role() + "&password=" + APP_PASSWORD)
			.withPropertyValues("retort.user=" + ddl.role(), "retort.password=" + DDL_PASSWORD)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TestDatabase db = new TestDatabase(app.server(), app.role());
				assertThat(db.queryStrings("SELECT applied_by FROM retort_history")).containsOnly(ddl.role());
				assertThat(db.queryStrings("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'beverages'"))
					.containsExactly(ddl.role());
				DataSource migrations = context.getBean(Retort.class).config().dataSource();
				assertThat(((DelegatingDataSource) migrations).getTargetDataSource())
					.isInstanceOfSatisfying(SimpleDriverDataSource.class,
							(driver) -> assertThat(driver.getUrl()).isEqualTo(app.jdbcUrl()));
			});
	}

	@Test
	void aDdlRoleWithoutItsOwnPasswordIsSaidToHaveTriedTheApplicationsOne() {
		// Boot's Flyway and Liquibase send the application's password for a user alone too.
		Login[] roles = appAndDdlRoles();
		this.contextRunner.withPropertyValues(applicationDataSource(roles[0]))
			.withPropertyValues("retort.user=" + roles[1].role())
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RetortException.class);
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("as user '" + roles[1].role() + "' (retort.user: a role of its own on the URL of the "
							+ "application's DataSource, with the password of the application's DataSource since "
							+ "'retort.password' is not set): FATAL: password authentication failed for user \""
							+ roles[1].role() + "\"")
					.doesNotContain("S3cr3t");
				assertThat(analysis.getAction()).contains("'retort.password'").doesNotContain("S3cr3t");
			});
	}

	@Test
	void aConnectionDetailsBeanGivingOnlyAUserIsSentToThatBeanWhenTheApplicationsPasswordIsRefused() {
		// The application's own bean, for its DDL role: the application's password is sent for that role, as
		// for 'retort.user' alone; the action named 'spring.datasource.username' and 'retort.user' instead.
		Login[] roles = appAndDdlRoles();
		RetortConnectionDetails ddlRole = new RetortConnectionDetails() {

			@Override
			public String getUsername() {
				return roles[1].role();
			}

			@Override
			public String getPassword() {
				return null;
			}

			@Override
			public String getJdbcUrl() {
				return null;
			}

		};
		this.contextRunner.withPropertyValues(applicationDataSource(roles[0]))
			.withBean(RetortConnectionDetails.class, () -> ddlRole)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("as user '" + roles[1].role() + "' (the user of the RetortConnectionDetails bean: a role"
							+ " of its own on the URL of the application's DataSource, with the password of the "
							+ "application's DataSource since the bean gives none): FATAL: password authentication "
							+ "failed for user \"" + roles[1].role() + "\"")
					.doesNotContain("S3cr3t");
				assertThat(analysis.getAction()).startsWith("Check the user and password of the connection named above "
						+ "(the user and password the RetortConnectionDetails bean gives: the application's own bean; "
						+ "'spring.datasource.username' and 'retort.user' do not apply to it; when it gives no password, "
						+ "'spring.datasource.password' is sent)")
					.doesNotContain("'retort.password'")
					.doesNotContain("S3cr3t");
			});
	}

	@Test
	void aWrongDdlPasswordIsRefusedWithTheActionAndNeverQuoted() {
		Login[] roles = appAndDdlRoles();
		this.contextRunner.withPropertyValues(applicationDataSource(roles[0]))
			.withPropertyValues("retort.user=" + roles[1].role(), "retort.password=Wr0ng-S3cr3t")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("password authentication failed")
					.doesNotContain("with the password of the application's DataSource")
					.doesNotContain("S3cr3t");
				// The DDL role's properties, not 'spring.datasource.username' first: the application's login is fine.
				assertThat(analysis.getAction()).startsWith("Check the user and password of the connection named above "
						+ "('retort.user' and 'retort.password'; without 'retort.password', 'spring.datasource.password' "
						+ "is sent)")
					.endsWith("'retort.connect-retries' would not help.");
				assertThat(context.getStartupFailure()).satisfies((failure) -> {
					java.io.StringWriter trace = new java.io.StringWriter();
					failure.printStackTrace(new java.io.PrintWriter(trace));
					assertThat(trace.toString()).doesNotContain("S3cr3t");
				});
			});
	}

	@Test
	void aMissingPasswordIsToldWhichPropertySetsIt() {
		Login app = PasswordServer.login("scram_", APP_PASSWORD);
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + app.jdbcUrl(), "spring.datasource.username=" + app.role(),
					"retort.connect-retries=3", "retort.connect-retries-interval=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no password was provided").doesNotContain("retries)");
				assertThat(analysis.getAction()).startsWith("Give the password of the connection named above: "
						+ "'spring.datasource.password', or 'retort.password' with 'retort.user'");
			});
	}

}
