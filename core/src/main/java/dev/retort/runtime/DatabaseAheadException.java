package dev.retort.runtime;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

/**
 * The database holds revisions the scripts do not know (a newer deployment ran), and the
 * requested plan would have to move past them.
 */
public class DatabaseAheadException extends RetortException {

	/** How each message of this failure but a renamed revision's names where it stands. */
	private static final String THE_DATABASE_IS_AT = "The database is at ";

	private final List<String> unknownRevisions;

	public DatabaseAheadException(String message, List<String> unknownRevisions) {
		super(ErrorCode.DATABASE_AHEAD, message);
		this.unknownRevisions = List.copyOf(unknownRevisions);
	}

	/** The version rows no script declares. */
	public List<String> unknownRevisions() {
		return this.unknownRevisions;
	}

	/**
	 * The message, naming the schema the run ran in when one was configured ({@link #schema()}: a
	 * tenant's {@code Retort.forSchema}, {@code retort.schema}, {@code --schema}), as a failed
	 * revision's and a changed checksum's do: an application that migrates a schema per tenant and
	 * logs a tenant's failure (a strategy that goes on to the next), or shows it in a health
	 * component's {@code error}, must say which tenant a newer version migrated. The schema is known
	 * only once the facade that ran the command marks the failure, after the message was written.
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		if (schema() == null || message == null) {
			return message;
		}
		String schema = Sql.identifier(schema());
		if (message.startsWith(THE_DATABASE_IS_AT)) {
			return "Schema " + schema + " is at " + message.substring(THE_DATABASE_IS_AT.length());
		}
		return "In schema " + schema + ": " + message;
	}

}
