package dev.retort.runtime;

/**
 * What the history table says of one revision.
 *
 * @param revision the revision
 * @param lastOperation operation of its last successful step ({@code upgrade}, {@code downgrade},
 * {@code stamp})
 * @param checksum checksum of its last successful upgrade, or {@code null}
 */
public record AppliedRevision(String revision, String lastOperation, String checksum) {

	/** Whether the history shows it applied (upgraded or stamped, not downgraded since). */
	public boolean applied() {
		return !"downgrade".equals(this.lastOperation);
	}

}
