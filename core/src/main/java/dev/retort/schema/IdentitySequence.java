package dev.retort.schema;

/**
 * The options of an identity column's sequence that autogenerate compares, as Alembic compares
 * an {@code Identity}'s.
 *
 * @param start its start value
 * @param increment its increment
 */
public record IdentitySequence(long start, long increment) {

	/** What {@code GENERATED … AS IDENTITY} without options gives. */
	public static final IdentitySequence DEFAULT = new IdentitySequence(1, 1);

	/** The options as {@code CREATE SEQUENCE} writes them. */
	public String options() {
		return "START WITH " + this.start + " INCREMENT BY " + this.increment;
	}

}
