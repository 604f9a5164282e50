package dev.retort.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tables, partitions, views, free-standing sequences, enum types, domains and composite types of one schema, by name.
 *
 * @param tables the tables
 * @param views the views
 * @param sequences the sequences but an identity column's (a {@code serial} column's among them)
 * @param enums the enum types
 * @param partitions the partitions of the partitioned tables (not in {@code tables})
 * @param domains the domains
 * @param compositeTypes the composite types
 */
public record SchemaModel(Map<String, TableModel> tables, Map<String, ViewModel> views,
		Map<String, SequenceModel> sequences, Map<String, EnumModel> enums, Map<String, PartitionModel> partitions,
		Map<String, DomainModel> domains, Map<String, CompositeTypeModel> compositeTypes) {

	public SchemaModel {
		tables = new TreeMap<>(tables);
		views = new TreeMap<>(views);
		sequences = new TreeMap<>(sequences);
		enums = new TreeMap<>(enums);
		partitions = new TreeMap<>(partitions);
		domains = new TreeMap<>(domains);
		compositeTypes = new TreeMap<>(compositeTypes);
	}

	/** A schema without composite types. */
	public SchemaModel(Map<String, TableModel> tables, Map<String, ViewModel> views,
			Map<String, SequenceModel> sequences, Map<String, EnumModel> enums, Map<String, PartitionModel> partitions,
			Map<String, DomainModel> domains) {
		this(tables, views, sequences, enums, partitions, domains, Map.of());
	}

	/** A schema without domains. */
	public SchemaModel(Map<String, TableModel> tables, Map<String, ViewModel> views,
			Map<String, SequenceModel> sequences, Map<String, EnumModel> enums, Map<String, PartitionModel> partitions) {
		this(tables, views, sequences, enums, partitions, Map.of(), Map.of());
	}

	/** A schema without partitions. */
	public SchemaModel(Map<String, TableModel> tables, Map<String, ViewModel> views,
			Map<String, SequenceModel> sequences, Map<String, EnumModel> enums) {
		this(tables, views, sequences, enums, Map.of(), Map.of());
	}

}
