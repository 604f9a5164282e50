package dev.retort.schema;

import java.util.List;

/**
 * What {@code ALTER COLUMN} sets on a column besides its type and value: how {@code ANALYZE} samples it,
 * its per-column options, and how its values are stored.
 *
 * @param statistics its statistics target ({@code SET STATISTICS}), {@code -1} for the server's default
 * @param options its options as PostgreSQL keeps them ({@code n_distinct=-0.5}), sorted; none for the defaults
 * @param storage its storage ({@code PLAIN}, {@code EXTERNAL}, {@code EXTENDED}, {@code MAIN})
 * @param typeStorage the storage of its type, which a column has unless set otherwise
 * @param compression its compression method ({@code pglz}, {@code lz4}), {@code null} for the server's default
 */
public record ColumnSettings(int statistics, List<String> options, String storage, String typeStorage,
		String compression) {

	/** A column with nothing set: what the model's columns are taken to have when not read from a server. */
	public static final ColumnSettings DEFAULT = new ColumnSettings(-1, List.of(), null, null, null);

	public ColumnSettings {
		options = options.stream().sorted().toList();
	}

	/** Its storage when other than its type's, else {@code null}. */
	public String ownStorage() {
		return (this.storage == null || this.storage.equals(this.typeStorage)) ? null : this.storage;
	}

}
