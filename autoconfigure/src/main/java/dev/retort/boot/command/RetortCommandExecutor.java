package dev.retort.boot.command;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

import dev.retort.Retort;
import dev.retort.cli.RetortCommandLine;
import dev.retort.error.ErrorCode;

import org.springframework.context.ApplicationContext;

/**
 * Runs one CLI command with the configuration of the application's {@link Retort} bean: its
 * DataSource, locations, Java revisions (packages and {@code Migration} beans) and {@code retort.*}
 * properties. Kept apart from {@link RetortCommandRunListener} so that applications without
 * {@code retort-cli} never load the CLI's classes.
 */
final class RetortCommandExecutor {

	private RetortCommandExecutor() {
	}

	static int execute(ApplicationContext context, List<String> args, PrintStream out, PrintStream err) {
		Retort retort = context.getBeanProvider(Retort.class).getIfAvailable();
		if (retort == null) {
			String message = "Retort is not configured in this application: define a DataSource (spring.datasource.url) "
					+ "or set retort.url, and check that retort.enabled is not false.";
			err.println("ERROR: " + message);
			if (CommandFailure.asksForJson(args)) {
				CommandFailure.print(out, ErrorCode.CONFIGURATION, message, 2, List.of());
			}
			return 2;
		}
		// As the standalone tool: an '--sql' script or JSON piped to a file is UTF-8 whatever the
		// locale (Java 17 without LANG defaults to US-ASCII and wrote 'é' as '?').
		PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, RetortCommandLine.standardOutputCharset()),
				true);
		PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err), true);
		try {
			return RetortCommandLine.execute(args.toArray(String[]::new), retort.config(), outWriter, errWriter);
		}
		finally {
			outWriter.flush();
			errWriter.flush();
		}
	}

}
