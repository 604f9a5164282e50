package dev.retort.schema;

/**
 * A sequence that is not an identity column's.
 *
 * @param name its name
 * @param type its type ({@code AS smallint}, {@code integer} or {@code bigint})
 * @param options its start, increment, bounds, cache and cycle, the bounds that are the default
 * of its type and direction left out, as an identity's
 * @param ownerTable the table of the column that owns it ({@code OWNED BY}), or {@code null}
 * @param ownerColumn that column, or {@code null}
 */
public record SequenceModel(String name, String type, IdentitySequence options, String ownerTable,
		String ownerColumn) {

	/** The type a sequence has when {@code CREATE SEQUENCE} names none. */
	public static final String DEFAULT_TYPE = "bigint";

	public boolean isOwned() {
		return this.ownerTable != null;
	}

	/** Whether it differs from {@code other} in its type or an option, the owner left aside. */
	public boolean differsFrom(SequenceModel other) {
		return !this.type.equals(other.type) || !this.options.equals(other.options);
	}

}
