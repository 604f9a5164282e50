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
 * @param lastValue the last value it handed out when the schema was read, or {@code null} when it
 * was never used (or is the model's, which never is)
 */
public record SequenceModel(String name, String type, IdentitySequence options, String ownerTable,
		String ownerColumn, Long lastValue) {

	/** The type a sequence has when {@code CREATE SEQUENCE} names none. */
	public static final String DEFAULT_TYPE = "bigint";

	/** A sequence never used: it stands at its start. */
	public SequenceModel(String name, String type, IdentitySequence options, String ownerTable, String ownerColumn) {
		this(name, type, options, ownerTable, ownerColumn, null);
	}

	public boolean isOwned() {
		return this.ownerTable != null;
	}

	/** Whether it differs from {@code other} in its type or an option, the owner and the value it stands at left aside. */
	public boolean differsFrom(SequenceModel other) {
		return !this.type.equals(other.type) || !this.options.equals(other.options);
	}

}
