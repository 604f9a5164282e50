package dev.retort.boot.command;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import dev.retort.command.Json;
import dev.retort.error.ErrorCode;

/**
 * The JSON document of an in-app command that failed before the CLI could run it (the application
 * did not start, or has no Retort): {@code --format json} promises one document on standard output
 * (SPEC §5), the same {@code {"error": {"code", "message", "exitCode"}}} the CLI prints for its own
 * failures, so a Job piping it into {@code jq} gets one. Free of the CLI's classes: it also serves
 * an application without them.
 */
final class CommandFailure {

	private static final Pattern URL_USER_INFO = Pattern.compile("(://[^/\\s:@]*:)[^@\\s/]*@");

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s;,'\"]*");

	private CommandFailure() {
	}

	/** Whether the command's arguments ask for {@code --format json}, as the CLI reads them (any case). */
	static boolean asksForJson(List<String> args) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals("--")) {
				return false;
			}
			if ((arg.equals("--format") && i + 1 < args.size() && args.get(i + 1).equalsIgnoreCase("json"))
					|| arg.equalsIgnoreCase("--format=json")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Prints the document.
	 * @param out the command's standard output
	 * @param code what kind of failure
	 * @param message what the {@code ERROR} text on standard error says
	 * @param exitCode the exit code of the process
	 * @param passwords passwords of the configuration, masked wherever they appear
	 */
	static void print(PrintStream out, ErrorCode code, String message, int exitCode, List<String> passwords) {
		// Bytes, not println: System.out writes the platform charset, US-ASCII on Java 17 without a
		// locale (a container), which turned 'é' into '?'. The CLI's rule, UTF-8 unless on a terminal.
		Charset charset = (System.console() != null) ? System.console().charset() : StandardCharsets.UTF_8;
		byte[] document = (Json.write(new Document(new Error(code, scrub(message, passwords), exitCode)))
				+ System.lineSeparator()).getBytes(charset);
		out.write(document, 0, document.length);
		out.flush();
	}

	private static String scrub(String message, List<String> passwords) {
		String scrubbed = URL_USER_INFO.matcher(message).replaceAll("$1***@");
		scrubbed = PASSWORD_PARAMETER.matcher(scrubbed).replaceAll("$1***");
		for (String password : passwords) {
			if (password != null && !password.isEmpty()) {
				scrubbed = scrubbed.replace(password, "***");
			}
		}
		return scrubbed;
	}

	private record Document(Error error) {
	}

	private record Error(ErrorCode code, String message, int exitCode) {
	}

}
