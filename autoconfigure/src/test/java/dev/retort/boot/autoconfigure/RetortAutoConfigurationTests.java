package dev.retort.boot.autoconfigure;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.boot.command.RetortCommandRunListener;
import dev.retort.command.MigrationListener;
import dev.retort.config.RetortConfig;
import dev.retort.config.TransactionMode;
import dev.retort.error.RetortException;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.revision.Step;
import dev.retort.runtime.UnrecordedVersionRowsException;
import dev.retort.script.Revision;
import dev.retort.script.ScriptLoad;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link RetortAutoConfiguration}: every condition, back-off, connection branch and
 * property, on a real PostgreSQL database per test.
 */
@ExtendWith(PostgresExtension.class)
class RetortAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RetortAutoConfiguration.class));

	private static String[] dataSource(TestDatabase db) {
		return new String[] { "spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
				"spring.datasource.password=" + db.password() };
	}

	@Test
	void backsOffWithNoDataSourceBeanAndNoRetortUrl() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Retort.class)
				.doesNotHaveBean(RetortMigrationInitializer.class));
	}

	@Test
	void aBlankRetortUrlIsNotSetAndBacksOffWithNoDataSourceBean() {
		// RETORT_URL= (an env file's unfilled variable) is no URL, as retort.url's value already reads:
		// it must not start the auto-configuration only to fail for want of a DataSource.
		for (String blank : new String[] { "retort.url=", "retort.url= " }) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class))
				.withPropertyValues(blank)
				.run((context) -> assertThat(context).as(blank).hasNotFailed().doesNotHaveBean(Retort.class)
					.doesNotHaveBean(RetortMigrationInitializer.class));
		}
	}

	@Test
	void backsOffWithRetortUrlButNoSpringJdbc(TestDatabase db) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.jdbc"))
			.withPropertyValues("retort.url=" + db.jdbcUrl())
			.run((context) -> assertThat(context).doesNotHaveBean(Retort.class));
	}

	@Test
	void runsWhenOnlyJdbcConnectionDetailsAreDefined(TestDatabase db) {
		this.contextRunner.withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return db.user();
			}

			@Override
			public String getPassword() {
				return db.password();
			}

			@Override
			public String getJdbcUrl() {
				return db.jdbcUrl();
			}

		}).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Retort.class);
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
		});
	}

	@Test
	void migratesAtStartupWithLazyInitialization(TestDatabase db) {
		// spring.main.lazy-initialization=true: nothing asks for a JdbcTemplate during startup, as in
		// a web application whose controllers wait for their first request. The migration must not
		// wait with them (a readiness group with 'migrations' would never let that request in).
		this.contextRunner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(dataSource(db))
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tableExists("beverages")).isTrue();
				JdbcTemplate jdbcTemplate = context.getBean(JdbcTemplate.class);
				assertThat(jdbcTemplate.queryForList("SELECT name FROM beverages", String.class))
					.containsExactly("espresso");
			});
	}

	@Test
	void migrationListenerBeansHearEveryStep(TestDatabase db) {
		List<String> steps = new ArrayList<>();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(MigrationListener.class, () -> new MigrationListener() {

				@Override
				public void stepFinished(Step step, long durationMs, Throwable error) {
					steps.add(step.operation().jsonName() + " " + step.revision().id());
				}

			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(steps).containsExactly("upgrade aaaa00000001", "upgrade aaaa00000002");
			});
	}

	@Test
	void backsOffWhenDisabled(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(Retort.class);
			assertThat(db.tableExists("beverages")).isFalse();
		});
	}

	@Test
	void upgradesToHeadsAtStartupWithTheApplicationDataSource(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Retort.class).hasSingleBean(RetortMigrationInitializer.class);
			assertThat(context.getBean(Retort.class).config().dataSource()).isSameAs(context.getBean(DataSource.class));
			assertThat(db.queryStrings("SELECT name FROM beverages")).containsExactly("espresso");
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
		});
	}

	@Test
	void upgradesWithRetortUrlAloneWhenThereIsNoDataSource(TestDatabase db) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class))
			.withPropertyValues("retort.url=" + db.jdbcUrl(), "retort.user=" + db.user(),
					"retort.password=" + db.password())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Retort.class);
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
			});
	}

	@Test
	void withRetortUrlAndNoDataSourceADependsOnDatabaseInitializationBeanWaitsForTheMigration(TestDatabase db) {
		// An application without a JDBC DataSource (R2DBC, say): Boot knows none of its beans to use
		// the database, so the annotation is what makes one that reads at construction wait.
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RetortAutoConfiguration.class))
			.withPropertyValues("retort.url=" + db.jdbcUrl(), "retort.user=" + db.user(),
					"retort.password=" + db.password())
			.withBean(BeverageReader.class, () -> new BeverageReader(db.dataSource()))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class);
				assertThat(context.getBean(BeverageReader.class).names).containsExactly("espresso");
			});
	}

	@Test
	void retortUrlTakesPrecedenceOverTheApplicationDataSource(TestDatabase app, TestDatabase migrations) {
		this.contextRunner.withPropertyValues(dataSource(app))
			.withPropertyValues("retort.url=" + migrations.jdbcUrl(), "retort.user=" + migrations.user(),
					"retort.password=" + migrations.password())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(migrations.tableExists("beverages")).isTrue();
				assertThat(app.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void retortUserAloneDerivesAConnectionFromTheApplicationDataSource(TestDatabase db) {
		db.execute("CREATE ROLE retort_migrator_" + db.name() + " LOGIN PASSWORD 'secret'",
				"GRANT ALL ON SCHEMA public TO retort_migrator_" + db.name(),
				"GRANT CREATE ON DATABASE " + db.name() + " TO retort_migrator_" + db.name());
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.user=retort_migrator_" + db.name(), "retort.password=secret")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Retort.class).config().dataSource())
					.isNotSameAs(context.getBean(DataSource.class));
				assertThat(db.queryStrings("SELECT tableowner FROM pg_tables WHERE tablename = 'beverages'"))
					.containsExactly("retort_migrator_" + db.name());
			});
	}

	@Test
	void aRevisionWhoseEverySessionIsEndedAsByARestartIsRecordedInTheHistoryThroughThePool(TestDatabase db) {
		// A server restart ends every session: the pool's idle connections are dead too, and one used
		// less than half a second ago is handed out without a check. The row needs a live one.
		CompletableFuture<Void> ender = endOnceTheRevisionRuns(db, "datname = '" + db.name()
				+ "' AND pid <> pg_backend_pid()");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:revisions/ended-session")
			.run((context) -> {
				assertThat(context).hasFailed();
				ender.get(60, TimeUnit.SECONDS);
				assertThat(context.getStartupFailure()).cause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("The connection to the server was lost")
					.hasMessageNotContaining("No failure row could be written");
				assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history"))
					.containsExactly("cccc00000001 false");
			});
	}

	@Test
	void aRevisionWhoseSessionIsEndedIsRecordedInTheHistoryThroughThePool(TestDatabase db) {
		// HikariCP closes a connection it saw fail with 57P01, and its closed connection fails with
		// no SQLSTATE: the failure row once went to that closed connection, and was lost.
		CompletableFuture<Void> ender = endOnceTheRevisionRuns(db,
				"state = 'active' AND query LIKE 'DO $$%pg_sleep(0.05)%'");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:revisions/ended-session")
			.run((context) -> {
				assertThat(context).hasFailed();
				ender.get(60, TimeUnit.SECONDS);
				assertThat(context.getStartupFailure()).cause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("The connection to the server was lost")
					.hasMessageNotContaining("No failure row could be written");
				assertThat(db.queryStrings("SELECT revision || ' ' || success FROM retort_history"))
					.containsExactly("cccc00000001 false");
				assertThat(db.queryStrings("SELECT error FROM retort_history").get(0)).contains("[SQLSTATE 57P01]");
				assertThat(db.tableExists("never_kept")).isFalse();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).startsWith("The revision is not at fault")
					.contains("records the error")
					.doesNotContain("Fix the failing revision");
			});
	}

	/**
	 * Ends the sessions {@code which} selects (a condition on {@code pg_stat_activity}) once the
	 * revision of {@code revisions/ended-session} is running.
	 */
	private static CompletableFuture<Void> endOnceTheRevisionRuns(TestDatabase db, String which) {
		return CompletableFuture.runAsync(() -> {
			String waiting = "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'DO $$%pg_sleep(0.05)%'";
			while (db.queryStrings(waiting).isEmpty()) {
				Thread.onSpinWait();
			}
			db.server().adminExecute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE " + which);
		});
	}

	@Test
	void aDerivedDdlRoleThatCannotLogInIsNamedWithItsProperty(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.user=no_such_ddl_role", "retort.password=wr0ng-s3cret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("Could not connect to '" + db.jdbcUrl() + "' as user 'no_such_ddl_role'"
							+ " (retort.user: a role of its own on the URL of the application's DataSource)")
					.hasMessageNotContaining("the configured DataSource")
					.hasMessageNotContaining("wr0ng-s3cret");
				assertThat(new RetortFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.startsWith("Check the user of the connection named above ('retort.user'), and that the server's "
							+ "pg_hba.conf lets it connect from here.");
			});
	}

	@Test
	void aDatabaseNotCreatedYetIsNamedByThePoolsUrlAndTheActionIsToCheckTheUrlThenCreateItNotToRetry(TestDatabase db) {
		String missing = db.server().jdbcUrl(db.name() + "_not_created");
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + missing, "spring.datasource.username=" + db.user(),
					"spring.datasource.password=wr0ng-s3cret")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to '" + missing + "' as user '" + db.user()
							+ "' (the configured DataSource): FATAL: database \"" + db.name() + "_not_created\" does not exist")
					.doesNotContain("wr0ng-s3cret");
				assertThat(analysis.getAction()).startsWith("Check first that the URL of the connection named above"
						+ " ('spring.datasource.url', or 'retort.url') points at the right server and database")
					.contains("Only in a new environment, create it (CREATE DATABASE, or createdb).")
					.endsWith("The server is running and answered, so 'retort.connect-retries' would not help.")
					.doesNotContain("set or raise");
			});
	}

	@Test
	void aRoleTheServerDoesNotKnowIsToBeCheckedNotWaitedFor(TestDatabase db) {
		this.contextRunner
			.withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=no_such_role",
					"spring.datasource.password=wr0ng-s3cret")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to '" + db.jdbcUrl() + "' as user 'no_such_role' (the configured DataSource)")
					.doesNotContain("wr0ng-s3cret");
				assertThat(analysis.getAction()).startsWith("Check the user of the connection named above "
						+ "('spring.datasource.username', or 'retort.user'), and that the server's pg_hba.conf lets it "
						+ "connect from here.")
					.doesNotContain("set or raise");
			});
	}

	@Test
	void aServerThatCannotBeReachedIsStillToBeWaitedFor() {
		this.contextRunner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to 'jdbc:postgresql://127.0.0.1:1/nowhere' (the configured DataSource)");
				assertThat(analysis.getAction()).contains("set or raise 'retort.connect-retries'");
			});
	}

	@Test
	void aRetortUrlWithAPasswordParameterThatCannotLogInIsNamedWithItsPropertyAndNotThePassword(TestDatabase db) {
		// The password as a Helm chart may write it: in the URL's query, not in 'retort.password'.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.url=" + db.jdbcUrl() + "?user=no_such_ddl_role&password=wr0ng-s3cret")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("Could not connect to '" + db.jdbcUrl() + "' as user 'no_such_ddl_role' (retort.url): ")
					.hasMessageNotContaining("wr0ng-s3cret");
				// The user came from the URL: the action names it there, not 'spring.datasource.username' first.
				assertThat(new RetortFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.startsWith("Check the user of the connection named above ('retort.user', or the user in "
							+ "'retort.url'), and that the server's pg_hba.conf lets it connect from here.");
			});
	}

	@Test
	void aRetortUrlThatCannotBeParsedIsNotQuotedWithItsPassword(TestDatabase db) {
		// A password written raw, '%' and all (pgjdbc would say "Unable to parse URL <the whole URL>").
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.url=" + db.jdbcUrl() + "?user=no_such_ddl_role&password=Wr0ng@pw:%&q'x")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("Invalid database URL '" + db.jdbcUrl() + "?user=no_such_ddl_role&password=***' "
							+ "(retort.url): a '%' in the user, the password or a parameter must start an escape")
					.hasMessageNotContaining("Wr0ng")
					.hasMessageNotContaining("pw:%");
				StringWriter trace = new StringWriter();
				context.getStartupFailure().printStackTrace(new PrintWriter(trace));
				assertThat(trace.toString()).contains("(retort.url)").doesNotContain("Wr0ng");
			});
	}

	@Test
	void retortUrlAcceptsThePostgresqlFormTheCommandLineAccepts(TestDatabase app, TestDatabase migrations) {
		// DATABASE_URL's form, as 'retort --url' takes it: the credentials come from the URL.
		String url = "postgresql://" + migrations.user() + ":" + migrations.password() + "@"
				+ migrations.jdbcUrl().substring("jdbc:postgresql://".length());
		this.contextRunner.withPropertyValues(dataSource(app))
			.withPropertyValues("retort.url=" + url)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(migrations.tableExists("beverages")).isTrue();
				assertThat(app.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void aRetortUrlOfNoKnownFormIsRefusedNamingThePropertyAndNotThePassword(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.url=mysql://someone:wr0ng-s3cret@localhost/app")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(RetortException.class)
					.hasMessageContaining("(retort.url): write it as jdbc:postgresql://HOST:PORT/DATABASE or"
							+ " postgresql://HOST:PORT/DATABASE")
					.hasMessageNotContaining("wr0ng-s3cret");
			});
	}

	@Test
	void aRetortUrlWhoseHostIsASocketDirectoryStopsTheStartNamingTheTcpFormToWrite(TestDatabase db) {
		// As psql and Alembic's psycopg2 write it; pgjdbc connects over TCP only.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.url=postgresql://app:wr0ng-s3cret@/app?host=/var/run/postgresql")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("(retort.url): the host '/var/run/postgresql' is a"
						+ " directory of Unix-domain sockets")
					.contains("Give the server's TCP address instead, as postgresql://USER@localhost:5432/DATABASE")
					.doesNotContain("wr0ng-s3cret");
				assertThat(analysis.getAction()).isEqualTo("Fix the 'retort.*' property named above.");
			});
	}

	@Test
	void usesTheDataSourceQualifiedWithRetortDataSource(TestDatabase app, TestDatabase migrations) {
		this.contextRunner.withPropertyValues(dataSource(app))
			.withPropertyValues("test.migrations.url=" + migrations.jdbcUrl(), "test.migrations.user=" + migrations.user(),
					"test.migrations.password=" + migrations.password())
			.withUserConfiguration(RetortDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Retort.class).config().dataSource())
					.isInstanceOfSatisfying(DescribedMigrationDataSource.class, (described) -> assertThat(
							described.getTargetDataSource()).isSameAs(context.getBean("retortOwnDataSource")));
				// The bean itself is what Hibernate would ask about, not the wrapper that names it in failures.
				assertThat(context.getBean(SchemaManagementProvider.class)
					.getSchemaManagement(context.getBean("retortOwnDataSource", DataSource.class)))
					.isEqualTo(SchemaManagement.MANAGED);
				assertThat(migrations.tableExists("beverages")).isTrue();
				assertThat(app.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void aRetortDataSourceThatCannotLogInIsNamedAsThatBeanAndTheActionSendsToItsOwnConfiguration(TestDatabase app,
			TestDatabase migrations) {
		// The bean is built from the application's own properties, not from spring.datasource.* or
		// retort.*: naming it "the configured DataSource" and pointing at those sent the user to check
		// credentials that were right.
		this.contextRunner.withPropertyValues(dataSource(app))
			.withPropertyValues("test.migrations.url=" + migrations.jdbcUrl(), "test.migrations.user=no_such_ddl_role",
					"test.migrations.password=wr0ng-s3cret")
			.withUserConfiguration(PooledRetortDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to '" + migrations.jdbcUrl()
							+ "' as user 'no_such_ddl_role' (the @RetortDataSource bean)")
					.doesNotContain("the configured DataSource")
					.doesNotContain("wr0ng-s3cret");
				assertThat(analysis.getAction()).startsWith("Check the user of the connection named above (the user "
						+ "the @RetortDataSource bean is built with: 'spring.datasource.*' and 'retort.*' do not apply "
						+ "to it), and that the server's pg_hba.conf lets it connect from here.")
					.doesNotContain("'spring.datasource.username'")
					.doesNotContain("'retort.user'");
			});
	}

	@Test
	void aConnectionDetailsBeanThatCannotLogInIsNamedInTheAction(TestDatabase app, TestDatabase migrations) {
		// A Testcontainers or Docker Compose service connection: the action sent the reader to
		// 'spring.datasource.username', or 'retort.user', neither of which that connection reads.
		RetortConnectionDetails serviceConnection = new RetortConnectionDetails() {

			@Override
			public String getUsername() {
				return "no_such_container_role";
			}

			@Override
			public String getPassword() {
				return "wr0ng-s3cret";
			}

			@Override
			public String getJdbcUrl() {
				return migrations.jdbcUrl();
			}

		};
		this.contextRunner.withPropertyValues(dataSource(app))
			.withBean(RetortConnectionDetails.class, () -> serviceConnection)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to '" + migrations.jdbcUrl()
							+ "' as user 'no_such_container_role' (the RetortConnectionDetails bean)")
					.doesNotContain("wr0ng-s3cret");
				assertThat(analysis.getAction()).startsWith("Check the user of the connection named above (the user "
						+ "the RetortConnectionDetails bean gives: a Testcontainers or Docker Compose service connection,"
						+ " or the application's own bean; 'spring.datasource.*' and 'retort.*' do not apply to it), and"
						+ " that the server's pg_hba.conf lets it connect from here.")
					.doesNotContain("'spring.datasource.username'")
					.doesNotContain("'retort.user'");
			});
	}

	@Test
	void aConnectionDetailsBeanGivingOnlyAUserThatCannotLogInIsNamedInTheAction(TestDatabase db) {
		// The application's own bean, for a DDL role on the application's URL: the action sent the
		// reader to 'spring.datasource.username', or 'retort.user', neither of which that role is read from.
		RetortConnectionDetails ddlRole = new RetortConnectionDetails() {

			@Override
			public String getUsername() {
				return "no_such_bean_role";
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
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(RetortConnectionDetails.class, () -> ddlRole)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("Could not connect to '" + db.jdbcUrl() + "' as user 'no_such_bean_role' (the user of the "
							+ "RetortConnectionDetails bean: a role of its own on the URL of the application's DataSource,"
							+ " with the password of the application's DataSource since the bean gives none)");
				assertThat(analysis.getAction()).startsWith("Check the user of the connection named above (the user "
						+ "the RetortConnectionDetails bean gives: the application's own bean; 'spring.datasource.username'"
						+ " and 'retort.user' do not apply to it), and that the server's pg_hba.conf lets it connect from"
						+ " here.")
					.doesNotContain("'spring.datasource.username', or")
					.doesNotContain("'retort.user',");
			});
	}

	@Test
	void twoDataSourcesWithoutAPrimaryOneAreNamedRatherThanCalledMissing(TestDatabase one, TestDatabase two) {
		// Startup stops, as with Boot's Flyway ("Flyway migration DataSource missing"); the message
		// must say what is wrong (two candidates), not send the user looking for a missing one.
		this.contextRunner.withBean("ordersDataSource", DataSource.class, () -> simpleDataSource(one))
			.withBean("reportingDataSource", DataSource.class, () -> simpleDataSource(two))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("Retort cannot tell which DataSource to migrate: there are 2 "
							+ "(ordersDataSource, reportingDataSource) and none is @Primary")
					.hasMessageContaining("@RetortDataSource")
					.hasMessageNotContaining("missing");
				// Reported as Boot reports a missing bean, not as a stack trace.
				FailureAnalysis analysis = new MigrationDataSourceFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("Retort cannot tell which DataSource to migrate: there are 2"
						+ " (ordersDataSource, reportingDataSource) and none is @Primary.");
				assertThat(analysis.getAction()).isEqualTo("Qualify the one to migrate with @RetortDataSource, mark the"
						+ " application's main one @Primary, or set 'retort.url'.");
				StringBuilder factories = new StringBuilder();
				for (java.net.URL each : java.util.Collections
					.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
					try (java.io.InputStream in = each.openStream()) {
						factories.append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
					}
				}
				assertThat(factories).contains(MigrationDataSourceFailureAnalyzer.class.getName());
				assertThat(one.tableExists("beverages")).isFalse();
				assertThat(two.tableExists("beverages")).isFalse();
			});
	}

	private static DataSource simpleDataSource(TestDatabase db) {
		org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
		dataSource.setUrl(db.jdbcUrl());
		dataSource.setUser(db.user());
		dataSource.setPassword(db.password());
		return dataSource;
	}

	@Test
	void connectionDetailsBeanReplacesTheProperties(TestDatabase app, TestDatabase migrations) {
		this.contextRunner.withPropertyValues(dataSource(app))
			.withBean(RetortConnectionDetails.class, () -> new FixedConnectionDetails(migrations))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(migrations.tableExists("beverages")).isTrue();
				assertThat(app.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnRetort(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean("customRetort", Retort.class,
					() -> Retort.configure().dataSource(db.dataSource()).locations("classpath:db/revisions").load())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Retort.class).hasBean("customRetort");
				assertThat(context).doesNotHaveBean(RetortMigrationInitializer.class);
				assertThat(db.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void onStartupNoneLeavesTheDatabaseAlone(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.on-startup=none").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Retort.class);
			assertThat(db.tableExists("beverages")).isFalse();
		});
	}

	@Test
	void onStartupValidateRefusesADatabaseThatIsBehind(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.on-startup=validate").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(DatabaseBehindException.class)
				.hasMessageContaining("aaaa00000001, aaaa00000002");
			assertThat(db.tableExists("beverages")).isFalse();
		});
	}

	@Test
	void onStartupValidateWithABaselineCountsPendingOnlyWhatIsAboveIt(TestDatabase db) {
		// A schema another tool built: the upgrade would stamp aaaa00000001 and run aaaa00000002.
		db.execute("CREATE TABLE flyway_schema_history (installed_rank int)");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate", "retort.baseline=aaaa00000001")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("1 revision(s) are pending (aaaa00000002)");
				assertThat(db.tableExists("retort_version")).isFalse();
			});
	}

	@Test
	void onStartupValidateOnADatabaseWhoseMigrationFailedNamesTheFailureNotOnlyThePendingRevisions(TestDatabase db) {
		// The migration Job failed on bbbb00000002 and was rolled back; the new version's pods validate.
		Retort job = Retort.configure().dataSource(db.dataSource()).locations("classpath:revisions/failing").load();
		assertThatException().isThrownBy(() -> job.upgrade("heads"));
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate", "retort.locations=classpath:revisions/failing")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("1 revision(s) are pending (bbbb00000002)")
					.contains("The last migration failed on bbbb00000002 (Revision bbbb00000002 (")
					.contains("no_such_table")
					.doesNotContain("Upgrade the database before");
				assertThat(analysis.getAction()).startsWith("Fix what made revision bbbb00000002 fail")
					.contains("upgrade heads");
			});
	}

	@Test
	void onStartupValidateWithATargetStartsOnADatabaseAtTheTargetWhateverTheOtherBranchesHold(TestDatabase db) {
		// Production upgrades to one branch ('retort.target'); the other (development seed data, a
		// Liquibase context) is never applied there, so it is not owed.
		Retort.configure().dataSource(db.dataSource()).locations("classpath:revisions/two-heads").load()
			.upgrade("dddd00000002");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate", "retort.locations=classpath:revisions/two-heads",
					"retort.target=dddd00000002")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tableExists("rights")).isFalse();
			});
	}

	@Test
	void onStartupValidateWithATargetCountsPendingUpToItAndNamesItInTheAction(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).locations("classpath:revisions/two-heads").load()
			.upgrade("aaaa00000001");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate", "retort.locations=classpath:revisions/two-heads",
					"retort.target=dddd00000002")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("it is at aaaa00000001, 'retort.target' is dddd00000002, and 1 revision(s) are pending "
							+ "(dddd00000002)");
				// 'upgrade heads' would apply the branch this environment never takes.
				assertThat(analysis.getAction()).contains("retort upgrade dddd00000002'").doesNotContain("heads");
				assertThat(db.tableExists("lefts")).isFalse();
			});
	}

	@Test
	void onStartupValidateStartsOnADatabaseThatIsUpToDate(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void onStartupValidateStartsAnOlderVersionOnADatabaseANewerOneMigrated(TestDatabase db) {
		// A rolling deploy: the newer version's Job applied cccc00000003, which this version does not know.
		Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions", "classpath:revisions/newer")
			.load()
			.upgrade("heads");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void onStartupValidateRefusesAVersionWhoseOwnRevisionIsPendingBesideOneItDoesNotKnow(TestDatabase db) {
		// Not ahead: the version rolled back applied cccc00000003, and the next one dropped that file and
		// adds dddd00000003 instead. An upgrade refuses to move past cccc00000003; validate must not start
		// this version on a schema without its own revision.
		Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions", "classpath:revisions/newer")
			.load()
			.upgrade("heads");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate",
					"retort.locations=classpath:db/revisions,classpath:revisions/replaced")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RevisionsInvalidException.class)
				.hasMessageContaining("cccc00000003 is in retort_version but no revision file declares it"));
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cccc00000003");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anUpgradeAtStartupOnADatabaseANewerVersionMigratedSaysItIsAheadNotUpToDate(TestDatabase db,
			CapturedOutput output) {
		// A rolling deploy: the older version restarts after the newer one applied cccc00000003.
		Retort.configure()
			.dataSource(db.dataSource())
			.locations("classpath:db/revisions", "classpath:revisions/newer")
			.load()
			.upgrade("heads");
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Database is at [cccc00000003], ahead of this application's revisions: "
					+ "[cccc00000003] unknown here").doesNotContain("Database is up to date");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTrainingRunSaysThatItMigratesTheDatabaseAndHowToTrainWithoutDoingSo(TestDatabase db, CapturedOutput output)
			throws Exception {
		duringATrainingRun(() -> this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Training run (spring.context.exit=onRefresh, which creates a class data "
					+ "sharing archive or an AOT cache): 'retort.on-startup=upgrade' upgrades the database now, as at "
					+ "any start. Train with RETORT_ON_STARTUP=none to leave the database as it is (or to train "
					+ "without one)");
		}));
		// As Boot's Flyway and Liquibase initializers do in a training run: said, not skipped.
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aTrainingRunWithOnStartupNoneLeavesTheDatabaseAlone(TestDatabase db, CapturedOutput output)
			throws Exception {
		duringATrainingRun(() -> this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=none")
			.run((context) -> assertThat(context).hasNotFailed()));
		assertThat(output).doesNotContain("Training run");
		assertThat(db.tableExists("retort_version")).isFalse();
	}

	/**
	 * Runs with {@code spring.context.exit=onRefresh} set as a training run sets it. Spring reads it
	 * once, when {@link DefaultLifecycleProcessor} is initialized: initialized before, it does not
	 * end this JVM when the test's context is refreshed.
	 */
	private void duringATrainingRun(Runnable run) throws ClassNotFoundException {
		Class.forName(DefaultLifecycleProcessor.class.getName(), true, getClass().getClassLoader());
		SpringProperties.setProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME,
				DefaultLifecycleProcessor.ON_REFRESH_VALUE);
		try {
			run.run();
		}
		finally {
			SpringProperties.setProperty(DefaultLifecycleProcessor.EXIT_PROPERTY_NAME, null);
		}
	}

	@Test
	void anAlembicVersionTableAtAnIdNoFileDeclaresStopsTheStartBeforeAnythingRuns(TestDatabase db) {
		db.execute("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc"
				+ " PRIMARY KEY (version_num))", "INSERT INTO alembic_version (version_num) VALUES ('deadbeef1234')");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.version-table=alembic_version")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(UnrecordedVersionRowsException.class)
					.hasMessageContaining("would run every revision from base");
			});
		assertThat(db.queryStrings("SELECT version_num FROM alembic_version")).containsExactly("deadbeef1234");
		assertThat(db.tableExists("retort_history")).isFalse();
	}

	@Test
	void aHandWrittenVersionRowBesideKnownOnesStopsTheStartRatherThanReadingAsANewerVersion(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		// No file declares it and the history never recorded it: a newer version would have.
		db.execute("INSERT INTO retort_version VALUES ('fake')");
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(UnrecordedVersionRowsException.class)
				.hasMessageContaining("The database is at fake, which no revision file declares and the history does"
						+ " not record (another tool, such as Alembic, or a hand-written row put it in the version table)")
				.hasMessageContaining("'retort stamp --purge REV...'");
		});
		assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
			.containsExactly("aaaa00000002", "fake");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anUpgradeAtStartupWithNothingToDoSaysTheDatabaseIsUpToDate(TestDatabase db, CapturedOutput output) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Database is up to date at [aaaa00000002]").doesNotContain("ahead");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStartupThatFindsNoRevisionAtAllSaysSoRatherThanUpToDate(TestDatabase db, CapturedOutput output) {
		// A misspelt classpath: location contributes nothing and is no error: the log must not call that "up to date".
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:db/revisons")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("WARN")
					.contains("No revisions found in [classpath:db/revisons]: nothing to migrate. classpath:db/revisions"
							+ " holds 2 .sql file(s), the default location, which 'retort.locations' leaves out: fix it, or"
							+ " remove it to read classpath:db/revisions. If the application has revisions, check"
							+ " 'retort.locations' and 'retort.java-packages'")
					.doesNotContain("Database is up to date");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRevisionClassOfTheApplicationThatNoPackageScanIsNamedAtStartup(TestDatabase db, CapturedOutput output) {
		String application = dev.retort.boot.strays.AddMugs.class.getPackageName();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withInitializer((context) -> org.springframework.boot.autoconfigure.AutoConfigurationPackages
				.register((org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
						application))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("WARN")
					.contains("Java revisions that are never read: dev.retort.boot.strays.AddMugs carries @Revision,"
							+ " but no Java package is configured. Add dev.retort.boot.strays to retort.java-packages"
							+ " (--java-package), or move it into a scanned package.");
				assertThat(db.tableExists("mugs")).isFalse();
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRevisionClassOfTheApplicationIsFoundThroughTheMetadataSpringBootCachedForItsComponentScan(TestDatabase db,
			CapturedOutput output) {
		// What SpringApplication registers (SharedMetadataReaderFactoryContextInitializer, not public):
		// the scan reads the classes' metadata through it, so a start does not read them twice.
		String application = dev.retort.boot.strays.AddMugs.class.getPackageName();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean("org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory",
					org.springframework.core.type.classreading.MetadataReaderFactory.class,
					org.springframework.core.type.classreading.CachingMetadataReaderFactory::new)
			.withInitializer((context) -> org.springframework.boot.autoconfigure.AutoConfigurationPackages
				.register((org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
						application))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Java revisions that are never read: dev.retort.boot.strays.AddMugs carries"
						+ " @Revision, but no Java package is configured.");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void javaSourceAmongTheRevisionFilesIsNamedAtStartupAndTheSqlFilesStillRun(TestDatabase db, CapturedOutput output,
			@TempDir Path dir) throws IOException {
		// Written where the SQL files are, a Java revision is never compiled: the start must say so.
		Files.writeString(dir.resolve("first.sql"),
				"-- Mugs\n-- Revision ID: 5a1e00000001\n-- +upgrade\nCREATE TABLE mugs (id int);\n-- +downgrade\nDROP TABLE mugs;\n");
		Files.writeString(dir.resolve("AddCups.java"), "// a revision written where the SQL files are\n");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=filesystem:" + dir)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tableExists("mugs")).isTrue();
				assertThat(output).contains("WARN")
					.contains("Java source in a script location is never read: "
							+ dir.toAbsolutePath().normalize().resolve("AddCups.java")
							+ ". A script location holds *.sql files");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRevisionClassInAScannedPackageIsNotNamedButAPackageWithNoneIs(TestDatabase db, CapturedOutput output) {
		String application = dev.retort.boot.strays.AddMugs.class.getPackageName();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.java-packages=" + application + ",dev.retort.boot.strayz")
			.withInitializer((context) -> org.springframework.boot.autoconfigure.AutoConfigurationPackages
				.register((org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory(),
						application))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tableExists("mugs")).isTrue();
				assertThat(output).doesNotContain("never read")
					.contains("No Java revision was read from dev.retort.boot.strayz (retort.java-packages,"
							+ " --java-package): check the package name");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStartupThatFindsNoRevisionNamesFlywaysFolderWhenItHoldsSql(TestDatabase db, CapturedOutput output,
			@TempDir Path dir) throws IOException {
		// A team from Flyway puts its files in db/migration; the start goes on to Hibernate's 'missing table'.
		Files.createDirectories(dir.resolve("db/migration"));
		Files.writeString(dir.resolve("db/migration/V1__create_books.sql"), "CREATE TABLE books (id int);\n");
		try (URLClassLoader withFlywayFolder = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(withFlywayFolder)
				.withPropertyValues(dataSource(db))
				.withPropertyValues("retort.locations=classpath:db/none-here")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(output).contains("No revisions found in [classpath:db/none-here]: nothing to migrate."
							+ " classpath:db/revisions holds 2 .sql file(s), the default location, which 'retort.locations'"
							+ " leaves out: fix it, or remove it to read classpath:db/revisions."
							+ " classpath:db/migration holds 1 .sql file(s), Flyway's default location, which Retort does"
							+ " not read: put revision files in src/main/resources/db/revisions ('retort init' creates it;"
							+ " a Flyway V<n>__<description>.sql is converted first, see 'Coming from Flyway' in the"
							+ " Spring Boot documentation), or set 'retort.locations: classpath:db/migration' if they are"
							+ " Retort revisions. If the application has revisions, check 'retort.locations' and"
							+ " 'retort.java-packages'");
				});
		}
		assertThat(db.tableExists("books")).isFalse();
	}

	@Test
	void aMisspeltLocationUnderJavaRevisionsThatReviseSqlOnesNamesTheDefaultFolderInTheFailureReport(TestDatabase db) {
		// No Java revision: a warning names the folder. With one that revises a SQL revision, the graph breaks.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:db/revision")
			.withBean(AddBeverageSizes.class, AddBeverageSizes::new)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer(new org.springframework.mock.env.MockEnvironment()
					.withProperty("retort.locations", "classpath:db/revision")).analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("revises aaaa00000002, which does not exist")
					.contains("script location 'classpath:db/revision' holds no revision files (*.sql)");
				assertThat(analysis.getAction()).startsWith("classpath:db/revisions holds 2 .sql file(s), the default"
						+ " location, which 'retort.locations' leaves out: fix it, or remove it to read"
						+ " classpath:db/revisions. ");
			});
		assertThat(db.tableExists("beverages")).isFalse();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anUpgradeAtStartupOfAnEmptyDatabaseSaysItStartedFromBase(TestDatabase db, CapturedOutput output) {
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Upgraded database from <base> to [aaaa00000002] in 2 step(s)")
				.doesNotContain("from []");
		});
	}

	@Test
	void onStartupValidateStillRefusesAChangedRevisionOnADatabaseThatIsNotAhead(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		db.execute("UPDATE retort_history SET checksum = repeat('0', 64) WHERE revision = 'aaaa00000002'");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(RevisionsInvalidException.class)
				.hasMessageContaining("aaaa00000002")
				.hasMessageContaining("changed on disk"));
	}

	@Test
	void onStartupValidateAcceptsAChangedRevisionWhenChecksumsAreNotValidated(TestDatabase db) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("heads");
		db.execute("UPDATE retort_history SET checksum = repeat('0', 64) WHERE revision = 'aaaa00000002'");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=validate", "retort.validate-checksums=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void targetLimitsTheStartupUpgrade(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.target=aaaa00000001").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
			assertThat(db.queryStrings("SELECT count(*) FROM beverages")).containsExactly("0");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStartupThatReachedItsTargetShortOfTheHeadsDoesNotCallTheDatabaseUpToDate(TestDatabase db,
			CapturedOutput output) {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("aaaa00000001");
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.target=aaaa00000001").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Database is at [aaaa00000001]: nothing to upgrade for "
					+ "'retort.target=aaaa00000001'; 1 revision(s) are not applied, and the health contributor counts "
					+ "them pending").doesNotContain("up to date");
		});
	}

	@Test
	void migrationStrategyReplacesWhatStartupDoes(TestDatabase db) {
		List<Retort> seen = new ArrayList<>();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(RetortMigrationStrategy.class, () -> seen::add)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(seen).containsExactly(context.getBean(Retort.class));
				assertThat(db.tableExists("beverages")).isFalse();
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aStrategyThatMigratesEachTenantLogsEachStepWithItsSchema(TestDatabase db, CapturedOutput output) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(RetortMigrationStrategy.class, () -> (retort) -> {
				for (String tenant : List.of("tenant_01", "acme-corp")) {
					retort.forSchema(tenant).upgrade("aaaa00000001");
				}
			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Before, both tenants logged the very same line: 'Running upgrade <base> -> aaaa00000001, …'.
				assertThat(output).containsPattern("Running upgrade <base> -> aaaa00000001, [^\\n]* in schema tenant_01 \\(\\d+ ms\\)")
					.containsPattern("Running upgrade <base> -> aaaa00000001, [^\\n]* in schema \"acme-corp\" \\(\\d+ ms\\)");
			});
	}

	@Test
	void anInAppCommandRunsNeitherTheStartupUpgradeNorTheStrategy(TestDatabase db) {
		List<Retort> seen = new ArrayList<>();
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(RetortMigrationStrategy.class, () -> seen::add)
			.withInitializer((context) -> new RetortCommandRunListener(new SpringApplication(),
					new String[] { "retort", "current" })
				.environmentPrepared(null, context.getEnvironment()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(seen).isEmpty();
				assertThat(db.tableExists("beverages")).isFalse();
			});
	}

	@Test
	void revisionsReadBeforeTheContextExistsAreTakenOverByTheRetortBean(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withInitializer(RetortAutoConfigurationTests::startPreloading)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ScriptLoad started = context.getBean(RetortRevisionPreloader.BEAN_NAME, ScriptLoad.class);
				assertThat(context.getBean(Retort.class).scripts()).isSameAs(started.get());
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "retort.locations=classpath:revisions/two-heads , classpath:revisions/extra",
			"retort.locations[0]=classpath:revisions/two-heads;retort.locations[1]=classpath:revisions/extra" })
	void locationsGivenCommaSeparatedOrOneByOneAreReadBeforeTheContextToo(String locations, TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues(locations.split(";"))
			.withInitializer(RetortAutoConfigurationTests::startPreloading)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ScriptLoad started = context.getBean(RetortRevisionPreloader.BEAN_NAME, ScriptLoad.class);
				assertThat(context.getBean(Retort.class).scripts()).isSameAs(started.get());
				assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
					.containsExactly("dddd00000002", "eeee00000002", "ffff00000001");
			});
	}

	@Test
	void aCustomizerThatMovesTheLocationsIsNotServedTheRevisionsReadBeforeIt(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withInitializer(RetortAutoConfigurationTests::startPreloading)
			.withBean(RetortConfigurationCustomizer.class,
					() -> (builder) -> builder.locations("classpath:revisions/two-heads"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Retort.class).scripts())
					.isNotSameAs(context.getBean(RetortRevisionPreloader.BEAN_NAME, ScriptLoad.class).get());
				assertThat(db.queryStrings("SELECT version_num FROM retort_version ORDER BY 1"))
					.containsExactly("dddd00000002", "eeee00000002");
			});
	}

	@Test
	void nothingIsReadBeforeTheContextWhenRetortIsDisabled(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.enabled=false")
			.withInitializer(RetortAutoConfigurationTests::startPreloading)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.containsBean(RetortRevisionPreloader.BEAN_NAME)).isFalse();
				assertThat(context).doesNotHaveBean(Retort.class);
			});
	}

	/** What Spring Boot does with the run listener of spring.factories, on the runner's environment. */
	private static void startPreloading(ConfigurableApplicationContext context) {
		RetortRevisionPreloader preloader = new RetortRevisionPreloader(new SpringApplication(), new String[0]);
		preloader.environmentPrepared(null, context.getEnvironment());
		preloader.contextPrepared(context);
	}

	@Test
	void customizersAdjustTheConfigurationInOrder(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Retort.class).config().historyTable()).isEqualTo("second_history");
				assertThat(db.tableExists("second_history")).isTrue();
			});
	}

	@Test
	void migrationBeansAreJavaRevisionsOfTheSameGraph(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(AddBeverageSizes.class, AddBeverageSizes::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("cccc00000003");
				assertThat(db.tableExists("beverage_sizes")).isTrue();
			});
	}

	@Test
	void aMigrationBeanWithDependenciesMayLiveInAScannedPackage(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.java-packages=" + AddBeverageOrigins.class.getPackageName())
			.withBean(AddBeverageOrigins.class, () -> new AddBeverageOrigins("origins"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.tableExists("origins")).isTrue();
			});
	}

	@Test
	void jdbcTemplateWaitsForTheMigration(TestDatabase db) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(dataSource(db))
			.withUserConfiguration(QueryAtConstructionConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BeverageNames.class).names()).containsExactly("espresso");
				BeanDefinition jdbcTemplate = context.getBeanFactory().getBeanDefinition("jdbcTemplate");
				assertThat(jdbcTemplate.getDependsOn()).contains("retortInitializer");
			});
	}

	@Test
	void jdbcClientWaitsForTheMigration(TestDatabase db) {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
			.withPropertyValues(dataSource(db))
			.withUserConfiguration(JdbcClientAtConstructionConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BeverageNames.class).names()).containsExactly("espresso");
			});
	}

	@Test
	void dependsOnDatabaseInitializationBeansWaitForTheMigration(TestDatabase db) {
		// Only the annotation orders it: the bean takes the DataSource, which nothing makes wait.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withBean(BeverageReader.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(BeverageReader.class).names).containsExactly("espresso");
			});
	}

	@Test
	void aRetortDataSourceLeavesTheApplicationItsOwnDataSource(TestDatabase app, TestDatabase migrations) {
		this.contextRunner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withPropertyValues(dataSource(app))
			.withPropertyValues("test.migrations.url=" + migrations.jdbcUrl(), "test.migrations.user=" + migrations.user(),
					"test.migrations.password=" + migrations.password())
			.withUserConfiguration(RetortDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource applicationDataSource = context.getBean(DataSource.class);
				assertThat(applicationDataSource).isNotSameAs(context.getBean("retortOwnDataSource"));
				assertThat(context.getBean(JdbcTemplate.class).getDataSource()).isSameAs(applicationDataSource);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT current_database()", String.class)).isEqualTo(app.name());
			});
	}

	@Test
	void schemaManagementProviderReportsTheMigratedDataSourceAsManaged(TestDatabase db, TestDatabase other) {
		this.contextRunner.withPropertyValues(dataSource(db)).run((context) -> {
			SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
			assertThat(provider.getSchemaManagement(context.getBean(DataSource.class))).isEqualTo(SchemaManagement.MANAGED);
			assertThat(provider.getSchemaManagement(other.dataSource())).isEqualTo(SchemaManagement.UNMANAGED);
		});
	}

	@Test
	void everyPropertyIsMappedToTheConfiguration(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=none", "retort.locations=classpath:revisions/two-heads",
					"retort.java-packages=com.example.revisions", "retort.schema=app", "retort.create-schema=false",
					"retort.version-table=app_version", "retort.history-table=app_history",
					"retort.transaction-mode=all", "retort.validate-checksums=false", "retort.baseline=aaaa00000001",
					"retort.lock.enabled=false", "retort.lock.wait-timeout=30s", "retort.ddl.lock-timeout=2s",
					"retort.ddl.retries=3", "retort.ddl.statement-timeout=1m", "retort.connect-retries=4",
					"retort.connect-retries-interval=3s", "retort.fail-on-multiple-heads=true",
					"retort.file-template={year}/{rev}_{slug}.sql", "retort.application-name=coffee-migrations")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RetortConfig config = context.getBean(Retort.class).config();
				assertThat(config.locations()).containsExactly("classpath:revisions/two-heads");
				assertThat(config.javaPackages()).containsExactly("com.example.revisions");
				assertThat(config.schema()).isEqualTo("app");
				assertThat(config.createSchema()).isFalse();
				assertThat(config.versionTable()).isEqualTo("app_version");
				assertThat(config.historyTable()).isEqualTo("app_history");
				assertThat(config.transactionMode()).isEqualTo(TransactionMode.ALL);
				assertThat(config.validateChecksums()).isFalse();
				assertThat(config.baseline()).isEqualTo("aaaa00000001");
				assertThat(config.lockEnabled()).isFalse();
				assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(config.ddlRetries()).isEqualTo(3);
				assertThat(config.ddlStatementTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(config.connectRetries()).isEqualTo(4);
				assertThat(config.connectRetriesInterval()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.failOnMultipleHeads()).isTrue();
				assertThat(config.fileTemplate()).isEqualTo("{year}/{rev}_{slug}.sql");
				assertThat(config.applicationName()).isEqualTo("coffee-migrations");
			});
	}

	@Test
	void blankPropertiesAreNotSet(TestDatabase db) {
		// RETORT_BASELINE= (a manifest whose variable was not filled in) on a schema with a table of
		// its own: no baseline, so every revision runs, and no stamp of a revision named "".
		db.execute("CREATE TABLE unrelated (id int)");
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.baseline=", "retort.target= ", "retort.schema=", "retort.url=", "retort.user= ")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RetortConfig config = context.getBean(Retort.class).config();
				assertThat(config.baseline()).isNull();
				assertThat(config.schema()).isNull();
				assertThat(context.getBean(RetortProperties.class).getTarget()).isEqualTo("heads");
				assertThat(db.queryStrings("SELECT operation FROM retort_history ORDER BY id"))
					.containsExactly("upgrade", "upgrade");
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000002");
			});
	}

	@Test
	void aBaselineWithSpacesAroundIsTheRevision(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.on-startup=none", "retort.baseline= aaaa00000001 ")
			.run((context) -> assertThat(context.getBean(Retort.class).config().baseline()).isEqualTo("aaaa00000001"));
	}

	@Test
	void theHistoryNamesTheApplicationThatMigrated(TestDatabase db) {
		// Two services migrating one server must tell apart in the history, not both read '<host> retort'.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("spring.application.name=coffee-tracker")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> clients = db.queryStrings("SELECT DISTINCT client FROM retort_history");
				assertThat(clients).hasSize(1);
				assertThat(clients.get(0)).endsWith(" coffee-tracker");
			});
	}

	@Test
	void schemaAndTableNamesAreWhereTheVersionLives(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.schema=coffee", "retort.version-table=coffee_version")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(db.queryStrings("SELECT version_num FROM coffee.coffee_version"))
					.containsExactly("aaaa00000002");
			});
	}

	@Test
	void aTenantSchemaNamedWithAHyphenIsMigratedAndASearchPathListIsRefusedNamingTheProperty(TestDatabase db) {
		// Before, retort.schema=acme-corp stopped the application: 'Use a PostgreSQL identifier of letters, digits and underscores'.
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.schema=acme-corp").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(db.queryStrings("SELECT version_num FROM \"acme-corp\".retort_version")).containsExactly("aaaa00000002");
		});
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.schema=public,extensions")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("Property retort.schema with value 'public,extensions' is invalid: It names one"
							+ " schema, which holds Retort's tables and is the whole search_path of the migrations, not a"
							+ " search_path list");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:/srv/revisions|Use 'filesystem:/srv/revisions': ",
			"classpath*:db/revisions|Use 'classpath:db/revisions': ",
			"classpath:db/revisions/*.sql|Name the folder, as 'classpath:db/revisions': " })
	void aSpringResourcePatternInTheLocationsIsRefusedNamingThePropertyAndRetortsForm(String locationAndAdvice,
			TestDatabase db) {
		// Spring's resource prefixes and patterns, as spring.sql.init or Liquibase take them: read as a
		// folder's path, they stopped the start with "'filesystem:file:/srv/revisions' does not exist …
		// Create it (retort init file:/srv/revisions)" and an action about "the 'retort.*' property named above".
		String location = locationAndAdvice.substring(0, locationAndAdvice.indexOf('|'));
		String advice = locationAndAdvice.substring(locationAndAdvice.indexOf('|') + 1);
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:db/revisions," + location)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("Property retort.locations with value '" + location + "' is invalid: " + advice);
				assertThat(db.tableExists("retort_version")).isFalse();
			});
	}

	@Test
	void anUnknownOnStartupValueFailsNamingThePropertyAndTheValidValues(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.on-startup=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(IllegalArgumentException.class)
				.hasStackTraceContaining("Failed to bind properties under 'retort.on-startup'")
				.hasStackTraceContaining("sometimes");
		});
	}

	@Test
	void anInvalidTableNameFailsNamingTheProperty(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.version-table=bad name").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("retort.version-table")
				.hasMessageContaining("bad name");
		});
	}

	@Test
	void aNegativeDurationFailsNamingTheProperty(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db)).withPropertyValues("retort.lock.wait-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("retort.lock.wait-timeout");
		});
	}

	@Test
	void multipleHeadsAtStartupAreExplainedInSpringTerms(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:revisions/two-heads", "retort.target=head")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("dddd00000002").contains("eeee00000002");
				assertThat(analysis.getAction()).contains("Set 'retort.target'");
			});
	}

	@Test
	void aPoolOfOneConnectionIsNamedAsTooSmallNotAsADatabaseThatIsDown(TestDatabase db) {
		// The migration holds the pool's only connection and asks for the lock's: it waits for itself.
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
					"spring.datasource.hikari.connection-timeout=250")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("needs 2 connections at once")
					.doesNotContain("Check that the database is running");
				assertThat(analysis.getAction()).contains("'spring.datasource.hikari.maximum-pool-size' to 2 or more")
					.contains("'retort.url'")
					// A pool of 4 with 4 tenants migrated at once was told to lend '2 or more'.
					.contains("needs 2 per schema at the same time: migrate at most half the pool's size at once.");
				assertThat(db.tableExists("beverages")).isFalse();
			});
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=2")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aPoolOfTwoNamesTheBlockerOfARevisionBlockedByATableLockWithoutWaitingForAThirdConnection(TestDatabase db)
			throws Exception {
		Retort.configure().dataSource(db.dataSource()).load().upgrade("aaaa00000001");
		try (Connection blocker = db.connect(); Statement statement = blocker.createStatement()) {
			blocker.setAutoCommit(false);
			statement.execute("LOCK TABLE beverages IN ACCESS EXCLUSIVE MODE");
			int blockerPid;
			try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
				pid.next();
				blockerPid = pid.getInt(1);
			}
			// The migration and the lock hold both connections: the watch of who blocks the last
			// try reads from the lock's idle session. It used to wait for a third connection on the
			// migration's thread, twice the pool's connection timeout (20 s here) before the last
			// try even started, and later to get none and point to pg_locks.
			long start = System.nanoTime();
			this.contextRunner.withPropertyValues(dataSource(db))
				.withPropertyValues("spring.datasource.hikari.maximum-pool-size=2",
						"spring.datasource.hikari.connection-timeout=10000", "retort.ddl.lock-timeout=500ms",
						"retort.ddl.retries=1")
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("It gave up waiting for a lock 2 time(s)")
						.contains("blocked at the last try by:")
						.contains("pid " + blockerPid + " ")
						.contains("SELECT pg_terminate_backend(" + blockerPid + ")");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			blocker.rollback();
		}
		assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
	}

	@Test
	void aFailedRevisionAtStartupIsExplainedAndRolledBack(TestDatabase db) {
		this.contextRunner.withPropertyValues(dataSource(db))
			.withPropertyValues("retort.locations=classpath:revisions/failing")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new RetortFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("bbbb00000002").contains("no_such_table");
				assertThat(analysis.getAction()).contains("rolled back");
				assertThat(db.queryStrings("SELECT version_num FROM retort_version")).containsExactly("aaaa00000001");
				assertThat(db.queryStrings("SELECT success::text FROM retort_history WHERE revision = 'bbbb00000002'"))
					.containsExactly("false");
			});
	}

	@Test
	void instancesStartingTogetherMigrateOnce(TestDatabase db) throws Exception {
		CyclicBarrier together = new CyclicBarrier(3);
		List<CompletableFuture<Boolean>> instances = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			instances.add(CompletableFuture.supplyAsync(() -> {
				AtomicBoolean started = new AtomicBoolean();
				await(together);
				this.contextRunner.withPropertyValues(dataSource(db))
					.run((context) -> started.set(context.getStartupFailure() == null));
				return started.get();
			}));
		}
		for (CompletableFuture<Boolean> instance : instances) {
			assertThat(instance.get(5, TimeUnit.MINUTES)).isTrue();
		}
		assertThat(db.queryStrings("SELECT revision FROM retort_history WHERE operation = 'upgrade' ORDER BY id"))
			.containsExactly("aaaa00000001", "aaaa00000002");
		assertThat(db.queryStrings("SELECT name FROM beverages")).containsExactly("espresso");
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(1, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void registersResourceHintsForTheDefaultLocation() {
		RuntimeHints hints = new RuntimeHints();
		new RetortRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("db/revisions/aaaa00000001_create_beverages.sql"))
			.accepts(hints);
	}

	@Test
	void registersResourceHintsForConfiguredClasspathLocations() {
		assertThat(RetortLocationsAotProcessor.resourcePatterns(
				List.of("classpath:db/revisions", "classpath:/tenant/revisions/", "filesystem:/srv/revisions")))
			.containsExactly("db/revisions/**", "tenant/revisions/**");
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		RetortConfigurationCustomizer second() {
			return (builder) -> builder.historyTable("second_history");
		}

		@Bean
		@Order(1)
		RetortConfigurationCustomizer first() {
			return (builder) -> builder.historyTable("first_history");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QueryAtConstructionConfiguration {

		@Bean
		BeverageNames beverageNames(JdbcTemplate jdbcTemplate) {
			return new BeverageNames(jdbcTemplate.queryForList("SELECT name FROM beverages", String.class));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcClientAtConstructionConfiguration {

		@Bean
		BeverageNames beverageNames(JdbcClient jdbcClient) {
			return new BeverageNames(jdbcClient.sql("SELECT name FROM beverages").query(String.class).list());
		}

	}

	@DependsOnDatabaseInitialization
	static class BeverageReader {

		private final DataSource dataSource;

		private List<String> names;

		BeverageReader(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		@PostConstruct
		void readNames() {
			this.names = new JdbcTemplate(this.dataSource).queryForList("SELECT name FROM beverages", String.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RetortDataSourceConfiguration {

		@Bean(defaultCandidate = false)
		@RetortDataSource
		DataSource retortOwnDataSource(org.springframework.core.env.Environment environment) {
			org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
			dataSource.setUrl(environment.getProperty("test.migrations.url"));
			dataSource.setUser(environment.getProperty("test.migrations.user"));
			dataSource.setPassword(environment.getProperty("test.migrations.password"));
			return dataSource;
		}

	}

	/**
	 * A Hikari pool of its own, as {@code DataSourceBuilder.create()} makes it for an application
	 * (not bound with {@code @ConfigurationProperties}: the processor would write test metadata that
	 * hides the build's from {@link RetortConfigurationMetadataTests}).
	 */
	@Configuration(proxyBeanMethods = false)
	static class PooledRetortDataSourceConfiguration {

		@Bean(defaultCandidate = false)
		@RetortDataSource
		DataSource retortOwnDataSource(org.springframework.core.env.Environment environment) {
			return org.springframework.boot.jdbc.DataSourceBuilder.create()
				.url(environment.getProperty("test.migrations.url"))
				.username(environment.getProperty("test.migrations.user"))
				.password(environment.getProperty("test.migrations.password"))
				.build();
		}

	}

	record BeverageNames(List<String> names) {
	}

	@Revision(id = "cccc00000003", revises = "aaaa00000002", message = "Add beverage sizes")
	static final class AddBeverageSizes implements Migration {

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE beverage_sizes (name text PRIMARY KEY)");
		}

		@Override
		public void downgrade(Operations op) {
			op.execute("DROP TABLE beverage_sizes");
		}

	}

	@Revision(id = "cccc00000004", revises = "aaaa00000002", message = "Add beverage origins")
	static final class AddBeverageOrigins implements Migration {

		private final String table;

		AddBeverageOrigins(String table) {
			this.table = table;
		}

		@Override
		public void upgrade(Operations op) {
			op.execute("CREATE TABLE " + this.table + " (name text PRIMARY KEY)");
		}

	}

	record FixedConnectionDetails(TestDatabase db) implements RetortConnectionDetails {

		@Override
		public String getUsername() {
			return this.db.user();
		}

		@Override
		public String getPassword() {
			return this.db.password();
		}

		@Override
		public String getJdbcUrl() {
			return this.db.jdbcUrl();
		}

	}

}
