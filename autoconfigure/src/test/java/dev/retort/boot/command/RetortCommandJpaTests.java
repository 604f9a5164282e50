package dev.retort.boot.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.retort.boot.jpa.JpaApplication;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar app.jar retort upgrade heads} in an application with Hibernate: the context a
 * command runs in must start on a database the command has yet to migrate (the Kubernetes Job
 * of docs/spring-boot.md), so Hibernate's schema tool does nothing at startup either, and on no
 * database at all for the commands that need none.
 */
@ExtendWith(PostgresExtension.class)
class RetortCommandJpaTests {

	@Test
	void upgradeRunsInAnApplicationWhoseHibernateValidatesTheSchema(TestDatabase db) {
		try (ConfigurableApplicationContext context = JpaApplication.on(db)
			.environment(commandEnvironment("upgrade", "heads"))
			.run()) {
			assertThat(db.tableExists("beverages")).isFalse();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exitCode = RetortCommandExecutor.execute(context, List.of("upgrade", "heads"),
					new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
			assertThat(exitCode).isZero();
			assertThat(db.queryStrings("SELECT name FROM beverages")).containsExactly("espresso");
		}
	}

	@Test
	void upgradeRunsInAnApplicationWithABeanThatReadsAMigratedTableInItsConstructor(TestDatabase db) {
		// On an ordinary start the bean waits for the startup migration; a command has none, so the
		// bean must not be created before the command migrates (the Kubernetes Job of a new database).
		try (ConfigurableApplicationContext context = JpaApplication.on(db)
			.sources(BeverageCount.class)
			.environment(commandEnvironment("upgrade", "heads"))
			.run()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int exitCode = RetortCommandExecutor.execute(context, List.of("upgrade", "heads"),
					new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
			assertThat(exitCode).isZero();
			assertThat(context.getBean(BeverageCount.class).count).isOne();
		}
	}

	@Test
	void hibernateCreatesNothingBehindTheRevisionsBackWhenItWouldUpdateTheSchema(TestDatabase db) {
		try (ConfigurableApplicationContext context = JpaApplication
			.on(db, "spring.jpa.hibernate.ddl-auto=update", "spring.jpa.properties.hibernate.hbm2ddl.auto=update")
			.environment(commandEnvironment("current"))
			.run()) {
			assertThat(db.tableExists("beverages")).isFalse();
		}
	}

	@Test
	void commandsThatNeedNoDatabaseRunWhereNoneCanBeReached(TestDatabase db) {
		// Hibernate reads the database's metadata while it starts, unless told not to.
		try (ConfigurableApplicationContext context = JpaApplication
			.on(db, "spring.datasource.url=jdbc:postgresql://localhost:1/unreachable")
			.environment(commandEnvironment("upgrade", "--sql"))
			.run()) {
			// Without a start a script is written from base and never connects (SPEC §5): the DataSource
			// only earns the note that says how to start where the database stands.
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int exitCode = RetortCommandExecutor.execute(context, List.of("upgrade", "--sql"),
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
			assertThat(exitCode).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("CREATE TABLE beverages");
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("This script starts at base")
				.contains("write 'retort upgrade current:heads --sql'");
		}
	}

	/** An application bean that reads a migrated table while it is created. */
	static class BeverageCount {

		final long count;

		BeverageCount(JdbcTemplate jdbcTemplate) {
			this.count = jdbcTemplate.queryForObject("SELECT count(*) FROM beverages", Long.class);
		}

	}

	/** The environment {@code java -jar app.jar retort <args>} prepares, before the context exists. */
	private static StandardEnvironment commandEnvironment(String... args) {
		String[] commandLine = new String[args.length + 1];
		commandLine[0] = RetortCommandRunListener.COMMAND;
		System.arraycopy(args, 0, commandLine, 1, args.length);
		StandardEnvironment environment = new StandardEnvironment();
		new RetortCommandRunListener(new SpringApplication(), commandLine).environmentPrepared(null, environment);
		return environment;
	}

}
