package dev.retort.test;

import java.util.ArrayList;
import java.util.List;

import dev.retort.Retort;
import dev.retort.config.RetortConfig;
import dev.retort.revision.Revision;

/**
 * At the heads, no index left invalid (a failed {@code CREATE INDEX CONCURRENTLY}), no
 * constraint {@code NOT VALID} and none whose triggers {@code DISABLE TRIGGER ALL} left disabled,
 * each named with the revision that left it.
 */
final class InvalidObjectsCheck {

	private final RetortConfig config;

	private final Retort retort;

	private final KitSessions sessions;

	private final DatabaseEmptier emptier;

	InvalidObjectsCheck(RetortConfig config, Retort retort, KitSessions sessions, DatabaseEmptier emptier) {
		this.config = config;
		this.retort = retort;
		this.sessions = sessions;
		this.emptier = emptier;
	}

	/** The database, at its heads, holds nothing invalid. */
	void nothingInvalid() {
		List<String> invalid = SchemaSnapshot.of(this.sessions, this.config).invalidObjects();
		if (!invalid.isEmpty()) {
			// The triggers' advice only where a constraint's are disabled: most never meet DISABLE TRIGGER ALL.
			boolean triggersDisabled = invalid.stream()
				.anyMatch((line) -> !line.endsWith(" NOT VALID") && !line.endsWith(" (invalid)"));
			String triggers = triggersDisabled
					? ", enable again the triggers of each one not enforced (ALTER TABLE … ENABLE TRIGGER ALL)" : "";
			throw new AssertionError("At the head, objects are left invalid:" + leftBy(invalid)
					+ "\n  Validate each constraint (ALTER TABLE … VALIDATE CONSTRAINT)" + triggers
					+ " and rebuild each index in a later revision.");
		}
	}

	/**
	 * Each object with the revision that left it, found only once the check fails: the database
	 * emptied and upgraded again one revision at a time, to end at the heads as before.
	 */
	private String leftBy(List<String> objects) {
		this.emptier.empty();
		List<String> left = new ArrayList<>(objects);
		StringBuilder text = new StringBuilder();
		for (Revision revision : this.retort.graph().upgradeOrder()) {
			this.retort.upgrade(revision.id());
			List<String> now = SchemaSnapshot.of(this.sessions, this.config).invalidObjects();
			for (String object : List.copyOf(left)) {
				if (now.contains(object)) {
					text.append("\n    ").append(object).append(", left by revision ").append(RevisionNames.named(revision));
					left.remove(object);
				}
			}
		}
		left.forEach((object) -> text.append("\n    ").append(object));
		return text.toString();
	}

}
