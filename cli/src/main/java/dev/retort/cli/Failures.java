package dev.retort.cli;

import java.io.PrintWriter;
import java.sql.SQLException;

import dev.retort.error.RetortException;
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
 * exits 2; anything else exits 1. The stack trace is printed only with {@code -v}. The error
 * stream is scrubbed of passwords, traces included.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

	static final int RUNTIME_FAILURE = 1;

	static final int USAGE = 2;

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		err.println("ERROR: " + message(ex));
		if (ex instanceof MigrationFailedException failed && failed.rolledBack() && failed.foundExistingObject()) {
			// The usual first meeting with a database that predates Retort: say how to adopt it. Not
			// for a revision outside a transaction: there an interrupted earlier run of the same
			// revision left the object (its message says so), and stamping would skip the rest.
			err.println("If the schema was built before Retort managed it, 'retort stamp REV' marks the revision that"
					+ " describes it as applied without running it ('retort.baseline' does this at an application's"
					+ " start); 'retort upgrade' then continues from there.");
		}
		if (verbosity(commandLine) > 0) {
			ex.printStackTrace(err);
		}
		else if (!(ex instanceof RetortException)) {
			err.println("(run again with -v for the stack trace)");
		}
		err.flush();
		return getExitCode(ex);
	}

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine commandLine = ex.getCommandLine();
		PrintWriter err = commandLine.getErr();
		err.println("ERROR: " + ex.getMessage());
		if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
			err.println();
		}
		commandLine.usage(err);
		err.flush();
		return commandLine.getCommandSpec().exitCodeOnInvalidInput();
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
		CommandLine root = commandLine;
		while (root.getParent() != null) {
			root = root.getParent();
		}
		return (root.getCommand() instanceof RetortCli cli && cli.options != null) ? cli.options.verbosity() : 0;
	}

}
