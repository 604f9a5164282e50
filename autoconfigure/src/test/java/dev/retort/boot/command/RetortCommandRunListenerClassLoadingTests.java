package dev.retort.boot.command;

import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.retort.cli.RetortCommandLine;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every application with the starter creates a {@link RetortCommandRunListener}, so an ordinary
 * start must not pay for the CLI: no class of retort-cli or picocli is loaded unless the first
 * argument is {@code retort}. The listener runs in a class loader of its own that records what
 * it defines.
 */
class RetortCommandRunListenerClassLoadingTests {

	@Test
	void anOrdinaryStartLoadsNoCliClass() throws Exception {
		try (RecordingClassLoader loader = new RecordingClassLoader()) {
			SpringApplicationRunListener listener = listener(loader, "--server.port=0");
			ConfigurableEnvironment environment = new StandardEnvironment();
			listener.starting((ConfigurableBootstrapContext) null);
			listener.environmentPrepared(null, environment);
			listener.started(null, Duration.ofMillis(1));
			listener.ready(null, Duration.ofMillis(1));
			assertThat(loader.defined).contains(RetortCommandRunListener.class.getName());
			assertThat(loader.defined).noneMatch(RecordingClassLoader::isCli);
		}
	}

	@Test
	void theRecordingLoaderSeesTheCliWhenItIsUsed() throws Exception {
		// The check above could pass by not seeing the CLI at all: prove that it would see it.
		try (RecordingClassLoader loader = new RecordingClassLoader()) {
			Class.forName(RetortCommandLine.class.getName(), true, loader);
			assertThat(loader.defined).anyMatch(RecordingClassLoader::isCli);
		}
	}

	private static SpringApplicationRunListener listener(ClassLoader loader, String... args) throws Exception {
		Class<?> type = Class.forName(RetortCommandRunListener.class.getName(), true, loader);
		Constructor<?> constructor = type.getConstructor(SpringApplication.class, String[].class);
		return (SpringApplicationRunListener) constructor.newInstance(new SpringApplication(), args);
	}

	/**
	 * Defines the command package, the CLI and picocli itself (from the test's own class path)
	 * and delegates everything else, recording the names it defines.
	 */
	private static final class RecordingClassLoader extends URLClassLoader {

		private static final List<String> OWN = List.of("dev.retort.boot.command.", "dev.retort.cli.", "picocli.");

		final Set<String> defined = ConcurrentHashMap.newKeySet();

		RecordingClassLoader() {
			super(new URL[] { location(RetortCommandRunListener.class), location(RetortCommandLine.class),
					location(CommandLine.class) }, RetortCommandRunListenerClassLoadingTests.class.getClassLoader());
		}

		static boolean isCli(String name) {
			return name.startsWith("dev.retort.cli.") || name.startsWith("picocli.");
		}

		private static URL location(Class<?> type) {
			return type.getProtectionDomain().getCodeSource().getLocation();
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (OWN.stream().noneMatch(name::startsWith)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> type = findLoadedClass(name);
				if (type == null) {
					type = findClass(name);
					this.defined.add(name);
				}
				if (resolve) {
					resolveClass(type);
				}
				return type;
			}
		}

	}

}
