package dev.retort.benchmarks.boot;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
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
		// Measurement hook for profiling by hand (never set by Bench): -Dbootapp.steps=<min ms>
		// prints the startup steps that took at least that long, the beans' creation included.
		String steps = System.getProperty("bootapp.steps");
		BufferingApplicationStartup startup = null;
		if (steps != null) {
			startup = new BufferingApplicationStartup(100_000);
			application.setApplicationStartup(startup);
		}
		ConfigurableApplicationContext context = application.run(args);
		long end = System.nanoTime();
		long jvmMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		context.close();
		if (startup != null) {
			printSteps(startup, Long.parseLong(steps));
			// CPU time of the main thread: steadier than wall time on a shared machine.
			System.out.println(String.format(Locale.ROOT, "CPU mainMs=%.1f",
					ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6));
		}
		System.out.println(String.format(Locale.ROOT, "RESULT ms=%.1f jvmMs=%d", (end - start) / 1e6, jvmMs));
	}

	private static void printSteps(BufferingApplicationStartup startup, long minMs) {
		for (TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
			long ms = event.getDuration().toMillis();
			if (ms >= minMs) {
				StringBuilder tags = new StringBuilder();
				event.getStartupStep().getTags().forEach((tag) -> tags.append(' ').append(tag.getKey()).append('=')
					.append(tag.getValue()));
				System.out.println(String.format(Locale.ROOT, "STEP %5d ms id=%d parent=%s %s%s", ms,
						event.getStartupStep().getId(), event.getStartupStep().getParentId(),
						event.getStartupStep().getName(), tags));
			}
		}
	}

	/** The application's own first use of the database; it waits for any migration tool. */
	@Bean
	InitializingBean startupQuery(JdbcTemplate jdbc) {
		return () -> jdbc.queryForObject("SELECT count(*) FROM pg_class", Long.class);
	}

}
