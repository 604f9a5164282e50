package dev.retort.boot.jpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.boot.autoconfigure.RetortDataSource;
import dev.retort.operation.Operations;
import dev.retort.script.Migration;
import dev.retort.script.Revision;
import dev.retort.testing.PostgresExtension;
import dev.retort.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a Spring Boot application with Hibernate relies on, on a real PostgreSQL database: the
 * revisions run before the {@code EntityManagerFactory} is built, so {@code ddl-auto=validate}
 * and the repositories meet the migrated schema. One application start per scenario.
 */
@ExtendWith({ PostgresExtension.class, OutputCaptureExtension.class })
class RetortJpaTests {

	@Test
	void hibernateValidatesTheTablesTheRevisionsCreateAndARunnerReadsThemThroughARepository(TestDatabase db,
			CapturedOutput output) {
		assertThat(db.tableExists("beverages")).isFalse();
		try (ConfigurableApplicationContext context = JpaApplication.on(db).sources(ReadsAtStartup.class).run()) {
			assertThat(context.getBean(ReadsAtStartup.class).names).containsExactly("espresso");
		}
		assertThat(output).doesNotContain("defer-datasource-initialization");
	}

	@Test
	void deferredDataSourceInitializationIsNamedAsWhatMakesHibernateStartFirst(TestDatabase db, CapturedOutput output) {
		// Spring Boot's rule, as for Flyway: JPA before every database initializer. 'validate' would
		// fail on the missing table with nothing pointing at the property; the warning does.
		JpaApplication.on(db, "spring.jpa.defer-datasource-initialization=true", "spring.jpa.hibernate.ddl-auto=none")
			.run()
			.close();
		assertThat(output).contains("spring.jpa.defer-datasource-initialization=true makes Spring Boot build JPA's "
				+ "EntityManagerFactory before Retort migrates");
	}

	@Test
	void inASchemaOfItsOwnWhenHibernatesDefaultSchemaNamesItToo(TestDatabase db) {
		try (ConfigurableApplicationContext context = JpaApplication
			.on(db, "retort.schema=cafe", "spring.jpa.properties.hibernate.default_schema=cafe")
			.sources(ReadsAtStartup.class)
			.run()) {
			assertThat(context.getBean(ReadsAtStartup.class).names).containsExactly("espresso");
			assertThat(db.queryStrings("SELECT table_schema FROM information_schema.tables WHERE table_name = 'beverages'"))
				.containsExactly("cafe");
		}
	}

	@Test
	void throughARetortDataSourceOfItsOwn(TestDatabase db) {
		try (ConfigurableApplicationContext context = JpaApplication.on(db, "test.migration-url=" + db.jdbcUrl())
			.sources(MigrationDataSource.class, ReadsAtStartup.class)
			.run()) {
			assertThat(context.getBean(ReadsAtStartup.class).names).containsExactly("espresso");
			// Through the wrapper that names the bean when a connection fails.
			assertThat(context.getBean(Retort.class).config().dataSource())
				.isInstanceOfSatisfying(DelegatingDataSource.class, (described) -> assertThat(
						described.getTargetDataSource()).isSameAs(context.getBean("migrationDataSource")));
		}
	}

	@Test
	void disabledRetortLeavesHibernateNothingToWaitFor(TestDatabase db) {
		db.execute("CREATE TABLE beverages (id integer PRIMARY KEY, name text NOT NULL)",
				"INSERT INTO beverages VALUES (7, 'tea')");
		try (ConfigurableApplicationContext context = JpaApplication.on(db, "retort.enabled=false")
			.sources(ReadsAtStartup.class)
			.run()) {
			assertThat(context.getBeanNamesForType(Retort.class)).isEmpty();
			assertThat(context.getBean(EntityManagerFactory.class)).isNotNull();
			assertThat(context.getBean(ReadsAtStartup.class).names).containsExactly("tea");
			assertThat(db.tableExists("retort_version")).isFalse();
		}
	}

	@Test
	void aFailingRevisionIsWhatTheUserIsToldNotHibernatesValidation(TestDatabase db, CapturedOutput output) {
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(
				() -> JpaApplication.on(db, "retort.locations=classpath:revisions/failing").run().close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Retort could not bring the database to the application's revisions at startup")
			.contains("Revision bbbb00000002")
			.contains("Fix the failing revision")
			.doesNotContain("Schema validation");
	}

	@Test
	void aJavaRevisionThatUsesARepositoryIsToldWhyItCannot(TestDatabase db, CapturedOutput output) {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> JpaApplication.on(db).sources(RevisionWithRepository.class).run().close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Bean 'addLatte', which Retort needs before it migrates")
			.contains("retort -> addLatte -> beverageRepository")
			.contains("op.connection()")
			.doesNotContain("allow-circular-references");
	}

	@Test
	void theSchemaModelHibernateWritesAsDocsAutogenerateShowsHoldsEachTableOnceWhenWrittenAgain(TestDatabase db,
			@TempDir Path dir) throws IOException {
		Path model = dir.resolve("schema.sql");
		// docs/autogenerate.md's properties: Hibernate appends to the script unless told not to, and a
		// model with every table twice fails 'retort check' on 'already exists'.
		String[] documented = { "spring.jpa.properties.jakarta.persistence.schema-generation.scripts.action=create",
				"spring.jpa.properties.jakarta.persistence.schema-generation.scripts.create-target=" + model,
				"spring.jpa.properties.hibernate.hbm2ddl.schema-generation.script.append=false" };
		JpaApplication.on(db, documented).run().close();
		JpaApplication.on(db, documented).run().close();
		assertThat(Files.readString(model)).containsOnlyOnce("create table beverages");
	}

	/** A Java revision as a Spring developer might first write it: with the repository injected. */
	@Configuration(proxyBeanMethods = false)
	static class RevisionWithRepository {

		@Bean
		Migration addLatte(BeverageRepository repository) {
			return new AddLatte(repository);
		}

	}

	@Revision(id = "aaaa00000003", revises = "aaaa00000002", message = "Add latte")
	static class AddLatte implements Migration {

		private final BeverageRepository repository;

		AddLatte(BeverageRepository repository) {
			this.repository = repository;
		}

		@Override
		public void upgrade(Operations op) {
			this.repository.save(new Beverage(3, "latte"));
		}

	}

	/** An {@code ApplicationRunner} that reads through the repository, as application code does. */
	@Configuration(proxyBeanMethods = false)
	static class ReadsAtStartup {

		private List<String> names;

		@Bean
		ApplicationRunner readBeverages(BeverageRepository repository) {
			return (args) -> this.names = repository.findAll().stream().map(Beverage::getName).toList();
		}

	}

	/** A connection for migrations alone, as docs/spring-boot.md shows it. */
	@Configuration(proxyBeanMethods = false)
	static class MigrationDataSource {

		@Bean(defaultCandidate = false)
		@RetortDataSource
		DataSource migrationDataSource(Environment environment) {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), environment.getProperty("test.migration-url"),
					environment.getProperty("spring.datasource.username"),
					environment.getProperty("spring.datasource.password"));
		}

	}

}
