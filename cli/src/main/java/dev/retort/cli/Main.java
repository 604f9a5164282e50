package dev.retort.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * The {@code retort} executable ({@code java -jar retort.jar}). The only place that exits the
 * process; {@link RetortCommandLine} does the work.
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) {
		Charset charset = (System.console() != null) ? System.console().charset() : Charset.defaultCharset();
		PrintStream realErr = System.err;
		// Logs (slf4j-simple writes to System.err) are Retort's own text: a password that is a word
		// ('retort') must not mask it there. Only a URL's credentials are masked, should a library log one.
		System.setErr(new PrintStream(new UrlScrubbingStream(realErr, charset), true, charset));
		// Standard output: UTF-8 unless a console reads it (RetortCommandLine.standardOutputCharset).
		Writer out = new OutputStreamWriter(System.out, RetortCommandLine.standardOutputCharset());
		int exitCode = RetortCommandLine.execute(args, CliEnvironment.system(), out,
				new OutputStreamWriter(realErr, charset), new Secrets(), true);
		System.out.flush();
		System.err.flush();
		System.exit(exitCode);
	}

	/** Bytes written to standard error, the credentials of URLs masked line by line. */
	private static final class UrlScrubbingStream extends OutputStream {

		private final PrintStream target;

		private final Charset charset;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		UrlScrubbingStream(PrintStream target, Charset charset) {
			this.target = target;
			this.charset = charset;
		}

		@Override
		public synchronized void write(int b) {
			this.line.write(b);
			if (b == '\n') {
				flush();
			}
		}

		@Override
		public synchronized void flush() {
			if (this.line.size() > 0) {
				String text = this.line.toString(this.charset);
				this.target.print(Secrets.scrubUrl(text));
				this.line.reset();
			}
			this.target.flush();
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
