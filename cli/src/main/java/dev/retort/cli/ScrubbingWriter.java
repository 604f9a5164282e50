package dev.retort.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that masks passwords before they reach the terminal. It holds text back until a line
 * ends (or a flush), so a password is always seen whole by {@link Secrets#scrub}.
 */
final class ScrubbingWriter extends Writer {

	private final Writer target;

	private final Secrets secrets;

	private final boolean urls;

	private final StringBuilder pending = new StringBuilder();

	/**
	 * @param target where the scrubbed text goes
	 * @param secrets the passwords to mask
	 * @param urls whether to mask every password written in a URL too, registered or not
	 */
	ScrubbingWriter(Writer target, Secrets secrets, boolean urls) {
		this.target = target;
		this.secrets = secrets;
		this.urls = urls;
	}

	@Override
	public synchronized void write(char[] buffer, int offset, int length) throws IOException {
		for (int i = offset; i < offset + length; i++) {
			char c = buffer[i];
			this.pending.append(c);
			if (c == '\n' || c == '\r') {
				drain();
			}
		}
	}

	@Override
	public synchronized void flush() throws IOException {
		drain();
		this.target.flush();
	}

	@Override
	public synchronized void close() throws IOException {
		flush();
		this.target.close();
	}

	/**
	 * Writes {@code text} unmasked, after what is held back (masked). For an offline script only:
	 * it is made of the revision files and bookkeeping SQL, never of the connection settings, and
	 * must reach psql exactly as it would run (a password that is also a word, such as 'coffee',
	 * masked in a history message, would record another message than an online run).
	 */
	synchronized void writeVerbatim(String text) throws IOException {
		drain();
		this.target.write(text);
		this.target.flush();
	}

	private void drain() throws IOException {
		if (this.pending.length() > 0) {
			String text = this.pending.toString();
			this.target.write(this.urls ? this.secrets.scrub(text) : this.secrets.scrubKnown(text));
			this.pending.setLength(0);
		}
	}

}
