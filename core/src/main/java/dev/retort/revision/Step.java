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

	/**
	 * Alembic's {@code short_log} of this step: a revision's step goes from its parents to it
	 * (a downgrade back), not from the version table's rows, which on a second branch still hold
	 * the first one's head; a stamp goes from the rows before to the rows after.
	 * @param base how the caller writes an empty side: {@code <base>}, as Alembic's history does, in logs and
	 *            in the comments of scripts alike
	 */
	public String path(String base) {
		if (this.revision == null || this.operation == Operation.STAMP) {
			return heads(this.headsBefore, base) + " -> " + heads(this.headsAfter, base);
		}
		String parents = heads(this.revision.parents(), base);
		return (this.operation == Operation.DOWNGRADE) ? this.revision.id() + " -> " + parents
				: parents + " -> " + this.revision.id();
	}

	/**
	 * The step as Alembic logs it: {@code upgrade ae1027a6acf3 -> 1975ea83b712, add user column}.
	 * @param base how the caller writes an empty side
	 */
	public String describe(String base) {
		String message = (this.revision != null && this.operation != Operation.STAMP
				&& !this.revision.message().isEmpty()) ? ", " + this.revision.message() : "";
		return this.operation.jsonName() + " " + path(base) + message;
	}

	private static String heads(List<String> heads, String base) {
		return heads.isEmpty() ? base : String.join(", ", heads);
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
