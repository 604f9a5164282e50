package dev.retort.config;

/** How revisions are grouped into transactions. */
public enum TransactionMode {

	/** Each revision in its own transaction (the default): a failure keeps the revisions before it. */
	PER_REVISION,

	/** One transaction for the whole run: all or nothing. */
	ALL

}
