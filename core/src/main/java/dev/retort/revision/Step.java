package dev.retort.revision;

import java.util.List;

/**
 * One step of a {@link Plan}: run a revision's upgrade or downgrade (or, for a stamp, nothing)
 * and change the version table from {@code headsBefore} to {@code headsAfter}.
 *
 * @param revision the revision run by this step; for a stamp, the revision stamped (may be
 * {@code null} for {@code stamp base} or {@code --purge} alone)
 * @param operation upgrade, downgrade or stamp
 * @param changes the version-table changes, in the order to apply them
 * @param headsBefore the version rows before the step
 * @param headsAfter the version rows after the step
 */
public record Step(Revision revision, Operation operation, List<VersionChange> changes, List<String> headsBefore,
		List<String> headsAfter) {

	public Step {
		changes = List.copyOf(changes);
		headsBefore = List.copyOf(headsBefore);
		headsAfter = List.copyOf(headsAfter);
	}

	/** Whether this step deletes every version row ({@code stamp --purge}). */
	public boolean purges() {
		for (VersionChange change : this.changes) {
			if (change instanceof VersionChange.DeleteAll) {
				return true;
			}
		}
		return false;
	}

	/** What a step does; the names are those of {@code retort_history.operation}. */
	public enum Operation {

		UPGRADE("upgrade"), DOWNGRADE("downgrade"), STAMP("stamp");

		private final String jsonName;

		Operation(String jsonName) {
			this.jsonName = jsonName;
		}

		/** The lower-case name, asked for several times per step run. */
		public String jsonName() {
			return this.jsonName;
		}

	}

}
