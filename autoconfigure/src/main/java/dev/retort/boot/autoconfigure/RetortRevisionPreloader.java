package dev.retort.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.retort.Retort;
import dev.retort.boot.command.RetortCommandRunListener;
import dev.retort.script.ScriptLoad;

import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Starts reading the revision files as soon as the environment is known, on a thread of its own,
 * while Spring Boot builds the application context; the auto-configured {@link Retort} takes the
 * result over ({@link Retort#load(dev.retort.config.RetortConfig, ScriptLoad)}) when it reads what
 * the final configuration names, and reads anew otherwise (a customizer changed the locations,
 * {@code Migration} beans exist, another class loader).
 *
 * <p>Why: reading and checking the revisions of a large project is most of what the starter adds
 * to a start with nothing pending, and the context refresh before the migration leaves a core
 * idle on most machines. The same {@code retort.locations} and {@code retort.java-packages} are
 * read, from the same environment, as the auto-configuration binds.
 *
 * <p>Read from the {@link Environment} rather than with a {@code Binder}: the first value a
 * {@code Binder} converts on a start makes Spring's set of default property editors (9–13 ms of
 * the main thread, measured), and the auto-configuration's own binding makes them again for the
 * context. The environment resolves the same relaxed names and placeholders; a form it reads
 * differently from the binder costs only the head start, since the {@code Retort} bean compares
 * the locations it was given with the ones it binds.
 */
public class RetortRevisionPreloader implements SpringApplicationRunListener, Ordered {

	/** The bean the started load is registered as, for the auto-configuration to take over. */
	static final String BEAN_NAME = "retortRevisionPreload";

	/** What Spring's conversion reads as false; anything else leaves the decision to the auto-configuration. */
	private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

	private final SpringApplication application;

	private ScriptLoad load;

	/**
	 * Created by Spring Boot for every application start.
	 * @param application the application
	 * @param args the command line
	 */
	public RetortRevisionPreloader(SpringApplication application, String[] args) {
		this.application = application;
	}

	@Override
	public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
		// 'java -jar app.jar retort <command>' loads through the CLI, with its own options.
		if (RetortCommandRunListener.isCommandRun(environment)) {
			return;
		}
		if (FALSE.contains(String.valueOf(environment.getProperty("retort.enabled")).trim().toLowerCase(Locale.ROOT))) {
			return;
		}
		RetortProperties defaults = new RetortProperties();
		List<String> locations = list(environment, "retort.locations", defaults.getLocations());
		List<String> javaPackages = list(environment, "retort.java-packages", defaults.getJavaPackages());
		this.load = ScriptLoad.inBackground(locations, javaPackages, List.of(), this.application.getClassLoader());
	}

	/** A list as the binder reads its usual forms: comma-separated, or one by one as [0], [1], … */
	static List<String> list(Environment environment, String name, List<String> defaults) {
		// The environment's conversion splits at commas and trims, as the binder's does.
		String[] value = environment.getProperty(name, String[].class);
		if (value != null) {
			return List.of(value);
		}
		List<String> values = new ArrayList<>();
		for (String each; (each = environment.getProperty(name + "[" + values.size() + "]")) != null;) {
			values.add(each.trim());
		}
		return values.isEmpty() ? defaults : values;
	}

	@Override
	public void contextPrepared(ConfigurableApplicationContext context) {
		if (this.load != null && !context.getBeanFactory().containsSingleton(BEAN_NAME)) {
			context.getBeanFactory().registerSingleton(BEAN_NAME, this.load);
		}
	}

	@Override
	public int getOrder() {
		// After Boot's own listener, which loads application.yml into the environment.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
