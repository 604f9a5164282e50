package dev.retort.benchmarks.boot;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The minimal Spring Boot application of scenario 3: a DataSource, a {@link JdbcTemplate} and
 * one bean that queries the database at startup (as any real application does, so the
 * baseline pays for the first connection too). {@code Bench} starts it with only one tool's
 * jars on the class path (or none), so each variant is "the same app with that starter".
 * Prints {@code RESULT ms=<SpringApplication.run> jvmMs=<since JVM start>}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BootApp {

	public static void main(String[] args) {
		long start = System.nanoTime();
		SpringApplication application = new SpringApplication(BootApp.class);
		application.setBannerMode(Banner.Mode.OFF);
		ConfigurableApplicationContext context = application.run(args);
		long end = System.nanoTime();
		long jvmMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		context.close();
		System.out.println(String.format(Locale.ROOT, "RESULT ms=%.1f jvmMs=%d", (end - start) / 1e6, jvmMs));
	}

	/** The application's own first use of the database; it waits for any migration tool. */
	@Bean
	InitializingBean startupQuery(JdbcTemplate jdbc) {
		return () -> jdbc.queryForObject("SELECT count(*) FROM pg_class", Long.class);
	}

}
