package dev.retort.autogenerate;

import java.util.Objects;

/**
 * An object autogenerate does not compare (a function, a trigger, a materialized view), with the
 * statements that bring it where the model has it and back, as PostgreSQL prints them: for the
 * revision to name what its author writes by hand, ready to check and copy.
 *
 * @param object what it is, as {@code kind name} ({@code trigger rooms_touch on rooms})
 * @param upgrade the statement that creates it (or takes it away), or {@code null} when PostgreSQL
 * prints none (an aggregate, a foreign table)
 * @param downgrade the statement that undoes that one, or {@code null}
 */
public record LeftOut(String object, String upgrade, String downgrade) {

	public LeftOut {
		Objects.requireNonNull(object, "object");
	}

	/** Whether it is an extension, which what autogenerate writes may use. */
	boolean extension() {
		return this.object.startsWith("extension ");
	}

	/** The same, described so. */
	LeftOut named(String description) {
		return new LeftOut(description, this.upgrade, this.downgrade);
	}

	/**
	 * This object of the model in place of the database's of the same name: a function or a comment
	 * replaced in place ({@code CREATE OR REPLACE}, {@code COMMENT ON}), anything else taken away and
	 * created again.
	 */
	LeftOut replacing(LeftOut existing) {
		if (this.upgrade == null || existing.upgrade == null) {
			return new LeftOut(this.object, this.upgrade, existing.upgrade);
		}
		if (this.object.startsWith("function ") || this.object.startsWith("procedure ") || this.object.startsWith("comment on ")) {
			return new LeftOut(this.object, this.upgrade, existing.upgrade);
		}
		return new LeftOut(this.object, existing.downgrade + ";\n" + this.upgrade, this.downgrade + ";\n" + existing.upgrade);
	}

	/** The same object taken away: what creates it undoes the upgrade. */
	LeftOut takenAway() {
		return new LeftOut(this.object, this.downgrade, this.upgrade);
	}

}
