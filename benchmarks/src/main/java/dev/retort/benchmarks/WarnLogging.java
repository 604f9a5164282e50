package dev.retort.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of a measured {@link Runner} JVM: WARN and above to standard error, set up in code
 * (registered in {@code META-INF/services}), as Spring Boot sets up its default logging, instead
 * of parsing {@code logback.xml}. Parsing the XML cost a new JVM about 100 ms more than this,
 * which every tool's whole-process time paid alike although no tool asks for it, pulling the
 * ratios between tools towards 1.
 *
 * <p>A JVM started with {@code -Dlogback.configurationFile} (the Spring Boot app and JMH forks)
 * reads that file as before.
 */
public final class WarnLogging extends ContextAwareBase implements Configurator {

	@Override
	public ExecutionStatus configure(LoggerContext context) {
		if (System.getProperty("logback.configurationFile") != null) {
			return ExecutionStatus.INVOKE_NEXT_IF_ANY;
		}
		TTLLLayout layout = new TTLLLayout();
		layout.setContext(context);
		layout.start();
		LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
		encoder.setContext(context);
		encoder.setLayout(layout);
		encoder.start();
		ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
		appender.setContext(context);
		appender.setName("STDERR");
		appender.setTarget("System.err");
		appender.setEncoder(encoder);
		appender.start();
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		root.addAppender(appender);
		return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
	}

}
