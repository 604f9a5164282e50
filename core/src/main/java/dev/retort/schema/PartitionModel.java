package dev.retort.schema;

/**
 * A partition of a partitioned table: a table of its own in the catalog, whose columns,
 * constraints and indexes come from its parent.
 *
 * @param name its name
 * @param parent the partitioned table it is attached to
 * @param bound its bound as PostgreSQL prints it ({@code FOR VALUES FROM ('2025-01-01') TO (…)}, {@code DEFAULT})
 * @param partitionKey its own partition key when it is partitioned in turn ({@code RANGE (at)}), else {@code null}
 */
public record PartitionModel(String name, String parent, String bound, String partitionKey) {
}
