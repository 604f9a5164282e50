package dev.retort.cli;

import java.io.PrintWriter;
import java.sql.SQLException;

import dev.retort.command.Json;
import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.runtime.ConnectionFailedException;
import dev.retort.runtime.ConnectionRefusal;
import dev.retort.runtime.MigrationFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into the exit codes of SPEC §5 and one {@code ERROR: …} line on standard error:
 * a {@link RetortException} exits with its {@link RetortException#exitCode() code} (2 for bad
 * input, 1 for a failure at run time, 3 for a check); bad usage shows the command's usage and
 * exits 2; anything else exits 1. The stack trace is printed only with {@code -v}. Passwords are
 * masked where a failure can carry them (see {@link Secrets#message}), in the trace too. Under
 * {@code --format json} the failure is also one {@link FailureDocument} on standard output, so a
 * pipeline reading it gets a document.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

	static final int RUNTIME_FAILURE = 1;

	static final int USAGE = 2;

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		RetortCli cli = root(commandLine);
		Secrets secrets = (cli != null) ? cli.secrets() : new Secrets();
		String message = secrets.message(ex, message(ex));
		ConnectTimeout timeout = (cli != null) ? cli.connectTimeout() : null;
		String timedOut = (timeout != null && connectionFailure(ex)) ? timeout.advice(message, cli.config().url())
				: null;
		if (timedOut != null) {
			// pgjdbc says only "Connection attempt timed out": where, after how long, and what to do.
			message = message + " " + timedOut;
		}
		ConnectionSources sources = (cli != null) ? cli.connectionSources() : null;
		if (sources != null && connectionFailure(ex)) {
			// Which setting to fix: the same URL may come from an option, a variable or a profile.
			message = message + " " + sources.describe(refusal(ex) == ConnectionRefusal.PASSWORD_REFUSED);
		}
		err.println("ERROR: " + message);
		if (ex instanceof MigrationFailedException failed && failed.rolledBack() && failed.foundExistingObject()
				&& !failed.createdInThisRun()) {
			// The usual first meeting with a database that predates Retort: say how to adopt it. Not
			// for a revision outside a transaction: there an interrupted earlier run of the same
			// revision left the object (its message says so), and stamping would skip the rest.
			err.println("If the schema was built before Retort managed it, 'retort stamp REV' marks the revision that"
					+ " describes it as applied without running it ('retort.baseline' does this at an application's"
					+ " start); 'retort upgrade' then continues from there.");
		}
		if (ex instanceof ConnectionFailedException failed
				&& failed.refusal().filter(ConnectionRefusal.PASSWORD_MISSING::equals).isPresent()) {
			// Most often a job that sets PGPASSWORD for psql: name the ways this command line reads one.
			err.println("Give the password with --password (asked for, or read from standard input), RETORT_PASSWORD,"
					+ " SPRING_DATASOURCE_PASSWORD, the password in DATABASE_URL or --url, or ~/.pgpass (PGPASSFILE).");
		}
		if (verbosity(commandLine) > 0) {
			secrets.printStackTrace(ex, err);
		}
		else if (!(ex instanceof RetortException)) {
			err.println("(run again with -v for the stack trace)");
		}
		err.flush();
		int exitCode = getExitCode(ex);
		if (cli != null && cli.options != null && cli.options.format == GlobalOptions.OutputFormat.json) {
			FailureDocument.Error error = FailureDocument.error(ex, message, exitCode);
			printJson(commandLine, (commandLine.getCommand() instanceof RetortCommand command)
					? command.failureDocument(error) : FailureDocument.of(error));
		}
		return exitCode;
	}

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		// Picocli's message quotes the arguments, which may hold a URL with a password.
		RetortCli cli = root(commandLine);
		String message = (cli != null) ? cli.secrets().scrub(ex.getMessage()) : Secrets.scrubUrl(ex.getMessage());
		err.println("ERROR: " + message);
		if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
			err.println();
		}
		commandLine.usage(err);
		err.flush();
		int exitCode = commandLine.getCommandSpec().exitCodeOnInvalidInput();
		if (asksForJson(args)) {
			// The options were not all parsed: the arguments say whether JSON was asked for.
			printJson(commandLine, FailureDocument.of(FailureDocument.error(ex, message, exitCode)));
		}
		return exitCode;
	}

	/** Whether the failure is a connection that could not be made, whatever wraps it. */
	private static boolean connectionFailure(Throwable ex) {
		for (Throwable each = ex; each != null; each = each.getCause()) {
			if (each instanceof ConnectionFailedException) {
				return true;
			}
		}
		return false;
	}

	/** What the server refused of a connection that could not be made, whatever wraps it, or {@code null}. */
	private static ConnectionRefusal refusal(Throwable ex) {
		for (Throwable each = ex; each != null; each = each.getCause()) {
			if (each instanceof ConnectionFailedException failed) {
				return failed.refusal().orElse(null);
			}
		}
		return null;
	}

	/** Whether {@code --format json} (or {@code --format=json}) is among the arguments, in any case. */
	static boolean asksForJson(String[] args) {
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--")) {
				return false;
			}
			if ((args[i].equals("--format") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("json"))
					|| args[i].equalsIgnoreCase("--format=json")) {
				return true;
			}
		}
		return false;
	}

	/** The one document on standard output, as a command that succeeded prints its own. */
	static void printJson(CommandLine commandLine, Object document) {
		RetortCli cli = root(commandLine);
		if (cli != null) {
			// Unless the process is ending and a shutdown hook printed the document already.
			cli.document().print(document);
			return;
		}
		PrintWriter out = commandLine.getOut();
		out.println(Json.write(document));
		out.flush();
	}

	/** What kind of failure, for the JSON document: a usage error is one of configuration, as {@code usage()}'s. */
	static ErrorCode code(Throwable ex) {
		if (ex instanceof RetortException retort) {
			return retort.code();
		}
		return (ex instanceof ParameterException) ? ErrorCode.CONFIGURATION : ErrorCode.RUNTIME;
	}

	@Override
	public int getExitCode(Throwable exception) {
		if (exception instanceof RetortException retort) {
			return retort.exitCode();
		}
		return (exception instanceof ParameterException) ? USAGE : RUNTIME_FAILURE;
	}

	/** The message to show: the exception's own, else the first cause that has one. */
	static String message(Throwable ex) {
		if (ex instanceof RetortException) {
			return ex.getMessage();
		}
		for (Throwable each = ex; each != null; each = each.getCause()) {
			String message = each.getMessage();
			if (message != null && !message.isBlank()) {
				String kind = (each instanceof SQLException sql && sql.getSQLState() != null)
						? " (SQL state " + sql.getSQLState() + ")" : "";
				return message + kind;
			}
		}
		return ex.getClass().getName();
	}

	private static int verbosity(CommandLine commandLine) {
		RetortCli cli = root(commandLine);
		return (cli != null && cli.options != null) ? cli.options.verbosity() : 0;
	}

	private static RetortCli root(CommandLine commandLine) {
		CommandLine root = commandLine;
		while (root.getParent() != null) {
			root = root.getParent();
		}
		return (root.getCommand() instanceof RetortCli cli) ? cli : null;
	}

}
