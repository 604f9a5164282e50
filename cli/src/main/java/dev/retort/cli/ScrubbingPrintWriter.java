package dev.retort.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Standard output of a command: every line masked by its {@link ScrubbingWriter}, but for an
 * offline script, which {@link #printVerbatim} hands on as it is.
 */
final class ScrubbingPrintWriter extends PrintWriter {

	private final ScrubbingWriter scrubbing;

	ScrubbingPrintWriter(ScrubbingWriter scrubbing) {
		super(scrubbing, true);
		this.scrubbing = scrubbing;
	}

	/** Prints an offline ({@code --sql}) script exactly as it would run; see {@link ScrubbingWriter#writeVerbatim}. */
	void printVerbatim(String script) {
		flush();
		try {
			this.scrubbing.writeVerbatim(script);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
