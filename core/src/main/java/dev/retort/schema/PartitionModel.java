package dev.retort.schema;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A partition of a partitioned table: a table of its own in the catalog, whose columns,
 * constraints and indexes come from its parent.
 *
 * @param name its name
 * @param parent the partitioned table it is attached to
 * @param bound its bound as PostgreSQL prints it ({@code FOR VALUES FROM ('2025-01-01') TO (…)}, {@code DEFAULT})
 * @param partitionKey its own partition key when it is partitioned in turn ({@code RANGE (at)}), else {@code null}
 * @param columnSettings its columns' own statistics targets, options, storage and compression, by column: a
 * partition's are its own, which its parent's {@code ALTER TABLE ONLY} does not change
 */
public record PartitionModel(String name, String parent, String bound, String partitionKey,
		Map<String, ColumnSettings> columnSettings) {

	public PartitionModel {
		columnSettings = new TreeMap<>(columnSettings);
	}

	/** Whether the other is attached where this one is: to the same parent, with the same bound and key. */
	public boolean samePlaceAs(PartitionModel other) {
		return this.parent.equals(other.parent) && this.bound.equals(other.bound)
				&& Objects.equals(this.partitionKey, other.partitionKey);
	}

}
