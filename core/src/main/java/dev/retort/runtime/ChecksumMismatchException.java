package dev.retort.runtime;

import java.util.List;

import dev.retort.error.ErrorCode;
import dev.retort.error.RetortException;

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
	 * @param source its file
	 * @param applied the checksum recorded when it was applied
	 * @param onDisk the checksum of the file now
	 */
	public record Mismatch(String revision, String source, String applied, String onDisk) {

		/** The sentence of SPEC §8 for this revision. */
		public String describe() {
			return "Applied revision " + this.revision + " (" + this.source + ") changed on disk since it was applied"
					+ " (checksum " + this.applied + " != " + this.onDisk
					+ "). Applied revisions are never edited: revert the file and add a new revision.";
		}

	}

}
