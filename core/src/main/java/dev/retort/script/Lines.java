package dev.retort.script;

import java.util.Arrays;

/**
 * The lines of a text as ranges of it, split at {@code \r\n}, {@code \r} or {@code \n}; a text
 * ending in a line break has an empty last line, as {@code String.split(…, -1)} gives. Ranges
 * rather than a string per line: a revision file's lines are mostly only looked at (is it a
 * marker, a comment, blank?), and every start reads every file.
 */
final class Lines {

	private final String text;

	/** Where each line starts in {@link #text}. */
	private final int[] starts;

	/** Where each line ends, before its line break. */
	private final int[] ends;

	private final int count;

	private Lines(String text, int[] starts, int[] ends, int count) {
		this.text = text;
		this.starts = starts;
		this.ends = ends;
		this.count = count;
	}

	static Lines of(String text) {
		int[] starts = new int[16];
		int[] ends = new int[16];
		int count = 0;
		int start = 0;
		int length = text.length();
		boolean crFree = text.indexOf('\r') < 0;
		while (true) {
			int end = crFree ? text.indexOf('\n', start) : nextBreak(text, start);
			if (count == starts.length) {
				starts = Arrays.copyOf(starts, count * 2);
				ends = Arrays.copyOf(ends, count * 2);
			}
			starts[count] = start;
			ends[count] = (end < 0) ? length : end;
			count++;
			if (end < 0) {
				return new Lines(text, starts, ends, count);
			}
			start = (end + 1 < length && text.charAt(end) == '\r' && text.charAt(end + 1) == '\n') ? end + 2 : end + 1;
		}
	}

	private static int nextBreak(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				return i;
			}
		}
		return -1;
	}

	int count() {
		return this.count;
	}

	String text() {
		return this.text;
	}

	int start(int index) {
		return this.starts[index];
	}

	int end(int index) {
		return this.ends[index];
	}

	String line(int index) {
		return this.text.substring(this.starts[index], this.ends[index]);
	}

	boolean isBlank(int index) {
		for (int i = this.starts[index]; i < this.ends[index]; i++) {
			if (!Character.isWhitespace(this.text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** Whether the line is empty or a {@code --} comment, once trimmed. */
	boolean isComment(int index) {
		int i = this.starts[index];
		int end = this.ends[index];
		while (i < end && this.text.charAt(i) <= ' ') {
			i++;
		}
		return i == end || (i + 2 <= end && this.text.startsWith("--", i));
	}

	/** Lines {@code from} to {@code to} (exclusive) joined by {@code \n}, whatever the text's line breaks. */
	String join(int from, int to) {
		if (from >= to) {
			return "";
		}
		String joined = this.text.substring(this.starts[from], this.ends[to - 1]);
		if (joined.indexOf('\r') < 0) {
			return joined;
		}
		StringBuilder normalised = new StringBuilder(joined.length());
		for (int i = from; i < to; i++) {
			if (i > from) {
				normalised.append('\n');
			}
			normalised.append(this.text, this.starts[i], this.ends[i]);
		}
		return normalised.toString();
	}

}
