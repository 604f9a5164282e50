package dev.retort.boot.command;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.retort.error.ErrorCode;

import org.springframework.aot.AotDetector;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * In-app commands (SPEC §5): {@code java -jar app.jar retort <command> [options]} runs a Retort
 * command with the application's own configuration and Java revisions, then exits with the
 * command's code. In that mode the application starts no web server (processed ahead of time, a
 * web application keeps its web context but listens on no port), prints no banner, logs to
 * standard error at WARN, does nothing to the database at startup ({@code retort.on-startup=none},
 * no Hibernate {@code ddl-auto}, no {@code spring.sql.init} scripts, no Flyway or Liquibase), creates only the beans the
 * command needs (lazy initialization) and runs none of its own runners; standard output carries
 * the command's output alone.
 *
 * <p>A run listener rather than a bean: it sees the arguments before the environment exists, so
 * it can switch the web server off before the context is even created.
 */
public class RetortCommandRunListener implements SpringApplicationRunListener, Ordered {

	/** The first argument that turns an application start into a Retort command. */
	public static final String COMMAND = "retort";

	private static final String CLI_CLASS = "dev.retort.cli.RetortCommandLine";

	private static final String PROPERTY_SOURCE = "retortCommand";

	/** Defaults the application's own configuration and property arguments may override. */
	private static final String DEFAULTS_SOURCE = "retortCommandDefaults";

	private final SpringApplication application;

	private final List<String> commandArgs;

	private PrintStream commandOut;

	/**
	 * Created by Spring Boot for every application start.
	 * @param application the application
	 * @param args the command line
	 */
	public RetortCommandRunListener(SpringApplication application, String[] args) {
		this.application = application;
		this.commandArgs = isCommand(args) ? commandArgs(args) : null;
		if (this.commandArgs != null) {
			if (!AotDetector.useGeneratedArtifacts()) {
				application.setWebApplicationType(WebApplicationType.NONE);
			}
			application.setBannerMode(Banner.Mode.OFF);
			application.setLogStartupInfo(false);
		}
	}

	/**
	 * Whether this application was started to run a Retort command.
	 * @param environment the application's environment
	 * @return whether it runs a command rather than serving
	 */
	public static boolean isCommandRun(Environment environment) {
		return environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(PROPERTY_SOURCE);
	}

	static boolean isCommand(String[] args) {
		return commandIndex(args) >= 0;
	}

	/**
	 * Where {@code retort} is: the first argument that is not a Spring Boot option argument. Boot
	 * users put {@code --spring.profiles.active=prod} anywhere, also before {@code retort} (a Job's
	 * {@code args}); were that start not a command, it would serve and migrate instead.
	 */
	private static int commandIndex(String[] args) {
		if (args == null) {
			return -1;
		}
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				return COMMAND.equals(args[i]) ? i : -1;
			}
		}
		return -1;
	}

	/**
	 * The arguments after {@code retort}, less the property arguments ({@code --spring.profiles.active=…},
	 * {@code --retort.lock.wait-timeout=…}, {@code --logging.level.…=…}): Spring Boot reads those
	 * into the environment as for any start, and no command option has a dot in its name. Those
	 * before {@code retort} are Boot's alone.
	 */
	static List<String> commandArgs(String[] args) {
		return Arrays.stream(args, commandIndex(args) + 1, args.length).filter((arg) -> !isPropertyArgument(arg)).toList();
	}

	private static boolean isPropertyArgument(String arg) {
		if (!arg.startsWith("--")) {
			return false;
		}
		int equals = arg.indexOf('=');
		String name = (equals >= 0) ? arg.substring(2, equals) : arg.substring(2);
		return name.indexOf('.') >= 0;
	}

	@Override
	public void starting(ConfigurableBootstrapContext bootstrapContext) {
		if (this.commandArgs == null) {
			return;
		}
		// Whatever the application or its libraries print goes to standard error: standard output
		// is the command's (so 'retort current --format json | jq' works).
		this.commandOut = System.out;
		System.setOut(System.err);
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
			ConfigurableEnvironment environment) {
		if (this.commandArgs == null) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (AotDetector.useGeneratedArtifacts()) {
			// Processed ahead of time, the context holds the web beans the build found (a servlet
			// application's need a ServletContext): without a web application context they fail
			// ('No ServletContext set') and no command runs. Keep it, and listen on no port.
			properties.put("server.port", "-1");
			if (environment.containsProperty("management.server.port")) {
				properties.put("management.server.port", "-1");
			}
		}
		else {
			properties.put("spring.main.web-application-type", "none");
		}
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "warn");
		properties.put("retort.on-startup", "none");
		// Nor does anything else that acts on the schema at startup. Hibernate's 'validate' would
		// refuse the very database 'retort upgrade' is about to migrate (the Job of an application
		// with JPA could never run), and 'update' or 'create-drop' would change it behind the
		// revisions' back; spring.sql.init scripts would meet tables that do not exist yet.
		properties.put("spring.jpa.hibernate.ddl-auto", "none");
		properties.put("spring.jpa.properties.hibernate.hbm2ddl.auto", "none");
		properties.put("spring.jpa.properties.jakarta.persistence.schema-generation.database.action", "none");
		properties.put("spring.jpa.generate-ddl", "false");
		properties.put("spring.sql.init.mode", "never");
		// Nor Flyway or Liquibase, on the class path beside Retort while a service moves over: Spring
		// Boot makes Retort's initializer wait for theirs, so 'retort current' or 'upgrade --sql'
		// against production would first have applied their pending migrations.
		properties.put("spring.flyway.enabled", "false");
		properties.put("spring.liquibase.enabled", "false");
		// Nor do the application's own beans: a bean that reads a migrated table in its
		// constructor waits for the startup migration on an ordinary start, but here there is
		// none, and it would stop 'retort upgrade' on the very database the command is to migrate
		// (relation does not exist). Lazily, only the beans the command needs are created.
		properties.put("spring.main.lazy-initialization", "true");
		// And Hibernate does not connect to read the database's metadata either: the commands that
		// need no database (history, heads, show, revision, upgrade --sql) work where none can be
		// reached, as they do in an application without JPA. Retort knows the database is PostgreSQL.
		properties.put("spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access", "false");
		properties.put("spring.jpa.properties.jakarta.persistence.database-product-name", "PostgreSQL");
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		if (!quiet(this.commandArgs)) {
			// As the standalone tool does: a Job or an init container that waits for another pod's
			// migration lock (up to 'retort.lock.wait-timeout', 10 minutes), or for a database that
			// is still starting ('retort.connect-retries'), says whom it waits for instead of
			// sitting silent at WARN. Last, so that a level the application sets wins.
			Map<String, Object> defaults = new LinkedHashMap<>();
			defaults.put("logging.level.dev.retort.runtime.MigrationLock", "info");
			defaults.put("logging.level.dev.retort.runtime.ConnectionFactory", "info");
			environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
		}
	}

	/** Whether the command was given {@code -q}/{@code --quiet}, alone or among other short options. */
	static boolean quiet(List<String> commandArgs) {
		for (String arg : commandArgs) {
			if (arg.equals("--")) {
				return false;
			}
			if (arg.equals("--quiet") || (arg.matches("-[A-Za-z]+") && arg.indexOf('q') > 0)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void started(ConfigurableApplicationContext context, Duration timeTaken) {
		if (this.commandArgs == null) {
			return;
		}
		int exitCode = run(context);
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

	/**
	 * The application did not start, so the command never ran: Spring Boot reports why on standard
	 * error, and under {@code --format json} standard output gets the error's document, with the
	 * exit code the process ends with (2 for configuration, {@link RetortCommandStartFailure}; else 1).
	 */
	@Override
	public void failed(ConfigurableApplicationContext context, Throwable exception) {
		if (this.commandArgs == null || !CommandFailure.asksForJson(this.commandArgs)) {
			return;
		}
		ErrorCode code = StartFailure.code(exception);
		CommandFailure.print(commandOut(), code,
				"The application did not start, so 'retort " + String.join(" ", this.commandArgs) + "' did not run: "
						+ why(exception) + " (Spring Boot's report is on standard error)",
				code.exitCode(), passwords(context));
	}

	/**
	 * The most specific cause, which bean creation wraps several times over; for a property that
	 * does not bind, prefixed with the binding's own message, since the cause alone ("No enum
	 * constant …") does not name the property.
	 */
	private static String why(Throwable exception) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
		String why = (cause.getMessage() != null && !cause.getMessage().isBlank()) ? cause.getMessage()
				: cause.getClass().getName();
		for (Throwable each = exception; each != null; each = each.getCause()) {
			if (each instanceof BindException bind && bind != cause) {
				return bind.getMessage() + ": " + why;
			}
		}
		return why;
	}

	private PrintStream commandOut() {
		return (this.commandOut != null) ? this.commandOut : System.out;
	}

	private static List<String> passwords(ConfigurableApplicationContext context) {
		if (context == null) {
			return List.of();
		}
		Environment environment = context.getEnvironment();
		return Stream.of("spring.datasource.password", "retort.password")
			.map(environment::getProperty)
			.filter(Objects::nonNull)
			.toList();
	}

	private int run(ConfigurableApplicationContext context) {
		if (!ClassUtils.isPresent(CLI_CLASS, this.application.getClassLoader())) {
			String message = "'retort' commands need dev.retort:retort-cli on the class path; the "
					+ "retort-spring-boot-starter brings it in.";
			System.err.println("ERROR: " + message);
			if (CommandFailure.asksForJson(this.commandArgs)) {
				CommandFailure.print(commandOut(), ErrorCode.CONFIGURATION, message, 2, List.of());
			}
			return 2;
		}
		return RetortCommandExecutor.execute(context, this.commandArgs, this.commandOut, System.err);
	}

	@Override
	public int getOrder() {
		// Before Boot's own listener publishes the environment, so logging starts at WARN on stderr.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
