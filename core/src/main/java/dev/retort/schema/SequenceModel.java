package dev.retort.schema;

/**
 * A sequence that is not an identity column's.
 *
 * @param name its name
 * @param start its start value
 * @param increment its increment
 * @param ownerTable the table of the column that owns it ({@code OWNED BY}), or {@code null}
 * @param ownerColumn that column, or {@code null}
 */
public record SequenceModel(String name, long start, long increment, String ownerTable, String ownerColumn) {

	/** A sequence no column owns. */
	public SequenceModel(String name, long start, long increment) {
		this(name, start, increment, null, null);
	}

	public boolean isOwned() {
		return this.ownerTable != null;
	}

}
