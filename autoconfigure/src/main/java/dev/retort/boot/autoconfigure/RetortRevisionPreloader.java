package dev.retort.boot.autoconfigure;

import java.util.List;

import dev.retort.Retort;
import dev.retort.boot.command.RetortCommandRunListener;
import dev.retort.script.ScriptLoad;

import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

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
 */
public class RetortRevisionPreloader implements SpringApplicationRunListener, Ordered {

	/** The bean the started load is registered as, for the auto-configuration to take over. */
	static final String BEAN_NAME = "retortRevisionPreload";

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
		Binder binder = Binder.get(environment);
		if (!binder.bind("retort.enabled", Boolean.class).orElse(true)) {
			return;
		}
		RetortProperties defaults = new RetortProperties();
		List<String> locations = binder.bind("retort.locations", Bindable.listOf(String.class))
			.orElse(defaults.getLocations());
		List<String> javaPackages = binder.bind("retort.java-packages", Bindable.listOf(String.class))
			.orElse(defaults.getJavaPackages());
		this.load = ScriptLoad.inBackground(locations, javaPackages, List.of(), this.application.getClassLoader());
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
