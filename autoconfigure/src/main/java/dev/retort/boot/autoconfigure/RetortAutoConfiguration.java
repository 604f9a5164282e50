package dev.retort.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.retort.Retort;
import dev.retort.boot.autoconfigure.RetortAutoConfiguration.RetortDataSourceCondition;
import dev.retort.boot.command.RetortCommandRunListener;
import dev.retort.command.MigrationListener;
import dev.retort.config.DatabaseUrl;
import dev.retort.config.RetortConfig;
import dev.retort.script.Migration;
import dev.retort.script.ScriptLocation;
import dev.retort.script.ScriptLoad;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.StringUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Retort database migrations: a
 * {@link Retort} bean built from the {@code retort.*} properties, and an initializer that runs
 * 'retort.on-startup' before any bean uses the database.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Retort.class)
@Conditional(RetortDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "retort.enabled", matchIfMissing = true)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(RetortRuntimeHints.class)
public final class RetortAutoConfiguration {

	/**
	 * Keeps the initializer eager under {@code spring.main.lazy-initialization=true}. Boot leaves
	 * Flyway's lazy (the first {@code JdbcTemplate} or JPA use runs it), but then an application
	 * whose startup touches no such bean migrates on its first request, and one whose readiness
	 * group includes {@code migrations} never gets that request: it stays OUT_OF_SERVICE forever.
	 */
	@Bean
	static LazyInitializationExcludeFilter eagerRetortMigrationInitializer() {
		return LazyInitializationExcludeFilter.forBeanTypes(RetortMigrationInitializer.class);
	}

	@Bean
	@ConditionalOnMissingBean
	RetortSchemaManagementProvider retortDefaultDdlModeProvider(ObjectProvider<Retort> retorts) {
		return new RetortSchemaManagementProvider(retorts);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcUtils.class)
	@ConditionalOnMissingBean(Retort.class)
	@EnableConfigurationProperties(RetortProperties.class)
	static class RetortConfiguration implements BeanFactoryAware, BeanClassLoaderAware, EnvironmentAware {

		private final RetortProperties properties;

		// Handed over by Spring rather than injected by type: each parameter type a bean method asks
		// for is a pass over every bean definition of the context (issue 7, startup with the starter).
		private BeanFactory beanFactory;

		private ClassLoader classLoader;

		private Environment environment;

		private final RetortStepLogger stepLogger = new RetortStepLogger();

		RetortConfiguration(RetortProperties properties) {
			this.properties = properties;
		}

		@Override
		public void setBeanFactory(BeanFactory beanFactory) {
			this.beanFactory = beanFactory;
		}

		@Override
		public void setBeanClassLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Bean
		@ConditionalOnMissingBean(RetortConnectionDetails.class)
		PropertiesRetortConnectionDetails retortConnectionDetails() {
			return new PropertiesRetortConnectionDetails(this.properties);
		}

		@Bean
		Retort retort(RetortConnectionDetails connectionDetails, ObjectProvider<DataSource> dataSource,
				@RetortDataSource ObjectProvider<DataSource> retortDataSource,
				ObjectProvider<RetortConfigurationCustomizer> customizers, ObjectProvider<Migration> javaMigrations,
				ObjectProvider<MigrationListener> listeners) {
			validate(this.properties);
			RetortConfig.Builder<Retort> builder = Retort.configure();
			builder.dataSource(getMigrationDataSource(retortDataSource.getIfAvailable(), dataSource.getIfUnique(),
					connectionDetails));
			builder.classLoader(this.classLoader);
			configureProperties(builder, this.properties);
			builder.javaMigrations(javaMigrations.orderedStream().toList());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			List<MigrationListener> allListeners = new ArrayList<>();
			allListeners.add(this.stepLogger);
			listeners.orderedStream().forEach(allListeners::add);
			// The revisions RetortRevisionPreloader started reading before the context, when they match.
			Retort retort = Retort.load(builder.build(), startedLoad());
			return retort.withListener(MigrationListener.all(allListeners));
		}

		/** The load {@link RetortRevisionPreloader} started, if it did: a singleton found by its name. */
		private ScriptLoad startedLoad() {
			if (this.beanFactory instanceof SingletonBeanRegistry singletons) {
				return (singletons.getSingleton(RetortRevisionPreloader.BEAN_NAME) instanceof ScriptLoad load) ? load : null;
			}
			return null;
		}

		@Bean
		@ConditionalOnMissingBean
		RetortMigrationInitializer retortInitializer(Retort retort,
				ObjectProvider<RetortMigrationStrategy> migrationStrategy, BeanFactory beanFactory,
				ResourceLoader resourceLoader) {
			// 'java -jar app.jar retort <command>' does what the command says and nothing else.
			RetortMigrationStrategy strategy = RetortCommandRunListener.isCommandRun(this.environment) ? null
					: migrationStrategy.getIfAvailable();
			RetortMigrationInitializer initializer = new RetortMigrationInitializer(retort, strategy,
					this.properties.getOnStartup(), this.properties.getTarget());
			initializer.setShutdownNotice(this.stepLogger::shutdownRequested);
			initializer.setStrayRevisions(
					() -> RetortStrayRevisions.hint(retort, beanFactory, this.environment, resourceLoader));
			return initializer;
		}

		private DataSource getMigrationDataSource(DataSource retortDataSource, DataSource dataSource,
				RetortConnectionDetails connectionDetails) {
			if (retortDataSource != null) {
				return DescribedMigrationDataSource.qualifiedBean(retortDataSource);
			}
			String url = connectionDetails.getJdbcUrl();
			String user = connectionDetails.getUsername();
			boolean fromProperties = connectionDetails instanceof PropertiesRetortConnectionDetails;
			if (url != null) {
				DataSourceBuilder<?> builder = DataSourceBuilder.create().type(SimpleDriverDataSource.class);
				builder.url(url);
				applyConnectionDetails(connectionDetails, builder);
				return new DescribedMigrationDataSource(builder.build(), "'" + DatabaseUrl.masked(url) + "'" + asUser(user) + " ("
						+ (fromProperties ? DescribedMigrationDataSource.RETORT_URL
								: DescribedMigrationDataSource.RETORT_CONNECTION_DETAILS)
						+ ")", url);
			}
			if (user != null && dataSource != null) {
				// A user alone: the same server as the application, as a separate (DDL) role.
				DataSourceBuilder<SimpleDriverDataSource> builder = DataSourceBuilder.derivedFrom(dataSource)
					.type(SimpleDriverDataSource.class);
				applyConnectionDetails(connectionDetails, builder);
				SimpleDriverDataSource derived = builder.build();
				withoutUrlCredentials(derived);
				// As Boot's Flyway and Liquibase do, a user without a password takes the application's
				// password: the message says so, or "password authentication failed" for the DDL role
				// sends its reader to check a 'retort.password' that was never set.
				String password = (connectionDetails.getPassword() != null) ? ""
						: ", with the password of the application's DataSource since "
								+ (fromProperties ? "'retort.password' is not set" : "the bean gives none");
				return new DescribedMigrationDataSource(derived, "'" + DatabaseUrl.masked(derived.getUrl()) + "'" + asUser(user) + " ("
						+ (fromProperties ? DescribedMigrationDataSource.RETORT_USER
								: DescribedMigrationDataSource.RETORT_CONNECTION_DETAILS_USER)
						+ password + ")", derived.getUrl());
			}
			if (dataSource == null) {
				throw noUniqueDataSource();
			}
			return dataSource;
		}

		/**
		 * Takes the {@code user=} and {@code password=} of the application's URL out of the URL the
		 * DDL role's connection derives from it: pgjdbc reads a URL's parameters over the connection's
		 * properties, so the DDL role logged in as the application's role ('retort.user' ignored,
		 * and the revisions' objects owned by the wrong role). The application's password stays the
		 * one sent when 'retort.password' is not set, as when it is given apart from the URL.
		 */
		private static void withoutUrlCredentials(SimpleDriverDataSource derived) {
			String url = derived.getUrl();
			if (url == null || !url.regionMatches(true, 0, "jdbc:postgresql://", 0, "jdbc:postgresql://".length())) {
				return;
			}
			DatabaseUrl parsed = DatabaseUrl.parse(url, "spring.datasource.url");
			derived.setUrl(parsed.jdbcUrl());
			if (derived.getPassword() == null && parsed.password() != null) {
				derived.setPassword(parsed.password());
			}
		}

		/**
		 * Why no DataSource was found: none at all, or several with none {@code @Primary} (an
		 * application with two databases), where "missing" would send the user looking for one.
		 */
		private MigrationDataSourceException noUniqueDataSource() {
			String[] names = (this.beanFactory instanceof ListableBeanFactory beans)
					? beans.getBeanNamesForType(DataSource.class, true, false) : new String[0];
			if (names.length > 1) {
				return new MigrationDataSourceException("Retort cannot tell which DataSource to migrate: there are "
						+ names.length + " (" + String.join(", ", names) + ") and none is @Primary.",
						"Qualify the one to migrate with @RetortDataSource, mark the application's main one @Primary,"
								+ " or set 'retort.url'.");
			}
			return new MigrationDataSourceException("Retort migration DataSource missing.", "Define a DataSource, set"
					+ " 'retort.url', or qualify a DataSource bean with @RetortDataSource.");
		}

		private static String asUser(String user) {
			return (user != null) ? " as user '" + user + "'" : "";
		}

		private void applyConnectionDetails(RetortConnectionDetails connectionDetails, DataSourceBuilder<?> builder) {
			builder.username(connectionDetails.getUsername());
			builder.password(connectionDetails.getPassword());
			String driverClassName = connectionDetails.getDriverClassName();
			if (StringUtils.hasText(driverClassName)) {
				builder.driverClassName(driverClassName);
			}
		}

		// Plain calls rather than a PropertyMapper: each of its lambdas is a class spun up at
		// startup, and every application pays for them (issue 7, startup with the starter).
		private void configureProperties(RetortConfig.Builder<Retort> builder, RetortProperties properties) {
			if (properties.getLocations() != null) {
				builder.locations(properties.getLocations());
			}
			if (properties.getJavaPackages() != null) {
				builder.javaPackages(properties.getJavaPackages());
			}
			if (properties.getSchema() != null) {
				builder.schema(properties.getSchema());
			}
			builder.createSchema(properties.isCreateSchema());
			if (properties.getVersionTable() != null) {
				builder.versionTable(properties.getVersionTable());
			}
			if (properties.getHistoryTable() != null) {
				builder.historyTable(properties.getHistoryTable());
			}
			if (properties.getTransactionMode() != null) {
				builder.transactionMode(properties.getTransactionMode());
			}
			builder.validateChecksums(properties.isValidateChecksums());
			if (properties.getBaseline() != null) {
				builder.baseline(properties.getBaseline());
			}
			builder.lockEnabled(properties.getLock().isEnabled());
			if (properties.getLock().getWaitTimeout() != null) {
				builder.lockWaitTimeout(properties.getLock().getWaitTimeout());
			}
			if (properties.getDdl().getLockTimeout() != null) {
				builder.ddlLockTimeout(properties.getDdl().getLockTimeout());
			}
			builder.ddlRetries(properties.getDdl().getRetries());
			if (properties.getDdl().getStatementTimeout() != null) {
				builder.ddlStatementTimeout(properties.getDdl().getStatementTimeout());
			}
			builder.connectRetries(properties.getConnectRetries());
			if (properties.getConnectRetriesInterval() != null) {
				builder.connectRetriesInterval(properties.getConnectRetriesInterval());
			}
			builder.failOnMultipleHeads(properties.isFailOnMultipleHeads());
			if (properties.getFileTemplate() != null) {
				// What the CLI reads from the same application.yml; 'java -jar app.jar retort revision' too.
				builder.fileTemplate(properties.getFileTemplate());
			}
			String applicationName = StringUtils.hasText(properties.getApplicationName()) ? properties.getApplicationName()
					: this.environment.getProperty("spring.application.name");
			if (StringUtils.hasText(applicationName)) {
				// Two services on one server then tell apart in the history's 'client' and in pg_stat_activity.
				builder.applicationName(applicationName);
			}
		}

		/** Fails fast on values Retort cannot use, naming the property and what it accepts. */
		private static void validate(RetortProperties properties) {
			if (properties.getLocations() == null || properties.getLocations().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("retort.locations", "",
						"Give at least one location, such as 'classpath:db/revisions'");
			}
			properties.getLocations().forEach(RetortConfiguration::requireRetortLocation);
			requireIdentifier("retort.version-table", properties.getVersionTable());
			requireIdentifier("retort.history-table", properties.getHistoryTable());
			String schemaProblem = (properties.getSchema() != null)
					? RetortConfig.schemaNameProblem(properties.getSchema()) : null;
			if (schemaProblem != null) {
				throw new InvalidConfigurationPropertyValueException("retort.schema", properties.getSchema(),
						Character.toUpperCase(schemaProblem.charAt(0)) + schemaProblem.substring(1));
			}
			requireNotNegative("retort.lock.wait-timeout", properties.getLock().getWaitTimeout());
			requireNotNegative("retort.ddl.lock-timeout", properties.getDdl().getLockTimeout());
			requireNotNegative("retort.ddl.statement-timeout", properties.getDdl().getStatementTimeout());
			requireNotNegative("retort.connect-retries-interval", properties.getConnectRetriesInterval());
			requireNotNegative("retort.ddl.retries", properties.getDdl().getRetries());
			requireNotNegative("retort.connect-retries", properties.getConnectRetries());
		}

		/** Core's refusal of a Spring resource string, named as the property that set it. */
		private static void requireRetortLocation(String location) {
			ScriptLocation.springResourceAdvice(location.trim()).ifPresent((advice) -> {
				throw new InvalidConfigurationPropertyValueException("retort.locations", location, advice);
			});
		}

		private static void requireIdentifier(String name, String value) {
			if (!RetortConfig.isIdentifier(value)) {
				throw new InvalidConfigurationPropertyValueException(name, value,
						"Use a PostgreSQL identifier of letters, digits and underscores (at most 63 characters)");
			}
		}

		private static void requireNotNegative(String name, Duration value) {
			if (value != null && value.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(name, value,
						"Use a duration of zero or more, such as '5s' or '10m'");
			}
		}

		private static void requireNotNegative(String name, int value) {
			if (value < 0) {
				throw new InvalidConfigurationPropertyValueException(name, value, "Use a number of zero or more");
			}
		}

	}

	/**
	 * Adapts {@link RetortProperties} to {@link RetortConnectionDetails}. {@code retort.url} is
	 * read as the command line reads {@code --url}: besides a JDBC URL, the
	 * {@code postgresql://user:pass@host/db} form of {@code DATABASE_URL}, whose credentials give
	 * the user and password unless {@code retort.user} or {@code retort.password} is set. A URL of
	 * neither form is refused naming the property, where Hikari would say only that "'url' must
	 * start with jdbc".
	 */
	static final class PropertiesRetortConnectionDetails implements RetortConnectionDetails {

		private final RetortProperties properties;

		PropertiesRetortConnectionDetails(RetortProperties properties) {
			this.properties = properties;
		}

		@Override
		public String getUsername() {
			DatabaseUrl url = parsedUrl();
			return (this.properties.getUser() != null || url == null) ? this.properties.getUser() : url.user();
		}

		@Override
		public String getPassword() {
			DatabaseUrl url = parsedUrl();
			return (this.properties.getPassword() != null || url == null) ? this.properties.getPassword()
					: url.password();
		}

		@Override
		public String getJdbcUrl() {
			DatabaseUrl url = parsedUrl();
			return (url != null) ? url.jdbcUrl() : this.properties.getUrl();
		}

		/**
		 * The URL unpacked: a JDBC URL's {@code user=} and {@code password=} parameters too, so that
		 * they reach the driver as connection properties, as {@code retort --url} sends them. Left in
		 * the URL, the password was logged by pgjdbc ("Connecting with URL: …&password=…" at DEBUG).
		 * Another driver's JDBC URL is handed on untouched.
		 */
		private DatabaseUrl parsedUrl() {
			String url = this.properties.getUrl();
			if (url == null || url.isBlank()) {
				return null;
			}
			return DatabaseUrl.parse(url, "retort.url");
		}

	}

	static final class RetortDataSourceCondition extends AnyNestedCondition {

		RetortDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		private static final class JdbcConnectionDetailsCondition {

		}

		@Conditional(RetortUrlCondition.class)
		private static final class RetortUrlSetCondition {

		}

	}

	/**
	 * {@code retort.url} holds a URL. {@code @ConditionalOnProperty} would match a blank value
	 * ({@code RETORT_URL=}, an env file's variable left empty), which {@link RetortProperties}
	 * reads as not set, as Boot reads a blank {@code spring.datasource.url}: the auto-configuration
	 * would start in an application without a DataSource only to fail for want of one.
	 */
	static final class RetortUrlCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("retort.url");
			if (StringUtils.hasText(context.getEnvironment().getProperty("retort.url"))) {
				return ConditionOutcome.match(message.found("property").items("retort.url"));
			}
			return ConditionOutcome.noMatch(message.didNotFind("non-blank property").items("retort.url"));
		}

	}

}
