package dev.retort.boot.command;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Ends an in-app command whose application did not start for a configuration reason (see
 * {@link StartFailure}) with exit code 2, as SPEC §5 promises for configuration, after Spring
 * Boot's own report of the failure (its failure analyzers, on standard error).
 *
 * <p>Left alone, the exception leaves {@code main} and the JVM ends with 1, whatever the cause.
 * Spring Boot's own route to another code needs the exception to be an {@code ExitCodeGenerator}
 * (a binding failure is Spring Boot's own exception, not ours to mark) and would change the exit
 * code of every start, not only of a command's. So this listener reports the failure as Spring
 * Boot would, closes the context and exits. Last of the run listeners, so that the others (Boot's
 * {@code ApplicationFailedEvent}, the command's JSON document) have seen the failure first. A
 * failure at run time is left to Spring Boot, which ends with 1.
 */
public class RetortCommandStartFailure implements SpringApplicationRunListener, Ordered {

	private static final Log logger = LogFactory.getLog(SpringApplication.class);

	private final SpringApplication application;

	private final boolean command;

	/**
	 * Created by Spring Boot for every application start.
	 * @param application the application
	 * @param args the command line
	 */
	public RetortCommandStartFailure(SpringApplication application, String[] args) {
		this.application = application;
		this.command = RetortCommandRunListener.isCommand(args);
	}

	@Override
	public void failed(ConfigurableApplicationContext context, Throwable exception) {
		if (!this.command) {
			return;
		}
		int exitCode = StartFailure.code(exception).exitCode();
		if (exitCode == 1) {
			return;
		}
		report(context, exception);
		if (context != null) {
			context.close();
		}
		System.exit(exitCode);
	}

	/** What {@code SpringApplication} does with a failure it is about to rethrow. */
	private void report(ConfigurableApplicationContext context, Throwable exception) {
		try {
			ArgumentResolver arguments = (context != null)
					? ArgumentResolver.of(ConfigurableApplicationContext.class, context) : ArgumentResolver.none();
			for (SpringBootExceptionReporter reporter : SpringFactoriesLoader
				.forDefaultResourceLocation(this.application.getClassLoader())
				.load(SpringBootExceptionReporter.class, arguments)) {
				if (reporter.reportException(exception)) {
					return;
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// As Spring Boot does: a reporter that fails leaves the failure to be logged as it is.
		}
		logger.error("Application run failed", exception);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
