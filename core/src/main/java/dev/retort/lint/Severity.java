package dev.retort.lint;

/** How much a finding matters: {@code lint} fails (exit 3) on findings at or above a chosen one. */
public enum Severity {

	/** Advisory. */
	INFO,

	/** Reported; fails only with {@code --fail-on warning}. */
	WARNING,

	/** Fails the lint by default. */
	ERROR;

	/** Whether this severity is {@code threshold} or above it. */
	public boolean atLeast(Severity threshold) {
		return compareTo(threshold) >= 0;
	}

}
