package dev.retort.runtime;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;
import dev.retort.revision.Revision.Kind;

/** Applied revisions changed on disk since they were applied; carries both checksums of each. */
public class ChecksumMismatchException extends RetortException {

	private final List<Mismatch> mismatches;

	public ChecksumMismatchException(String message, List<Mismatch> mismatches) {
		super(ErrorCode.CHECKSUM_MISMATCH, message);
		this.mismatches = List.copyOf(mismatches);
	}

	/** Every applied revision whose file changed. */
	public List<Mismatch> mismatches() {
		return this.mismatches;
	}

	/**
	 * One changed revision.
	 *
	 * @param revision the revision
	 * @param source its file, or its class
	 * @param applied the checksum recorded when it was applied
	 * @param onDisk the checksum of the file now (of a Java revision: of the SQL it renders now)
	 * @param kind SQL file or Java class: what changed, and what to revert
	 */
	public record Mismatch(String revision, String source, String applied, String onDisk, Kind kind) {

		/** A SQL revision's. */
		public Mismatch(String revision, String source, String applied, String onDisk) {
			this(revision, source, applied, onDisk, Kind.SQL);
		}

		/** The sentence of SPEC §8 for this revision. */
		public String describe() {
			return describe(null);
		}

		/**
		 * The sentence of SPEC §8 for this revision, naming the schema it was applied to.
		 * @param schema the configured schema, or {@code null} when none is: an application that
		 * migrates a schema per tenant must tell from the message which tenant refused to run
		 */
		public String describe(String schema) {
			String subject = "Applied revision " + this.revision + " (" + this.source + ")"
					+ ((schema != null) ? " in schema " + Sql.identifier(schema) : "");
			if (this.kind == Kind.JAVA) {
				// Its checksum is of the SQL it renders: say so, and how to see that SQL now.
				return subject + " changed since it was applied: its"
						+ " upgrade renders other SQL now (checksum " + this.applied + " != " + this.onDisk
						+ "; 'retort show " + this.revision + "' prints it). Applied revisions are never edited:"
						+ " revert the class and add a new revision. If the class is as it was and what it renders"
						+ " depends on when or where it runs (the date, a property), override Migration.checksum()"
						+ " with a version of your own.";
			}
			return subject + " changed on disk since it was applied"
					+ " (checksum " + this.applied + " != " + this.onDisk
					+ "). Applied revisions are never edited: revert the file and add a new revision.";
		}

	}

}
