package dev.retort.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tables, free-standing sequences and enum types of one schema, by name.
 *
 * @param tables the tables
 * @param sequences the sequences no column owns (a {@code serial} column's comes with it)
 * @param enums the enum types
 */
public record SchemaModel(Map<String, TableModel> tables, Map<String, SequenceModel> sequences,
		Map<String, EnumModel> enums) {

	public SchemaModel {
		tables = new TreeMap<>(tables);
		sequences = new TreeMap<>(sequences);
		enums = new TreeMap<>(enums);
	}

}
