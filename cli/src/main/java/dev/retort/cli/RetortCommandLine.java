package dev.retort.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import dev.retort.config.RetortConfig;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Runs a {@code retort} command: the entry point of the {@code retort} executable and of the
 * in-application commands ({@code java -jar app.jar retort upgrade}). Every command of SPEC §5
 * is available, with the same options, output and exit codes.
 *
 * <p>Inside an application, pass the application's configuration (its {@code DataSource},
 * locations, Java migration beans, {@code retort.*} properties) as {@code base}: options on the
 * command line still override it ({@code --url}, {@code --schema}, {@code --location},
 * {@code --java-package}…, and {@code --config FILE} when given), while the process environment
 * and the project's {@code application.yml} are not read again, since the application has
 * resolved them already. Standard output carries the command's result alone, so
 * {@code --format json} can be piped; notes, step lines and errors go to {@code err}. Passwords
 * are masked in both streams.
 *
 * <pre>
 * int exit = RetortCommandLine.execute(args, config, new PrintWriter(System.out), new PrintWriter(System.err));
 * System.exit(exit);
 * </pre>
 *
 * <p>This class and its two {@code execute} methods are a stable API.
 */
public final class RetortCommandLine {

	private RetortCommandLine() {
	}

	/**
	 * The encoding of the command's standard output: the console's when a person reads it, else
	 * UTF-8. Redirected or piped, it is a file (an {@code --sql} script, a JSON document) whose
	 * bytes must not depend on the locale: on Java 17 a container or cron job without {@code LANG}
	 * makes the default US-ASCII, which wrote every 'é' of a revision into the script as '?'. The
	 * script says it is UTF-8 ({@code SET client_encoding}), as JSON is by definition. The standalone
	 * tool and {@code java -jar app.jar retort …} decide alike.
	 * @return the charset to write standard output in
	 */
	public static Charset standardOutputCharset() {
		return (System.console() != null) ? System.console().charset() : StandardCharsets.UTF_8;
	}

	/**
	 * Runs a command with an application's configuration as the base.
	 * @param args the arguments after {@code retort}, e.g. {@code ["upgrade", "head"]}
	 * @param base the application's configuration; options override it
	 * @param out where results go
	 * @param err where notes, step lines and errors go
	 * @return the exit code: {@code 0} done, {@code 1} failed at run time, {@code 2} bad usage or
	 * input, {@code 3} a check found something
	 */
	public static int execute(String[] args, RetortConfig base, Writer out, Writer err) {
		Objects.requireNonNull(base, "'base' must not be null");
		return execute(args, new CliEnvironment(Map.of(), Path.of(System.getProperty("user.dir")), base), out, err);
	}

	/**
	 * Runs a command as the standalone tool does, in the given environment.
	 * @param args the arguments after {@code retort}
	 * @param environment environment variables, working directory, and an optional base configuration
	 * @param out where results go
	 * @param err where notes, step lines and errors go
	 * @return the exit code of SPEC §5
	 */
	public static int execute(String[] args, CliEnvironment environment, Writer out, Writer err) {
		return execute(args, environment, out, err, new Secrets(), false);
	}

	static int execute(String[] args, CliEnvironment environment, Writer out, Writer err, Secrets secrets,
			boolean configureLogging) {
		// Not masked line by line: a password that is a word ('retort') would be masked in every
		// note and message. Secrets masks the few places a password can stand.
		PrintWriter printOut = new PrintWriter(out, true);
		PrintWriter printErr = new PrintWriter(err, true);
		try {
			CommandLine commandLine = commandLine(environment, secrets, configureLogging);
			commandLine.setOut(printOut);
			commandLine.setErr(printErr);
			return commandLine.execute(args);
		}
		finally {
			printOut.flush();
			printErr.flush();
		}
	}

	static CommandLine commandLine(CliEnvironment environment, Secrets secrets, boolean configureLogging) {
		Failures failures = new Failures();
		CommandLine commandLine = new CommandLine(new RetortCli(environment, secrets));
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setUsageHelpWidth(100);
		commandLine.setExecutionExceptionHandler(failures);
		commandLine.setParameterExceptionHandler(failures);
		commandLine.setExitCodeExceptionMapper(failures);
		commandLine.setExecutionStrategy((parseResult) -> {
			refuseQuietWithVerbose(parseResult);
			if (configureLogging) {
				LogLevel.configure(verbosity(parseResult));
			}
			return new RunLast().execute(parseResult);
		});
		return commandLine;
	}

	/**
	 * {@code -q} (results only) and {@code -v} (more) ask for opposite things: neither is chosen
	 * for the user, who may rely on the step lines or on their absence. A usage error (exit 2)
	 * before anything runs, shown with the usage of the command given.
	 */
	private static void refuseQuietWithVerbose(ParseResult parseResult) {
		if (parseResult.commandSpec().userObject() instanceof RetortCli cli && cli.options.quiet
				&& cli.options.verbosity() > 0) {
			ParseResult command = parseResult;
			while (command.subcommand() != null) {
				command = command.subcommand();
			}
			if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
				return;
			}
			throw new ParameterException(command.commandSpec().commandLine(),
					"-q (--quiet) and -v (--verbose) cannot be combined: -q prints results only, -v prints more. "
							+ "Leave out one of them.");
		}
	}

	private static int verbosity(ParseResult parseResult) {
		return (parseResult.commandSpec().userObject() instanceof RetortCli cli) ? cli.options.verbosity() : 0;
	}

}
