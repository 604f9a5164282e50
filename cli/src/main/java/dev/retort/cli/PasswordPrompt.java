package dev.retort.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * Asks for the password of {@code --password} given without a value. The prompt never goes to
 * standard output, which carries results alone: {@code retort upgrade --sql --password > upgrade.sql}
 * writes only the script, and {@code --format json} stays one document. On a terminal the password
 * is read without echo; otherwise (standard input or output redirected) the prompt goes to standard
 * error and the password is the first line of standard input.
 */
final class PasswordPrompt {

	static final String PROMPT = "Database password: ";

	private PasswordPrompt() {
	}

	static String ask(PrintWriter err) {
		Console console = System.console();
		if (console != null) {
			char[] password = console.readPassword(PROMPT);
			if (password == null) {
				throw noInput();
			}
			return new String(password);
		}
		err.print(PROMPT);
		err.flush();
		String password = firstLine(System.in);
		err.println();
		err.flush();
		return password;
	}

	/** The first line, read byte by byte so nothing after it is taken from standard input. */
	private static String firstLine(InputStream in) {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			int b = in.read();
			if (b == -1) {
				throw noInput();
			}
			while (b != -1 && b != '\n') {
				line.write(b);
				b = in.read();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String text = line.toString(Charset.defaultCharset());
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private static RetortException noInput() {
		return new RetortException(ErrorCode.CONFIGURATION, "--password without a value asks for the password, but "
				+ "standard input has none: type it when asked, or give --password VALUE, or set RETORT_PASSWORD.");
	}

}
